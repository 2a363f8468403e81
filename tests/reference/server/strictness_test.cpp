// The reference server rejects what RFC 9112 forbids, with the right status, and closes.
#include <gtest/gtest.h>

#include "tests/reference/server/server_fixture.h"

namespace wirecheck::server::testing {
namespace {

struct BadRequest {
  const char* name;
  const char* bytes;
  int status;
};

void PrintTo(const BadRequest& b, std::ostream* os) { *os << b.name; }

const BadRequest kBadRequests[] = {
    {"bare_lf", "GET / HTTP/1.1\nHost: test\n\n", 400},
    {"bare_lf_in_field", "GET / HTTP/1.1\r\nHost: test\nX: y\r\n\r\n", 400},
    {"obs_fold", "GET / HTTP/1.1\r\nHost: test\r\nX-A: one\r\n two\r\n\r\n", 400},
    {"space_before_colon", "GET / HTTP/1.1\r\nHost : test\r\n\r\n", 400},
    {"te_and_cl",
     "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
     "0\r\n\r\n",
     400},
    {"invalid_content_length", "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 4x\r\n\r\nabcd",
     400},
    {"negative_content_length", "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: -1\r\n\r\n",
     400},
    {"conflicting_content_length",
     "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400},
    {"bad_chunk_size",
     "POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n",
     400},
    {"missing_host", "GET / HTTP/1.1\r\n\r\n", 400},
    {"duplicate_host", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},
    {"invalid_method_char", "G(T / HTTP/1.1\r\nHost: test\r\n\r\n", 400},
    {"double_space_in_request_line", "GET  / HTTP/1.1\r\nHost: test\r\n\r\n", 400},
    {"control_char_in_value", "GET / HTTP/1.1\r\nHost: test\r\nX: a\x01z\r\n\r\n", 400},
    {"http09", "GET /\r\n\r\n", 400},
    {"unsupported_transfer_coding",
     "POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501},
    {"http2_version", "GET / HTTP/2.0\r\nHost: test\r\n\r\n", 505},
    {"http3_version_without_host", "GET / HTTP/3.0\r\n\r\n", 505},
    {"unknown_expectation", "GET / HTTP/1.1\r\nHost: test\r\nExpect: teapot\r\n\r\n", 417},
};

class Rejects : public ::testing::TestWithParam<BadRequest> {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static TestServer* server_;
};
TestServer* Rejects::server_ = nullptr;

TEST_P(Rejects, WithItsStatusAndCloses) {
  const BadRequest& b = GetParam();
  Client c(server_->port());
  ASSERT_TRUE(c.send(b.bytes));
  auto r = c.read_final();
  ASSERT_TRUE(r) << c.error();
  EXPECT_EQ(r->status, b.status);
  ASSERT_TRUE(r->has("Connection"));
  EXPECT_EQ(*r->field("Connection"), "close");
  EXPECT_TRUE(c.wait_closed()) << c.error();
}

INSTANTIATE_TEST_SUITE_P(Server, Rejects, ::testing::ValuesIn(kBadRequests),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(Limits, LongTargetIs414) {
  TestServer srv;
  auto r = fetch(srv.port(), get("/" + std::string(20000, 'a')));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 414);
}

TEST(Limits, HugeHeaderSectionIs431) {
  TestServer srv;
  std::string fields;
  for (int i = 0; i < 200; ++i) fields += "X-F" + std::to_string(i) + ": v\r\n";
  auto r = fetch(srv.port(), get("/", fields));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
}

TEST(Limits, LongFieldLineIs431) {
  TestServer srv;
  auto r = fetch(srv.port(), get("/", "X-Long: " + std::string(20000, 'v') + "\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
}

TEST(Limits, BodyOverTheLimitIs413BeforeItArrives) {
  ServerConfig cfg = test_config();
  cfg.max_body_bytes = 1000;
  TestServer srv(cfg);
  Client c(srv.port());
  // Only the head is sent: the answer must not wait for a body it will refuse.
  ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 5000\r\n\r\n"));
  auto r = c.read_final();
  ASSERT_TRUE(r) << c.error();
  EXPECT_EQ(r->status, 413);
  EXPECT_TRUE(c.wait_closed());
}

TEST(Limits, ChunkedBodyOverTheLimitIs413) {
  ServerConfig cfg = test_config();
  cfg.max_body_bytes = 10;
  TestServer srv(cfg);
  auto r = fetch(srv.port(),
                 "POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "10\r\n0123456789abcdef\r\n0\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

TEST(Limits, BodyAtTheLimitIsAccepted) {
  ServerConfig cfg = test_config();
  cfg.max_body_bytes = 10;
  TestServer srv(cfg);
  auto r = fetch(srv.port(), "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 10\r\n\r\n0123456789");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST(ErrorBodies, NameTheProblemAndTheSection) {
  TestServer srv;
  auto r = fetch(srv.port(), "GET / HTTP/1.1\nHost: test\n\n");
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find("LF"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("RFC 9112"), std::string::npos) << r->body;
}

TEST(Http10, TransferEncodingIsRejected) {
  TestServer srv;
  auto r = fetch(srv.port(),
                 "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
}

TEST(Http10, MinorVersionsAboveOneAreServedAsHttp11) {
  TestServer srv;
  auto r = fetch(srv.port(), "GET / HTTP/1.7\r\nHost: test\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->major, 1);
  EXPECT_EQ(r->minor, 1);
}

}  // namespace
}  // namespace wirecheck::server::testing
