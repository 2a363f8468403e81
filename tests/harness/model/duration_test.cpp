#include "harness/model/duration.h"

#include <gtest/gtest.h>

namespace wirecheck::harness {
namespace {

TEST(ModelDuration, ParsesMillisecondsSecondsAndFractions) {
  EXPECT_EQ(parse_duration("50ms"), Duration(50));
  EXPECT_EQ(parse_duration("2s"), Duration(2000));
  EXPECT_EQ(parse_duration("1.5s"), Duration(1500));
  EXPECT_EQ(parse_duration("0.001s"), Duration(1));
  EXPECT_EQ(parse_duration("0ms"), Duration(0));
}

TEST(ModelDuration, RejectsWithAReason) {
  std::string error;
  EXPECT_FALSE(parse_duration("50", &error));
  EXPECT_EQ(error, "needs a unit (ms or s)");
  EXPECT_FALSE(parse_duration("5 parsecs", &error));
  EXPECT_EQ(error, "has an unknown unit (use ms or s)");
  EXPECT_FALSE(parse_duration("ms", &error));
  EXPECT_EQ(error, "must start with a number, as in 50ms or 2s");
  EXPECT_FALSE(parse_duration("0.5ms", &error));
  EXPECT_EQ(error, "is not a whole number of milliseconds");
  EXPECT_FALSE(parse_duration("1.s", &error));
  EXPECT_EQ(error, "has a '.' without digits after it");
  EXPECT_FALSE(parse_duration("-5ms", &error));
  EXPECT_FALSE(parse_duration("99999999999999999999s", &error));
  EXPECT_EQ(error, "is too long (at most 100000000 ms)");
}

TEST(ModelDuration, FormatsTheShortestExactSpelling) {
  EXPECT_EQ(format_duration(Duration(50)), "50ms");
  EXPECT_EQ(format_duration(Duration(2000)), "2s");
  EXPECT_EQ(format_duration(Duration(1500)), "1.5s");
  EXPECT_EQ(format_duration(Duration(1234)), "1234ms");
  EXPECT_EQ(format_duration(Duration(0)), "0ms");
}

}  // namespace
}  // namespace wirecheck::harness
