#include "harness/run/session.h"

#include <algorithm>
#include <memory>

namespace wirecheck::harness {
namespace {

// A run being stopped is noticed within this long, even in the middle of a long read.
constexpr std::chrono::milliseconds kStopSlice{100};
constexpr size_t kReadChunk = 64 * 1024;

// One read buffer per thread: a case runs on one thread, and its sessions read one at a time.
char* read_scratch() {
  thread_local std::unique_ptr<char[]> buffer(new char[kReadChunk]);
  return buffer.get();
}

}  // namespace

std::string_view to_string(ReadEnd end) {
  switch (end) {
    case ReadEnd::data:
      return "data";
    case ReadEnd::timeout:
      return "timeout";
    case ReadEnd::closed:
      return "closed";
    case ReadEnd::reset:
      return "reset";
    case ReadEnd::error:
      return "error";
    case ReadEnd::cap:
      return "cap";
    case ReadEnd::stopped:
      return "stopped";
  }
  return "error";
}

Session::Session(std::string name, std::unique_ptr<net::Connection> connection, Recorder& recorder,
                 const RunLimits& limits, const std::atomic<bool>* stop)
    : name_(std::move(name)),
      connection_(std::move(connection)),
      recorder_(recorder),
      limits_(limits),
      stop_(stop),
      last_send_(std::chrono::steady_clock::now()) {}

net::IoResult Session::send(std::string_view bytes, net::Deadline deadline) {
  net::IoResult r = connection_->write_all(bytes, deadline);
  if (r.bytes > 0) {
    recorder_.add_bytes(name_, EventKind::send, sent_, bytes.substr(0, r.bytes));
    methods_.sent(bytes.substr(0, r.bytes));
    sent_ += r.bytes;
  }
  last_send_ = std::chrono::steady_clock::now();
  if (!r.ok()) {
    std::string what = "write stopped after " + std::to_string(r.bytes) + " of " +
                       std::to_string(bytes.size()) + " bytes: " + r.describe();
    EventKind kind = EventKind::note;
    if (r.outcome == net::Outcome::timeout) kind = EventKind::timeout;
    if (r.outcome == net::Outcome::reset) kind = EventKind::peer_reset;
    recorder_.add(name_, kind, std::move(what));
  }
  return r;
}

ReadEnd Session::fill(net::Deadline deadline) {
  if (end_ != ReadEnd::data) return end_;
  // Consumed bytes of the current step count too: they are what excerpts are cut from.
  if (rx_.size() >= limits_.max_buffered_bytes) return ReadEnd::cap;
  size_t room = std::min(kReadChunk, limits_.max_buffered_bytes - rx_.size());
  for (;;) {
    if (stop_ && stop_->load()) return ReadEnd::stopped;
    net::Deadline slice =
        stop_ ? net::Deadline::earliest(deadline, net::Deadline::after_unscaled(kStopSlice))
              : deadline;
    // Read into a scratch buffer and append what arrived: growing rx_ by the whole read size
    // first would zero 64 KiB for every read, which for small responses costs more than the
    // read itself.
    char* scratch = read_scratch();
    size_t old = rx_.size();
    net::IoResult r = connection_->read_some(scratch, room, slice);
    if (r.bytes > 0) rx_.append(scratch, r.bytes);
    switch (r.outcome) {
      case net::Outcome::ok: {
        if (!first_byte_) first_byte_ = std::chrono::steady_clock::now();
        recorder_.add_bytes(name_, EventKind::receive, rx_base_ + old,
                            std::string_view(rx_).substr(old));
        return ReadEnd::data;
      }
      case net::Outcome::timeout:
        if (slice.when() < deadline.when() && !deadline.expired()) continue;
        return ReadEnd::timeout;
      case net::Outcome::closed:
        end_ = ReadEnd::closed;
        end_detail_ = "the peer closed the connection";
        recorder_.add(name_, EventKind::peer_closed);
        return end_;
      case net::Outcome::reset:
        end_ = ReadEnd::reset;
        end_detail_ = "the peer reset the connection";
        recorder_.add(name_, EventKind::peer_reset, r.describe());
        return end_;
      default:
        end_ = ReadEnd::error;
        end_detail_ = r.describe();
        recorder_.add(name_, EventKind::note, "read failed: " + r.describe());
        return end_;
    }
  }
}

void Session::compact() {
  if (pos_ == 0) return;
  rx_.erase(0, pos_);
  rx_base_ += pos_;
  pos_ = 0;
}

std::string_view Session::held(uint64_t from, uint64_t to, uint64_t* start) const {
  uint64_t lo = std::max(from, rx_base_);
  uint64_t hi = std::min(to, rx_base_ + rx_.size());
  if (start) *start = lo;
  if (hi <= lo) return {};
  return std::string_view(rx_).substr(static_cast<size_t>(lo - rx_base_),
                                      static_cast<size_t>(hi - lo));
}

void Session::shutdown_write() {
  net::IoResult r = connection_->shutdown_write();
  recorder_.add(name_, EventKind::shutdown_write, r.ok() ? "" : r.describe());
}

void Session::abort() {
  connection_->abort();
  recorder_.add(name_, EventKind::abort);
}

void Session::close() {
  connection_->close();
  recorder_.add(name_, EventKind::close);
}

}  // namespace wirecheck::harness
