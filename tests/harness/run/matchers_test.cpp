// Each matcher of an `expect` step, passing and failing, against a scripted loopback server.
#include <gtest/gtest.h>

#include "harness/run/runner.h"
#include "tests/harness/run/responder.h"

namespace wirecheck::testing {
namespace {

using harness::Verdict;

const std::map<std::string, Reply>& responses() {
  static const std::map<std::string, Reply> table{
      {"/ok",
       {"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n"
        "Cache-Control: no-cache, No-Store\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\nhello"}},
      {"/missing", {"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"}},
      {"/chunked",
       {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n "
        "world\r\n0\r\n\r\n"}},
      {"/close-delimited",
       {"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end", Reply::After::close}},
      {"/no-content", {"HTTP/1.1 204 No Content\r\n\r\n"}},
      {"/ambiguous",
       {"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5\r\nhello\r\n0\r\n\r\n"}},
      {"/extra", {"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"}},
      {"/double",
       {"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"}},
      {"/bare-lf", {"HTTP/1.1 200 OK\nContent-Length: 2\n\nok"}},
      {"/http10", {"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"}},
      {"/interim",
       {"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"}},
      {"/close-after",
       {"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
        Reply::After::close}},
      {"/reset-after", {"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", Reply::After::reset}},
      {"/close-delimited-reset",
       {"HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\nsorry",
        Reply::After::reset}},
      {"/head-then-reset", {"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\ncut", Reply::After::reset}},
      {"/binary",
       {std::string("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n\x01\x02\xff") +
        std::string(1, '\0')}},
  };
  return table;
}

class MatchersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = table_server(responses()).release(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // Runs GET `path` then `expect` (the YAML of the expect step's value).
  harness::CaseResult check(const std::string& path, const std::string& expect,
                            const std::string& level = "MUST") {
    std::string yaml = one_case(get(path) + "      - expect: " + expect + "\n");
    if (level != "MUST") {
      yaml.replace(yaml.find("level: MUST"), 11, "level: " + level);
    }
    return run_yaml(yaml, server_->port());
  }

  static LoopbackServer* server_;
};

LoopbackServer* MatchersTest::server_ = nullptr;

TEST_F(MatchersTest, StatusExactPassesAndFails) {
  auto pass = check("/ok", "{ status: 200 }");
  EXPECT_EQ(pass.verdict, Verdict::pass) << dump(pass);

  auto fail = check("/missing", "{ status: 200 }");
  ASSERT_EQ(fail.verdict, Verdict::fail) << dump(fail);
  ASSERT_EQ(fail.reasons.size(), 1u) << dump(fail);
  const auto& r = fail.reasons.front();
  EXPECT_EQ(r.message, "unexpected status");
  EXPECT_EQ(r.expected, "status 200");
  EXPECT_EQ(r.actual, "status 404");
  EXPECT_EQ(r.section, "RFC 9112 §9.9");
  ASSERT_TRUE(r.excerpt.has_value());
  EXPECT_EQ(r.excerpt->bytes, "HTTP/1.1 404 Not Found\r\n");
  EXPECT_EQ(r.excerpt->offset, 0u);
  EXPECT_TRUE(r.where.known());
}

TEST_F(MatchersTest, StatusListRangeAndClass) {
  EXPECT_EQ(check("/missing", "{ status: [200, 404] }").verdict, Verdict::pass);
  EXPECT_EQ(check("/missing", "{ status: \"400-499\" }").verdict, Verdict::pass);
  EXPECT_EQ(check("/missing", "{ status: 4xx }").verdict, Verdict::pass);
  auto fail = check("/missing", "{ status: 2xx }");
  EXPECT_EQ(fail.verdict, Verdict::fail) << dump(fail);
  EXPECT_TRUE(has_reason(fail, "status 2xx")) << dump(fail);
  EXPECT_EQ(check("/ok", "{ status: [2xx, 404] }").verdict, Verdict::pass);
}

TEST_F(MatchersTest, ReasonAndVersion) {
  EXPECT_EQ(check("/missing", "{ reason: Not Found }").verdict, Verdict::pass);
  EXPECT_EQ(check("/missing", "{ reason: { contains: Found } }").verdict, Verdict::pass);
  EXPECT_EQ(check("/missing", "{ reason: { regex: \"^Not\" } }").verdict, Verdict::pass);
  auto bad_reason = check("/missing", "{ reason: OK }");
  EXPECT_EQ(bad_reason.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(bad_reason, "reason \"Not Found\"")) << dump(bad_reason);

  EXPECT_EQ(check("/ok", "{ version: HTTP/1.1 }").verdict, Verdict::pass);
  auto old = check("/http10", "{ version: HTTP/1.1 }");
  EXPECT_EQ(old.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(old, "version HTTP/1.0")) << dump(old);
}

TEST_F(MatchersTest, HeaderPresentAbsentEquals) {
  EXPECT_EQ(check("/ok", "{ headers: { content-type: present } }").verdict, Verdict::pass);
  EXPECT_EQ(check("/ok", "{ headers: { Content-Type: text/plain } }").verdict, Verdict::pass);
  EXPECT_EQ(check("/ok", "{ headers: { etag: absent } }").verdict, Verdict::pass);

  auto missing = check("/ok", "{ headers: { etag: present } }");
  EXPECT_EQ(missing.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(missing, "the etag field")) << dump(missing);

  auto present = check("/ok", "{ headers: { content-type: absent } }");
  EXPECT_EQ(present.verdict, Verdict::fail);
  ASSERT_FALSE(present.reasons.empty());
  ASSERT_TRUE(present.reasons.front().excerpt.has_value());
  // The excerpt marks the offending field line.
  const auto& e = *present.reasons.front().excerpt;
  ASSERT_TRUE(e.mark.has_value());
  EXPECT_EQ(e.bytes.substr(static_cast<size_t>(*e.mark - e.offset), 12), "Content-Type");

  auto wrong = check("/ok", "{ headers: { content-type: text/html } }");
  EXPECT_EQ(wrong.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(wrong, "content-type: \"text/plain\"")) << dump(wrong);
}

TEST_F(MatchersTest, HeaderContainsIncludesRegexCount) {
  EXPECT_EQ(check("/ok", "{ headers: { cache-control: { contains: no-cache } } }").verdict,
            Verdict::pass);
  // List-aware and case-insensitive: "No-Store" is a member of the list.
  EXPECT_EQ(check("/ok", "{ headers: { cache-control: { includes: no-store } } }").verdict,
            Verdict::pass);
  // "no" is part of a member, not a member.
  EXPECT_EQ(check("/ok", "{ headers: { cache-control: { includes: no } } }").verdict,
            Verdict::fail);
  EXPECT_EQ(check("/ok", "{ headers: { content-length: { regex: \"^[0-9]+$\" } } }").verdict,
            Verdict::pass);
  EXPECT_EQ(check("/ok", "{ headers: { content-length: { regex: \"^0$\" } } }").verdict,
            Verdict::fail);
  EXPECT_EQ(check("/ok", "{ headers: { set-cookie: { count: 2 } } }").verdict, Verdict::pass);
  auto count = check("/ok", "{ headers: { set-cookie: { count: 1 } } }");
  EXPECT_EQ(count.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(count, "2 set-cookie field line(s)")) << dump(count);
  // Combined value: all field lines joined by ", ".
  EXPECT_EQ(check("/ok", "{ headers: { set-cookie: \"a=1, b=2\" } }").verdict, Verdict::pass);
}

TEST_F(MatchersTest, BodyEqualsContainsRegex) {
  EXPECT_EQ(check("/ok", "{ body: hello }").verdict, Verdict::pass);
  EXPECT_EQ(check("/chunked", "{ body: hello world }").verdict, Verdict::pass);
  EXPECT_EQ(check("/ok", "{ body: { contains: ell } }").verdict, Verdict::pass);
  EXPECT_EQ(check("/ok", "{ body: { regex: \"^h.*o$\" } }").verdict, Verdict::pass);
  EXPECT_EQ(check("/ok", "{ body: { regex: \"^x\" } }").verdict, Verdict::fail);
  EXPECT_EQ(check("/ok", "{ body: { contains: xyz } }").verdict, Verdict::fail);

  auto differs = check("/ok", "{ body: help }");
  ASSERT_EQ(differs.verdict, Verdict::fail);
  ASSERT_EQ(differs.reasons.size(), 1u) << dump(differs);
  const auto& r = differs.reasons.front();
  EXPECT_NE(r.message.find("at byte 3"), std::string::npos) << r.message;
  ASSERT_TRUE(r.excerpt && r.excerpt->mark);
  // The mark points at the first differing body byte on the wire ('l' of "hello").
  EXPECT_EQ(r.excerpt->bytes[static_cast<size_t>(*r.excerpt->mark - r.excerpt->offset)], 'l');
}

TEST_F(MatchersTest, BodyHexLengthSha256File) {
  EXPECT_EQ(check("/binary", "{ body: { equals: { hex: \"01 02 ff 00\" } } }").verdict,
            Verdict::pass);
  EXPECT_EQ(check("/ok", "{ body: { length: 5 } }").verdict, Verdict::pass);
  EXPECT_EQ(check("/ok", "{ body: { length: \"1-4\" } }").verdict, Verdict::fail);
  // sha256("hello")
  EXPECT_EQ(check("/ok",
                  "{ body: { sha256: "
                  "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 } }")
                .verdict,
            Verdict::pass);
  auto sha = check("/ok",
                   "{ body: { sha256: "
                   "0000000000000000000000000000000000000000000000000000000000000000 } }");
  EXPECT_EQ(sha.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(sha, "2cf24dba")) << dump(sha);
  // tests/data/run-cases/hello.txt holds "hello".
  EXPECT_EQ(check("/ok", "{ body: { equals: { file: hello.txt } } }").verdict, Verdict::pass);
  EXPECT_EQ(check("/chunked", "{ body: { equals: { file: hello.txt } } }").verdict, Verdict::fail);
}

TEST_F(MatchersTest, Framing) {
  EXPECT_EQ(check("/ok", "{ framing: content-length }").verdict, Verdict::pass);
  EXPECT_EQ(check("/missing", "{ framing: content-length }").verdict, Verdict::pass);
  EXPECT_EQ(check("/chunked", "{ framing: chunked }").verdict, Verdict::pass);
  EXPECT_EQ(check("/close-delimited", "{ framing: close-delimited, body: until the end }").verdict,
            Verdict::pass);
  EXPECT_EQ(check("/no-content", "{ framing: none }").verdict, Verdict::pass);
  EXPECT_EQ(check("/chunked", "{ framing: [content-length, chunked] }").verdict, Verdict::pass);
  auto wrong = check("/chunked", "{ framing: content-length }");
  EXPECT_EQ(wrong.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(wrong, "framing chunked")) << dump(wrong);
}

TEST_F(MatchersTest, UnambiguousAndParserViolations) {
  auto r = check("/ambiguous", "{ status: 200, unambiguous: true }");
  EXPECT_EQ(r.verdict, Verdict::fail);
  // The parser's own violation and the matcher both speak.
  EXPECT_TRUE(has_reason(r, "both Transfer-Encoding and Content-Length")) << dump(r);
  bool parser_reason = false;
  for (const auto& reason : r.reasons) {
    if (reason.section == "RFC 9112 §6.1" &&
        reason.message.find("breaks HTTP/1.1") != std::string::npos) {
      parser_reason = true;
    }
  }
  EXPECT_TRUE(parser_reason) << dump(r);

  auto lf = check("/bare-lf", "{ status: 200 }");
  EXPECT_EQ(lf.verdict, Verdict::fail) << dump(lf);
  bool bare_lf = false;
  for (const auto& reason : lf.reasons) {
    if (reason.section == "RFC 9112 §2.2") {
      bare_lf = true;
      ASSERT_TRUE(reason.excerpt && reason.excerpt->mark);
      EXPECT_EQ(reason.excerpt
                    ->bytes[static_cast<size_t>(*reason.excerpt->mark - reason.excerpt->offset)],
                '\n');
    }
  }
  EXPECT_TRUE(bare_lf) << dump(lf);
}

TEST_F(MatchersTest, NoExtraBytesAndResponseCount) {
  EXPECT_EQ(check("/ok", "{ no_extra_bytes: true }").verdict, Verdict::pass);
  auto extra = check("/extra", "{ status: 200, no_extra_bytes: true }");
  EXPECT_EQ(extra.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(extra, "5 more bytes")) << dump(extra);
  ASSERT_FALSE(extra.reasons.empty());
  ASSERT_TRUE(extra.reasons.front().excerpt.has_value());
  EXPECT_EQ(extra.reasons.front().excerpt->bytes, "EXTRA");

  EXPECT_EQ(check("/ok", "{ responses: 1 }").verdict, Verdict::pass);
  auto twice = check("/double", "{ responses: 1 }");
  EXPECT_EQ(twice.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(twice, "2 response(s)")) << dump(twice);
}

TEST_F(MatchersTest, ConnectionOpenClosedReset) {
  EXPECT_EQ(check("/ok", "{ connection: open }").verdict, Verdict::pass);
  auto closed = check("/close-after", "{ connection: closed }");
  EXPECT_EQ(closed.verdict, Verdict::pass) << dump(closed);
  auto not_open = check("/close-after", "{ connection: open }");
  EXPECT_EQ(not_open.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(not_open, "connection closed")) << dump(not_open);
  auto stays = check("/ok", "{ connection: closed }");
  EXPECT_EQ(stays.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(stays, "connection open (no data and no close within")) << dump(stays);

  auto reset = check("/reset-after", "{ status: 200, connection: reset }");
  EXPECT_EQ(reset.verdict, Verdict::pass) << dump(reset);
  EXPECT_EQ(check("/reset-after", "{ connection: closed-or-reset }").verdict, Verdict::pass);
  EXPECT_EQ(check("/close-after", "{ connection: closed-or-reset }").verdict, Verdict::pass);
}

// A server that refuses a request it did not read whole closes with unread bytes, and the
// kernel resets instead of closing: a close-delimited body ends there, so the same server
// gets the same verdict whichever of the two the client happens to see.
TEST_F(MatchersTest, ResetEndsACloseDelimitedBody) {
  auto r = check("/close-delimited-reset",
                 "{ status: 431, body: { equals: sorry }, connection: closed-or-reset }");
  EXPECT_EQ(r.verdict, Verdict::pass) << dump(r);
  // A body with a length is still cut short by a reset.
  auto cut = check("/head-then-reset", "{ status: 200 }");
  EXPECT_EQ(cut.verdict, Verdict::fail) << dump(cut);
  EXPECT_TRUE(has_reason(cut, "reset in the middle of the response")) << dump(cut);
}

TEST_F(MatchersTest, ShouldLevelTurnsUnmetIntoWarn) {
  auto r = check("/missing", "{ status: 200 }", "SHOULD");
  EXPECT_EQ(r.verdict, Verdict::warn) << dump(r);
  auto step_level = check("/missing", "{ status: 200, level: SHOULD }");
  EXPECT_EQ(step_level.verdict, Verdict::warn) << dump(step_level);
}

TEST_F(MatchersTest, AnyOfTakesTheFirstMatchingAlternativesVerdict) {
  auto pass = check("/missing",
                    "{ any_of: [ { status: 400 }, { status: 404, verdict: warn, note: odd } ] }");
  EXPECT_EQ(pass.verdict, Verdict::warn) << dump(pass);
  EXPECT_TRUE(has_reason(pass, "alternative 2")) << dump(pass);
  EXPECT_TRUE(has_reason(pass, "odd")) << dump(pass);

  auto first = check("/missing", "{ any_of: [ { status: 404 }, { status: 4xx, verdict: warn } ] }");
  EXPECT_EQ(first.verdict, Verdict::pass) << dump(first);

  auto none = check("/ok", "{ any_of: [ { status: 400 }, { status: 404, connection: closed } ] }");
  EXPECT_EQ(none.verdict, Verdict::fail) << dump(none);
  EXPECT_TRUE(has_reason(none, "matched none of the 2 alternatives")) << dump(none);
  EXPECT_TRUE(has_reason(none, "alternative 1: unexpected status")) << dump(none);
  EXPECT_TRUE(has_reason(none, "alternative 2: unexpected status")) << dump(none);

  // An alternative's own fail never costs more than the level allows: SHOULD -> warn.
  auto capped = check("/ok", "{ any_of: [ { status: 200, verdict: fail } ] }", "SHOULD");
  EXPECT_EQ(capped.verdict, Verdict::warn) << dump(capped);
}

TEST_F(MatchersTest, WarnIfMarksDiscouragedBehaviour) {
  auto warned = check("/ok", "{ status: 2xx, warn_if: { connection: open, note: keeps going } }");
  EXPECT_EQ(warned.verdict, Verdict::warn) << dump(warned);
  EXPECT_TRUE(has_reason(warned, "keeps going")) << dump(warned);
  auto clean = check("/close-after", "{ status: 2xx, warn_if: { connection: open } }");
  EXPECT_EQ(clean.verdict, Verdict::pass) << dump(clean);
  // warn_if never hides a failure.
  auto failed = check("/ok", "{ status: 404, warn_if: { status: 200 } }");
  EXPECT_EQ(failed.verdict, Verdict::fail) << dump(failed);
}

TEST_F(MatchersTest, InterimResponsesAreRecordedNeverFinal) {
  auto r = check("/interim", "{ status: 200, body: ok }");
  EXPECT_EQ(r.verdict, Verdict::pass) << dump(r);
  EXPECT_EQ(check("/interim", "{ status: 200, interim: expected }").verdict, Verdict::pass);
  EXPECT_EQ(check("/interim", "{ status: 200, interim: 103 }").verdict, Verdict::pass);
  EXPECT_EQ(check("/interim", "{ status: 200, interim: 102 }").verdict, Verdict::fail);
  auto forbidden = check("/interim", "{ status: 200, interim: forbidden }");
  EXPECT_EQ(forbidden.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(forbidden, "2 interim response(s), the first 100")) << dump(forbidden);
  auto none = check("/ok", "{ interim: expected }");
  EXPECT_EQ(none.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(none, "no interim response")) << dump(none);
}

}  // namespace
}  // namespace wirecheck::testing
