// The parser's short paths (a whole request line, plain field lines, a lone "chunked", a plain
// Host value, the empty trailer section after the last chunk, the decision for a plain HTTP/1.1
// head) must have exactly the effects of the general line-by-line path. Whole input takes the
// short paths; byte-by-byte input never can, so every case is replayed both ways and at every
// split into two, and all must give the case's events. These inputs sit at the edges of the
// short paths: the bytes that make them decline, or stop a run early.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/reference/http/case_file.h"
#include "tests/reference/http/replay.h"

namespace wirecheck::http::parser_cases {
namespace {

constexpr const char* kCases = R"cases(
=== short-te-chunked-any-case
why: RFC 9112 §6.1: transfer coding names are case-insensitive; "CHUNKED" frames as "chunked".
kind: request
crlf:
POST / HTTP/1.1
Host: a
Transfer-Encoding: CHUNKED

3
abc
0

events:
begin 0
request POST "/" 1.1
field "Host" "a"
field "Transfer-Encoding" "CHUNKED"
head body=chunked fields=2 keep_alive te
chunk 3
body "abc"
chunk 0
complete

=== short-te-chunked-then-another-coding
why: RFC 9112 §6.3 rule 4: a second Transfer-Encoding line makes gzip the final coding, so the
  length of the request cannot be determined.
kind: request
crlf:
POST / HTTP/1.1
Host: a
Transfer-Encoding: chunked
Transfer-Encoding: gzip

events:
begin 0
request POST "/" 1.1
field "Host" "a"
field "Transfer-Encoding" "chunked"
field "Transfer-Encoding" "gzip"
error chunked_not_final @45

=== short-te-chunked-with-content-length
why: RFC 9112 §6.1: Transfer-Encoding with Content-Length is refused by default, even when the
  coding is a lone chunked.
kind: request
crlf:
POST / HTTP/1.1
Host: a
Transfer-Encoding: chunked
Content-Length: 3

events:
begin 0
request POST "/" 1.1
field "Host" "a"
field "Transfer-Encoding" "chunked"
field "Content-Length" "3"
error content_length_with_transfer_encoding @70

=== short-host-trailing-whitespace
why: RFC 9110 §5.5: whitespace around a field value is not part of it; the Host value "a" is
  valid.
kind: request
crlf:
GET / HTTP/1.1
Host: a \t

events:
begin 0
request GET "/" 1.1
field "Host" "a"
head body=none fields=1 keep_alive
complete

=== short-host-port-and-pct-encoding
why: RFC 9110 §7.2: Host = uri-host [ ":" port ], and a reg-name may hold pct-encoded octets.
kind: request
crlf:
GET / HTTP/1.1
Host: a%41b:8080

events:
begin 0
request GET "/" 1.1
field "Host" "a%41b:8080"
head body=none fields=1 keep_alive
complete

=== short-host-space-inside
why: RFC 9110 §7.2: a space inside the Host value is no uri-host.
kind: request
crlf:
GET / HTTP/1.1
Host: a b

events:
begin 0
request GET "/" 1.1
error invalid_host @23 line=2

=== short-host-empty
why: RFC 9110 §7.2: an empty Host value is allowed (a target without an authority).
kind: request
crlf:
GET / HTTP/1.1
Host:

events:
begin 0
request GET "/" 1.1
field "Host" ""
head body=none fields=1 keep_alive
complete

=== short-long-names-and-host
why: RFC 9110 §5.1 and §7.2: field names are tokens of any length and case, and a Host reg-name
  may be long; names and Host values of 16 bytes and more are looked at 16 bytes at a time
  first, and their other token bytes ('_', '!') after that.
kind: request
crlf:
POST / HTTP/1.1
HOST: www.example-1.com:8080
X-Forwarded-Proto.v2: https
X-A-Very-Long-Header_Name!: 1
TRANSFER-ENCODING: chunked

0

events:
begin 0
request POST "/" 1.1
field "HOST" "www.example-1.com:8080"
field "X-Forwarded-Proto.v2" "https"
field "X-A-Very-Long-Header_Name!" "1"
field "TRANSFER-ENCODING" "chunked"
head body=chunked fields=4 keep_alive te
chunk 0
complete

=== short-long-host-bad-byte
why: RFC 9110 §7.2: '@' is no reg-name byte, here after the first 16 bytes of the value.
kind: request
crlf:
GET / HTTP/1.1
Host: www.example.com.evil@x

events:
begin 0
request GET "/" 1.1
error invalid_host @42 line=2

=== short-long-name-bad-byte
why: RFC 9110 §5.1: '/' is no tchar, so this line has no field name before its colon; here it
  is among the first 16 bytes of the name, which are looked at together.
kind: request
crlf:
GET / HTTP/1.1
Host: a
X-Long/Header-Name-2: a

events:
begin 0
request GET "/" 1.1
field "Host" "a"
error invalid_field_name @31 line=3

=== short-long-name-bad-byte-later
why: RFC 9110 §5.1: as above, with the '/' after the first 16 bytes of the name.
kind: request
crlf:
GET / HTTP/1.1
Host: a
X-Long-Header-Name/2: a

events:
begin 0
request GET "/" 1.1
field "Host" "a"
error invalid_field_name @43 line=3

=== short-names-like-framing-ones
why: RFC 9112 §6.3: only Content-Length and Transfer-Encoding frame a body; names of their
  lengths and first letters that are not them frame nothing, and "Expect" in any case is Expect.
kind: request
crlf:
GET / HTTP/1.1
Host: a
Content-Lengtx: 5
Transfer-Encodinx: chunked
EXPECT: 100-continue

events:
begin 0
request GET "/" 1.1
field "Host" "a"
field "Content-Lengtx" "5"
field "Transfer-Encodinx" "chunked"
field "EXPECT" "100-continue"
head body=none fields=4 keep_alive expect_continue
complete

=== short-value-whitespace
why: RFC 9110 §5.5: the OWS around a field value, SP or HTAB and any amount, is not part of it.
kind: request
crlf:
GET / HTTP/1.1
Host:a
Accept: \t */* \t
X-Empty: \t
X-Tab:\tv

events:
begin 0
request GET "/" 1.1
field "Host" "a"
field "Accept" "*/*"
field "X-Empty" ""
field "X-Tab" "v"
head body=none fields=4 keep_alive
complete

=== short-method-post-prefix
why: RFC 9112 §3.1: a method is any token; "POSTX" is not POST.
kind: request
crlf:
POSTX / HTTP/1.1
Host: a

events:
begin 0
request POSTX "/" 1.1
field "Host" "a"
head body=none fields=1 keep_alive
complete

=== short-method-get-prefix
why: RFC 9112 §3.1: a method is any token; "GETS" is not GET.
kind: request
crlf:
GETS / HTTP/1.1
Host: a

events:
begin 0
request GETS "/" 1.1
field "Host" "a"
head body=none fields=1 keep_alive
complete

=== short-http10-with-host
why: RFC 9112 §9.3: an HTTP/1.0 request persists only with keep-alive; the short decision is for
  HTTP/1.1 alone.
kind: request
crlf:
GET / HTTP/1.0
Host: a

events:
begin 0
request GET "/" 1.0
field "Host" "a"
head body=none fields=1
complete

=== short-connection-close
why: RFC 9112 §9.6: "Connection: close" ends the connection after this request.
kind: request
crlf:
GET / HTTP/1.1
Host: a
Connection: close

events:
begin 0
request GET "/" 1.1
field "Host" "a"
field "Connection" "close"
head body=none fields=2
complete

=== short-content-length-body
why: RFC 9112 §6.3 rule 6: Content-Length frames the body.
kind: request
crlf:
POST / HTTP/1.1
Host: a
Content-Length: 3

abc\
events:
begin 0
request POST "/" 1.1
field "Host" "a"
field "Content-Length" "3"
head body=length:3 fields=2 keep_alive cl
body "abc"
complete

=== short-chunked-trailer-field
why: RFC 9112 §7.1.2: a trailer field after the last chunk; the message ends at the empty line
  after it.
kind: request
crlf:
POST / HTTP/1.1
Host: a
Transfer-Encoding: chunked

1
x
0
X: y

events:
begin 0
request POST "/" 1.1
field "Host" "a"
field "Transfer-Encoding" "chunked"
head body=chunked fields=2 keep_alive te
chunk 1
body "x"
chunk 0
trailer "X" "y"
complete

=== short-chunked-pipelined
why: RFC 9112 §9.3: the next request starts right after the empty trailer section.
kind: request
crlf:
POST / HTTP/1.1
Host: a
Transfer-Encoding: chunked

1
x
0

GET / HTTP/1.1
Host: b

events:
begin 0
request POST "/" 1.1
field "Host" "a"
field "Transfer-Encoding" "chunked"
head body=chunked fields=2 keep_alive te
chunk 1
body "x"
chunk 0
complete
begin 67
request GET "/" 1.1
field "Host" "b"
head body=none fields=1 keep_alive
complete
)cases";

std::vector<std::vector<size_t>> every_way(size_t size) {
  std::vector<std::vector<size_t>> ways{{}};
  std::vector<size_t> bytes;
  for (size_t i = 1; i < size; ++i) {
    bytes.push_back(i);
    ways.push_back({i});
  }
  ways.push_back(bytes);
  return ways;
}

TEST(ShortPaths, AgreeWithTheGeneralPath) {
  CaseSet set = parse_cases(kCases, "short_path_test.cpp");
  ASSERT_TRUE(set.errors.empty()) << set.errors.front();
  ASSERT_EQ(set.cases.size(), 20u);
  for (const ParserCase& c : set.cases) {
    GuardedBuffer buffer(c.bytes);  // reading past the input crashes
    for (const std::vector<size_t>& cuts : every_way(c.bytes.size())) {
      Replay r = replay(c, buffer.view(), cuts);
      EXPECT_TRUE(r.problems.empty()) << c.id << ", " << describe_cuts(cuts, c.bytes.size())
                                      << ": " << (r.problems.empty() ? "" : r.problems.front());
      EXPECT_EQ(r.log, c.events) << c.id << ", " << describe_cuts(cuts, c.bytes.size());
      if (r.log != c.events) break;  // one report per case is enough
    }
  }
}

}  // namespace
}  // namespace wirecheck::http::parser_cases
