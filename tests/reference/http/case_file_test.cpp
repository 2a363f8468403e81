// The case-document reader: well-formed documents decode as written; every malformed one fails
// loudly with file:line.
#include "tests/reference/http/case_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace wirecheck::http::parser_cases {
namespace {

constexpr std::string_view kGood = R"(# a comment
=== simple-get
why: RFC 9112 §3 request line,
  continued on the next line.
kind: request
options: bare_lf max_field_count=3
crlf:
GET / HTTP/1.1
Host: a\x20b

body\
bytes:
\*3{ab}\\
events:
begin 0
request GET "/" 1.1
field  "Host"   "a\x20b"
complete

=== a-response
why: RFC 9112 §6.3 rule 1.
kind: response HEAD GET
bytes:
HTTP/1.1 200 OK\r\n\r\n
events:
error bare_lf @5 line=1
)";

TEST(CaseFile, ReadsAWellFormedDocument) {
  CaseSet set = parse_cases(kGood, "good.cases");
  ASSERT_TRUE(set.errors.empty()) << set.errors.front();
  ASSERT_EQ(set.cases.size(), 2u);
  const ParserCase& a = set.cases[0];
  EXPECT_EQ(a.id, "simple-get");
  EXPECT_EQ(a.line, 2);
  EXPECT_EQ(a.why, "RFC 9112 §3 request line, continued on the next line.");
  EXPECT_EQ(a.kind, MessageKind::request);
  EXPECT_TRUE(a.options.lenient.bare_lf);
  EXPECT_FALSE(a.options.lenient.obs_fold);
  EXPECT_EQ(a.options.limits.max_field_count, 3u);
  EXPECT_EQ(a.bytes, "GET / HTTP/1.1\r\nHost: a b\r\n\r\nbodyababab\\");
  ASSERT_EQ(a.events.size(), 4u);
  EXPECT_EQ(a.events[2], "field \"Host\" \"a b\"");
  EXPECT_FALSE(a.calls_finish);

  const ParserCase& b = set.cases[1];
  EXPECT_EQ(b.kind, MessageKind::response);
  EXPECT_EQ(b.methods, (std::vector<std::string>{"HEAD", "GET"}));
  EXPECT_EQ(b.bytes, "HTTP/1.1 200 OK\r\n\r\n");
}

TEST(CaseFile, RepeatedEvents) {
  CaseSet set = parse_cases(
      "=== r\nwhy: RFC 9112 §5\nkind: request\nbytes:\nx\nevents:\n*3 field \"a\" \"b\"\n"
      "pending\n",
      "r.cases");
  ASSERT_TRUE(set.errors.empty()) << set.errors.front();
  EXPECT_EQ(set.cases.at(0).events,
            (std::vector<std::string>{"field \"a\" \"b\"", "field \"a\" \"b\"", "field \"a\" \"b\"",
                                      "pending"}));
  CaseSet bad = parse_cases(
      "=== r\nwhy: RFC 9112 §5\nkind: request\nbytes:\nx\nevents:\n*0 pending\n", "r.cases");
  ASSERT_FALSE(bad.errors.empty());
  EXPECT_EQ(bad.errors.front().rfind("r.cases:7:", 0), 0u) << bad.errors.front();
}

TEST(CaseFile, FinishLineMeansTheDriverCallsFinish) {
  CaseSet set = parse_cases(
      "=== f\nwhy: RFC 9112 §8\nkind: response\nbytes:\nHTTP/1.1 200 OK\\r\\n\\r\\nab\n"
      "events:\nbegin 0\nfinish ok\n",
      "f.cases");
  ASSERT_TRUE(set.errors.empty()) << set.errors.front();
  EXPECT_TRUE(set.cases.at(0).calls_finish);
  EXPECT_EQ(set.cases.at(0).methods, std::vector<std::string>{"GET"});
}

struct Malformed {
  const char* label;  // names the test instance
  const char* text;
  const char* where;    // expected "file:line" prefix
  const char* message;  // expected part of the message
};

// Printed as the label, so CTest's test names stay readable and stable.
void PrintTo(const Malformed& m, std::ostream* os) {
  *os << m.label;
}

class MalformedCase : public ::testing::TestWithParam<Malformed> {};

TEST_P(MalformedCase, FailsWithFileAndLine) {
  const Malformed& m = GetParam();
  CaseSet set = parse_cases(m.text, "bad.cases");
  ASSERT_FALSE(set.errors.empty()) << m.text;
  EXPECT_EQ(set.errors.front().rfind(m.where, 0), 0u) << set.errors.front();
  EXPECT_NE(set.errors.front().find(m.message), std::string::npos) << set.errors.front();
  EXPECT_TRUE(set.cases.empty());
}

constexpr std::string_view kHead = "=== x\nwhy: RFC 9112 §3\nkind: request\n";

INSTANTIATE_TEST_SUITE_P(
    CaseFile, MalformedCase,
    ::testing::Values(
        Malformed{"stray_text", "stray text\n", "bad.cases:1:", "expected '=== <id>'"},
        Malformed{"bad_id", "=== Bad_Id\nwhy: RFC 1\nkind: request\nbytes:\nx\nevents:\npending\n",
                  "bad.cases:1:", "lowercase"},
        Malformed{"no_why", "=== x\nkind: request\nbytes:\nx\nevents:\npending\n",
                  "bad.cases:1:", "no why"},
        Malformed{"why_without_rfc",
                  "=== x\nwhy: because\nkind: request\nbytes:\nx\nevents:\npending\n",
                  "bad.cases:1:", "cite the RFC"},
        Malformed{"unknown_key", "=== x\nwhy: RFC 1\nkind: request\ncolour: red\n",
                  "bad.cases:4:", "unknown key 'colour'"},
        Malformed{"bad_kind", "=== x\nwhy: RFC 1\nkind: sideways\n",
                  "bad.cases:3:", "kind must be"},
        Malformed{"unknown_option", "=== x\nwhy: RFC 1\nkind: request\noptions: sloppy\n",
                  "bad.cases:4:", "unknown option 'sloppy'"},
        Malformed{"bad_limit", "=== x\nwhy: RFC 1\nkind: request\noptions: max_field_count=x\n",
                  "bad.cases:4:", "decimal number"},
        Malformed{"trailing_space",
                  "=== x\nwhy: RFC 1\nkind: request\ncrlf:\nGET / \nevents:\npending\n",
                  "bad.cases:5:", "trailing whitespace"},
        Malformed{"unknown_escape",
                  "=== x\nwhy: RFC 1\nkind: request\nbytes:\nA\\q\nevents:\npending\n",
                  "bad.cases:5:", "unknown escape"},
        Malformed{"bad_hex_escape",
                  "=== x\nwhy: RFC 1\nkind: request\nbytes:\n\\xZZ\nevents:\npending\n",
                  "bad.cases:5:", "two hex digits"},
        Malformed{"unclosed_repeat",
                  "=== x\nwhy: RFC 1\nkind: request\nbytes:\n\\*3{a\nevents:\npending\n",
                  "bad.cases:5:", "closing"},
        Malformed{"backslash_outside_crlf",
                  "=== x\nwhy: RFC 1\nkind: request\nbytes:\nA\\\nevents:\npending\n",
                  "bad.cases:5:", "crlf: section"},
        Malformed{"unknown_event",
                  "=== x\nwhy: RFC 1\nkind: request\nbytes:\nA\nevents:\nexplode\n",
                  "bad.cases:7:", "unknown event"},
        Malformed{"unknown_error_code",
                  "=== x\nwhy: RFC 1\nkind: request\nbytes:\nA\nevents:\nerror nope @1\n",
                  "bad.cases:7:", "unknown error code"},
        Malformed{"missing_offset",
                  "=== x\nwhy: RFC 1\nkind: request\nbytes:\nA\nevents:\nerror bare_lf\n",
                  "bad.cases:7:", "needs an offset"},
        Malformed{"unterminated_string",
                  "=== x\nwhy: RFC 1\nkind: request\nbytes:\nA\nevents:\nfield \"a\n",
                  "bad.cases:7:", "unterminated"},
        Malformed{"event_after_final",
                  "=== x\nwhy: RFC 1\nkind: request\nbytes:\nA\nevents:\npending\nbegin 0\n",
                  "bad.cases:8:", "no event can follow"},
        Malformed{"no_final_event",
                  "=== x\nwhy: RFC 1\nkind: request\nbytes:\nA\nevents:\nbegin 0\n",
                  "bad.cases:1:", "last event must be"},
        Malformed{"no_events", "=== x\nwhy: RFC 1\nkind: request\nbytes:\nA\n",
                  "bad.cases:1:", "no events"},
        Malformed{"events_before_bytes", "=== x\nwhy: RFC 1\nkind: request\nevents:\ncomplete\n",
                  "bad.cases:4:", "before any"},
        Malformed{"crlf_line_ends", "=== x\r\nwhy: RFC 1\n", "bad.cases:1:", "LF line ends"}));

TEST(CaseFile, DuplicateIdsAcrossFilesAreReported) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("wc-case-dup-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string text = std::string(kHead) + "bytes:\nA\nevents:\npending\n";
  std::ofstream(dir / "a.cases") << text;
  std::ofstream(dir / "b.cases") << text;
  CaseSet set = load_case_dir(dir.string());
  std::filesystem::remove_all(dir);
  ASSERT_EQ(set.errors.size(), 1u);
  EXPECT_EQ(set.errors[0].rfind("b.cases:1:", 0), 0u) << set.errors[0];
  EXPECT_NE(set.errors[0].find("duplicate case id 'x' (first at a.cases:1)"), std::string::npos)
      << set.errors[0];
  EXPECT_EQ(set.cases.size(), 1u);
}

TEST(CaseFile, EscapeIsCanonicalAndRoundTrips) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  std::string text = escape(all);
  std::string back;
  std::string error;
  ASSERT_TRUE(unescape(text, back, error)) << error;
  EXPECT_EQ(back, all);
  EXPECT_EQ(escape("a\"b\\c\r\n\t\x7f\x80"), "a\\\"b\\\\c\\r\\n\\t\\x7f\\x80");
}

TEST(CaseFile, RepeatExpandsAndNests) {
  std::string out;
  std::string error;
  ASSERT_TRUE(unescape("\\*2{a\\*3{b}}\\*0{zz}.", out, error)) << error;
  EXPECT_EQ(out, "abbbabbb.");
}

TEST(CaseFile, TestNamesReplaceDashes) {
  EXPECT_EQ(test_name("te-chunked-not-final"), "te_chunked_not_final");
}

}  // namespace
}  // namespace wirecheck::http::parser_cases
