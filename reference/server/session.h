#pragma once
// One accepted connection inside an event loop: the read buffer, the output queue with partial
// writes, backpressure, the time limits and the lingering close that all modes share. The HTTP
// and plain-TCP sessions derive from it and only decide what to do with the bytes.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "reference/net/address.h"
#include "reference/net/fd.h"

namespace wirecheck::server {

class Worker;
using Clock = std::chrono::steady_clock;

class Session {
 public:
  Session(Worker& worker, net::UniqueFd fd, net::Address peer, uint64_t id);
  virtual ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  uint64_t id() const { return id_; }
  int fd() const { return fd_.get(); }
  const net::Address& peer() const { return peer_; }
  bool finished() const { return state_ == State::closed; }
  Clock::time_point deadline() const { return deadline_; }

  // Called once the socket is registered with epoll.
  virtual void start();
  // epoll reported `events` for the socket.
  void handle_events(uint32_t events);
  // The deadline passed.
  void handle_deadline();
  // A timer this session scheduled fired.
  virtual void handle_timer() {}
  // The server is stopping: finish what is in flight, then close.
  virtual void drain();
  // Close at once (stop() ran out of time).
  void close_now(std::string_view why);

 protected:
  enum class State : uint8_t { open, lingering, closed };

  // Consume buffered input (input()/consume()), append output (out()). Returns true when it
  // made progress. Not called while paused().
  virtual bool process() = 0;
  // True while the session must not read or process more input (backpressure, a delayed
  // response, a streamed body still going out).
  virtual bool paused() const { return output_pending() > kHighWater; }
  // Called when the output queue ran dry: append more (a streamed body). Returns true if it did.
  virtual bool refill() { return false; }
  // True while a response is being produced (a delayed or streamed response).
  virtual bool busy() const { return false; }
  // True while stopping should wait for this session: busy, or a request half received.
  virtual bool in_flight() const { return busy(); }
  // When this session's own time limit runs out (write stalls and lingering are handled here).
  virtual Clock::time_point own_deadline() const { return Clock::time_point::max(); }
  virtual void on_own_deadline() { close_now("timeout"); }
  // The peer finished sending (end of stream). Buffered input is still processed.
  virtual void on_peer_eof() {}
  virtual void on_closed(std::string_view /*why*/) {}

  std::string_view input() const { return {in_.get() + in_begin_, in_end_ - in_begin_}; }
  void consume(size_t n);
  std::string& out() { return out_; }
  size_t output_pending() const { return out_.size() - out_pos_; }
  // Sends what is queued; stops at EAGAIN (EPOLLOUT resumes it).
  void flush();
  // After everything queued is sent: half-close, drain input briefly, close (no RST that
  // could destroy our last response in the peer's receive buffer).
  void close_after_output() { close_after_output_ = true; }
  // The peer said it sends nothing more (a request with "Connection: close", RFC 9112 §9.6):
  // once the output is out and nothing is left to read, close at once instead of lingering.
  void peer_sends_no_more() { peer_sends_no_more_ = true; }
  bool closing() const { return close_after_output_ || state_ != State::open; }
  bool peer_eof() const { return peer_eof_; }
  void pump();

  Worker& worker_;
  static constexpr size_t kHighWater = 256 * 1024;

 private:
  enum class Read : uint8_t { data, drained, eof, failed };
  Read read_once();
  void begin_lingering();
  void linger_read();
  void update_deadline();
  void grow_input();

  net::UniqueFd fd_;
  net::Address peer_;
  uint64_t id_;
  State state_ = State::open;
  // Not a std::string: resizing one zero-fills it, a cost every new connection would pay for
  // bytes recv() overwrites anyway.
  std::unique_ptr<char[]> in_;
  size_t in_size_ = 0;
  size_t in_begin_ = 0;
  size_t in_end_ = 0;
  std::string out_;
  size_t out_pos_ = 0;
  bool readable_ = true;  // edge-triggered: true until a read comes back short or EAGAIN
  bool hangup_seen_ = false;  // epoll reported RDHUP/HUP: read on until end of stream
  bool peer_eof_ = false;
  bool close_after_output_ = false;
  bool peer_sends_no_more_ = false;
  // A read in the current pump() found the socket empty (microseconds ago). Reset when pump()
  // begins; only read by begin_lingering(), which pump() alone calls.
  bool drained_this_pump_ = false;
  bool write_blocked_ = false;
  Clock::time_point write_stall_since_{};
  Clock::time_point linger_until_{};
  Clock::time_point deadline_ = Clock::time_point::max();
  size_t lingered_bytes_ = 0;
};

}  // namespace wirecheck::server
