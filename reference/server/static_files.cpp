#include "reference/server/static_files.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <climits>
#include <cstdlib>

namespace wirecheck::server {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool under_root(const std::string& root, const std::string& path) {
  if (path == root) return true;
  if (root == "/") return true;
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
         path[root.size()] == '/';
}

std::string real_path(const std::string& path, int& err) {
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf) == nullptr) {
    err = errno;
    return {};
  }
  err = 0;
  return buf;
}

}  // namespace

bool percent_decode(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c != '%') {
      out += c;
      continue;
    }
    if (i + 2 >= in.size()) return false;  // "%" needs two hex digits after it
    int hi = hex_value(in[i + 1]);
    int lo = hex_value(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    char decoded = static_cast<char>(hi * 16 + lo);
    if (decoded == '\0') return false;
    out += decoded;
    i += 2;
  }
  return true;
}

std::string_view content_type_for(std::string_view path) {
  struct Entry {
    std::string_view ext, type;
  };
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"}, {".htm", "text/html; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"}, {".css", "text/css"},
      {".js", "text/javascript"},            {".json", "application/json"},
      {".png", "image/png"},                 {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},               {".gif", "image/gif"},
      {".svg", "image/svg+xml"},             {".xml", "application/xml"},
  };
  for (const auto& e : kTypes) {
    if (ends_with(path, e.ext)) return e.type;
  }
  return "application/octet-stream";
}

StaticFile open_static(const std::string& root_real, std::string_view raw_path) {
  StaticFile out;
  std::string decoded;
  if (!percent_decode(raw_path, decoded)) {
    out.status = 400;
    out.why = "malformed percent-encoding in the path";
    return out;
  }
  if (decoded.empty() || decoded.front() != '/') {
    out.status = 400;
    out.why = "the path must start with '/'";
    return out;
  }
  int err = 0;
  std::string resolved = real_path(root_real + decoded, err);
  if (resolved.empty()) {
    out.status = err == EACCES ? 403 : 404;
    out.why = "no such file";
    return out;
  }
  // realpath() has removed "..", "." and every symlink: what is left must lie under the root.
  if (!under_root(root_real, resolved)) {
    out.status = 404;
    out.why = "no such file";
    return out;
  }
  struct stat st{};
  if (::stat(resolved.c_str(), &st) != 0) {
    out.why = "no such file";
    return out;
  }
  if (S_ISDIR(st.st_mode)) {
    std::string index = real_path(resolved + "/index.html", err);
    if (index.empty() || !under_root(root_real, index) || ::stat(index.c_str(), &st) != 0 ||
        !S_ISREG(st.st_mode)) {
      out.status = 403;
      out.why = "directory listings are not served";
      return out;
    }
    resolved = index;
  }
  if (!S_ISREG(st.st_mode)) {
    out.status = 403;
    out.why = "not a regular file";
    return out;
  }
  out.fd.reset(::open(resolved.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!out.fd) {
    out.status = errno == EACCES ? 403 : 404;
    out.why = "cannot open the file";
    return out;
  }
  out.status = 200;
  out.size = static_cast<uint64_t>(st.st_size);
  out.content_type = content_type_for(resolved);
  return out;
}

}  // namespace wirecheck::server
