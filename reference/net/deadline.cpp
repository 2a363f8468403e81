#include "reference/net/deadline.h"

#include <atomic>
#include <climits>

namespace wirecheck::net {
namespace {
std::atomic<double> g_scale{1.0};
}

void set_timeout_scale(double scale) {
  if (scale > 0) g_scale.store(scale, std::memory_order_relaxed);
}

double timeout_scale() { return g_scale.load(std::memory_order_relaxed); }

Deadline Deadline::after(std::chrono::milliseconds duration) {
  auto scaled = std::chrono::duration<double, std::milli>(duration) * timeout_scale();
  return after_unscaled(std::chrono::duration_cast<std::chrono::milliseconds>(scaled));
}

Deadline Deadline::after_unscaled(std::chrono::milliseconds duration) {
  auto now = Clock::now();
  // Saturate instead of overflowing the clock for huge durations.
  if (duration >= std::chrono::duration_cast<std::chrono::milliseconds>(Clock::time_point::max() - now)) {
    return never();
  }
  return Deadline(now + duration, false);
}

std::chrono::milliseconds Deadline::remaining() const {
  if (never_) return std::chrono::milliseconds::max();
  auto now = Clock::now();
  if (now >= when_) return std::chrono::milliseconds(0);
  return std::chrono::ceil<std::chrono::milliseconds>(when_ - now);
}

int Deadline::poll_timeout() const {
  if (never_) return -1;
  auto left = remaining().count();
  if (left > INT_MAX) return INT_MAX;
  return static_cast<int>(left);
}

}  // namespace wirecheck::net
