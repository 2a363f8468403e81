// Runs every case of tests/data/parser-cases/*.cases as its own test, ParserCases.<id> with '-'
// turned into '_' (GoogleTest filters treat '-' as "except"): ctest -R te_chunked_not_final. Each
// case is replayed whole, byte by byte, at every split into two pieces and, for short inputs, at
// every split into three; every replay must produce exactly the case's event log.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "reference/http/errors.h"
#include "tests/reference/http/case_file.h"
#include "tests/reference/http/replay.h"

namespace wirecheck::http::parser_cases {
namespace {

constexpr size_t kAllTwoWaySplitsUpTo = 2048;  // beyond: a sample, as each replay is O(n)
constexpr size_t kThreeWaySplitsUpTo = 160;    // O(n^3) bytes parsed in total

const CaseSet& all_cases() {
  static const CaseSet set = load_case_dir(WIRECHECK_PARSER_CASES_DIR);
  return set;
}

std::string where(const ParserCase& c) {
  return "tests/data/parser-cases/" + c.file + ":" + std::to_string(c.line);
}

std::string render_log(const std::vector<std::string>& log, size_t mark) {
  std::string s;
  for (size_t i = 0; i < log.size(); ++i) {
    s += i == mark ? "  > " : "    ";
    s += log[i];
    s += '\n';
  }
  if (log.size() == mark) s += "  > (nothing)\n";
  return s;
}

// Replays once; returns what went wrong (a mismatch or a contract problem), or "" when the
// replay matches the case.
std::string check(const ParserCase& c, std::string_view input, const std::vector<size_t>& cuts) {
  Replay r = replay(c, input, cuts);
  bool same = r.log == c.events;
  if (same && r.problems.empty()) return {};
  std::ostringstream msg;
  msg << where(c) << ": case " << c.id << ", replay " << describe_cuts(cuts, input.size())
      << (c.option_text.empty() ? "" : ", options: " + c.option_text) << "\n";
  for (const std::string& p : r.problems) msg << "  contract: " << p << "\n";
  if (!same) {
    size_t first = 0;
    while (first < r.log.size() && first < c.events.size() && r.log[first] == c.events[first]) {
      ++first;
    }
    msg << "  expected:\n"
        << render_log(c.events, first) << "  actual:\n"
        << render_log(r.log, first);
  }
  return msg.str();
}

// Every replay of the case: whole, byte by byte, every split in two and, for short inputs,
// every split in three. Stops at the first replay that goes wrong.
std::string check_all_replays(const ParserCase& c, std::string_view input) {
  const size_t n = input.size();
  std::string failure = check(c, input, {});
  if (!failure.empty()) return failure;
  if (n > 1) {
    std::vector<size_t> every(n - 1);
    for (size_t i = 0; i < n - 1; ++i) every[i] = i + 1;
    failure = check(c, input, every);
    if (!failure.empty()) return failure;
  }
  size_t stride = n <= kAllTwoWaySplitsUpTo ? 1 : n / (kAllTwoWaySplitsUpTo / 2);
  for (size_t k = 1; k < n; k += (k < 64 || n - k < 64) ? 1 : stride) {
    failure = check(c, input, {k});
    if (!failure.empty()) return failure;
  }
  if (n <= kThreeWaySplitsUpTo) {
    for (size_t i = 1; i < n; ++i) {
      for (size_t j = i + 1; j < n; ++j) {
        failure = check(c, input, {i, j});
        if (!failure.empty()) return failure;
      }
    }
  }
  return {};
}

// One test per case. Registered by hand rather than as a parameterised test so the test name is
// the case id alone (GoogleTest would append the parameter to the name CTest sees).
class CaseTest : public ::testing::Test {
 public:
  explicit CaseTest(const ParserCase* c) : c_(c) {}

  void TestBody() override {
    const ParserCase& c = *c_;
    GuardedBuffer buffer(c.bytes);
    std::string failure = check_all_replays(c, buffer.view());
    if (c.bug.empty()) {
      EXPECT_TRUE(failure.empty()) << failure;
    } else if (failure.empty()) {
      ADD_FAILURE() << where(c) << ": case " << c.id
                    << " now passes: the parser no longer shows the known bug, remove its bug: "
                       "line (\""
                    << c.bug << "\")";
    } else {
      GTEST_SKIP() << "known parser bug: " << c.bug << "\n" << failure;
    }
  }

 private:
  const ParserCase* c_;
};

const bool kRegistered = [] {
  for (const ParserCase& c : all_cases().cases) {
    std::string file = "tests/data/parser-cases/" + c.file;
    ::testing::RegisterTest("ParserCases", test_name(c.id).c_str(), nullptr, nullptr, file.c_str(),
                            c.line, [&c]() -> ::testing::Test* { return new CaseTest(&c); });
  }
  return true;
}();

TEST(ParserCaseFiles, AreWellFormed) {
  const CaseSet& set = all_cases();
  std::string errors;
  for (const std::string& e : set.errors) errors += "  tests/data/parser-cases/" + e + "\n";
  EXPECT_TRUE(set.errors.empty()) << "malformed case files:\n" << errors;
  EXPECT_FALSE(set.cases.empty()) << "no cases in " << WIRECHECK_PARSER_CASES_DIR;
}

// Every error code the parser can produce is exercised by at least one case.
TEST(ParserCaseFiles, CoverEveryErrorCode) {
  std::set<std::string> seen;
  for (const ParserCase& c : all_cases().cases) {
    for (const std::string& e : c.events) {
      std::istringstream words(e);
      std::string event;
      std::string code;
      words >> event >> code;
      if (event == "error" || event == "violation" || event == "finish") seen.insert(code);
    }
  }
  std::string missing;
#define WIRECHECK_HTTP_ERROR_NAME(code, section, status, reason) \
  if (!seen.count(#code)) missing += " " #code;
  WIRECHECK_HTTP_ERRORS(WIRECHECK_HTTP_ERROR_NAME)
#undef WIRECHECK_HTTP_ERROR_NAME
  EXPECT_TRUE(missing.empty()) << "error codes no case exercises:" << missing;
}

// Every leniency switch and every limit is exercised by at least one case.
TEST(ParserCaseFiles, CoverEveryOption) {
  static constexpr std::string_view kOptions[] = {"bare_lf",
                                                  "obs_fold",
                                                  "space_before_colon",
                                                  "content_length_list",
                                                  "content_length_with_transfer_encoding",
                                                  "missing_reason_space",
                                                  "missing_host",
                                                  "observer",
                                                  "max_start_line=",
                                                  "max_field_line=",
                                                  "max_header_bytes=",
                                                  "max_field_count=",
                                                  "max_chunk_size_digits=",
                                                  "max_chunk_extension_bytes=",
                                                  "max_body_bytes=",
                                                  "chunk_overhead_allowance=",
                                                  "max_leading_empty_lines="};
  std::string missing;
  for (std::string_view option : kOptions) {
    bool found = false;
    for (const ParserCase& c : all_cases().cases) {
      std::istringstream words(c.option_text);
      std::string w;
      while (words >> w) {
        if (option.back() == '=' ? w.rfind(option, 0) == 0 : w == option) found = true;
      }
    }
    if (!found) missing += " " + std::string(option);
  }
  EXPECT_TRUE(missing.empty()) << "options no case exercises:" << missing;
}

}  // namespace
}  // namespace wirecheck::http::parser_cases
