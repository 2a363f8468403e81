// The replay driver's own promises: the guard page really stops over-reads, and cuts are
// described the way failure messages name them.
#include "tests/reference/http/replay.h"

#include <gtest/gtest.h>

namespace wirecheck::http::parser_cases {
namespace {

char read_byte(const char* p) {
  return *static_cast<const volatile char*>(p);
}

TEST(GuardedBuffer, HoldsTheBytesAtTheEndOfThePage) {
  GuardedBuffer buffer("GET / HTTP/1.1\r\n");
  EXPECT_EQ(buffer.view(), "GET / HTTP/1.1\r\n");
  GuardedBuffer empty("");
  EXPECT_TRUE(empty.view().empty());
}

TEST(GuardedBufferDeathTest, ReadingOneBytePastTheEndCrashes) {
  GuardedBuffer buffer("abc");
  const char* past = buffer.view().data() + buffer.view().size();
  EXPECT_EQ(read_byte(past - 1), 'c');
  EXPECT_DEATH(read_byte(past), "");
}

TEST(Replay, DescribesCuts) {
  EXPECT_EQ(describe_cuts({}, 10), "whole");
  EXPECT_EQ(describe_cuts({1, 2, 3}, 4), "byte by byte");
  EXPECT_EQ(describe_cuts({5}, 10), "split at 5");
  EXPECT_EQ(describe_cuts({2, 7}, 10), "split at 2, 7");
}

}  // namespace
}  // namespace wirecheck::http::parser_cases
