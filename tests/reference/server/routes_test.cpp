// Every HTTP route of the reference server, over real loopback connections.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "tests/reference/server/server_fixture.h"

namespace wirecheck::server::testing {
namespace {

class Routes : public ::testing::Test {
 protected:
  TestServer srv_;
  uint16_t port() const { return srv_.port(); }
};

TEST_F(Routes, RootIsAnHtmlPageWithContentLength) {
  auto r = fetch(port(), get("/"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->framing, http::BodyKind::content_length);
  ASSERT_TRUE(r->has("Content-Length"));
  EXPECT_EQ(*r->field("Content-Length"), std::to_string(r->body.size()));
  EXPECT_NE(r->field("Content-Type")->find("text/html"), std::string::npos);
  EXPECT_NE(r->body.find("<html"), std::string::npos);
  ASSERT_TRUE(r->has("Server"));
}

TEST_F(Routes, DateIsAnImfFixdate) {
  auto r = fetch(port(), get("/"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->count("Date"), 1u);
  // RFC 9110 §5.6.7: "Sun, 06 Nov 1994 08:49:37 GMT"
  std::regex imf(R"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT)");
  EXPECT_TRUE(std::regex_match(*r->field("Date"), imf)) << *r->field("Date");
}

TEST_F(Routes, EchoShowsWhatTheServerUnderstood) {
  auto r = fetch(port(),
                 "POST /echo?x=1 HTTP/1.1\r\nHost: test\r\nX-B: 2\r\nX-A:   spaced  \r\n"
                 "Content-Length: 5\r\n\r\nhello");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(*r->field("Content-Type"), "application/json");
  auto j = nlohmann::json::parse(r->body);
  EXPECT_EQ(j["method"], "POST");
  EXPECT_EQ(j["target"], "/echo?x=1");
  EXPECT_EQ(j["path"], "/echo");
  EXPECT_EQ(j["query"], "x=1");
  EXPECT_EQ(j["version"], "HTTP/1.1");
  ASSERT_EQ(j["headers"].size(), 4u);
  EXPECT_EQ(j["headers"][0]["name"], "Host");
  EXPECT_EQ(j["headers"][1]["name"], "X-B");  // in the order received
  EXPECT_EQ(j["headers"][2]["name"], "X-A");
  EXPECT_EQ(j["headers"][2]["value"], "spaced");  // surrounding whitespace removed
  EXPECT_EQ(j["body"], "hello");
  EXPECT_EQ(j["body_encoding"], "utf-8");
  EXPECT_EQ(j["body_length"], 5);
  EXPECT_EQ(j["framing"], "content-length");
}

TEST_F(Routes, EchoDecodesChunkedBodiesAndShowsTrailers) {
  auto r = fetch(port(),
                 "POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nX-Trailer: t\r\n\r\n");
  ASSERT_TRUE(r);
  auto j = nlohmann::json::parse(r->body);
  EXPECT_EQ(j["body"], "abcde");
  EXPECT_EQ(j["body_length"], 5);
  EXPECT_EQ(j["framing"], "chunked");
  ASSERT_EQ(j["trailers"].size(), 1u);
  EXPECT_EQ(j["trailers"][0]["name"], "X-Trailer");
  EXPECT_EQ(j["trailers"][0]["value"], "t");
}

TEST_F(Routes, EchoGivesBinaryBodiesInBase64) {
  std::string body("\xff\x00\x01", 3);
  auto r = fetch(port(), "PUT /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 3\r\n\r\n" + body);
  ASSERT_TRUE(r);
  auto j = nlohmann::json::parse(r->body);
  EXPECT_EQ(j["method"], "PUT");
  EXPECT_EQ(j["body_encoding"], "base64");
  EXPECT_EQ(j["body"], "/wAB");
  EXPECT_EQ(j["body_length"], 3);
}

TEST_F(Routes, EchoAcceptsSubpaths) {
  auto r = fetch(port(), get("/echo/sub/path"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(nlohmann::json::parse(r->body)["path"], "/echo/sub/path");
}

TEST_F(Routes, ReflectReturnsTheExactRequestBytes) {
  std::string request =
      "POST /reflect HTTP/1.1\r\nHost: test\r\nX-Odd:  value \t\r\nContent-Length: 4\r\n\r\nbody";
  auto r = fetch(port(), request);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, request);
}

TEST_F(Routes, ReflectIsPerRequestOnAPersistentConnection) {
  Client c(port());
  std::string first = get("/reflect", "X-N: 1\r\n");
  std::string second = get("/reflect", "X-N: 22\r\n");
  ASSERT_TRUE(c.send(first + second));
  auto a = c.read_final();
  auto b = c.read_final();
  ASSERT_TRUE(a && b) << c.error();
  EXPECT_EQ(a->body, first);
  EXPECT_EQ(b->body, second);
}

TEST_F(Routes, ChunkedSendsCountChunksOfSize) {
  auto r = fetch(port(), get("/chunked?size=5&count=3"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->framing, http::BodyKind::chunked);
  EXPECT_EQ(*r->field("Transfer-Encoding"), "chunked");
  EXPECT_FALSE(r->has("Content-Length"));
  EXPECT_EQ(r->body, pattern(15));
}

TEST_F(Routes, ChunkedToHttp10UsesContentLength) {
  Client c(port());
  ASSERT_TRUE(c.send("GET /chunked?size=4&count=2 HTTP/1.0\r\n\r\n"));
  auto r = c.read_final();
  ASSERT_TRUE(r) << c.error();
  EXPECT_FALSE(r->has("Transfer-Encoding"));
  EXPECT_EQ(*r->field("Content-Length"), "8");
  EXPECT_EQ(r->body, pattern(8));
}

TEST_F(Routes, ChunkedRejectsBadParameters) {
  auto r = fetch(port(), get("/chunked?size=x"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
}

TEST_F(Routes, LargeChunkedBodyIsStreamed) {
  auto r = fetch(port(), get("/chunked?size=10000&count=100"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body.size(), 1'000'000u);
  EXPECT_EQ(r->body, pattern(1'000'000));
}

TEST_F(Routes, StatusReturnsThatStatus) {
  for (int code : {200, 400, 404, 418, 500, 503}) {
    auto r = fetch(port(), get("/status/" + std::to_string(code)));
    ASSERT_TRUE(r) << code;
    EXPECT_EQ(r->status, code);
    EXPECT_FALSE(r->body.empty());
  }
}

TEST_F(Routes, Status307CarriesLocation) {
  auto r = fetch(port(), get("/status/307"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 307);
  EXPECT_EQ(r->reason, "Temporary Redirect");
  ASSERT_TRUE(r->has("Location"));
}

TEST_F(Routes, Status204And304HaveNoBody) {
  Client c(port());
  // Followed by a second request: a stray body byte would corrupt the next response.
  ASSERT_TRUE(c.send(get("/status/204") + get("/status/304") + get("/")));
  auto a = c.read_final();
  auto b = c.read_final();
  auto d = c.read_final();
  ASSERT_TRUE(a && b && d) << c.error();
  EXPECT_EQ(a->status, 204);
  EXPECT_FALSE(a->has("Content-Length"));
  EXPECT_TRUE(a->body.empty());
  EXPECT_EQ(b->status, 304);
  EXPECT_TRUE(b->body.empty());
  EXPECT_EQ(d->status, 200);
}

TEST_F(Routes, Status1xxIsSentAsAnInterimResponse) {
  Client c(port());
  ASSERT_TRUE(c.send(get("/status/103")));
  auto interim = c.read_response();
  ASSERT_TRUE(interim) << c.error();
  EXPECT_EQ(interim->status, 103);
  EXPECT_TRUE(interim->interim);
  auto final_response = c.read_response();
  ASSERT_TRUE(final_response) << c.error();
  EXPECT_EQ(final_response->status, 200);
}

TEST_F(Routes, StatusOutOfRangeIs400) {
  for (const char* bad : {"/status/99", "/status/600", "/status/abc", "/status/2000"}) {
    auto r = fetch(port(), get(bad));
    ASSERT_TRUE(r) << bad;
    EXPECT_EQ(r->status, 400) << bad;
  }
}

TEST_F(Routes, BytesSendsNPatternBytes) {
  auto r = fetch(port(), get("/bytes/30"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, pattern(30));
  EXPECT_EQ(*r->field("Content-Length"), "30");
}

TEST_F(Routes, LargeBytesAreStreamedWithContentLength) {
  auto r = fetch(port(), get("/bytes/3000000"));
  ASSERT_TRUE(r);
  EXPECT_EQ(*r->field("Content-Length"), "3000000");
  EXPECT_EQ(r->body.size(), 3'000'000u);
  EXPECT_EQ(r->body, pattern(3'000'000));
}

TEST_F(Routes, DelayAnswersAfterTheDelay) {
  auto r = fetch(port(), get("/delay/50"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "delayed 50 ms\n");
}

TEST_F(Routes, UnknownPathIs404) {
  auto r = fetch(port(), get("/no/such/thing"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
}

TEST_F(Routes, AbsoluteFormTargetsAreRoutedByPath) {
  auto r = fetch(port(), "GET http://test/bytes/3 HTTP/1.1\r\nHost: test\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "abc");
}

TEST_F(Routes, HeadHasTheHeadersOfGetAndNoBody) {
  // (/echo is left out: its body names the method, so its length differs.)
  for (const char* target : {"/", "/delay/1", "/bytes/100", "/chunked?size=3&count=3", "/status/404",
                             "/bytes/200000"}) {
    Client c(port());
    // HEAD then GET on one connection: a body after the HEAD response would be read as the
    // start of the GET response and fail to parse.
    std::string head = get(target);
    head.replace(0, 3, "HEAD");
    ASSERT_TRUE(c.send(head + get(target)));
    auto h = c.read_final("HEAD");
    auto g = c.read_final("GET");
    ASSERT_TRUE(h && g) << target << ": " << c.error();
    EXPECT_TRUE(h->body.empty()) << target;
    EXPECT_EQ(h->status, g->status) << target;
    if (g->has("Content-Length")) {
      EXPECT_EQ(*h->field("Content-Length"), *g->field("Content-Length")) << target;
    }
    EXPECT_EQ(h->has("Transfer-Encoding"), g->has("Transfer-Encoding")) << target;
    EXPECT_EQ(h->has("Content-Type"), g->has("Content-Type")) << target;
  }
}

TEST_F(Routes, KnownMethodNotTakenIs405WithAllow) {
  auto r = fetch(port(), "POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 2\r\n\r\nhi");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  ASSERT_TRUE(r->has("Allow"));
  EXPECT_EQ(*r->field("Allow"), "GET, HEAD, OPTIONS");
}

TEST_F(Routes, TraceIs405) {
  auto r = fetch(port(), "TRACE / HTTP/1.1\r\nHost: test\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_TRUE(r->has("Allow"));
}

TEST_F(Routes, UnknownMethodIs501) {
  auto r = fetch(port(), "BREW / HTTP/1.1\r\nHost: test\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 501);
}

TEST_F(Routes, ConnectIs501) {
  auto r = fetch(port(), "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 501);
}

TEST_F(Routes, OptionsAsteriskListsTheMethods) {
  auto r = fetch(port(), "OPTIONS * HTTP/1.1\r\nHost: test\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  ASSERT_TRUE(r->has("Allow"));
  EXPECT_NE(r->field("Allow")->find("GET"), std::string::npos);
  EXPECT_EQ(*r->field("Content-Length"), "0");
}

TEST_F(Routes, OptionsOnARouteGivesItsAllow) {
  auto r = fetch(port(), "OPTIONS /echo HTTP/1.1\r\nHost: test\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->field("Allow")->find("POST"), std::string::npos);
}

}  // namespace
}  // namespace wirecheck::server::testing
