#include "harness/run/transcript.h"

namespace wirecheck::harness {

Recorder::Recorder(size_t max_bytes, size_t max_events)
    : start_(Clock::now()), max_bytes_(max_bytes), max_events_(max_events) {}

std::chrono::microseconds Recorder::elapsed() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start_);
}

bool Recorder::room_for_event() {
  if (events_.size() < max_events_) return true;
  ++dropped_events_;
  return false;
}

void Recorder::add(const std::string& connection, EventKind kind, std::string detail) {
  if (!room_for_event()) return;
  TranscriptEvent e;
  e.at = elapsed();
  e.connection = connection;
  e.kind = kind;
  e.detail = std::move(detail);
  events_.push_back(std::move(e));
}

void Recorder::add_bytes(const std::string& connection, EventKind kind, uint64_t offset,
                         std::string_view bytes) {
  if (!room_for_event()) {
    dropped_bytes_ += bytes.size();
    return;
  }
  TranscriptEvent e;
  e.at = elapsed();
  e.connection = connection;
  e.kind = kind;
  e.offset = offset;
  size_t& kept = kind == EventKind::send ? kept_sent_ : kept_received_;
  size_t budget = max_bytes_ / 2;
  size_t room = budget > kept ? budget - kept : 0;
  size_t keep = bytes.size() < room ? bytes.size() : room;
  e.bytes.assign(bytes.substr(0, keep));
  kept += keep;
  if (keep < bytes.size()) {
    dropped_bytes_ += bytes.size() - keep;
    e.detail = std::to_string(bytes.size()) + " bytes, " + std::to_string(bytes.size() - keep) +
               " not kept (transcript cap)";
  }
  events_.push_back(std::move(e));
}

std::vector<TranscriptEvent> Recorder::take() {
  if (truncated()) {
    TranscriptEvent e;
    e.at = elapsed();
    e.kind = EventKind::note;
    e.detail = "transcript capped at " + std::to_string(max_bytes_) + " bytes and " +
               std::to_string(max_events_) + " events: " + std::to_string(dropped_bytes_) +
               " bytes and " + std::to_string(dropped_events_) + " events not kept";
    events_.push_back(std::move(e));
  }
  return std::move(events_);
}

}  // namespace wirecheck::harness
