#include "reference/net/deadline.h"

#include <gtest/gtest.h>

namespace wirecheck::net {
namespace {

using namespace std::chrono_literals;

TEST(Deadline, NeverDoesNotExpire) {
  auto d = Deadline::never();
  EXPECT_TRUE(d.is_never());
  EXPECT_FALSE(d.expired());
  EXPECT_EQ(d.poll_timeout(), -1);
}

TEST(Deadline, ZeroIsExpiredAtOnce) {
  auto d = Deadline::after_unscaled(0ms);
  EXPECT_TRUE(d.expired());
  EXPECT_EQ(d.poll_timeout(), 0);
  EXPECT_EQ(d.remaining(), 0ms);
}

TEST(Deadline, RemainingNeverExceedsTheDuration) {
  auto d = Deadline::after_unscaled(10s);
  EXPECT_FALSE(d.expired());
  EXPECT_LE(d.remaining(), 10s);
  EXPECT_GT(d.poll_timeout(), 0);
}

TEST(Deadline, ScaleStretchesAfter) {
  set_timeout_scale(100.0);
  auto d = Deadline::after(1s);
  set_timeout_scale(1.0);
  // 1 s scaled by 100 leaves far more than 1 s.
  EXPECT_GT(d.remaining(), 50s);
  EXPECT_EQ(timeout_scale(), 1.0);
}

TEST(Deadline, NonPositiveScaleIsIgnored) {
  set_timeout_scale(2.0);
  set_timeout_scale(0.0);
  set_timeout_scale(-1.0);
  EXPECT_EQ(timeout_scale(), 2.0);
  set_timeout_scale(1.0);
}

TEST(Deadline, HugeDurationSaturatesToNever) {
  auto d = Deadline::after_unscaled(std::chrono::milliseconds::max());
  EXPECT_TRUE(d.is_never());
}

TEST(Deadline, EarliestPicksTheSooner) {
  auto a = Deadline::after_unscaled(1s);
  auto b = Deadline::never();
  EXPECT_EQ(Deadline::earliest(a, b).when(), a.when());
  EXPECT_EQ(Deadline::earliest(b, a).when(), a.when());
}

}  // namespace
}  // namespace wirecheck::net
