// Every format rendered from fixed results and compared byte for byte with tests/data/reports/.
#include <gtest/gtest.h>

#include <functional>
#include <ostream>
#include <sstream>
#include <utility>

#include "golden.h"
#include "reports/html_assets.h"
#include "reports/report.h"
#include "sample_results.h"

namespace wirecheck::reports::testing {
namespace {

struct GoldenCase {
  std::string sample;
  std::string variant;  // also the file extension's stem: console, console-color, junit ...
  std::string extension;
  std::function<std::string(const harness::RunResult&)> render;
};

// gtest prints parameters on failure; the golden file's name says it all.
void PrintTo(const GoldenCase& c, std::ostream* os) {
  *os << c.sample << "." << c.variant << "." << c.extension;
}

harness::RunResult sample(const std::string& name) {
  if (name == "mixed") return mixed_run();
  if (name == "all-pass") return all_pass_run();
  return empty_run();
}

std::string console_with(const harness::RunResult& run, bool color, bool verbose) {
  std::ostringstream out;
  ConsoleOptions options;
  options.color = color;
  options.verbose = verbose;
  print_console(run, out, options);
  return out.str();
}

// The page with its stylesheet and script (the same in every page, and source files of their
// own) each replaced by a marker, so the golden files hold what the page itself is made of.
// An asset that is not inlined exactly once leaves the page as it is: the comparison fails.
std::string html_without_assets(const harness::RunResult& run) {
  std::string page = render(run, Format::html);
  for (auto [asset, marker] : {std::pair{kHtmlStyle, "/* reports/html_style.cpp */"},
                               std::pair{kHtmlScript, "/* reports/html_script.cpp */"}}) {
    const std::string text = asset;
    const size_t at = page.find(text);
    if (at == std::string::npos || page.find(text, at + 1) != std::string::npos) return page;
    page.replace(at, text.size(), marker);
  }
  return page;
}

std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> cases;
  for (std::string s : {"mixed", "all-pass", "empty"}) {
    cases.push_back({s, "console", "txt", [](const auto& r) { return render(r, Format::console); }});
    cases.push_back({s, "junit", "xml", [](const auto& r) { return render(r, Format::junit); }});
    cases.push_back({s, "json", "json", [](const auto& r) { return render(r, Format::json); }});
    cases.push_back({s, "markdown", "md", [](const auto& r) { return render(r, Format::markdown); }});
    cases.push_back({s, "html", "html", html_without_assets});
  }
  cases.push_back({"mixed", "console-color", "txt",
                   [](const auto& r) { return console_with(r, true, false); }});
  cases.push_back({"mixed", "console-verbose", "txt",
                   [](const auto& r) { return console_with(r, false, true); }});
  return cases;
}

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, MatchesFile) {
  const GoldenCase& c = GetParam();
  std::string name = c.sample + "." + c.variant + "." + c.extension;
  std::string problem = check_golden(name, c.render(sample(c.sample)));
  EXPECT_TRUE(problem.empty()) << problem;
}

// Rendering is a pure function of the result: the same input gives the same bytes twice.
TEST_P(Golden, IsDeterministic) {
  const GoldenCase& c = GetParam();
  EXPECT_EQ(c.render(sample(c.sample)), c.render(sample(c.sample)));
}

INSTANTIATE_TEST_SUITE_P(Reports, Golden, ::testing::ValuesIn(golden_cases()),
                         [](const auto& param_info) {
                           std::string n = param_info.param.sample + "_" + param_info.param.variant;
                           for (char& ch : n) {
                             if (ch == '-') ch = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace wirecheck::reports::testing
