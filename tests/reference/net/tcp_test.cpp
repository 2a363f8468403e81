#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "reference/net/listener.h"
#include "reference/net/tcp.h"

namespace wirecheck::net {
namespace {

using namespace std::chrono_literals;

struct Pair {
  Listener listener;
  std::unique_ptr<TcpConnection> client;
  std::unique_ptr<TcpConnection> server;
};

Pair connected_pair(ConnectOptions options = {}) {
  auto listener = Listener::bind(Address::loopback_v4(0));
  EXPECT_TRUE(listener) << listener.error();
  auto c = connect(listener->address(), Deadline::after(5s), options);
  EXPECT_TRUE(c.status.ok()) << c.message;
  auto a = listener->accept(Deadline::after(5s));
  EXPECT_TRUE(a.status.ok()) << a.status.describe();
  return Pair{std::move(listener.value()), std::move(c.connection), std::move(a.connection)};
}

std::string read_all(Connection& c, size_t want) {
  std::string out;
  while (out.size() < want) {
    auto r = c.read_some(out, want - out.size(), Deadline::after(5s));
    if (!r.ok()) break;
  }
  return out;
}

TEST(Listener, PortZeroGetsAKernelPort) {
  auto l = Listener::bind("127.0.0.1:0");
  ASSERT_TRUE(l) << l.error();
  EXPECT_NE(l->port(), 0);
  EXPECT_EQ(l->address().host(), "127.0.0.1");
}

TEST(Listener, BindingATakenPortFailsWithAReason) {
  auto first = Listener::bind(Address::loopback_v4(0));
  ASSERT_TRUE(first);
  auto second = Listener::bind(Address::loopback_v4(first->port()), ListenOptions{16, false, false});
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().find("EADDRINUSE"), std::string::npos) << second.error();
}

TEST(Listener, AcceptTimesOut) {
  auto l = Listener::bind(Address::loopback_v4(0));
  ASSERT_TRUE(l);
  auto a = l->accept(Deadline::after_unscaled(50ms));
  EXPECT_EQ(a.status.outcome, Outcome::timeout);
  EXPECT_EQ(a.connection, nullptr);
}

TEST(Tcp, BytesTravelBothWays) {
  auto p = connected_pair();
  ASSERT_TRUE(p.client && p.server);
  ASSERT_TRUE(p.client->write_all("hello", Deadline::after(5s)).ok());
  EXPECT_EQ(read_all(*p.server, 5), "hello");
  ASSERT_TRUE(p.server->write_all("world!", Deadline::after(5s)).ok());
  EXPECT_EQ(read_all(*p.client, 6), "world!");
  EXPECT_EQ(p.server->peer().to_string(), p.client->local().to_string());
}

TEST(Tcp, LargeWriteCompletesWhileThePeerReads) {
  auto p = connected_pair();
  std::string big(4 << 20, 'x');
  std::string got;
  std::thread reader([&] { got = read_all(*p.server, big.size()); });
  auto w = p.client->write_all(big, Deadline::after(30s));
  reader.join();
  EXPECT_TRUE(w.ok()) << w.describe();
  EXPECT_EQ(w.bytes, big.size());
  EXPECT_EQ(got.size(), big.size());
}

TEST(Tcp, WriteTimesOutWhenThePeerNeverReads) {
  auto p = connected_pair();
  std::string big(64 << 20, 'x');
  auto w = p.client->write_all(big, Deadline::after_unscaled(200ms));
  EXPECT_EQ(w.outcome, Outcome::timeout);
  EXPECT_GT(w.bytes, 0u);
  EXPECT_LT(w.bytes, big.size());
}

TEST(Tcp, ReadTimesOutOnSilence) {
  auto p = connected_pair();
  char buf[16];
  auto r = p.client->read_some(buf, sizeof buf, Deadline::after_unscaled(50ms));
  EXPECT_EQ(r.outcome, Outcome::timeout);
  EXPECT_EQ(r.describe(), "timed out");
}

TEST(Tcp, ShutdownWriteIsEndOfStreamButTheOtherWayStaysOpen) {
  auto p = connected_pair();
  ASSERT_TRUE(p.client->write_all("last", Deadline::after(5s)).ok());
  ASSERT_TRUE(p.client->shutdown_write().ok());
  EXPECT_EQ(read_all(*p.server, 4), "last");
  char buf[16];
  EXPECT_EQ(p.server->read_some(buf, sizeof buf, Deadline::after(5s)).outcome, Outcome::closed);
  ASSERT_TRUE(p.server->write_all("reply", Deadline::after(5s)).ok());
  EXPECT_EQ(read_all(*p.client, 5), "reply");
}

TEST(Tcp, AbortResetsThePeer) {
  auto p = connected_pair();
  p.server->abort();
  EXPECT_FALSE(p.server->is_open());
  char buf[16];
  auto r = p.client->read_some(buf, sizeof buf, Deadline::after(5s));
  EXPECT_EQ(r.outcome, Outcome::reset) << r.describe();
}

TEST(Tcp, WritingToAClosedPeerIsAnOutcomeNotASignal) {
  auto p = connected_pair();
  p.server->close();
  // The first write may be accepted by the kernel; the peer answers with RST and a later write
  // fails. Without MSG_NOSIGNAL this test would die of SIGPIPE.
  IoResult r;
  for (int i = 0; i < 50; ++i) {
    r = p.client->write_all(std::string(1024, 'x'), Deadline::after(5s));
    if (!r.ok()) break;
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(r.outcome == Outcome::closed || r.outcome == Outcome::reset) << r.describe();
}

TEST(Tcp, ConnectRefusedWhenNothingListens) {
  uint16_t port;
  {
    auto l = Listener::bind(Address::loopback_v4(0));
    ASSERT_TRUE(l);
    port = l->port();
  }
  auto c = connect(Address::loopback_v4(port), Deadline::after(5s));
  EXPECT_EQ(c.status.outcome, Outcome::refused) << c.message;
  EXPECT_EQ(c.connection, nullptr);
  EXPECT_NE(c.message.find("refused"), std::string::npos) << c.message;
}

TEST(Tcp, ConnectByNameTriesTheResolvedAddresses) {
  auto l = Listener::bind(Address::loopback_v4(0));
  ASSERT_TRUE(l);
  auto c = connect("127.0.0.1:" + std::to_string(l->port()), Deadline::after(5s));
  EXPECT_TRUE(c.status.ok()) << c.message;
  auto bad = connect("nonsense", Deadline::after(5s));
  EXPECT_FALSE(bad.status.ok());
  EXPECT_NE(bad.message.find("missing port"), std::string::npos) << bad.message;
}

TEST(Tcp, NoDelayCanBeSet) {
  auto p = connected_pair(ConnectOptions{true});
  ASSERT_TRUE(p.client);
  EXPECT_TRUE(p.client->set_no_delay(false).ok());
  EXPECT_TRUE(p.client->set_no_delay(true).ok());
}

TEST(Tcp, Ipv6LoopbackWhenAvailable) {
  auto l = Listener::bind("[::1]:0");
  if (!l) GTEST_SKIP() << "no IPv6 loopback here: " << l.error();
  auto c = connect(l->address(), Deadline::after(5s));
  ASSERT_TRUE(c.status.ok()) << c.message;
  auto a = l->accept(Deadline::after(5s));
  ASSERT_TRUE(a.status.ok());
  ASSERT_TRUE(c.connection->write_all("v6", Deadline::after(5s)).ok());
  EXPECT_EQ(read_all(*a.connection, 2), "v6");
}

TEST(Tcp, OperationsOnAClosedConnectionFail) {
  auto p = connected_pair();
  p.client->close();
  EXPECT_FALSE(p.client->is_open());
  EXPECT_EQ(p.client->write_all("x", Deadline::after(1s)).outcome, Outcome::error);
  char buf[4];
  EXPECT_EQ(p.client->read_some(buf, 4, Deadline::after(1s)).outcome, Outcome::error);
}

}  // namespace
}  // namespace wirecheck::net
