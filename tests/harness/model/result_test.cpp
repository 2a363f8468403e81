#include "harness/model/result.h"

#include <gtest/gtest.h>

namespace wirecheck::harness {
namespace {

CaseResult result(Verdict v, Level level, double points = 2) {
  CaseResult r;
  r.verdict = v;
  r.info.ref.level = level;
  r.info.points = points;
  return r;
}

TEST(ModelRunResult, TalliesByVerdictAndLevel) {
  RunResult run;
  run.results = {result(Verdict::pass, Level::must), result(Verdict::fail, Level::must),
                 result(Verdict::warn, Level::should), result(Verdict::skip, Level::may)};
  run.tally();
  EXPECT_EQ(run.counts.pass, 1u);
  EXPECT_EQ(run.counts.fail, 1u);
  EXPECT_EQ(run.counts.warn, 1u);
  EXPECT_EQ(run.counts.skip, 1u);
  EXPECT_EQ(run.counts.total(), 4u);
  EXPECT_EQ(run.by_level[Level::must].fail, 1u);
  EXPECT_EQ(run.by_level[Level::should][Verdict::warn], 1u);
  EXPECT_TRUE(run.failed());
}

TEST(ModelRunResult, WarningsFailOnlyWhenStrict) {
  RunResult run;
  run.results = {result(Verdict::pass, Level::must), result(Verdict::warn, Level::should)};
  run.tally();
  EXPECT_FALSE(run.failed());
  EXPECT_TRUE(run.failed(/*strict=*/true));
}

TEST(ModelPoints, FollowThePolicy) {
  PointsPolicy policy;
  policy.warn_credit = 0.5;
  policy.should_weight = 0.5;
  EXPECT_DOUBLE_EQ(points_earned(result(Verdict::pass, Level::must), policy), 2);
  EXPECT_DOUBLE_EQ(points_earned(result(Verdict::warn, Level::must), policy), 1);
  EXPECT_DOUBLE_EQ(points_earned(result(Verdict::pass, Level::should), policy), 1);
  EXPECT_DOUBLE_EQ(points_earned(result(Verdict::fail, Level::must), policy), 0);
  EXPECT_DOUBLE_EQ(points_possible(result(Verdict::skip, Level::must), policy), 0);
  policy.count_skipped = true;
  EXPECT_DOUBLE_EQ(points_possible(result(Verdict::skip, Level::must), policy), 2);
}

}  // namespace
}  // namespace wirecheck::harness
