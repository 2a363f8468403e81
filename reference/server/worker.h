#pragma once
// One event loop on one thread: epoll over the shared listener (EPOLLEXCLUSIVE, so one worker
// wakes per connection) and over the sessions it accepted. Sessions never move between workers.
#include <sys/epoll.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <memory>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "reference/net/fd.h"
#include "reference/server/config.h"
#include "reference/server/session.h"
#include "reference/server/stats.h"

namespace wirecheck::server {

// What every worker of one server shares. Read-only after start, except the counters.
struct ServerCore {
  ServerConfig config;
  int listen_fd = -1;  // owned by the Server
  std::string docroot_real;  // realpath of config.docroot ("" when none)
  std::string reply_bytes;   // config.reply_text in config.encoding
  AtomicStats stats;
  // FOR TESTING ONLY (the stop-after-* defects): the server acts as if it had crashed, and every
  // new connection is closed unanswered.
  std::atomic<bool> stopped_serving{false};
  void log(std::string_view line) const;
};

class Worker {
 public:
  Worker(ServerCore& core, unsigned index);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  unsigned index() const { return index_; }  // which event loop this is, for logs

  // The thread body; returns once stopped and every session is closed.
  void run();
  // Thread-safe: stop accepting, let sessions finish until `hard_deadline`, then close them.
  void request_stop(Clock::time_point hard_deadline);
  // Thread-safe: true once run() has set up epoll and registered the listener.
  bool ready() const { return ready_.load(std::memory_order_acquire); }
  const std::string& setup_error() const { return setup_error_; }

  // For sessions.
  const ServerConfig& config() const { return core_.config; }
  ServerCore& core() { return core_; }
  Clock::time_point now() const { return now_; }
  // The IMF-fixdate of the current second, recomputed at most once a second.
  std::string_view http_date();
  void schedule(uint64_t session_id, Clock::time_point when);
  // Pump this session again on the next loop iteration (it yielded with work left).
  void defer(uint64_t session_id) { deferred_.push_back(session_id); }
  bool draining() const { return draining_; }
  // Receive buffers of kInputBufferSize bytes, kept from sessions that ended for the next ones:
  // with a connection per request, allocating and freeing 16 KiB each time was a tenth of the
  // server's CPU (and glibc's per-thread arena kept trimming itself with madvise).
  static constexpr size_t kInputBufferSize = 16 * 1024;
  std::unique_ptr<char[]> take_input_buffer();
  void give_back_input_buffer(std::unique_ptr<char[]> buffer);

 private:
  struct Timer {
    Clock::time_point when;
    uint64_t session;
    bool operator>(const Timer& o) const { return when > o.when; }
  };

  bool setup();
  void accept_connections();
  void listen(bool on);
  void run_timers();
  void sweep_deadlines();
  void begin_drain();
  void reap(uint64_t id);
  int wait_timeout() const;

  ServerCore& core_;
  unsigned index_;
  net::UniqueFd epoll_;
  net::UniqueFd wake_;  // eventfd: request_stop() pokes it
  std::atomic<bool> ready_{false};
  std::string setup_error_;
  std::atomic<bool> stop_requested_{false};
  std::atomic<int64_t> hard_deadline_ns_{0};
  bool draining_ = false;
  bool listening_ = false;
  Clock::time_point relisten_at_ = Clock::time_point::max();  // after EMFILE
  uint64_t next_id_ = 0;
  std::vector<std::unique_ptr<char[]>> spare_inputs_;  // before sessions_: outlives them
  std::unordered_map<uint64_t, std::unique_ptr<Session>> sessions_;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<>> timers_;
  Clock::time_point now_;
  Clock::time_point next_sweep_;
  std::chrono::milliseconds sweep_interval_;
  std::time_t date_second_ = 0;
  char date_[40] = {};
  std::vector<epoll_event> events_;
  std::vector<uint64_t> deferred_;
};

}  // namespace wirecheck::server
