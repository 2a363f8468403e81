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

size_t count(const std::string& s, const char* what) {
  size_t n = 0;
  for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

std::string post(const std::string& fields, const std::string& body) {
  return "POST /echo HTTP/1.1\r\nHost: test\r\n" + fields + "\r\n" + body;
}

bool ok(const std::string& b, bool) { return contains(b, "200 OK"); }
bool bad_request(const std::string& b, bool) { return contains(b, "400 Bad Request"); }
bool echoed_hello(const std::string& b, bool) { return contains(b, "\"body\": \"hello\""); }

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
      // Framing defects (defective_framing.cpp): each request is read differently with the defect.
      {"te-cl-use-cl", post("Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", "0\r\n\r\n"),
       "POST", [](const std::string& b, bool) { return contains(b, "\"framing\": \"content-length\""); }},
      {"first-content-length-wins", post("Content-Length: 3\r\nContent-Length: 4\r\n", "abcd"),
       "POST", [](const std::string& b, bool) { return contains(b, "\"body_length\": 3"); }},
      {"accept-bad-content-length", post("Content-Length: +5\r\n", "hello"), "POST", ok},
      {"accept-chunked-not-final", post("Transfer-Encoding: chunked, gzip\r\n", "0\r\n\r\n"), "POST",
       ok},
      {"ignore-unknown-coding", post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n"), "POST", ok},
      {"te-substring-chunked", post("Transfer-Encoding: xchunked\r\n", "0\r\n\r\n"), "POST", ok},
      {"te-case-sensitive", post("Transfer-Encoding: Chunked\r\n", "0\r\n\r\n"), "POST", bad_request},
      {"te-no-ows-trim", post("Transfer-Encoding:\tchunked\r\n", "0\r\n\r\n"), "POST", bad_request},
      {"te-first-line-only",
       post("Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n", "0\r\n\r\n"), "POST", ok},
      {"te-last-line-only",
       post("Transfer-Encoding: identity\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"), "POST", ok},
      {"ignore-te-in-http10",
       "POST /echo HTTP/1.0\r\nHost: test\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
       "0\r\n\r\n",
       "POST", ok},
      {"underscore-as-dash", post("Transfer_Encoding: chunked\r\n", "5\r\nhello\r\n0\r\n\r\n"), "POST",
       echoed_hello},
      {"lookalike-names", post("Tran\xc5\xbf" "fer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\n\r\n"),
       "POST", echoed_hello},
      {"bare-cr-ends-line",
       post("X: a\rTransfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\n\r\n"), "POST", echoed_hello},
      {"nul-truncates-value",
       post(std::string("Transfer-Encoding: chunked") + '\0' + "x\r\n", "5\r\nhello\r\n0\r\n\r\n"),
       "POST", echoed_hello},
      {"accept-bad-chunk-size", post("Transfer-Encoding: chunked\r\n", "0x5\r\nhello\r\n0\r\n\r\n"),
       "POST", ok},
      {"lenient-chunk-extensions",
       post("Transfer-Encoding: chunked\r\n", "5;\r\nhello\r\n0\r\n\r\n"), "POST", ok},
      {"chunk-data-by-line", post("Transfer-Encoding: chunked\r\n", "3\r\nhello\r\n0\r\n\r\n"),
       "POST", ok},
      {"trailer-frames",
       post("Transfer-Encoding: chunked\r\n", "0\r\nContent-Length: 500\r\n\r\n") +
           "GET / HTTP/1.1\r\nHost: test\r\n\r\n",
       "POST", [](const std::string& b, bool) { return count(b, "HTTP/1.1 200") == 1; }},
      {"early-chunked-end",
       post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n"), "POST",
       bad_request},
      {"answer-before-body", post("Content-Length: 5\r\n", "hello"), "POST",
       [](const std::string& b, bool) { return contains(b, "\"body_length\": 0"); }},
      {"ignore-transfer-encoding",
       post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\n\r\n"), "POST", bad_request},
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
      // Parsing, version, target, field and persistence defects, for cases/http/rfc9112 and
      // cases/http/rfc9110/05.*.
      {"lenient-parser", get("/", std::string("X-Nul: a") + '\0' + "b\r\nHost: again\r\n"), "GET",
       ok},
      {"accept-any-version", "GET / HTTP/2.0\r\nHost: test\r\n\r\n", "GET", ok},
      {"reject-http12", "GET / HTTP/1.2\r\nHost: test\r\n\r\n", "GET",
       [](const std::string& b, bool) { return contains(b, "505 "); }},
      {"no-request-limits", get("/?" + std::string(20000, 'a')), "GET", ok},
      {"small-request-limits", get("/?" + std::string(2000, 'a')), "GET",
       [](const std::string& b, bool) { return contains(b, "414 "); }},
      {"absolute-form-as-path", "GET http://test/ HTTP/1.1\r\nHost: test\r\n\r\n", "GET",
       [](const std::string& b, bool) { return contains(b, "404 "); }},
      {"connect-as-get", "CONNECT test:80 HTTP/1.1\r\nHost: test\r\n\r\n", "CONNECT",
       [](const std::string& b, bool) { return !contains(b, "501 "); }},
      {"drop-pipelined", get("/") + get("/no/such/path"), "GET",
       [](const std::string& b, bool) { return count(b, "HTTP/1.1 ") == 1; }},
      {"no-keep-alive", get("/"), "GET",
       [](const std::string& b, bool closed) { return closed && contains(b, "Connection: close"); }},
      {"silent-close", get("/"), "GET",
       [](const std::string& b, bool closed) { return closed && !contains(b, "Connection:"); }},
      {"reject-leading-crlf", "\r\n" + get("/"), "GET", bad_request},
      {"mirror-version", "GET / HTTP/1.0\r\n\r\n", "GET",
       [](const std::string& b, bool) { return contains(b, "HTTP/1.0 200 OK"); }},
      {"keep-open-after-error", "GARBAGE\r\n\r\n", "GET",
       [](const std::string& b, bool closed) { return contains(b, "400 ") && !closed; }},
      {"reject-obs-text", get("/", "X-Name: caf\xe9\r\n"), "GET", bad_request},
      {"no-ows-trim", get("/echo", "X-Ows:  padded \t\r\n"), "GET",
       [](const std::string& b, bool) { return contains(b, "\"value\": \"  padded \\t\""); }},
      {"host-required-http10", "GET / HTTP/1.0\r\n\r\n", "GET", bad_request},
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
  std::string bytes = c.read_until_quiet(300ms);  // bounded: 10 s at most
  return {bytes, c.closed()};
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
    for (const auto& name : kOwnTests) found |= name == info.name;
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

// A server with `defect` (or none).
ServerConfig with_defect(ServerConfig cfg, const char* defect) {
  if (defect) {
    Defect d;
    EXPECT_TRUE(parse_defect(defect, d));
    cfg.defects.add(d);
  }
  return cfg;
}

TEST(DefectsOwnTests, DropOnHalfClose) {
  auto answered = [](const char* defect) {
    TestServer server(with_defect(test_config(), defect));
    Client c(server.port());
    EXPECT_TRUE(c.send(get("/")));
    EXPECT_TRUE(c.connection().shutdown_write().ok());
    auto r = c.read_final("GET", 3s);
    return r && r->status == 200;
  };
  EXPECT_TRUE(answered(nullptr));
  EXPECT_FALSE(answered("drop-on-half-close"));
}

TEST(DefectsOwnTests, OneReadHead) {
  auto status = [](const char* defect) {
    TestServer server(with_defect(test_config(), defect));
    Client c(server.port());
    EXPECT_TRUE(c.send("GET / HTTP/1.1\r\nHo"));
    std::this_thread::sleep_for(100ms);
    EXPECT_TRUE(c.send("st: test\r\n\r\n"));
    auto r = c.read_final("GET", 3s);
    return r ? r->status : 0;
  };
  EXPECT_EQ(status(nullptr), 200);
  EXPECT_EQ(status("one-read-head"), 400);
}

// The plain-TCP reply mode, as the tutorial asks for it: GBK.
const std::string kQuestion = "\xc4\xe3\xba\xc3";  // 你好 in GBK, not valid UTF-8
const std::string kReplyText = "ok\xef\xbc\x8c\xe9\x97\xae\xe9\xa2\x98";  // ok，问题 in UTF-8
const std::string kReplyGbk = "ok\xa3\xac\xce\xca\xcc\xe2";  // the same in GBK

ServerConfig reply_mode(const char* defect) {
  ServerConfig cfg = test_config();
  cfg.mode = Mode::reply;
  cfg.encoding = "GBK";
  cfg.reply_text = kReplyText;
  return with_defect(cfg, defect);
}

// What arrives until the connection is quiet (or closed).
std::string collect(Client& c) {
  std::string got = c.read_until_quiet(300ms);
  c.clear_pending();
  return got;
}

TEST(DefectsOwnTests, ReplyUtf8) {
  for (const char* defect : {static_cast<const char*>(nullptr), "reply-utf8"}) {
    TestServer server(reply_mode(defect));
    Client c(server.port());
    EXPECT_TRUE(c.send(kQuestion));
    EXPECT_EQ(collect(c), defect ? kReplyText : kReplyGbk);
  }
}

TEST(DefectsOwnTests, ExitOnDisconnect) {
  for (const char* defect : {static_cast<const char*>(nullptr), "exit-on-disconnect"}) {
    TestServer server(reply_mode(defect));
    {
      Client first(server.port());
      EXPECT_TRUE(first.send(kQuestion));
      EXPECT_EQ(collect(first), kReplyGbk);
    }
    std::this_thread::sleep_for(200ms);  // the server sees the first client leave
    Client second(server.port());
    second.send(kQuestion);
    EXPECT_EQ(collect(second), defect ? "" : kReplyGbk) << (defect ? defect : "no defect");
  }
}

TEST(DefectsOwnTests, GreetOnConnect) {
  for (const char* defect : {static_cast<const char*>(nullptr), "greet-on-connect"}) {
    TestServer server(reply_mode(defect));
    Client c(server.port());
    EXPECT_EQ(collect(c), defect ? kReplyGbk : "");
  }
}

TEST(DefectsOwnTests, ReplyOnce) {
  for (const char* defect : {static_cast<const char*>(nullptr), "reply-once"}) {
    TestServer server(reply_mode(defect));
    Client c(server.port());
    EXPECT_TRUE(c.send(kQuestion));
    collect(c);
    EXPECT_TRUE(c.send(kQuestion));
    EXPECT_EQ(collect(c), defect ? "" : kReplyGbk);
  }
}

TEST(DefectsOwnTests, CloseAfterReply) {
  for (const char* defect : {static_cast<const char*>(nullptr), "close-after-reply"}) {
    TestServer server(reply_mode(defect));
    Client c(server.port());
    EXPECT_TRUE(c.send(kQuestion));
    EXPECT_EQ(c.wait_closed(500ms), defect != nullptr);
    EXPECT_EQ(c.pending(), kReplyGbk);
  }
}

TEST(DefectsOwnTests, RejectNonUtf8) {
  for (const char* defect : {static_cast<const char*>(nullptr), "reject-non-utf8"}) {
    TestServer server(reply_mode(defect));
    Client c(server.port());
    EXPECT_TRUE(c.send(kQuestion));
    EXPECT_EQ(c.wait_closed(500ms), defect != nullptr);
    EXPECT_EQ(c.pending(), defect ? "" : kReplyGbk);
  }
}


}  // namespace
}  // namespace wirecheck::server::testing
