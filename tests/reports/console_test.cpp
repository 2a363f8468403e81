// Console behaviour the golden files cannot state on their own: what is grouped where, what
// never reaches a terminal raw, and when color appears.
#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "reports/report.h"
#include "sample_results.h"

namespace wirecheck::reports {
namespace {

using testing::mixed_run;

std::string console(const harness::RunResult& run, ConsoleOptions options = {}) {
  std::ostringstream out;
  print_console(run, out, options);
  return out.str();
}

TEST(Console, NoColorUnlessAsked) {
  EXPECT_EQ(console(mixed_run()).find('\x1b'), std::string::npos);
  ConsoleOptions color;
  color.color = true;
  EXPECT_NE(console(mixed_run(), color).find("\x1b[1;31mFAIL"), std::string::npos);
}

TEST(Console, BytesFromTheTargetNeverReachTheTerminalRaw) {
  // The sample's reply and title carry ESC, NUL and bytes that are not UTF-8.
  std::string out = console(mixed_run());
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_EQ(out.find('\0'), std::string::npos);
  EXPECT_EQ(out.find('\xff'), std::string::npos);
  EXPECT_NE(out.find("\\x1b[2J"), std::string::npos);
  EXPECT_NE(out.find("回复文本"), std::string::npos);  // valid UTF-8 stays readable
}

TEST(Console, FailuresThenWarningsEachGroupedBySection) {
  std::string out = console(mixed_run());
  std::vector<std::string> in_order = {
      "Failures and errors (2)\n",          "=== RFC 9112 §2.2 (1 case) ===",
      "FAIL  response-line-endings",        "=== RFC 9112 §9.3 (1 case) ===",
      "ERROR second-client-served",         "Warnings (2)\n",
      "=== RFC 9112 §6.1 (1 case) ===",     "WARN  te-and-cl-conflict",
      "=== suite tcp-reply (1 case) ===",   "WARN  reply-text-utf8",
      "Skipped\n",                          "SKIP  echo-large-body",
      "Summary\n"};
  size_t at = 0;
  for (const auto& piece : in_order) {
    size_t found = out.find(piece, at);
    ASSERT_NE(found, std::string::npos) << "missing or out of order: " << piece << "\n" << out;
    at = found + piece.size();
  }
  // Passing and skipped cases are not explained.
  EXPECT_EQ(out.find("=== RFC 9112 §3 "), std::string::npos);
  EXPECT_EQ(out.find("=== RFC 9112 §6.2"), std::string::npos);
}

TEST(Console, EachReasonShowsExpectedActualAndTheCaret) {
  std::string out = console(mixed_run());
  EXPECT_NE(out.find("1.   line 2 of the response ends in LF, not CRLF\n"), std::string::npos) << out;
  EXPECT_NE(out.find("expected: \\r\\n\n"), std::string::npos);
  EXPECT_NE(out.find("actual:   \\n\n"), std::string::npos);
  EXPECT_NE(out.find("17 | Content-Length: 10\\n\n"), std::string::npos) << out;
  EXPECT_NE(out.find("   |                   ^^\n"), std::string::npos) << out;
  EXPECT_NE(out.find("2.   Content-Length 10 but the connection closed after 7 body bytes"),
            std::string::npos);
}

TEST(Console, ReproducerUsesTheTargetFromOptions) {
  ConsoleOptions options;
  options.target = "[::1]:9000";
  std::string out = console(mixed_run(), options);
  EXPECT_NE(out.find("wirecheck run cases/rfc9112/message.yaml --id response-line-endings "
                     "--target '[::1]:9000'"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("| nc ::1 9000"), std::string::npos);
}

TEST(Console, SummaryCountsByVerdictAndLevel) {
  std::string out = console(mixed_run());
  EXPECT_NE(out.find("  MUST        1      1      1      0      1      4\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  SHOULD      0      1      0      1      0      2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  all         1      2      1      1      1      6\n"), std::string::npos) << out;
  EXPECT_NE(out.find("FAILED: 1 failed, 1 error of 6 cases (2 warnings, 1 skipped)"),
            std::string::npos)
      << out;
}

TEST(Console, StrictCountsWarningsAsFailures) {
  auto run = testing::all_pass_run();
  run.results[1].verdict = harness::Verdict::warn;
  run.tally();
  EXPECT_NE(console(run).find("PASSED: 3 of 3 cases (1 warning)"), std::string::npos)
      << console(run);
  ConsoleOptions strict;
  strict.strict = true;
  EXPECT_NE(console(run, strict).find("FAILED: 1 warning (--strict) of 3 cases\n"), std::string::npos)
      << console(run, strict);
}

TEST(Console, PassingRunSaysPassed) {
  std::string out = console(testing::all_pass_run());
  EXPECT_NE(out.find("PASSED: 3 of 3 cases\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("==="), std::string::npos);
}

TEST(Console, VerboseListsEveryCaseAndTranscripts) {
  ConsoleOptions options;
  options.verbose = true;
  std::string out = console(mixed_run(), options);
  EXPECT_NE(out.find("  PASS  get-root - A plain GET is answered"), std::string::npos) << out;
  EXPECT_NE(out.find("transcript (times since the case started):"), std::string::npos);
  EXPECT_EQ(console(mixed_run()).find("transcript (times"), std::string::npos);
}

TEST(Console, RenderMatchesPrintWithoutOptions) {
  auto run = mixed_run();
  EXPECT_EQ(render(run, Format::console), console(run));
}

}  // namespace
}  // namespace wirecheck::reports
