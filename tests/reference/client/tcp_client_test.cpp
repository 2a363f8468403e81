#include "reference/client/tcp_client.h"

#include <gtest/gtest.h>

#include "reference/net/encoding.h"
#include "reference/net/listener.h"
#include "tests/hostile/loopback_server.h"
#include "tests/reference/server/server_fixture.h"

namespace wirecheck::client {
namespace {

using namespace std::chrono_literals;
using server::testing::TestServer;

std::string at(uint16_t port) { return "127.0.0.1:" + std::to_string(port); }

TEST(TcpClient, GbkTutorialExchange) {
  server::ServerConfig cfg = server::testing::test_config();
  cfg.mode = server::Mode::reply;
  cfg.encoding = "gbk";
  TestServer srv(cfg);
  auto sent = net::encode_text("你好服务端，我是客户端小黑!", "gbk").value();
  TcpOptions options;
  options.quiet_period = 200ms;
  auto ex = tcp_exchange(at(srv.port()), sent, options);
  EXPECT_EQ(ex.end, TcpEnd::quiet) << ex.message;
  EXPECT_EQ(ex.sent, sent.size());
  EXPECT_EQ(net::decode_text(ex.received, "gbk").value(), "ok，问题正在处理中...");
}

TEST(TcpClient, HalfCloseLetsTheServerFinish) {
  server::ServerConfig cfg = server::testing::test_config();
  cfg.mode = server::Mode::echo;
  TestServer srv(cfg);
  TcpOptions options;
  options.half_close = true;
  auto ex = tcp_exchange(at(srv.port()), "echo me", options);
  EXPECT_EQ(ex.end, TcpEnd::closed) << ex.message;
  EXPECT_EQ(ex.received, "echo me");
}

TEST(TcpClient, NoReplyIsReported) {
  wirecheck::testing::LoopbackServer srv([](wirecheck::testing::Peer& peer) { peer.drain(10s); });
  TcpOptions options;
  options.reply_timeout = 200ms;
  auto ex = tcp_exchange(at(srv.port()), "anyone?", options);
  EXPECT_EQ(ex.end, TcpEnd::no_reply);
  EXPECT_TRUE(ex.received.empty());
  EXPECT_NE(ex.message.find("no answer"), std::string::npos) << ex.message;
}

TEST(TcpClient, ResetIsReported) {
  wirecheck::testing::LoopbackServer srv([](wirecheck::testing::Peer& peer) {
    peer.read_line(1s);
    peer.write("partial");
    peer.pause(50ms);
    peer.abort();
  });
  auto ex = tcp_exchange(at(srv.port()), "line\n");
  EXPECT_EQ(ex.end, TcpEnd::reset) << ex.message;
  EXPECT_EQ(ex.received, "partial");
}

TEST(TcpClient, Unreachable) {
  uint16_t port;
  {
    auto l = net::Listener::bind(net::Address::loopback_v4(0));
    ASSERT_TRUE(l);
    port = l->port();
  }
  auto ex = tcp_exchange(at(port), "x");
  EXPECT_EQ(ex.end, TcpEnd::unreachable);
  EXPECT_FALSE(ex.message.empty());
}

}  // namespace
}  // namespace wirecheck::client
