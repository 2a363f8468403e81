#include <gtest/gtest.h>

#include "reports/report.h"
#include "sample_results.h"

namespace wirecheck::reports {
namespace {

TEST(Markdown, SummaryLineAndTable) {
  std::string md = render(testing::mixed_run(), Format::markdown);
  EXPECT_EQ(md.rfind("## wirecheck: ❌ failed: 1 passed, 1 failed, 1 error, 2 warnings, 1 skipped\n", 0), 0u)
      << md.substr(0, 200);
  EXPECT_NE(md.find("| **All** | **1** | **2** | **1** | **1** | **1** | **6** |"), std::string::npos)
      << md;
}

TEST(Markdown, DetailsBlocksHaveTheBlankLinesGithubNeeds) {
  std::string md = render(testing::mixed_run(), Format::markdown);
  size_t at = md.find("<details>\n<summary>❌ <b>fail</b> <code>response-line-endings</code>");
  ASSERT_NE(at, std::string::npos) << md;
  size_t end = md.find("</summary>\n\n```text\n", at);
  EXPECT_NE(end, std::string::npos);
  EXPECT_NE(md.find("```\n\n</details>\n", at), std::string::npos);
}

TEST(Markdown, HtmlInSummariesIsEscaped) {
  auto run = testing::mixed_run();
  run.results[2].info.title = "<img src=x onerror=alert(1)>";
  std::string md = render(run, Format::markdown);
  EXPECT_EQ(md.find("<img"), std::string::npos);
  EXPECT_NE(md.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
}

TEST(Markdown, StaysUnderTheStepSummaryLimit) {
  auto run = testing::mixed_run();
  auto big = run.results[2];
  big.reasons[0].excerpt->bytes = std::string(30000, 'x');
  for (int i = 0; i < 100; ++i) {
    big.info.id = "big-" + std::to_string(i);
    run.results.push_back(big);
  }
  run.tally();
  std::string md = render(run, Format::markdown);
  EXPECT_LT(md.size(), 1024u * 1024u);
  EXPECT_NE(md.find("more cases are not shown: a job summary is limited to 1 MiB"), std::string::npos);
}

}  // namespace
}  // namespace wirecheck::reports
