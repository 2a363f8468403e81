// Reports are written whole or not at all: a CI job that reads report.xml while a run is being
// interrupted must see the previous report or the new one, never half of one.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "reports/atomic_file.h"
#include "reports/report.h"

namespace wirecheck::reports {
namespace {

std::string directory_of(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

bool set_error(std::string* error, const std::string& what, int err) {
  if (error) *error = what + ": " + std::strerror(err);
  return false;
}

}  // namespace

namespace detail {

bool write_file_atomically(const std::string& path, std::string_view content, std::string* error,
                           RenameFunction rename_file) {
  if (path.empty()) {
    if (error) *error = "cannot write a report: no file name given";
    return false;
  }
  // O_EXCL with a name of our own rather than mkstemp: the file gets 0666 & ~umask, the mode
  // any other file the user writes gets, instead of mkstemp's 0600.
  std::string temp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    temp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(attempt);
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) {
      return set_error(error, "cannot write '" + path + "' (creating a temporary file in " +
                                  directory_of(path) + ")", errno);
    }
  }
  if (fd < 0) return set_error(error, "cannot write '" + path + "'", EEXIST);

  auto abandon = [&](const std::string& what, int err) {
    ::close(fd);
    ::unlink(temp.c_str());
    return set_error(error, "cannot write '" + path + "' (" + what + ")", err);
  };
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return abandon("writing", errno);
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return abandon("flushing to disk", errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return set_error(error, "cannot write '" + path + "' (closing)", err);
  }
  if (rename_file(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return set_error(error, "cannot write '" + path + "' (replacing it)", err);
  }
  // The rename is durable only once the directory entry is; a failure here is not worth
  // failing the report for (the file itself is complete).
  int dir = ::open(directory_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return true;
}

}  // namespace detail

bool write_file_atomically(const std::string& path, std::string_view content, std::string* error) {
  return detail::write_file_atomically(
      path, content, error, [](const char* from, const char* to) { return ::rename(from, to); });
}

}  // namespace wirecheck::reports
