// Reports are replaced whole or not at all.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "reports/atomic_file.h"
#include "reports/report.h"

namespace wirecheck::reports {
namespace {

namespace fs = std::filesystem;

class AtomicWrite : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("wirecheck-atomic-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  static std::string read(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  size_t entries() const {
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
  }

  fs::path dir_;
};

TEST_F(AtomicWrite, WritesNewFile) {
  std::string error;
  ASSERT_TRUE(write_file_atomically(path("r.xml"), "<a/>\n", &error)) << error;
  EXPECT_EQ(read(path("r.xml")), "<a/>\n");
  EXPECT_EQ(entries(), 1u) << "no temporary file left behind";
}

TEST_F(AtomicWrite, ReplacesOldFile) {
  std::ofstream(path("r.json")) << "old";
  std::string error;
  ASSERT_TRUE(write_file_atomically(path("r.json"), "new", &error)) << error;
  EXPECT_EQ(read(path("r.json")), "new");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicWrite, ModeFollowsTheUmaskNotMkstemp) {
  mode_t old = ::umask(022);
  std::string error;
  bool ok = write_file_atomically(path("m.txt"), "x", &error);
  ::umask(old);
  ASSERT_TRUE(ok) << error;
  struct stat st {};
  ASSERT_EQ(::stat(path("m.txt").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST_F(AtomicWrite, FailingRenameKeepsOldFileAndLeavesNothing) {
  std::ofstream(path("r.xml")) << "old report";
  std::string error;
  bool ok = detail::write_file_atomically(path("r.xml"), "new report", &error,
                                          [](const char*, const char*) {
                                            errno = EXDEV;
                                            return -1;
                                          });
  EXPECT_FALSE(ok);
  EXPECT_EQ(read(path("r.xml")), "old report");
  EXPECT_EQ(entries(), 1u) << "the temporary file must be removed";
  EXPECT_NE(error.find(path("r.xml")), std::string::npos) << error;
  EXPECT_NE(error.find("Invalid cross-device link"), std::string::npos) << error;
}

// A real rename failure: the name is taken by a directory that is not empty.
TEST_F(AtomicWrite, RealRenameFailureOverADirectory) {
  fs::create_directories(dir_ / "r.xml" / "inside");
  std::string error;
  EXPECT_FALSE(write_file_atomically(path("r.xml"), "new", &error));
  EXPECT_TRUE(fs::is_directory(dir_ / "r.xml" / "inside"));
  EXPECT_EQ(entries(), 1u);
  EXPECT_NE(error.find("replacing it"), std::string::npos) << error;
}

// A write that fails half-way (the file size limit, which binds root too): no partial file
// replaces the old one and none is left beside it.
TEST_F(AtomicWrite, FailedWriteHalfWayKeepsOldFile) {
  std::ofstream(path("r.md")) << "old";
  struct rlimit saved {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = saved;
  small.rlim_cur = 1000;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  std::string error;
  bool ok = write_file_atomically(path("r.md"), std::string(5000, 'x'), &error);
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_FALSE(ok);
  EXPECT_EQ(read(path("r.md")), "old");
  EXPECT_EQ(entries(), 1u);
  EXPECT_NE(error.find("writing"), std::string::npos) << error;
}

TEST_F(AtomicWrite, MissingDirectoryIsAClearError) {
  std::string error;
  EXPECT_FALSE(write_file_atomically(path("no/such/dir/r.xml"), "x", &error));
  EXPECT_NE(error.find("No such file or directory"), std::string::npos) << error;
  EXPECT_NE(error.find("no/such/dir/r.xml"), std::string::npos) << error;
}

TEST_F(AtomicWrite, RelativePathInCurrentDirectory) {
  auto cwd = fs::current_path();
  fs::current_path(dir_);
  std::string error;
  bool ok = write_file_atomically("plain.txt", "x", &error);
  fs::current_path(cwd);
  ASSERT_TRUE(ok) << error;
  EXPECT_EQ(read(path("plain.txt")), "x");
}

}  // namespace
}  // namespace wirecheck::reports
