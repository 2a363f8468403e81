#pragma once
// One named connection of a running case: the socket, the bytes received and not yet judged,
// stream offsets for excerpts, and the transcript entries for everything that happens on it.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "harness/run/method_tracker.h"
#include "harness/run/options.h"
#include "harness/run/transcript.h"
#include "reference/net/connection.h"
#include "reference/net/deadline.h"

namespace wirecheck::harness {

// How a read ended.
enum class ReadEnd : uint8_t {
  data,     // bytes arrived
  timeout,  // the deadline passed first
  closed,   // the peer finished sending (FIN)
  reset,    // the peer reset the connection (RST)
  error,    // another socket error (detail in Session::end_detail())
  cap,      // the buffer cap is reached: nothing more is read
  stopped,  // the run is being stopped
};

std::string_view to_string(ReadEnd end);

class Session {
 public:
  Session(std::string name, std::unique_ptr<net::Connection> connection, Recorder& recorder,
          const RunLimits& limits, const std::atomic<bool>* stop);

  const std::string& name() const { return name_; }

  // Writes every byte (or records why not). Tracks the methods of the requests in them.
  net::IoResult send(std::string_view bytes, net::Deadline deadline);
  uint64_t sent_total() const { return sent_; }
  // When the last byte was written (or the connection opened, before any write).
  std::chrono::steady_clock::time_point last_activity() const { return last_send_; }

  // Reads once, appending to the unread bytes. At the end of the stream, returns the end
  // again without touching the socket.
  ReadEnd fill(net::Deadline deadline);
  std::string_view unread() const { return std::string_view(rx_).substr(pos_); }
  uint64_t unread_offset() const { return rx_base_ + pos_; }
  void consume(size_t n) { pos_ += n; }
  // Forgets consumed bytes (the bytes of earlier steps, no longer needed for excerpts).
  void compact();
  // Received bytes still held within [from, to); `*start` gets the stream offset of the first.
  std::string_view held(uint64_t from, uint64_t to, uint64_t* start) const;
  uint64_t received_total() const { return rx_base_ + rx_.size(); }
  size_t cap() const { return limits_.max_buffered_bytes; }

  // The peer closed or reset the connection (or a read failed): no more bytes will come.
  bool at_end() const { return end_ != ReadEnd::data; }
  ReadEnd end() const { return end_; }
  const std::string& end_detail() const { return end_detail_; }

  MethodTracker& methods() { return methods_; }

  void shutdown_write();
  void abort();
  void close();
  bool closed_here() const { return !connection_->is_open(); }

  std::optional<std::chrono::steady_clock::time_point> first_byte() const { return first_byte_; }

 private:
  std::string name_;
  std::unique_ptr<net::Connection> connection_;
  Recorder& recorder_;
  const RunLimits& limits_;
  const std::atomic<bool>* stop_;
  MethodTracker methods_;

  uint64_t sent_ = 0;
  std::chrono::steady_clock::time_point last_send_;
  std::string rx_;
  uint64_t rx_base_ = 0;  // stream offset of rx_[0]
  size_t pos_ = 0;        // rx_[pos_] is the first unread byte
  ReadEnd end_ = ReadEnd::data;
  std::string end_detail_;
  std::optional<std::chrono::steady_clock::time_point> first_byte_;
};

}  // namespace wirecheck::harness
