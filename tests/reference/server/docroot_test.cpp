// Static files under --docroot, and every way out of it refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/reference/server/server_fixture.h"

namespace wirecheck::server::testing {
namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& p, const std::string& content) {
  std::ofstream out(p, std::ios::binary);
  out << content;
}

class Docroot : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("wirecheck-docroot-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "root";
    fs::create_directories(root_ / "sub");
    fs::create_directories(root_ / "empty");
    write_file(root_ / "hello.txt", "hello file\n");
    write_file(root_ / "sub" / "index.html", "<p>index</p>\n");
    write_file(base_ / "secret.txt", "outside the root\n");
    fs::create_symlink(base_ / "secret.txt", root_ / "link-out.txt");
    fs::create_symlink(root_ / "hello.txt", root_ / "link-in.txt");
    fs::create_directory_symlink(base_, root_ / "dir-out");
    std::string big(200'000, 'z');
    write_file(root_ / "big.bin", big);
    ServerConfig cfg = test_config();
    cfg.docroot = root_.string();
    srv_ = std::make_unique<TestServer>(cfg);
  }
  void TearDown() override {
    srv_.reset();
    fs::remove_all(base_);
  }
  int status_of(const std::string& target) {
    auto r = fetch(srv_->port(), get(target));
    return r ? r->status : -1;
  }

  fs::path base_;
  fs::path root_;
  std::unique_ptr<TestServer> srv_;
};

TEST_F(Docroot, ServesAFile) {
  auto r = fetch(srv_->port(), get("/hello.txt"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "hello file\n");
  EXPECT_NE(r->field("Content-Type")->find("text/plain"), std::string::npos);
}

TEST_F(Docroot, ServesALargeFileStreamed) {
  auto r = fetch(srv_->port(), get("/big.bin"));
  ASSERT_TRUE(r);
  EXPECT_EQ(*r->field("Content-Length"), "200000");
  EXPECT_EQ(r->body, std::string(200'000, 'z'));
}

TEST_F(Docroot, DirectoryServesItsIndex) {
  auto r = fetch(srv_->port(), get("/sub/"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "<p>index</p>\n");
}

TEST_F(Docroot, DirectoryWithoutIndexIsNotListed) { EXPECT_EQ(status_of("/empty/"), 403); }

TEST_F(Docroot, MissingFileIs404) { EXPECT_EQ(status_of("/nope.txt"), 404); }

TEST_F(Docroot, PercentEncodedNameIsDecoded) { EXPECT_EQ(status_of("/hell%6F.txt"), 200); }

TEST_F(Docroot, DotDotCannotEscape) {
  EXPECT_EQ(status_of("/../secret.txt"), 404);
  EXPECT_EQ(status_of("/sub/../../secret.txt"), 404);
}

TEST_F(Docroot, EncodedDotsCannotEscape) {
  EXPECT_EQ(status_of("/%2e%2e/secret.txt"), 404);
  EXPECT_EQ(status_of("/%2E%2E%2Fsecret.txt"), 404);
  EXPECT_EQ(status_of("/sub/%2e%2e/%2e%2e/secret.txt"), 404);
}

TEST_F(Docroot, SymlinkOutOfTheRootIsRefused) {
  EXPECT_EQ(status_of("/link-out.txt"), 404);
  EXPECT_EQ(status_of("/dir-out/secret.txt"), 404);
}

TEST_F(Docroot, SymlinkInsideTheRootIsFollowed) { EXPECT_EQ(status_of("/link-in.txt"), 200); }

TEST_F(Docroot, MalformedEscapeIs400) {
  EXPECT_EQ(status_of("/bad%zz"), 400);
  EXPECT_EQ(status_of("/nul%00.txt"), 400);
}

TEST_F(Docroot, NothingLeaksInAnyResponse) {
  for (const char* t : {"/../secret.txt", "/%2e%2e/secret.txt", "/link-out.txt",
                        "/dir-out/secret.txt", "/..%2fsecret.txt"}) {
    auto r = fetch(srv_->port(), get(t));
    ASSERT_TRUE(r) << t;
    EXPECT_EQ(r->body.find("outside the root"), std::string::npos) << t;
  }
}

TEST_F(Docroot, BuiltInRoutesComeFirst) {
  auto r = fetch(srv_->port(), get("/bytes/2"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "ab");
}

TEST(DocrootConfig, MissingDirectoryFailsToStart) {
  ServerConfig cfg = test_config();
  cfg.docroot = "/no/such/directory/for/wirecheck";
  Server srv(cfg);
  auto started = srv.start();
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().find("docroot"), std::string::npos) << started.error();
}

}  // namespace
}  // namespace wirecheck::server::testing
