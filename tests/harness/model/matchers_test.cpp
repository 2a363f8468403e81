#include "harness/model/matchers.h"

#include <gtest/gtest.h>

#include "harness/model/level.h"
#include "harness/model/steps.h"

namespace wirecheck::harness {
namespace {

TEST(ModelMatchers, StatusPatternMatchesAnyRange) {
  StatusPattern p{{{200, 299}, {404, 404}}, "2xx or 404"};
  EXPECT_TRUE(p.matches(204));
  EXPECT_TRUE(p.matches(404));
  EXPECT_FALSE(p.matches(400));
  EXPECT_FALSE(p.matches(300));
}

TEST(ModelMatchers, IntRangeSpellings) {
  EXPECT_EQ((IntRange{3, 3}).to_string(), "3");
  EXPECT_EQ((IntRange{1, 5}).to_string(), "1-5");
  EXPECT_EQ((IntRange{1, INT64_MAX}).to_string(), ">= 1");
}

TEST(ModelMatchers, StringMatchOps) {
  EXPECT_TRUE((StringMatch{StringMatch::Op::equals, "OK", {}}).matches("OK"));
  EXPECT_FALSE((StringMatch{StringMatch::Op::equals, "OK", {}}).matches("ok"));
  EXPECT_TRUE((StringMatch{StringMatch::Op::contains, "Found", {}}).matches("Not Found"));
  EXPECT_TRUE((StringMatch{StringMatch::Op::regex, "^HTTP/1\\.[01]$", {}}).matches("HTTP/1.0"));
  EXPECT_FALSE((StringMatch{StringMatch::Op::regex, "^HTTP/1\\.[01]$", {}}).matches("HTTP/2"));
}

TEST(ModelMatchers, EmptyMatchKnowsItIsEmpty) {
  ResponseMatch m;
  EXPECT_TRUE(m.empty());
  m.unambiguous = true;
  EXPECT_FALSE(m.empty());
}

TEST(ModelMatchers, Names) {
  EXPECT_EQ(to_string(Framing::close_delimited), "close-delimited");
  EXPECT_EQ(to_string(ConnectionState::closed_or_reset), "closed_or_reset");
  EXPECT_EQ(to_string(HeaderCheck::Op::includes), "includes");
  EXPECT_EQ(to_string(BodyCheck::Op::sha256), "sha256");
  EXPECT_EQ(step_name(Action{ExpectSilence{}}), "expect_silence");
  EXPECT_EQ(step_name(Action{ExpectData{}}), "expect");
}

TEST(ModelLevels, FailureCostsFollowTheLevel) {
  EXPECT_EQ(failure_verdict(Level::must), Verdict::fail);
  EXPECT_EQ(failure_verdict(Level::should), Verdict::warn);
  EXPECT_EQ(failure_verdict(Level::may), Verdict::warn);
  EXPECT_EQ(parse_level("should"), Level::should);
  EXPECT_EQ(parse_level("MAY"), Level::may);
  EXPECT_FALSE(parse_level("MUSTNT"));
  EXPECT_EQ(to_string(Level::must), "MUST");
}

TEST(ModelLevels, WorseOrdersVerdicts) {
  EXPECT_EQ(worse(Verdict::pass, Verdict::warn), Verdict::warn);
  EXPECT_EQ(worse(Verdict::fail, Verdict::warn), Verdict::fail);
  EXPECT_EQ(worse(Verdict::fail, Verdict::error), Verdict::error);
  EXPECT_EQ(parse_verdict("WARN"), Verdict::warn);
  EXPECT_EQ(to_string(Verdict::skip), "skip");
}

}  // namespace
}  // namespace wirecheck::harness
