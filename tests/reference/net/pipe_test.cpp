#include "reference/net/pipe.h"

#include <gtest/gtest.h>

#include <thread>

namespace wirecheck::net {
namespace {

using namespace std::chrono_literals;

TEST(Pipe, BytesTravelBothWays) {
  auto [a, b] = make_pipe();
  ASSERT_TRUE(a->write_all("ping", Deadline::after(1s)).ok());
  std::string got;
  ASSERT_TRUE(b->read_some(got, 64, Deadline::after(1s)).ok());
  EXPECT_EQ(got, "ping");
  ASSERT_TRUE(b->write_all("pong", Deadline::after(1s)).ok());
  got.clear();
  ASSERT_TRUE(a->read_some(got, 64, Deadline::after(1s)).ok());
  EXPECT_EQ(got, "pong");
}

TEST(Pipe, ReadTimesOut) {
  auto [a, b] = make_pipe();
  char c;
  EXPECT_EQ(a->read_some(&c, 1, Deadline::after_unscaled(20ms)).outcome, Outcome::timeout);
}

TEST(Pipe, ShutdownWriteEndsTheStreamAfterTheData) {
  auto [a, b] = make_pipe();
  ASSERT_TRUE(a->write_all("x", Deadline::after(1s)).ok());
  ASSERT_TRUE(a->shutdown_write().ok());
  std::string got;
  EXPECT_TRUE(b->read_some(got, 8, Deadline::after(1s)).ok());
  EXPECT_EQ(b->read_some(got, 8, Deadline::after(1s)).outcome, Outcome::closed);
  EXPECT_EQ(a->write_all("y", Deadline::after(1s)).outcome, Outcome::closed);
  ASSERT_TRUE(b->write_all("z", Deadline::after(1s)).ok());  // the other way still works
}

TEST(Pipe, AbortResetsThePeer) {
  auto [a, b] = make_pipe();
  a->abort();
  char c;
  EXPECT_EQ(b->read_some(&c, 1, Deadline::after(1s)).outcome, Outcome::reset);
  EXPECT_EQ(b->write_all("x", Deadline::after(1s)).outcome, Outcome::reset);
}

TEST(Pipe, FailsAtTheNthOperation) {
  PipeFaults faults;
  faults.fail_at = 3;
  faults.fail_with = Outcome::error;
  auto [a, b] = make_pipe(faults);
  EXPECT_TRUE(a->write_all("1", Deadline::after(1s)).ok());
  EXPECT_TRUE(a->write_all("2", Deadline::after(1s)).ok());
  EXPECT_EQ(a->write_all("3", Deadline::after(1s)).outcome, Outcome::error);
  EXPECT_EQ(a->operations(), 3u);
  EXPECT_TRUE(a->write_all("4", Deadline::after(1s)).ok());
}

TEST(Pipe, InjectedResetReachesBothEnds) {
  PipeFaults faults;
  faults.fail_at = 1;
  auto [a, b] = make_pipe(faults);
  EXPECT_EQ(a->write_all("x", Deadline::after(1s)).outcome, Outcome::reset);
  char c;
  EXPECT_EQ(b->read_some(&c, 1, Deadline::after(1s)).outcome, Outcome::reset);
}

TEST(Pipe, MaxReadSplitsReads) {
  PipeFaults faults;
  faults.max_read = 1;
  auto [a, b] = make_pipe({}, faults);
  ASSERT_TRUE(a->write_all("abc", Deadline::after(1s)).ok());
  std::string got;
  for (int i = 0; i < 3; ++i) {
    auto r = b->read_some(got, 64, Deadline::after(1s));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.bytes, 1u);
  }
  EXPECT_EQ(got, "abc");
}

TEST(Pipe, BufferLimitMakesWritesWaitAndTimeOut) {
  PipeFaults faults;
  faults.buffer_limit = 4;
  auto [a, b] = make_pipe(faults);
  auto w = a->write_all("123456", Deadline::after_unscaled(30ms));
  EXPECT_EQ(w.outcome, Outcome::timeout);
  EXPECT_EQ(w.bytes, 4u);
}

TEST(Pipe, BufferLimitDrainsAcrossThreads) {
  PipeFaults faults;
  faults.buffer_limit = 3;
  auto [a, b] = make_pipe(faults);
  std::string sent(1000, 'q');
  std::string got;
  std::thread reader([&, &b = b] {
    while (got.size() < sent.size()) {
      if (!b->read_some(got, 7, Deadline::after(5s)).ok()) break;
    }
  });
  EXPECT_TRUE(a->write_all(sent, Deadline::after(5s)).ok());
  reader.join();
  EXPECT_EQ(got, sent);
}

TEST(Pipe, ClosedPeerMeansEndOfStreamAndBrokenWrites) {
  auto [a, b] = make_pipe();
  b->close();
  EXPECT_EQ(a->write_all("x", Deadline::after(1s)).outcome, Outcome::closed);
  char c;
  EXPECT_EQ(a->read_some(&c, 1, Deadline::after(1s)).outcome, Outcome::closed);
}

}  // namespace
}  // namespace wirecheck::net
