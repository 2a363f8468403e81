// The serializer renders canonical messages the strict parser reads back unchanged, and each
// Breakage produces exactly the framing mistake it names.
#include "reference/http/serializer.h"

#include <gtest/gtest.h>

#include "reference/http/parser.h"

namespace wirecheck::http {
namespace {

struct Parsed : Handler {
  std::string method, target, reason, body;
  int status = 0;
  int major = 0;
  int minor = 0;
  std::vector<Field> fields, trailers;
  Head head;
  int completed = 0;
  int violations = 0;
  Error error;  // from feed() or finish()

  void on_request_line(std::string_view m, std::string_view t, int ma, int mi) override {
    method = m;
    target = t;
    major = ma;
    minor = mi;
  }
  void on_status_line(int ma, int mi, int s, std::string_view r) override {
    major = ma;
    minor = mi;
    status = s;
    reason = r;
  }
  void on_field(std::string_view n, std::string_view v) override {
    fields.push_back({std::string(n), std::string(v)});
  }
  void on_headers_complete(const Head& h) override { head = h; }
  void on_body(std::string_view d) override { body += d; }
  void on_trailer(std::string_view n, std::string_view v) override {
    trailers.push_back({std::string(n), std::string(v)});
  }
  void on_message_complete() override { ++completed; }
  void on_violation(const Error&) override { ++violations; }
};

// Parses one message strictly: feed everything, then finish() when `at_eof`.
Parsed parse(MessageKind kind, std::string_view bytes, std::string_view method = "GET",
             bool at_eof = true) {
  Parsed p;
  Parser parser(kind, p);
  parser.set_request_method(method);
  size_t pos = 0;
  for (int guard = 0; guard < 1000 && pos < bytes.size(); ++guard) {
    FeedResult r = parser.feed(bytes.substr(pos));
    if (r.status == Status::error) {
      p.error = parser.error();
      return p;
    }
    pos += r.consumed;
    if (r.status == Status::need_more) break;
  }
  if (at_eof) p.error = parser.finish();
  return p;
}

bool same_fields(const std::vector<Field>& a, const std::vector<Field>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].value != b[i].value) return false;
  }
  return true;
}

TEST(Serializer, RendersACanonicalGet) {
  Request r;
  r.fields = {{"Host", "example.com"}, {"Accept", "*/*"}};
  EXPECT_EQ(serialize(r), "GET / HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n");
}

TEST(Serializer, AddsContentLengthForBodiesAndBodyMethods) {
  Request post;
  post.method = "POST";
  post.target = "/echo";
  post.fields = {{"Host", "h"}};
  post.body = "hello";
  EXPECT_EQ(serialize(post), "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
  post.body.clear();
  EXPECT_EQ(serialize(post), "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
  post.add_content_length = false;
  EXPECT_EQ(serialize(post), "POST /echo HTTP/1.1\r\nHost: h\r\n\r\n");

  Request get;
  get.fields = {{"Host", "h"}};
  get.body = "xy";
  EXPECT_EQ(serialize(get), "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nxy");
}

TEST(Serializer, KeepsTheCallersFramingFields) {
  Request r;
  r.method = "PUT";
  r.fields = {{"Host", "h"}, {"content-length", "3"}};
  r.body = "abc";
  EXPECT_EQ(serialize(r), "PUT / HTTP/1.1\r\nHost: h\r\ncontent-length: 3\r\n\r\nabc");
  Request c;
  c.method = "POST";
  c.fields = {{"Host", "h"}, {"Transfer-Encoding", "gzip, chunked"}};
  c.chunks = std::vector<std::string>{"ab"};
  EXPECT_EQ(serialize(c),
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
            "2\r\nab\r\n0\r\n\r\n");
}

TEST(Serializer, RendersChunksAndTrailers) {
  Request r;
  r.method = "POST";
  r.fields = {{"Host", "h"}};
  r.chunks = std::vector<std::string>{"hello", "", std::string(26, 'x')};
  r.trailers = {{"X-Sum", "1"}};
  EXPECT_EQ(serialize(r),
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            "5\r\nhello\r\n1a\r\n" +
                std::string(26, 'x') + "\r\n0\r\nX-Sum: 1\r\n\r\n");
}

TEST(Serializer, RendersResponses) {
  Response ok;
  ok.body = "hi";
  EXPECT_EQ(serialize(ok), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
  Response empty;
  EXPECT_EQ(serialize(empty), "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  Response no_content;
  no_content.status = 204;
  EXPECT_EQ(serialize(no_content), "HTTP/1.1 204 No Content\r\n\r\n");
  Response not_modified;
  not_modified.status = 304;
  EXPECT_EQ(serialize(not_modified), "HTTP/1.1 304 Not Modified\r\n\r\n");
  Response cont;
  cont.status = 100;
  EXPECT_EQ(serialize(cont), "HTTP/1.1 100 Continue\r\n\r\n");
  Response bare;
  bare.status = 299;
  bare.add_content_length = false;
  EXPECT_EQ(serialize(bare), "HTTP/1.1 299 \r\n\r\n");
  Response custom;
  custom.status = 404;
  custom.reason = "Nowhere";
  custom.version = "HTTP/1.0";
  custom.fields = {{"X-Empty", ""}};
  EXPECT_EQ(serialize(custom), "HTTP/1.0 404 Nowhere\r\nX-Empty:\r\nContent-Length: 0\r\n\r\n");
}

TEST(Serializer, AppendChunkAndLastChunk) {
  std::string out;
  append_chunk(out, "abc", ";a=b");
  append_chunk(out, "");
  append_chunk(out, std::string(255, 'z'));
  append_last_chunk(out, {{"T", "v"}});
  EXPECT_EQ(out, "3;a=b\r\nabc\r\nff\r\n" + std::string(255, 'z') + "\r\n0\r\nT: v\r\n\r\n");
  std::string last;
  append_last_chunk(last);
  EXPECT_EQ(last, "0\r\n\r\n");
}

TEST(Serializer, ReasonPhrases) {
  EXPECT_EQ(reason_phrase(200), "OK");
  EXPECT_EQ(reason_phrase(413), "Content Too Large");
  EXPECT_EQ(reason_phrase(431), "Request Header Fields Too Large");
  EXPECT_EQ(reason_phrase(505), "HTTP Version Not Supported");
  EXPECT_EQ(reason_phrase(100), "Continue");
  EXPECT_EQ(reason_phrase(308), "Permanent Redirect");
  EXPECT_EQ(reason_phrase(511), "Network Authentication Required");
  EXPECT_EQ(reason_phrase(299), "");
  EXPECT_EQ(reason_phrase(600), "");
  EXPECT_EQ(reason_phrase(0), "");
}

TEST(SerializerRoundTrip, Requests) {
  const char* methods[] = {"GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"};
  const char* bodies[] = {"", "x", "hello world", "\r\n\r\n"};
  for (const char* m : methods) {
    for (const char* b : bodies) {
      Request r;
      r.method = m;
      r.target = "/p?q=1";
      r.fields = {{"Host", "example.com:8080"}, {"X-A", "1"}, {"X-Long", std::string(300, 'v')}};
      r.body = b;
      std::string wire = serialize(r);
      Parsed p = parse(MessageKind::request, wire);
      SCOPED_TRACE(wire);
      EXPECT_FALSE(p.error) << name(p.error.code);
      EXPECT_EQ(p.completed, 1);
      EXPECT_EQ(p.violations, 0);
      EXPECT_EQ(p.method, m);
      EXPECT_EQ(p.target, "/p?q=1");
      EXPECT_EQ(p.body, b);
      std::vector<Field> want = r.fields;
      if (!r.body.empty() || std::string_view(m) == "POST" || std::string_view(m) == "PUT" ||
          std::string_view(m) == "PATCH") {
        want.push_back({"Content-Length", std::to_string(r.body.size())});
      }
      EXPECT_TRUE(same_fields(p.fields, want));
    }
  }
}

TEST(SerializerRoundTrip, ChunkedRequestWithTrailers) {
  Request r;
  r.method = "POST";
  r.fields = {{"Host", "h"}, {"Trailer", "X-Checksum"}};
  r.chunks = std::vector<std::string>{"abc", std::string(4096, 'q'), "z"};
  r.trailers = {{"X-Checksum", "42"}, {"X-More", "a b"}};
  Parsed p = parse(MessageKind::request, serialize(r));
  EXPECT_FALSE(p.error) << name(p.error.code);
  EXPECT_EQ(p.completed, 1);
  EXPECT_EQ(p.head.body, BodyKind::chunked);
  EXPECT_EQ(p.body, "abc" + std::string(4096, 'q') + "z");
  EXPECT_TRUE(same_fields(p.trailers, r.trailers));
}

TEST(SerializerRoundTrip, Responses) {
  for (int status : {200, 201, 404, 500}) {
    Response r;
    r.status = status;
    r.fields = {{"Server", "wirecheck"}, {"Date", "Sun, 06 Nov 1994 08:49:37 GMT"}};
    r.body = "body of " + std::to_string(status);
    Parsed p = parse(MessageKind::response, serialize(r));
    EXPECT_FALSE(p.error) << name(p.error.code);
    EXPECT_EQ(p.completed, 1);
    EXPECT_EQ(p.status, status);
    EXPECT_EQ(p.reason, reason_phrase(status));
    EXPECT_EQ(p.body, r.body);
    EXPECT_EQ(p.head.body, BodyKind::content_length);
  }
}

TEST(SerializerRoundTrip, ChunkedResponseAndHeadResponse) {
  Response r;
  r.chunks = std::vector<std::string>{"one", "two"};
  r.trailers = {{"X-T", "done"}};
  Parsed p = parse(MessageKind::response, serialize(r));
  EXPECT_FALSE(p.error) << name(p.error.code);
  EXPECT_EQ(p.completed, 1);
  EXPECT_EQ(p.body, "onetwo");
  EXPECT_TRUE(same_fields(p.trailers, r.trailers));

  Response head;
  head.fields = {{"Content-Length", "1000"}};
  Parsed h = parse(MessageKind::response, serialize(head), "HEAD");
  EXPECT_FALSE(h.error) << name(h.error.code);
  EXPECT_EQ(h.completed, 1);
  EXPECT_EQ(h.body, "");
}

Request chunked_post() {
  Request r;
  r.method = "POST";
  r.fields = {{"Host", "h"}};
  r.chunks = std::vector<std::string>{"hello", "world"};
  return r;
}

Request plain_post() {
  Request r;
  r.method = "POST";
  r.fields = {{"Host", "h"}, {"X-Folded", "a b"}};
  r.body = "hello";
  return r;
}

ErrorCode broken(const Request& r, const Breakage& b) {
  return parse(MessageKind::request, serialize(r, b)).error.code;
}

TEST(SerializerBreakage, ContentLengthText) {
  Breakage b;
  b.content_length = "abc";
  EXPECT_EQ(broken(plain_post(), b), ErrorCode::invalid_content_length);
  b.content_length = "10";  // five bytes follow, then the stream ends
  Parsed p = parse(MessageKind::request, serialize(plain_post(), b));
  EXPECT_EQ(p.error.code, ErrorCode::body_truncated);
  EXPECT_EQ(p.error.expected, 10u);
  EXPECT_EQ(p.error.actual, 5u);
  b.content_length = "5";
  EXPECT_EQ(broken(chunked_post(), b), ErrorCode::content_length_with_transfer_encoding);
}

TEST(SerializerBreakage, BareLf) {
  Breakage b;
  b.bare_lf = true;
  std::string wire = serialize(plain_post(), b);
  EXPECT_EQ(wire.find('\r'), std::string::npos);
  EXPECT_EQ(broken(plain_post(), b), ErrorCode::bare_lf);
}

TEST(SerializerBreakage, FirstChunkSize) {
  Breakage b;
  b.first_chunk_size = "5x";
  EXPECT_EQ(broken(chunked_post(), b), ErrorCode::invalid_chunk_size);
  Request none = chunked_post();
  none.chunks = std::vector<std::string>{};
  b.first_chunk_size = "0x0";
  EXPECT_NE(serialize(none, b).find("\r\n\r\n0x0\r\n"), std::string::npos);
  EXPECT_EQ(broken(none, b), ErrorCode::invalid_chunk_size);
}

TEST(SerializerBreakage, ChunkDataWithoutCrlf) {
  Breakage b;
  b.chunk_data_without_crlf = true;
  EXPECT_NE(serialize(chunked_post(), b).find("hello5\r\nworld\r\n"), std::string::npos);
  EXPECT_EQ(broken(chunked_post(), b), ErrorCode::missing_chunk_data_crlf);
}

TEST(SerializerBreakage, OmitLastChunk) {
  Breakage b;
  b.omit_last_chunk = true;
  std::string wire = serialize(chunked_post(), b);
  EXPECT_EQ(wire.substr(wire.size() - 10), "5\r\nworld\r\n");
  EXPECT_EQ(wire.find("0\r\n"), std::string::npos);
  EXPECT_EQ(broken(chunked_post(), b), ErrorCode::incomplete_message);
}

TEST(SerializerBreakage, OmitFinalCrlf) {
  Breakage b;
  b.omit_final_crlf = true;
  std::string wire = serialize(chunked_post(), b);
  EXPECT_EQ(wire.substr(wire.size() - 10), "world\r\n0\r\n");
  EXPECT_EQ(broken(chunked_post(), b), ErrorCode::incomplete_message);
}

TEST(SerializerBreakage, SpaceBeforeColon) {
  Breakage b;
  b.space_before_colon = true;
  EXPECT_NE(serialize(plain_post(), b).find("\r\nHost : h\r\nX-Folded: a b\r\n"),
            std::string::npos);
  EXPECT_EQ(broken(plain_post(), b), ErrorCode::space_before_colon);
}

TEST(SerializerBreakage, ObsFoldFirstField) {
  Request r = plain_post();
  r.fields = {{"X-Folded", "a b"}, {"Host", "h"}};
  Breakage b;
  b.obs_fold_first_field = true;
  EXPECT_NE(serialize(r, b).find("X-Folded: a\r\n b\r\nHost: h\r\n"), std::string::npos);
  EXPECT_EQ(broken(r, b), ErrorCode::obs_fold);
  r.fields = {{"X-One", "word"}, {"Host", "h"}};
  EXPECT_NE(serialize(r, b).find("X-One:\r\n word\r\n"), std::string::npos);
  EXPECT_EQ(broken(r, b), ErrorCode::obs_fold);
}

}  // namespace
}  // namespace wirecheck::http
