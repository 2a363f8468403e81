// Each test-only defect really breaks the behaviour it names, and nothing is broken without
// one: a case that should catch the defect can rely on the difference.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <thread>

#include "tests/reference/server/server_fixture.h"

namespace wirecheck::server::testing {
namespace {

struct DefectCase {
  const char* defect;
  std::string request;
  std::string method;
  // True when the exchange shows the defect. Given the whole response text (up to a close or a
  // short quiet period) and whether the server closed.
  std::function<bool(const std::string& bytes, bool closed)> shows;
};

void PrintTo(const DefectCase& d, std::ostream* os) { *os << d.defect; }

bool contains(const std::string& s, const char* what) { return s.find(what) != std::string::npos; }

std::vector<DefectCase> cases() {
  return {
      {"accept-bare-lf", "GET / HTTP/1.1\nHost: test\n\n", "GET",
       [](const std::string& b, bool) { return contains(b, "200 OK"); }},
      {"accept-obs-fold", "GET / HTTP/1.1\r\nHost: test\r\nX: a\r\n b\r\n\r\n", "GET",
       [](const std::string& b, bool) { return contains(b, "200 OK"); }},
      {"accept-space-before-colon", "GET / HTTP/1.1\r\nHost : test\r\n\r\n", "GET",
       [](const std::string& b, bool) { return contains(b, "200 OK"); }},
      {"accept-te-and-cl",
       "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n"
       "\r\n0\r\n\r\n",
       "POST", [](const std::string& b, bool closed) { return contains(b, "200 OK") && !closed; }},
      {"no-400-on-missing-host", "GET / HTTP/1.1\r\n\r\n", "GET",
       [](const std::string& b, bool) { return contains(b, "200 OK"); }},
      {"no-date", get("/"), "GET", [](const std::string& b, bool) { return !contains(b, "Date:"); }},
      {"ignore-connection-close", get("/", "Connection: close\r\n"), "GET",
       [](const std::string&, bool closed) { return !closed; }},
      {"http10-chunked", "GET /chunked?size=2&count=2 HTTP/1.0\r\n\r\n", "GET",
       [](const std::string& b, bool) { return contains(b, "Transfer-Encoding: chunked"); }},
      {"wrong-content-length", get("/"), "GET",
       [](const std::string& b, bool) {
         auto at = b.find("Content-Length: ");
         auto head_end = b.find("\r\n\r\n");
         if (at == std::string::npos || head_end == std::string::npos) return false;
         return std::stoul(b.substr(at + 16)) != b.size() - head_end - 4;
       }},
      {"body-on-head", "HEAD /bytes/5 HTTP/1.1\r\nHost: test\r\n\r\n", "HEAD",
       [](const std::string& b, bool) { return contains(b, "\r\n\r\nabcde"); }},
      {"200-for-missing", get("/no/such/path"), "GET",
       [](const std::string& b, bool) { return contains(b, "200 OK"); }},
      {"no-100-continue",
       "POST /echo HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n",
       "POST", [](const std::string& b, bool) { return !contains(b, "100 Continue"); }},
      {"keep-alive-http10", "GET / HTTP/1.0\r\n\r\n", "GET",
       [](const std::string&, bool closed) { return !closed; }},
      {"body-on-204", get("/status/204"), "GET",
       [](const std::string& b, bool) { return contains(b, "\r\n\r\n204 No Content"); }},
      {"no-allow-on-405", "POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n", "POST",
       [](const std::string& b, bool) { return contains(b, "405") && !contains(b, "Allow:"); }},
      {"close-without-response", "GET / HTTP/1.1\nHost: test\n\n", "GET",
       [](const std::string& b, bool closed) { return b.empty() && closed; }},
      // Semantics defects (RFC 9110), for cases/http/rfc9110 and cases/http/guards.
      {"date-not-imf-fixdate", get("/"), "GET",
       [](const std::string& b, bool) {
         auto at = b.find("Date: ");
         return at != std::string::npos && b.substr(at, b.find("\r\n", at) - at).find('-') !=
                                               std::string::npos;
       }},
      {"head-drops-fields", "HEAD / HTTP/1.1\r\nHost: test\r\n\r\n", "HEAD",
       [](const std::string& b, bool) {
         return contains(b, "Content-Length: 0\r\n") && !contains(b, "Content-Type:");
       }},
      {"reject-options-asterisk", "OPTIONS * HTTP/1.1\r\nHost: test\r\n\r\n", "OPTIONS",
       [](const std::string& b, bool) { return contains(b, "400 Bad Request"); }},
      {"no-allow-on-options", "OPTIONS / HTTP/1.1\r\nHost: test\r\n\r\n", "OPTIONS",
       [](const std::string& b, bool) { return contains(b, "200 OK") && !contains(b, "Allow:"); }},
      {"unknown-method-as-get", "WIRECHECK / HTTP/1.1\r\nHost: test\r\n\r\n", "WIRECHECK",
       [](const std::string& b, bool) { return contains(b, "200 OK"); }},
      {"interim-to-http10", "GET /status/103 HTTP/1.0\r\n\r\n", "GET",
       [](const std::string& b, bool) { return contains(b, "HTTP/1.1 103 "); }},
      {"interim-without-final", get("/status/103"), "GET",
       [](const std::string& b, bool closed) {
         return contains(b, "HTTP/1.1 103 ") && !contains(b, "200 OK") && closed;
       }},
      {"upgrade-to-unoffered", get("/", "Connection: upgrade\r\nUpgrade: wirecheck/9\r\n"), "GET",
       [](const std::string& b, bool) { return contains(b, "101 Switching Protocols"); }},
      {"no-location-on-3xx", get("/status/307"), "GET",
       [](const std::string& b, bool) { return contains(b, "307 ") && !contains(b, "Location:"); }},
      {"expect-case-sensitive",
       "POST /echo HTTP/1.1\r\nHost: test\r\nExpect: 100-Continue\r\nContent-Length: 5\r\n\r\nhello",
       "POST", [](const std::string& b, bool) { return contains(b, "417 "); }},
      {"expect-unknown-500", get("/", "Expect: wirecheck\r\n"), "GET",
       [](const std::string& b, bool) { return contains(b, "500 "); }},
      {"no-content-type", get("/"), "GET",
       [](const std::string& b, bool) { return contains(b, "200 OK") && !contains(b, "Content-Type:"); }},
      {"close-delimited", get("/"), "GET",
       [](const std::string& b, bool closed) {
         return contains(b, "200 OK") && !contains(b, "Content-Length:") && closed;
       }},
      {"preconditions-always-false", get("/no/such/path", "If-None-Match: *\r\n"), "GET",
       [](const std::string& b, bool) { return contains(b, "304 "); }},
      {"errors-as-200", get("/no/such/path"), "GET",
       [](const std::string& b, bool) { return contains(b, "200 OK"); }},
  };
}

// Defects that show only across connections: each has its own test below.
// Defects that need more than one request and its response (a half-close, a request in pieces,
// the plain-TCP reply mode): each has its own test at the end of this file.
const std::vector<std::string> kOwnTests = {
    "drop-on-half-close", "one-read-head",    "reply-utf8",      "exit-on-disconnect",
    "greet-on-connect",   "reply-once",       "close-after-reply", "reject-non-utf8"};

const std::vector<std::string> kAcrossConnections = {
    "one-client-at-a-time", "stop-after-bad-request", "stop-after-client-abort",
    "impatient-first-byte"};

// A server with `defect` (or none), and whether a fresh connection is answered 200 after
// `before` ran against it (the connection `before` returns stays open meanwhile).
using Before = std::function<std::unique_ptr<Client>(uint16_t port)>;
bool fresh_connection_answered(const char* defect, const Before& before) {
  ServerConfig cfg = test_config();
  if (defect) {
    Defect d;
    EXPECT_TRUE(parse_defect(defect, d));
    cfg.defects.add(d);
  }
  TestServer server(cfg);
  std::unique_ptr<Client> held = before(server.port());
  Client fresh(server.port());
  EXPECT_TRUE(fresh.send(get("/")));
  auto r = fresh.read_final("GET", 2s);
  return r && r->status == 200;
}

TEST(DefectsAcrossConnections, OneClientAtATimeStallsTheSecond) {
  auto stall = [](uint16_t port) {
    auto stalled = std::make_unique<Client>(port);
    EXPECT_TRUE(stalled->send("GET / HTTP/1.1\r\nHo"));
    std::this_thread::sleep_for(200ms);
    return stalled;
  };
  EXPECT_TRUE(fresh_connection_answered(nullptr, stall));
  EXPECT_FALSE(fresh_connection_answered("one-client-at-a-time", stall));
}

TEST(DefectsAcrossConnections, StopAfterBadRequest) {
  auto garbage = [](uint16_t port) {
    Client c(port);
    EXPECT_TRUE(c.send("\x01\x02 not http\r\n\r\n"));
    EXPECT_TRUE(c.wait_closed(5s));
    return std::unique_ptr<Client>();
  };
  EXPECT_TRUE(fresh_connection_answered(nullptr, garbage));
  EXPECT_FALSE(fresh_connection_answered("stop-after-bad-request", garbage));
}

TEST(DefectsAcrossConnections, StopAfterClientAbort) {
  auto vanish = [](uint16_t port) {
    {
      Client c(port);
      EXPECT_TRUE(c.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\nabc"));
      std::this_thread::sleep_for(200ms);
    }  // closed in the middle of the body
    std::this_thread::sleep_for(200ms);
    return std::unique_ptr<Client>();
  };
  EXPECT_TRUE(fresh_connection_answered(nullptr, vanish));
  EXPECT_FALSE(fresh_connection_answered("stop-after-client-abort", vanish));
}

TEST(DefectsAcrossConnections, ImpatientFirstByte) {
  auto answered_late = [](const char* defect) {
    ServerConfig cfg = test_config();
    if (defect) {
      Defect d;
      EXPECT_TRUE(parse_defect(defect, d));
      cfg.defects.add(d);
    }
    TestServer server(cfg);
    Client late(server.port());
    std::this_thread::sleep_for(1s);  // ten times the defect's patience
    EXPECT_TRUE(late.send(get("/")));
    auto r = late.read_final("GET", 2s);
    return r && r->status == 200;
  };
  EXPECT_TRUE(answered_late(nullptr));
  EXPECT_FALSE(answered_late("impatient-first-byte"));
}


// Sends the request and collects what comes back until the server closes or is quiet.
std::pair<std::string, bool> exchange(uint16_t port, const std::string& request) {
  Client c(port);
  EXPECT_TRUE(c.send(request));
  bool closed = false;
  while (!c.silent_for(300ms)) {
    if (c.wait_closed(1ms)) {
      closed = true;
      break;
    }
  }
  return {c.pending(), closed};
}

class Defects : public ::testing::TestWithParam<DefectCase> {};

TEST_P(Defects, BreakWhatTheyName) {
  const DefectCase& d = GetParam();
  Defect defect;
  ASSERT_TRUE(parse_defect(d.defect, defect));
  {
    TestServer good;
    auto [bytes, closed] = exchange(good.port(), d.request);
    EXPECT_FALSE(d.shows(bytes, closed)) << "without the defect:\n" << bytes;
  }
  ServerConfig cfg = test_config();
  cfg.defects.add(defect);
  TestServer bad(cfg);
  auto [bytes, closed] = exchange(bad.port(), d.request);
  EXPECT_TRUE(d.shows(bytes, closed)) << "with the defect:\n" << bytes;
}

INSTANTIATE_TEST_SUITE_P(Server, Defects, ::testing::ValuesIn(cases()), [](const auto& p) {
  std::string n = p.param.defect;
  for (char& ch : n) {
    if (ch == '-') ch = '_';
  }
  return "d_" + n;
});

TEST(DefectTable, EveryDefectHasACaseAbove) {
  auto all = cases();
  for (const auto& info : all_defects()) {
    bool found = false;
    for (const auto& c : all) found |= c.defect == info.name;
    for (const auto& name : kAcrossConnections) found |= name == info.name;
    EXPECT_TRUE(found) << info.name << " has no test showing what it breaks";
  }
}

TEST(DefectTable, NamesRoundTrip) {
  for (const auto& info : all_defects()) {
    Defect d;
    ASSERT_TRUE(parse_defect(info.name, d));
    EXPECT_EQ(d, info.defect);
    EXPECT_FALSE(info.section.empty());
  }
  Defect d;
  EXPECT_FALSE(parse_defect("no-such-defect", d));
}

}  // namespace
}  // namespace wirecheck::server::testing
