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
