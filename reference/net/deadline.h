#pragma once
// A point in time after which a socket operation gives up. Every wait in wirecheck takes one, so
// nothing can hang on a silent peer. Durations pass through a process-wide scale so slow builds
// (sanitizers, valgrind) can stretch every timeout at once without editing cases.
#include <chrono>
#include <cstdint>

namespace wirecheck::net {

// Multiplies every duration given to Deadline::after(). 1.0 by default; values <= 0 are ignored.
void set_timeout_scale(double scale);
double timeout_scale();

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  // Now plus `duration` times the timeout scale.
  static Deadline after(std::chrono::milliseconds duration);
  // Now plus exactly `duration`: for intervals that measure the peer, not our own slowness.
  static Deadline after_unscaled(std::chrono::milliseconds duration);
  static Deadline at(Clock::time_point when) { return Deadline(when, false); }
  static Deadline never() { return Deadline(Clock::time_point::max(), true); }

  bool is_never() const { return never_; }
  bool expired() const { return !never_ && Clock::now() >= when_; }
  Clock::time_point when() const { return when_; }
  // Time left, zero once expired; a very large value for never().
  std::chrono::milliseconds remaining() const;
  // The timeout argument for poll(2)/epoll_wait(2): -1 for never, otherwise the remaining
  // milliseconds rounded up (so a poll never returns just before the deadline and spins).
  int poll_timeout() const;
  // The earlier of two deadlines.
  static Deadline earliest(Deadline a, Deadline b) { return a.when_ <= b.when_ ? a : b; }

 private:
  Deadline(Clock::time_point when, bool never) : when_(when), never_(never) {}
  Clock::time_point when_;
  bool never_;
};

}  // namespace wirecheck::net
