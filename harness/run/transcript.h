#pragma once
// Records what happened during one case, with timestamps, within the caps of RunLimits.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "harness/model/result.h"

namespace wirecheck::harness {

class Recorder {
 public:
  using Clock = std::chrono::steady_clock;

  Recorder(size_t max_bytes, size_t max_events);

  void add(const std::string& connection, EventKind kind, std::string detail = {});
  void add_bytes(const std::string& connection, EventKind kind, uint64_t offset,
                 std::string_view bytes);

  std::chrono::microseconds elapsed() const;
  Clock::time_point started() const { return start_; }

  // Moves the events out; a closing note says what the caps dropped.
  std::vector<TranscriptEvent> take();
  bool truncated() const { return dropped_bytes_ > 0 || dropped_events_ > 0; }

 private:
  bool room_for_event();

  Clock::time_point start_;
  size_t max_bytes_;
  size_t max_events_;
  // Each direction has half the byte budget, so a huge request never crowds out the response.
  size_t kept_sent_ = 0;
  size_t kept_received_ = 0;
  uint64_t dropped_bytes_ = 0;
  uint64_t dropped_events_ = 0;
  std::vector<TranscriptEvent> events_;
};

}  // namespace wirecheck::harness
