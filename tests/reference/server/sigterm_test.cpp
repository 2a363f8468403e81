// `wirecheck serve` as its own process: SIGTERM stops it gracefully.
#include <gtest/gtest.h>
#include <signal.h>

#include "tests/reference/server/child_process.h"
#include "tests/reference/server/server_fixture.h"

namespace wirecheck::server::testing {
namespace {

TEST(Sigterm, FinishesTheResponseInFlightThenExitsZero) {
  ChildProcess serve({WIRECHECK_BINARY, "serve", "--listen", "127.0.0.1:0", "--workers", "2"});
  ASSERT_TRUE(serve.started());
  auto banner = serve.wait_for_line("listening on", 20s);
  ASSERT_TRUE(banner) << serve.err();
  uint16_t port = port_from_banner(*banner);
  ASSERT_NE(port, 0) << *banner;

  Client c(port);
  ASSERT_TRUE(c.send(get("/delay/1000")));
  // Let the request reach the server before the signal.
  ASSERT_TRUE(c.silent_for(200ms));
  serve.signal(SIGTERM);
  auto r = c.read_final("GET", 20s);
  ASSERT_TRUE(r) << c.error();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "delayed 1000 ms\n");
  EXPECT_EQ(*r->field("Connection"), "close");
  auto status = serve.wait(30s);
  ASSERT_TRUE(status) << "wirecheck serve did not exit after SIGTERM";
  EXPECT_EQ(*status, 0) << serve.err();
  EXPECT_NE(serve.out().find("SIGTERM"), std::string::npos) << serve.out();
  EXPECT_NE(serve.out().find("stopped after"), std::string::npos) << serve.out();
}

TEST(Sigterm, IdleServerExitsPromptly) {
  ChildProcess serve({WIRECHECK_BINARY, "serve", "--listen", "127.0.0.1:0", "--mode", "echo"});
  ASSERT_TRUE(serve.wait_for_line("listening on", 20s)) << serve.err();
  serve.signal(SIGTERM);
  auto status = serve.wait(30s);
  ASSERT_TRUE(status);
  EXPECT_EQ(*status, 0) << serve.err();
}

TEST(Serve, BadFlagsAreUsageErrors) {
  ChildProcess serve({WIRECHECK_BINARY, "serve", "--mode", "gopher"});
  auto status = serve.wait(30s);
  ASSERT_TRUE(status);
  EXPECT_EQ(*status, 2);
  EXPECT_NE(serve.err().find("gopher"), std::string::npos);
}

TEST(Serve, TakenPortIsReported) {
  ChildProcess first({WIRECHECK_BINARY, "serve", "--listen", "127.0.0.1:0"});
  auto banner = first.wait_for_line("listening on", 20s);
  ASSERT_TRUE(banner) << first.err();
  uint16_t port = port_from_banner(*banner);
  ChildProcess second({WIRECHECK_BINARY, "serve", "--listen", "127.0.0.1:" + std::to_string(port)});
  auto status = second.wait(30s);
  ASSERT_TRUE(status);
  EXPECT_NE(*status, 0);
  EXPECT_NE(second.err().find("EADDRINUSE"), std::string::npos) << second.err();
  first.signal(SIGTERM);
  EXPECT_TRUE(first.wait(30s));
}

TEST(Serve, ListDefects) {
  ChildProcess serve({WIRECHECK_BINARY, "serve", "--list-defects"});
  auto status = serve.wait(30s);
  ASSERT_TRUE(status);
  EXPECT_EQ(*status, 0);
  EXPECT_NE(serve.out().find("accept-bare-lf"), std::string::npos);
}

}  // namespace
}  // namespace wirecheck::server::testing
