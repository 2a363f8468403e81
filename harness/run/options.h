#pragma once
// How the runner runs: where the target is, what it can do, how long to wait, how much to keep.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "harness/model/profile.h"
#include "harness/model/result.h"
#include "harness/model/target.h"

namespace wirecheck::harness {

struct RunLimits {
  // Bytes held for one connection at once: what arrived and is not yet judged, plus the
  // response being read. An endless body or header section stops here, and the cap is named
  // in the reason.
  size_t max_buffered_bytes = size_t{8} << 20;
  // Bytes of payload the transcript of one case keeps, half for each direction; later bytes
  // are counted, not kept.
  size_t max_transcript_bytes = size_t{1} << 20;
  // Events the transcript of one case keeps (a peer trickling one byte at a time makes many).
  size_t max_transcript_events = 20'000;
};

struct RunOptions {
  std::string host = "127.0.0.1";  // name or numeric address, IPv6 without brackets
  uint16_t port = 0;
  std::string label;  // RunResult::target; "host:port" when empty

  Target target = reference_target();
  std::optional<Profile> profile;  // parameters for the cases' variables

  unsigned jobs = 8;  // cases at once (I/O-bound: waiting, not computing)
  // Multiplies every deadline (case timeouts, step `within`, the open-connection check), for
  // slow machines. Pauses, gaps and `expect_silence` are about the peer and are not scaled.
  double timeout_scale = 1.0;
  // A connection counts as open after a response when a read this long sees neither data nor
  // a close.
  std::chrono::milliseconds open_check{250};
  std::chrono::milliseconds connect_timeout{5000};
  RunLimits limits;

  // Set (from a signal handler or another thread) to stop: cases not yet started do not run,
  // cases running stop at their next read or step and are left out of the result.
  const std::atomic<bool>* stop = nullptr;
  // Called once per finished case, from the worker that ran it, never two at once.
  std::function<void(const CaseResult&)> on_finished;
};

}  // namespace wirecheck::harness
