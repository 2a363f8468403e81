// The plain-TCP modes: the socket tutorial's servers, done right.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "reference/net/encoding.h"
#include "tests/reference/server/server_fixture.h"

namespace wirecheck::server::testing {
namespace {

const std::string kHello = "你好服务端，我是客户端小黑!";
const std::string kReply = "ok，问题正在处理中...";

ServerConfig reply_config() {
  ServerConfig cfg = test_config();
  cfg.mode = Mode::reply;
  cfg.encoding = "GBK";
  cfg.reply_text = kReply;
  return cfg;
}

std::string gbk(const std::string& utf8) { return net::encode_text(utf8, "GBK").value(); }

// Reads exactly n bytes (or what came before the deadline).
std::string read_n(net::TcpConnection& c, size_t n) {
  std::string out;
  auto deadline = net::Deadline::after(10s);
  while (out.size() < n) {
    if (!c.read_some(out, n - out.size(), deadline).ok()) break;
  }
  return out;
}

TEST(ReplyMode, AnswersInGbk) {
  TestServer srv(reply_config());
  Client c(srv.port());
  ASSERT_TRUE(c.send(gbk(kHello)));
  std::string expected = gbk(kReply);
  std::string got = read_n(c.connection(), expected.size());
  EXPECT_EQ(got, expected);
  EXPECT_EQ(net::decode_text(got, "GBK").value(), kReply);
}

TEST(ReplyMode, AnswersEveryMessage) {
  TestServer srv(reply_config());
  Client c(srv.port());
  std::string expected = gbk(kReply);
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(c.send(gbk(kHello)));
    EXPECT_EQ(read_n(c.connection(), expected.size()), expected) << "message " << i;
  }
}

TEST(ReplyMode, LogsConnectMessageAndDisconnect) {
  TestServer srv(reply_config());
  {
    Client c(srv.port());
    ASSERT_TRUE(c.send(gbk(kHello)));
    read_n(c.connection(), gbk(kReply).size());
  }
  EXPECT_TRUE(srv.wait_for_log("connected"));
  EXPECT_TRUE(srv.wait_for_log(kHello));  // the message, decoded from GBK
  EXPECT_TRUE(srv.wait_for_log("disconnected"));
}

TEST(ReplyMode, SeveralConcurrentClientsAreEachAnswered) {
  TestServer srv(reply_config());
  constexpr int kClients = 20;
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < kClients; ++i) clients.push_back(std::make_unique<Client>(srv.port()));
  // All connected at once, then all send, then all read: a server handling one client at a
  // time would leave the later ones unanswered.
  for (auto& c : clients) ASSERT_TRUE(c->send(gbk(kHello)));
  std::string expected = gbk(kReply);
  for (auto& c : clients) EXPECT_EQ(read_n(c->connection(), expected.size()), expected);
}

TEST(ReplyMode, OneClientLeavingDoesNotDisturbTheOthers) {
  TestServer srv(reply_config());
  Client stays(srv.port());
  Client leaves(srv.port());
  std::string expected = gbk(kReply);
  ASSERT_TRUE(leaves.send(gbk(kHello)));
  EXPECT_EQ(read_n(leaves.connection(), expected.size()), expected);
  leaves.connection().abort();  // vanishes with a reset
  EXPECT_TRUE(srv.wait_for_log("disconnected"));
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(stays.send(gbk(kHello)));
    EXPECT_EQ(read_n(stays.connection(), expected.size()), expected);
  }
}

TEST(ReplyMode, UnknownEncodingFailsToStart) {
  ServerConfig cfg = reply_config();
  cfg.encoding = "no-such-encoding";
  Server srv(cfg);
  auto started = srv.start();
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().find("no-such-encoding"), std::string::npos) << started.error();
}

TEST(SingleClient, SecondClientIsQueuedUntilTheFirstLeaves) {
  ServerConfig cfg = reply_config();
  cfg.single_client = true;
  TestServer srv(cfg);
  std::string expected = gbk(kReply);
  auto first = std::make_unique<Client>(srv.port());
  ASSERT_TRUE(first->send(gbk(kHello)));
  EXPECT_EQ(read_n(first->connection(), expected.size()), expected);
  // The second connection is accepted by the kernel (it waits in the listen queue) but not
  // served while the first is connected.
  Client second(srv.port());
  ASSERT_TRUE(second.connected());
  ASSERT_TRUE(second.send(gbk(kHello)));
  EXPECT_TRUE(second.silent_for(500ms));
  first.reset();  // the first client leaves
  EXPECT_EQ(read_n(second.connection(), expected.size()), expected);
}

TEST(EchoMode, SendsEveryByteBack) {
  ServerConfig cfg = test_config();
  cfg.mode = Mode::echo;
  TestServer srv(cfg);
  Client c(srv.port());
  std::string bytes("binary\0\xff\r\n data", 16);
  ASSERT_TRUE(c.send(bytes));
  EXPECT_EQ(read_n(c.connection(), bytes.size()), bytes);
}

TEST(EchoMode, LargeTransferWithBackpressure) {
  ServerConfig cfg = test_config();
  cfg.mode = Mode::echo;
  TestServer srv(cfg);
  Client c(srv.port());
  std::string big(8 << 20, 'e');
  for (size_t i = 0; i < big.size(); i += 4096) big[i] = static_cast<char>('a' + i / 4096 % 26);
  std::string got;
  std::thread reader([&] { got = read_n(c.connection(), big.size()); });
  EXPECT_TRUE(c.send(big));
  reader.join();
  EXPECT_EQ(got.size(), big.size());
  EXPECT_TRUE(got == big);
}

TEST(EchoMode, HalfCloseGetsTheRestAndAClose) {
  ServerConfig cfg = test_config();
  cfg.mode = Mode::echo;
  TestServer srv(cfg);
  Client c(srv.port());
  ASSERT_TRUE(c.send("last words"));
  ASSERT_TRUE(c.connection().shutdown_write().ok());
  EXPECT_TRUE(c.wait_closed());
  EXPECT_EQ(c.pending(), "last words");
}

TEST(EchoMode, IdleClientIsClosed) {
  ServerConfig cfg = test_config();
  cfg.mode = Mode::echo;
  cfg.idle_timeout = 300ms;
  TestServer srv(cfg);
  Client c(srv.port());
  EXPECT_TRUE(c.wait_closed(10s));
}

}  // namespace
}  // namespace wirecheck::server::testing
