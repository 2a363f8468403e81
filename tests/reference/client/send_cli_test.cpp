// `wirecheck send` end to end: the tutorial's GBK exchange, an HTTP request to the reference
// server, a response full of violations, and a server that is not there.
#include <gtest/gtest.h>

#include "tests/hostile/loopback_server.h"
#include "tests/reference/server/child_process.h"
#include "tests/reference/server/server_fixture.h"

namespace wirecheck::client {
namespace {

using namespace std::chrono_literals;
using server::testing::ChildProcess;
using server::testing::TestServer;

TEST(SendCli, GbkTextGetsItsDecodedReply) {
  server::ServerConfig cfg = server::testing::test_config();
  cfg.mode = server::Mode::reply;
  cfg.encoding = "gbk";
  TestServer srv(cfg);
  ChildProcess send({WIRECHECK_BINARY, "send", "127.0.0.1:" + std::to_string(srv.port()),
                     "--text", "你好服务端，我是客户端小黑!", "--encoding", "gbk",
                     "--quiet-period", "200ms"});
  auto status = send.wait(30s);
  ASSERT_TRUE(status);
  EXPECT_EQ(*status, 0) << send.err();
  EXPECT_EQ(send.out(), "ok，问题正在处理中...\n");
  EXPECT_TRUE(srv.wait_for_log("你好服务端，我是客户端小黑!"));
}

TEST(SendCli, HttpPostShowsTheParsedResponse) {
  TestServer srv;
  ChildProcess send({WIRECHECK_BINARY, "send",
                     "http://127.0.0.1:" + std::to_string(srv.port()) + "/echo", "-X", "POST",
                     "--data", "x=1", "-H", "X-Test: yes", "--show-request"});
  auto status = send.wait(30s);
  ASSERT_TRUE(status);
  EXPECT_EQ(*status, 0) << send.err();
  EXPECT_NE(send.out().find("> POST /echo HTTP/1.1"), std::string::npos) << send.out();
  EXPECT_NE(send.out().find("< HTTP/1.1 200 OK"), std::string::npos) << send.out();
  EXPECT_NE(send.out().find("\"X-Test\""), std::string::npos) << send.out();
  EXPECT_NE(send.out().find("\"body\": \"x=1\""), std::string::npos) << send.out();
}

TEST(SendCli, ViolationsAreListedAndExitIsOne) {
  wirecheck::testing::LoopbackServer bad([](wirecheck::testing::Peer& peer) {
    peer.read_request();
    peer.write("HTTP/1.1 200 OK\nContent-Length: 2\r\nX : y\r\n\r\nok");
    peer.close();
  });
  ChildProcess send({WIRECHECK_BINARY, "send", "http://127.0.0.1:" + std::to_string(bad.port()) + "/"});
  auto status = send.wait(30s);
  ASSERT_TRUE(status);
  EXPECT_EQ(*status, 1);
  EXPECT_NE(send.out().find("2 protocol violations"), std::string::npos) << send.out();
  EXPECT_NE(send.out().find("LF"), std::string::npos) << send.out();
}

TEST(SendCli, UnreachableExitsThree) {
  uint16_t port;
  {
    auto l = net::Listener::bind(net::Address::loopback_v4(0));
    ASSERT_TRUE(l);
    port = l->port();
  }
  ChildProcess send({WIRECHECK_BINARY, "send", "http://127.0.0.1:" + std::to_string(port) + "/"});
  auto status = send.wait(30s);
  ASSERT_TRUE(status);
  EXPECT_EQ(*status, 3);
  EXPECT_NE(send.err().find("refused"), std::string::npos) << send.err();
}

TEST(SendCli, SilentServerTimesOut) {
  wirecheck::testing::LoopbackServer silent(
      [](wirecheck::testing::Peer& peer) { peer.drain(20s); });
  ChildProcess send({WIRECHECK_BINARY, "send",
                     "http://127.0.0.1:" + std::to_string(silent.port()) + "/", "--timeout",
                     "300ms"});
  auto status = send.wait(30s);
  ASSERT_TRUE(status);
  EXPECT_EQ(*status, 1);
  EXPECT_NE(send.err().find("not complete within"), std::string::npos) << send.err();
}

}  // namespace
}  // namespace wirecheck::client
