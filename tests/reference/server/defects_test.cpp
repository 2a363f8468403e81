// Each test-only defect really breaks the behaviour it names, and nothing is broken without
// one: a case that should catch the defect can rely on the difference.
#include <gtest/gtest.h>

#include <functional>

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
  };
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
