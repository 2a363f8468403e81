// The reference HTTP client against the reference server, against scripted servers that
// misbehave, and over in-memory pipes with injected faults.
#include "reference/client/http_client.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "reference/net/pipe.h"
#include "tests/hostile/loopback_server.h"
#include "tests/reference/server/server_fixture.h"

namespace wirecheck::client {
namespace {

using namespace std::chrono_literals;
using server::testing::TestServer;
using wirecheck::testing::LoopbackServer;
using wirecheck::testing::Peer;

std::string at(uint16_t port) { return "127.0.0.1:" + std::to_string(port); }

http::Request request(std::string method, std::string target) {
  http::Request r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.fields = {{"Host", "test"}};
  return r;
}

bool has_violation(const HttpExchange& ex, http::ErrorCode code) {
  for (const auto& v : ex.violations) {
    if (v.code == code) return true;
  }
  return false;
}

// A server that answers every request with `response` and then closes.
LoopbackServer answering(std::string response) {
  return LoopbackServer([response](Peer& peer) {
    peer.read_request();
    peer.write(response);
    peer.close();
  });
}

TEST(HttpClient, GetFromTheReferenceServer) {
  TestServer srv;
  auto ex = http_exchange(at(srv.port()), request("GET", "/bytes/5"));
  ASSERT_TRUE(ex.ok()) << ex.message;
  EXPECT_EQ(ex.response.status, 200);
  EXPECT_EQ(ex.response.reason, "OK");
  EXPECT_EQ(ex.response.body, "abcde");
  EXPECT_TRUE(ex.violations.empty());
  EXPECT_EQ(ex.response.status_line(), "HTTP/1.1 200 OK");
  ASSERT_NE(ex.response.field("content-length"), nullptr);
  EXPECT_EQ(*ex.response.field("content-length"), "5");
}

TEST(HttpClient, PostBodyArrives) {
  TestServer srv;
  auto r = request("POST", "/echo");
  r.body = "payload";
  auto ex = http_exchange(at(srv.port()), r);
  ASSERT_TRUE(ex.ok()) << ex.message;
  auto j = nlohmann::json::parse(ex.response.body);
  EXPECT_EQ(j["body"], "payload");
  EXPECT_EQ(j["framing"], "content-length");
  EXPECT_NE(ex.request.find("Content-Length: 7"), std::string::npos);
}

TEST(HttpClient, ChunkedRequestBody) {
  TestServer srv;
  auto r = request("POST", "/echo");
  r.chunks = std::vector<std::string>{"ab", "cd", "e"};
  auto ex = http_exchange(at(srv.port()), r);
  ASSERT_TRUE(ex.ok()) << ex.message;
  auto j = nlohmann::json::parse(ex.response.body);
  EXPECT_EQ(j["body"], "abcde");
  EXPECT_EQ(j["framing"], "chunked");
}

TEST(HttpClient, InterimResponsesAreKeptApart) {
  TestServer srv;
  auto ex = http_exchange(at(srv.port()), request("GET", "/status/103"));
  ASSERT_TRUE(ex.ok()) << ex.message;
  ASSERT_EQ(ex.interim.size(), 1u);
  EXPECT_EQ(ex.interim[0].status, 103);
  EXPECT_EQ(ex.response.status, 200);
}

TEST(HttpClient, ExpectContinueSendsTheBodyAfterThe100) {
  TestServer srv;
  auto r = request("POST", "/echo");
  r.fields.push_back({"Expect", "100-continue"});
  r.body = "after continue";
  auto ex = http_exchange(at(srv.port()), r);
  ASSERT_TRUE(ex.ok()) << ex.message;
  ASSERT_EQ(ex.interim.size(), 1u);
  EXPECT_EQ(ex.interim[0].status, 100);
  EXPECT_TRUE(ex.body_sent);
  EXPECT_EQ(nlohmann::json::parse(ex.response.body)["body"], "after continue");
}

TEST(HttpClient, ExpectContinueKeepsTheBodyWhenRefusedFirst) {
  server::ServerConfig cfg = server::testing::test_config();
  cfg.max_body_bytes = 4;
  TestServer srv(cfg);
  auto r = request("POST", "/echo");
  r.fields.push_back({"Expect", "100-continue"});
  r.body = "far too long for the limit";
  auto ex = http_exchange(at(srv.port()), r);
  ASSERT_TRUE(ex.ok()) << ex.message;
  EXPECT_EQ(ex.response.status, 413);
  EXPECT_FALSE(ex.body_sent);
}

TEST(HttpClient, HeadResponseHasNoBody) {
  TestServer srv;
  auto ex = http_exchange(at(srv.port()), request("HEAD", "/bytes/10"));
  ASSERT_TRUE(ex.ok()) << ex.message;
  EXPECT_EQ(*ex.response.field("Content-Length"), "10");
  EXPECT_TRUE(ex.response.body.empty());
}

TEST(HttpClient, RawBytesAreSentExactly) {
  TestServer srv;
  std::string raw = "GET /reflect HTTP/1.1\r\nHost: test\r\nX-Odd:\t tab\r\n\r\n";
  auto ex = http_exchange_raw(at(srv.port()), raw, "");
  ASSERT_TRUE(ex.ok()) << ex.message;
  EXPECT_EQ(ex.response.body, raw);
}

TEST(HttpClient, UnreachableServer) {
  uint16_t port;
  {
    auto l = net::Listener::bind(net::Address::loopback_v4(0));
    ASSERT_TRUE(l);
    port = l->port();
  }
  auto ex = http_exchange(at(port), request("GET", "/"));
  EXPECT_EQ(ex.end, HttpEnd::unreachable);
  EXPECT_NE(ex.message.find("refused"), std::string::npos) << ex.message;
}

TEST(HostileServer, BareLfIsReportedButTheResponseIsRead) {
  auto srv = answering("HTTP/1.1 200 OK\nContent-Length: 2\n\nok");
  auto ex = http_exchange(at(srv.port()), request("GET", "/"));
  ASSERT_TRUE(ex.ok()) << ex.message;
  EXPECT_EQ(ex.response.body, "ok");
  EXPECT_TRUE(has_violation(ex, http::ErrorCode::bare_lf));
}

TEST(HostileServer, EveryViolationIsReported) {
  auto srv = answering(
      "HTTP/1.1 200 OK\r\nX-Fold: a\r\n b\r\nBad : x\r\nContent-Length: 2\r\n\r\nok");
  auto ex = http_exchange(at(srv.port()), request("GET", "/"));
  ASSERT_TRUE(ex.ok()) << ex.message;
  EXPECT_TRUE(has_violation(ex, http::ErrorCode::obs_fold));
  EXPECT_TRUE(has_violation(ex, http::ErrorCode::space_before_colon));
}

TEST(HostileServer, TruncatedBodySaysHowMuchArrived) {
  auto srv = answering("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
  auto ex = http_exchange(at(srv.port()), request("GET", "/"));
  EXPECT_EQ(ex.end, HttpEnd::closed);
  ASSERT_TRUE(has_violation(ex, http::ErrorCode::body_truncated)) << ex.message;
  EXPECT_EQ(ex.response.body, "abc");
  EXPECT_NE(ex.message.find("10"), std::string::npos) << ex.message;
}

TEST(HostileServer, SilenceTimesOut) {
  LoopbackServer srv([](Peer& peer) {
    peer.read_request();
    peer.drain(10s);
  });
  HttpOptions options;
  options.read_timeout = 300ms;
  auto ex = http_exchange(at(srv.port()), request("GET", "/"), options);
  EXPECT_EQ(ex.end, HttpEnd::timeout);
  EXPECT_NE(ex.message.find("not complete"), std::string::npos) << ex.message;
}

TEST(HostileServer, EndlessHeadersTimeOut) {
  LoopbackServer srv([](Peer& peer) {
    peer.read_request();
    peer.write("HTTP/1.1 200 OK\r\n");
    for (int i = 0; i < 200 && peer.write("X-More: yes\r\n"); ++i) {
      if (!peer.pause(10ms)) break;
    }
  });
  HttpOptions options;
  options.read_timeout = 300ms;
  auto ex = http_exchange(at(srv.port()), request("GET", "/"), options);
  EXPECT_EQ(ex.end, HttpEnd::timeout);
}

TEST(HostileServer, ResetIsReported) {
  LoopbackServer srv([](Peer& peer) {
    peer.read_request();
    peer.write("HTTP/1.1 200 OK\r\nContent-Le");
    peer.pause(50ms);
    peer.abort();
  });
  auto ex = http_exchange(at(srv.port()), request("GET", "/"));
  EXPECT_EQ(ex.end, HttpEnd::reset) << ex.message;
}

TEST(HostileServer, GarbageIsMalformed) {
  auto srv = answering(std::string("\x00\x01\x02 not http at all\r\n\r\n", 24));
  auto ex = http_exchange(at(srv.port()), request("GET", "/"));
  EXPECT_EQ(ex.end, HttpEnd::malformed);
  EXPECT_FALSE(ex.violations.empty());
}

TEST(HostileServer, CloseWithoutAnswer) {
  LoopbackServer srv([](Peer& peer) {
    peer.read_request();
    peer.close();
  });
  auto ex = http_exchange(at(srv.port()), request("GET", "/"));
  EXPECT_EQ(ex.end, HttpEnd::closed);
  EXPECT_NE(ex.message.find("without answering"), std::string::npos) << ex.message;
}

TEST(HostileServer, CloseDelimitedBodyIsComplete) {
  auto srv = answering("HTTP/1.1 200 OK\r\n\r\nuntil the end");
  auto ex = http_exchange(at(srv.port()), request("GET", "/"));
  ASSERT_TRUE(ex.ok()) << ex.message;
  EXPECT_EQ(ex.response.body, "until the end");
  EXPECT_EQ(ex.response.framing, http::BodyKind::close_delimited);
}

TEST(HostileServer, OversizedResponseStops) {
  LoopbackServer srv([](Peer& peer) {
    peer.read_request();
    peer.write("HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n");
    std::string block(64 * 1024, 'x');
    for (int i = 0; i < 100 && peer.write(block); ++i) {
    }
  });
  HttpOptions options;
  options.max_response = 256 * 1024;
  auto ex = http_exchange(at(srv.port()), request("GET", "/"), options);
  EXPECT_EQ(ex.end, HttpEnd::too_large);
}

TEST(Pipe, FailedWriteIsSendFailed) {
  net::PipeFaults faults;
  faults.fail_at = 1;
  faults.fail_with = net::Outcome::error;
  auto [client_end, server_end] = net::make_pipe(faults);
  auto ex = http_exchange(*client_end, request("GET", "/"));
  EXPECT_EQ(ex.end, HttpEnd::send_failed);
  EXPECT_NE(ex.message.find("sending"), std::string::npos);
}

TEST(Pipe, ResponseReadInOneBytePieces) {
  net::PipeFaults faults;
  faults.max_read = 1;
  auto [client_end, server_end] = net::make_pipe(faults);
  std::string response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n";
  ASSERT_TRUE(server_end->write_all(response, net::Deadline::after(1s)).ok());
  auto ex = http_exchange(*client_end, request("GET", "/"));
  ASSERT_TRUE(ex.ok()) << ex.message;
  EXPECT_EQ(ex.response.body, "hi");
  EXPECT_EQ(ex.received, response);
}

TEST(Pipe, ResetWhileReading) {
  net::PipeFaults faults;
  faults.fail_at = 2;  // the write succeeds, the first read fails
  auto [client_end, server_end] = net::make_pipe(faults);
  auto ex = http_exchange(*client_end, request("GET", "/"));
  EXPECT_EQ(ex.end, HttpEnd::reset);
}

}  // namespace
}  // namespace wirecheck::client
