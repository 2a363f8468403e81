// Connection handling: persistence, pipelining, 100-continue, HTTP/1.0, time limits, the
// connection limit and stopping.
#include <gtest/gtest.h>

#include <memory>
#include <thread>
#include <vector>

#include "tests/reference/server/server_fixture.h"

namespace wirecheck::server::testing {
namespace {

TEST(Persistence, Http11StaysOpenAcrossRequests) {
  TestServer srv;
  Client c(srv.port());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(c.send(get("/bytes/3")));
    auto r = c.read_final();
    ASSERT_TRUE(r) << c.error();
    EXPECT_EQ(r->status, 200);
    EXPECT_FALSE(r->has("Connection"));
  }
}

TEST(Persistence, ConnectionCloseIsHonoured) {
  TestServer srv;
  Client c(srv.port());
  ASSERT_TRUE(c.send(get("/", "Connection: close\r\n")));
  auto r = c.read_final();
  ASSERT_TRUE(r) << c.error();
  EXPECT_EQ(*r->field("Connection"), "close");
  EXPECT_TRUE(c.wait_closed());
}

TEST(Persistence, Http10ClosesUnlessAskedToKeepAlive) {
  TestServer srv;
  Client c(srv.port());
  ASSERT_TRUE(c.send("GET / HTTP/1.0\r\n\r\n"));
  auto r = c.read_final();
  ASSERT_TRUE(r) << c.error();
  EXPECT_EQ(*r->field("Connection"), "close");
  EXPECT_TRUE(c.wait_closed());
}

TEST(Persistence, Http10KeepAliveWhenAsked) {
  TestServer srv;
  Client c(srv.port());
  ASSERT_TRUE(c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  auto r = c.read_final();
  ASSERT_TRUE(r) << c.error();
  ASSERT_TRUE(r->has("Connection"));
  EXPECT_EQ(*r->field("Connection"), "keep-alive");
  EXPECT_EQ(r->major, 1);
  ASSERT_TRUE(c.send("GET /bytes/2 HTTP/1.0\r\n\r\n"));
  auto second = c.read_final();
  ASSERT_TRUE(second) << c.error();
  EXPECT_EQ(second->body, "ab");
  EXPECT_TRUE(c.wait_closed());
}

TEST(Pipelining, ResponsesComeInRequestOrder) {
  TestServer srv;
  Client c(srv.port());
  // The slow one first: a server answering out of order would send /bytes/1 first.
  ASSERT_TRUE(c.send(get("/delay/200") + get("/bytes/1") + get("/status/404") + get("/bytes/2")));
  auto a = c.read_final();
  auto b = c.read_final();
  auto d = c.read_final();
  auto e = c.read_final();
  ASSERT_TRUE(a && b && d && e) << c.error();
  EXPECT_EQ(a->body, "delayed 200 ms\n");
  EXPECT_EQ(b->body, "a");
  EXPECT_EQ(d->status, 404);
  EXPECT_EQ(e->body, "ab");
}

TEST(Pipelining, ManySmallRequestsInOneWrite) {
  TestServer srv;
  Client c(srv.port());
  std::string batch;
  for (int i = 0; i < 200; ++i) batch += get("/bytes/" + std::to_string(i % 7));
  ASSERT_TRUE(c.send(batch));
  for (int i = 0; i < 200; ++i) {
    auto r = c.read_final();
    ASSERT_TRUE(r) << i << ": " << c.error();
    EXPECT_EQ(r->body, pattern(static_cast<size_t>(i % 7)));
  }
}

TEST(Pipelining, RequestSplitAcrossWritesByteByByte) {
  TestServer srv;
  Client c(srv.port());
  std::string req = "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 3\r\n\r\nxyz";
  for (char ch : req) ASSERT_TRUE(c.send(std::string(1, ch)));
  auto r = c.read_final();
  ASSERT_TRUE(r) << c.error();
  EXPECT_NE(r->body.find("\"xyz\""), std::string::npos);
}

TEST(Pipelining, AfterTheClientHalfClosesAllRequestsAreStillAnswered) {
  TestServer srv;
  Client c(srv.port());
  ASSERT_TRUE(c.send(get("/bytes/1") + get("/delay/100")));
  ASSERT_TRUE(c.connection().shutdown_write().ok());
  auto a = c.read_final();
  auto b = c.read_final();
  ASSERT_TRUE(a && b) << c.error();
  EXPECT_EQ(b->status, 200);
  EXPECT_TRUE(c.wait_closed());
}

TEST(Continue, HundredContinueComesBeforeTheBody) {
  TestServer srv;
  Client c(srv.port());
  ASSERT_TRUE(c.send(
      "POST /echo HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
  auto interim = c.read_response("POST");
  ASSERT_TRUE(interim) << c.error();
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(c.send("data"));
  auto r = c.read_final("POST");
  ASSERT_TRUE(r) << c.error();
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("\"data\""), std::string::npos);
}

TEST(Continue, NoHundredForHttp10) {
  TestServer srv;
  Client c(srv.port());
  ASSERT_TRUE(c.send("POST /echo HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"));
  EXPECT_TRUE(c.silent_for(300ms));
  ASSERT_TRUE(c.send("ok"));
  auto r = c.read_response("POST");
  ASSERT_TRUE(r) << c.error();
  EXPECT_EQ(r->status, 200);
}

TEST(Continue, NoHundredWithoutABody) {
  TestServer srv;
  Client c(srv.port());
  ASSERT_TRUE(c.send(get("/", "Expect: 100-continue\r\n")));
  auto r = c.read_response();
  ASSERT_TRUE(r) << c.error();
  EXPECT_EQ(r->status, 200);
}

TEST(Timeouts, PartialHeadGets408AndClose) {
  ServerConfig cfg = test_config();
  cfg.header_timeout = 300ms;
  TestServer srv(cfg);
  Client c(srv.port());
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: te"));
  auto r = c.read_final("GET", 10s);
  ASSERT_TRUE(r) << c.error();
  EXPECT_EQ(r->status, 408);
  EXPECT_TRUE(c.wait_closed());
  EXPECT_GE(srv.server().stats().timeouts, 1u);
}

TEST(Timeouts, SilentNewConnectionIsClosed) {
  ServerConfig cfg = test_config();
  cfg.header_timeout = 300ms;
  TestServer srv(cfg);
  Client c(srv.port());
  EXPECT_TRUE(c.wait_closed(10s));
  EXPECT_TRUE(c.pending().empty());  // closed without an answer: there was no request
}

// TCP_DEFER_ACCEPT: the kernel hands a connection over when its first bytes arrive (or, for a
// silent one, after a second or more); with defer_accept off, at once.
bool accepted_within(TestServer& srv, uint64_t n, std::chrono::milliseconds limit) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (srv.server().stats().accepted >= n) return true;
    std::this_thread::sleep_for(10ms);
  }
  return srv.server().stats().accepted >= n;
}

TEST(DeferredAccept, ASilentConnectionIsAcceptedOnlyWithItsFirstByte) {
  TestServer srv;
  Client c(srv.port());
  std::this_thread::sleep_for(300ms);  // well inside the kernel's first second
  EXPECT_EQ(srv.server().stats().accepted, 0u);
  ASSERT_TRUE(c.send("G"));
  EXPECT_TRUE(accepted_within(srv, 1, 10s));
}

TEST(DeferredAccept, OffAcceptsASilentConnectionAtOnce) {
  ServerConfig cfg = test_config();
  cfg.defer_accept = false;
  TestServer srv(cfg);
  Client c(srv.port());
  EXPECT_TRUE(accepted_within(srv, 1, 10s));
}

TEST(Timeouts, IdleKeepAliveConnectionIsClosed) {
  ServerConfig cfg = test_config();
  cfg.idle_timeout = 300ms;
  TestServer srv(cfg);
  Client c(srv.port());
  ASSERT_TRUE(c.send(get("/")));
  ASSERT_TRUE(c.read_final()) << c.error();
  EXPECT_TRUE(c.wait_closed(10s));
}

TEST(Timeouts, SlowlorisCannotHoldAConnection) {
  ServerConfig cfg = test_config();
  cfg.header_timeout = 500ms;
  TestServer srv(cfg);
  Client c(srv.port());
  // One byte every 50 ms, forever: each byte is progress, but the head never completes. The
  // header timeout counts from the first byte, so the server must cut it off.
  std::string endless = "GET / HTTP/1.1\r\nHost: test\r\nX-Slow: ";
  bool closed = false;
  for (int i = 0; i < 400 && !closed; ++i) {
    char ch = i < static_cast<int>(endless.size()) ? endless[static_cast<size_t>(i)] : 'a';
    if (!c.send(std::string(1, ch))) {
      closed = true;
      break;
    }
    if (!c.silent_for(50ms)) closed = c.wait_closed(10s);
  }
  EXPECT_TRUE(closed) << "the server kept a trickling connection open for 20 s";
  EXPECT_NE(c.pending().find("408"), std::string::npos) << c.pending();
}

TEST(Timeouts, SlowBodyGets408) {
  ServerConfig cfg = test_config();
  cfg.body_timeout = 300ms;
  TestServer srv(cfg);
  Client c(srv.port());
  ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 10\r\n\r\nabc"));
  auto r = c.read_final("POST", 10s);
  ASSERT_TRUE(r) << c.error();
  EXPECT_EQ(r->status, 408);
  EXPECT_TRUE(c.wait_closed());
}

TEST(Delay, DoesNotBlockOtherConnections) {
  ServerConfig cfg = test_config();
  cfg.workers = 1;  // one event loop: a blocking delay would stall everything
  TestServer srv(cfg);
  Client slow(srv.port());
  ASSERT_TRUE(slow.send(get("/delay/3000")));
  Client quick(srv.port());
  ASSERT_TRUE(quick.send(get("/bytes/5")));
  auto q = quick.read_final("GET", 10s);
  ASSERT_TRUE(q) << quick.error();
  EXPECT_EQ(q->body, "abcde");
  // The delayed answer is still outstanding when the quick one has arrived.
  EXPECT_TRUE(slow.silent_for(1ms));
  auto s = slow.read_final("GET", 20s);
  ASSERT_TRUE(s) << slow.error();
  EXPECT_EQ(s->status, 200);
}

TEST(Limits, ConnectionsBeyondTheLimitGet503) {
  ServerConfig cfg = test_config();
  cfg.max_connections = 2;
  TestServer srv(cfg);
  Client a(srv.port());
  Client b(srv.port());
  ASSERT_TRUE(a.send(get("/")) && b.send(get("/")));
  ASSERT_TRUE(a.read_final() && b.read_final());
  Client c(srv.port());
  auto r = c.read_final("GET", 10s);
  ASSERT_TRUE(r) << c.error();
  EXPECT_EQ(r->status, 503);
  EXPECT_TRUE(r->has("Retry-After"));
  EXPECT_TRUE(c.wait_closed());
  EXPECT_EQ(srv.server().stats().over_limit, 1u);
  // The refused client leaves too: until it does, its connection lingers and counts.
  c.connection().close();
  // Once one leaves, there is room again.
  a.connection().close();
  bool served = false;
  for (int i = 0; i < 100 && !served; ++i) {
    Client d(srv.port());
    d.send(get("/"));
    auto rd = d.read_final();
    served = rd && rd->status == 200;
    if (!served) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(served);
}

TEST(Stop, InFlightResponsesFinishAndNewConnectionsAreRefused) {
  auto srv = std::make_unique<TestServer>();
  uint16_t port = srv->port();
  Client c(port);
  ASSERT_TRUE(c.send(get("/delay/500")));
  std::this_thread::sleep_for(100ms);  // let the request arrive before stopping
  std::thread stopper([&] { srv->server().stop(); });
  auto r = c.read_final("GET", 10s);
  stopper.join();
  ASSERT_TRUE(r) << c.error();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(*r->field("Connection"), "close");
  EXPECT_TRUE(c.wait_closed());
  auto again = net::connect(net::Address::loopback_v4(port), net::Deadline::after(5s));
  EXPECT_EQ(again.status.outcome, net::Outcome::refused);
}

TEST(Stop, IdleConnectionsAreClosedAtOnce) {
  auto srv = std::make_unique<TestServer>();
  Client c(srv->port());
  ASSERT_TRUE(c.send(get("/")));
  ASSERT_TRUE(c.read_final());
  srv->server().stop();
  EXPECT_TRUE(c.wait_closed(5s));
}

TEST(Stop, GraceIsBounded) {
  ServerConfig cfg = test_config();
  cfg.shutdown_grace = 200ms;
  auto srv = std::make_unique<TestServer>(cfg);
  Client c(srv->port());
  ASSERT_TRUE(c.send(get("/delay/60000")));
  std::this_thread::sleep_for(100ms);
  srv->server().stop();  // must return after the grace, not after a minute
  EXPECT_FALSE(srv->server().running());
  EXPECT_TRUE(c.wait_closed(5s));
}

TEST(AccessLog, OneLinePerRequest) {
  ServerConfig cfg = test_config();
  cfg.access_log = true;
  TestServer srv(cfg);
  ASSERT_TRUE(fetch(srv.port(), get("/bytes/7")));
  EXPECT_TRUE(srv.wait_for_log("\"GET /bytes/7 HTTP/1.1\" 200 7"));
}

// A second server on the same port must be refused, never share it (as SO_REUSEPORT would
// let it, taking half of the first one's connections).
TEST(Listening, ASecondServerOnTheSamePortIsRefused) {
  TestServer first;
  ASSERT_GE(first.server().worker_count(), 2u);
  ServerConfig cfg = test_config();
  cfg.listen = first.server().host_port();
  Server second(cfg);
  auto started = second.start();
  ASSERT_FALSE(started) << "a second server started on " << cfg.listen;
  EXPECT_NE(started.error().find("EADDRINUSE"), std::string::npos) << started.error();
}

// Many clients arriving together: every one is answered, whichever worker takes it.
TEST(Listening, ManyClientsArrivingTogetherAreAllServed) {
  TestServer srv;
  ASSERT_GE(srv.server().worker_count(), 2u);
  constexpr int kClients = 64;
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.push_back(std::make_unique<Client>(srv.port()));
    ASSERT_TRUE(clients.back()->send(get("/bytes/1", "Connection: close\r\n")));
  }
  for (auto& c : clients) {
    auto r = c->read_final();
    ASSERT_TRUE(r) << c->error();
    EXPECT_EQ(r->status, 200);
  }
  EXPECT_EQ(srv.server().stats().requests, static_cast<uint64_t>(kClients));
}

TEST(Stats, CountRequests) {
  TestServer srv;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(fetch(srv.port(), get("/")));
  EXPECT_EQ(srv.server().stats().requests, 3u);
  EXPECT_EQ(srv.server().stats().accepted, 3u);
}

}  // namespace
}  // namespace wirecheck::server::testing
