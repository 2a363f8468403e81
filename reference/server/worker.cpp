#include "reference/server/worker.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

#include "reference/net/io_result.h"
#include "reference/server/http_session.h"
#include "reference/server/tcp_session.h"

namespace wirecheck::server {
namespace {
constexpr uint64_t kListenerId = 0;
constexpr uint64_t kWakeId = 1;
constexpr uint64_t kFirstSessionId = 2;
constexpr int kAcceptBatch = 64;
// Connections past max_connections still get their 503, up to this many at once; beyond it
// they are closed without an answer so a flood cannot exhaust descriptors.
constexpr uint64_t kOverLimitSlack = 256;

std::mutex& log_mutex() {
  static std::mutex m;
  return m;
}
}  // namespace

void ServerCore::log(std::string_view line) const {
  if (config.log) {
    config.log(line);
    return;
  }
  std::lock_guard lock(log_mutex());
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fputc('\n', stderr);
}

Worker::Worker(ServerCore& core, unsigned index) : core_(core), index_(index) {
  events_.resize(256);
  auto shortest = std::min({core.config.header_timeout, core.config.body_timeout,
                            core.config.idle_timeout, core.config.write_timeout,
                            core.config.linger_timeout});
  // Time limits are checked by a sweep; a quarter of the shortest limit keeps them accurate
  // enough without waking often.
  sweep_interval_ = std::clamp(shortest / 4, std::chrono::milliseconds(5),
                               std::chrono::milliseconds(250));
}

Worker::~Worker() = default;

std::unique_ptr<char[]> Worker::take_input_buffer() {
  if (spare_inputs_.empty()) return std::unique_ptr<char[]>(new char[kInputBufferSize]);
  std::unique_ptr<char[]> buffer = std::move(spare_inputs_.back());
  spare_inputs_.pop_back();
  return buffer;
}

void Worker::give_back_input_buffer(std::unique_ptr<char[]> buffer) {
  // Enough for the connections that come and go between two loop iterations; beyond that the
  // memory goes back to the allocator.
  constexpr size_t kMaxSpare = 64;
  if (spare_inputs_.size() < kMaxSpare) spare_inputs_.push_back(std::move(buffer));
}

bool Worker::setup() {
  epoll_.reset(::epoll_create1(EPOLL_CLOEXEC));
  if (!epoll_) {
    setup_error_ = "epoll_create1: " + net::errno_text(errno);
    return false;
  }
  wake_.reset(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  if (!wake_) {
    setup_error_ = "eventfd: " + net::errno_text(errno);
    return false;
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = kWakeId;
  if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, wake_.get(), &ev) != 0) {
    setup_error_ = "epoll_ctl(eventfd): " + net::errno_text(errno);
    return false;
  }
  listen(true);
  return true;
}

void Worker::listen(bool on) {
  if (on == listening_ || core_.listen_fd < 0) return;
  if (on) {
    epoll_event ev{};
    // EPOLLEXCLUSIVE: a new connection wakes one worker, not all of them.
    ev.events = EPOLLIN | EPOLLEXCLUSIVE;
    ev.data.u64 = kListenerId;
    if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, core_.listen_fd, &ev) != 0) return;
  } else {
    ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, core_.listen_fd, nullptr);
  }
  listening_ = on;
}

void Worker::request_stop(Clock::time_point hard_deadline) {
  hard_deadline_ns_.store(hard_deadline.time_since_epoch().count(), std::memory_order_relaxed);
  stop_requested_.store(true, std::memory_order_release);
  uint64_t one = 1;
  if (wake_) {
    [[maybe_unused]] ssize_t n = ::write(wake_.get(), &one, sizeof one);
  }
}

std::string_view Worker::http_date() {
  std::time_t t = std::time(nullptr);
  if (t != date_second_) {
    date_second_ = t;
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(date_, sizeof date_, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  }
  return date_;
}

void Worker::schedule(uint64_t session_id, Clock::time_point when) {
  timers_.push(Timer{when, session_id});
}

int Worker::wait_timeout() const {
  if (!deferred_.empty()) return 0;
  auto next = next_sweep_;
  if (!timers_.empty()) next = std::min(next, timers_.top().when);
  if (relisten_at_ != Clock::time_point::max()) next = std::min(next, relisten_at_);
  auto now = Clock::now();
  if (next <= now) return 0;
  auto ms = std::chrono::ceil<std::chrono::milliseconds>(next - now).count();
  return static_cast<int>(std::min<int64_t>(ms, 1000));
}

void Worker::accept_connections() {
  const ServerConfig& cfg = core_.config;
  for (int i = 0; i < kAcceptBatch; ++i) {
    if (cfg.single_client && !sessions_.empty()) {
      listen(false);  // the next client waits in the listen backlog
      return;
    }
    net::Address peer;
    *peer.length_ptr() = sizeof(sockaddr_storage);
    int fd = ::accept4(core_.listen_fd, peer.get(), peer.length_ptr(), SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        // Out of descriptors: stop listening briefly instead of spinning on a ready listener.
        core_.log("wirecheck serve: accept: " + net::errno_text(errno) +
                  "; pausing accepts for 100 ms");
        listen(false);
        relisten_at_ = Clock::now() + std::chrono::milliseconds(100);
      }
      return;
    }
    net::UniqueFd owned(fd);
    core_.stats.accepted.fetch_add(1, std::memory_order_relaxed);
    if (core_.stopped_serving.load(std::memory_order_relaxed)) continue;  // closed unanswered
    uint64_t active = core_.stats.active.fetch_add(1, std::memory_order_relaxed);
    bool over_limit = active >= cfg.max_connections;
    if (over_limit) {
      core_.stats.over_limit.fetch_add(1, std::memory_order_relaxed);
      if (cfg.mode != Mode::http || active >= cfg.max_connections + kOverLimitSlack) {
        core_.stats.active.fetch_sub(1, std::memory_order_relaxed);
        continue;  // closed unanswered
      }
    }
    // TCP_NODELAY comes from the listening socket (Server::start).
    uint64_t id = next_id_++;
    std::unique_ptr<Session> session;
    if (cfg.mode == Mode::http) {
      session = std::make_unique<HttpSession>(*this, std::move(owned), peer, id, over_limit);
    } else {
      session = std::make_unique<TcpSession>(*this, std::move(owned), peer, id);
    }
    Session* raw = session.get();
    sessions_.emplace(id, std::move(session));
    // The session runs before it is registered with epoll: a client that sent its request with
    // the connection (the usual case under load) is often answered and closed right here, and
    // its socket never enters the epoll set. Registering afterwards loses nothing: adding a
    // descriptor reports whatever is ready at that moment, even with EPOLLET.
    raw->start();
    if (!raw->finished()) {
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
      ev.data.u64 = id;
      if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, raw->fd(), &ev) != 0) raw->close_now("epoll_ctl failed");
    }
    if (raw->finished()) reap(id);
  }
}

void Worker::reap(uint64_t id) {
  sessions_.erase(id);
  if (core_.config.single_client && sessions_.empty() && !draining_) listen(true);
}

void Worker::run_timers() {
  while (!timers_.empty() && timers_.top().when <= now_) {
    uint64_t id = timers_.top().session;
    timers_.pop();
    auto it = sessions_.find(id);
    if (it == sessions_.end()) continue;
    it->second->handle_timer();
    if (it->second->finished()) reap(id);
  }
}

void Worker::sweep_deadlines() {
  std::vector<uint64_t> due;
  for (auto& [id, s] : sessions_) {
    if (s->deadline() <= now_) due.push_back(id);
  }
  for (uint64_t id : due) {
    auto it = sessions_.find(id);
    if (it == sessions_.end()) continue;
    it->second->handle_deadline();
    if (it->second->finished()) reap(id);
  }
  next_sweep_ = now_ + sweep_interval_;
}

void Worker::begin_drain() {
  draining_ = true;
  listen(false);
  relisten_at_ = Clock::time_point::max();
  std::vector<uint64_t> ids;
  ids.reserve(sessions_.size());
  for (auto& [id, s] : sessions_) ids.push_back(id);
  for (uint64_t id : ids) {
    auto it = sessions_.find(id);
    if (it == sessions_.end()) continue;
    it->second->drain();
    if (it->second->finished()) reap(id);
  }
}

void Worker::run() {
  bool ok = setup();
  ready_.store(true, std::memory_order_release);
  if (!ok) return;
  now_ = Clock::now();
  next_id_ = kFirstSessionId;
  next_sweep_ = now_ + sweep_interval_;
  for (;;) {
    int n = ::epoll_wait(epoll_.get(), events_.data(), static_cast<int>(events_.size()),
                         wait_timeout());
    now_ = Clock::now();
    if (n < 0 && errno != EINTR) {
      core_.log("wirecheck serve: epoll_wait: " + net::errno_text(errno));
      break;
    }
    for (int i = 0; i < n; ++i) {
      uint64_t id = events_[static_cast<size_t>(i)].data.u64;
      if (id == kListenerId) {
        if (!draining_) accept_connections();
        continue;
      }
      if (id == kWakeId) {
        uint64_t v;
        [[maybe_unused]] ssize_t r = ::read(wake_.get(), &v, sizeof v);
        continue;
      }
      auto it = sessions_.find(id);
      if (it == sessions_.end()) continue;
      it->second->handle_events(events_[static_cast<size_t>(i)].events);
      if (it->second->finished()) reap(id);
    }
    if (!deferred_.empty()) {
      std::vector<uint64_t> again;
      again.swap(deferred_);
      for (uint64_t id : again) {
        auto it = sessions_.find(id);
        if (it == sessions_.end()) continue;
        it->second->handle_events(0);
        if (it->second->finished()) reap(id);
      }
    }
    run_timers();
    if (now_ >= next_sweep_) sweep_deadlines();
    if (relisten_at_ <= now_) {
      relisten_at_ = Clock::time_point::max();
      if (!draining_ && !(core_.config.single_client && !sessions_.empty())) listen(true);
    }
    if (stop_requested_.load(std::memory_order_acquire)) {
      if (!draining_) begin_drain();
      Clock::time_point hard{Clock::duration(hard_deadline_ns_.load(std::memory_order_relaxed))};
      if (sessions_.empty()) break;
      if (now_ >= hard) {
        for (auto& [id, s] : sessions_) s->close_now("server stopped");
        sessions_.clear();
        break;
      }
    }
  }
  listen(false);
}

}  // namespace wirecheck::server
