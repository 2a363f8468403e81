#include "reference/server/session.h"

#include <sys/epoll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "reference/server/worker.h"

namespace wirecheck::server {
namespace {
constexpr size_t kInitialInput = Worker::kInputBufferSize;
constexpr size_t kMinReadRoom = 4 * 1024;
constexpr size_t kMaxLingerBytes = 1024 * 1024;
constexpr size_t kKeepOutputCapacity = 1024 * 1024;
constexpr int kMaxPumpRounds = 64;  // then yield to other connections; readable_ remembers
}  // namespace

Session::Session(Worker& worker, net::UniqueFd fd, net::Address peer, uint64_t id)
    : worker_(worker), fd_(std::move(fd)), peer_(peer), id_(id) {}

Session::~Session() {
  if (in_ && in_size_ == kInitialInput) worker_.give_back_input_buffer(std::move(in_));
}

void Session::start() { pump(); }

void Session::handle_events(uint32_t events) {
  if (state_ == State::closed) return;
  if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) readable_ = true;
  // The peer's FIN may have arrived with the data: no further edge will announce it, so a
  // short read must not be taken as "nothing more to read".
  if (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) hangup_seen_ = true;
  if (events & EPOLLOUT) write_blocked_ = false;
  pump();
}

void Session::handle_deadline() {
  if (state_ == State::closed) return;
  if (state_ == State::lingering) {
    close_now("closed after the final response");
    return;
  }
  if (output_pending() > 0 && write_blocked_) {
    worker_.core().stats.timeouts.fetch_add(1, std::memory_order_relaxed);
    close_now("write timeout: the peer stopped reading");
    return;
  }
  on_own_deadline();
  if (state_ != State::closed) pump();
}

void Session::drain() {
  if (!in_flight() && output_pending() == 0) {
    close_now("server stopping");
    return;
  }
  close_after_output();
  pump();
}

void Session::close_now(std::string_view why) {
  if (state_ == State::closed) return;
  state_ = State::closed;
  fd_.reset();  // also removes it from epoll: nobody else holds the descriptor
  worker_.core().stats.active.fetch_sub(1, std::memory_order_relaxed);
  on_closed(why);
}

void Session::consume(size_t n) {
  in_begin_ += n;
  if (in_begin_ == in_end_) in_begin_ = in_end_ = 0;
}

void Session::grow_input() {
  if (!in_) {
    in_ = worker_.take_input_buffer();
    in_size_ = kInitialInput;
  }
  if (in_size_ - in_end_ >= kMinReadRoom) return;
  if (in_begin_ > 0) {
    std::memmove(in_.get(), in_.get() + in_begin_, in_end_ - in_begin_);
    in_end_ -= in_begin_;
    in_begin_ = 0;
  }
  // A parser that cannot finish a line within its own limits reports an error long before the
  // buffer grows far: the lines it waits for are bounded by Limits.
  if (in_size_ - in_end_ < kMinReadRoom) {
    std::unique_ptr<char[]> bigger(new char[in_size_ * 2]);
    std::memcpy(bigger.get(), in_.get(), in_end_);
    in_ = std::move(bigger);
    in_size_ *= 2;
  }
}

Session::Read Session::read_once() {
  grow_input();
  size_t room = in_size_ - in_end_;
  for (;;) {
    ssize_t n = ::recv(fd_.get(), in_.get() + in_end_, room, 0);
    if (n > 0) {
      in_end_ += static_cast<size_t>(n);
      // Short read: the socket is empty now. Edge-triggered epoll reports the next arrival.
      if (static_cast<size_t>(n) < room && !hangup_seen_) {
        readable_ = false;
        drained_this_pump_ = true;
      }
      return Read::data;
    }
    if (n == 0) {
      readable_ = false;
      return Read::eof;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      readable_ = false;
      drained_this_pump_ = true;
      return Read::drained;
    }
    return Read::failed;
  }
}

void Session::flush() {
  while (state_ != State::closed) {
    if (out_pos_ < out_.size()) {
      if (write_blocked_) return;
      ssize_t n = ::send(fd_.get(), out_.data() + out_pos_, out_.size() - out_pos_, MSG_NOSIGNAL);
      if (n > 0) {
        out_pos_ += static_cast<size_t>(n);
        write_stall_since_ = worker_.now();
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        write_blocked_ = true;
        write_stall_since_ = worker_.now();
        return;
      }
      close_now(n < 0 && errno == ECONNRESET ? "reset by peer" : "write failed");
      return;
    }
    out_pos_ = 0;
    out_.clear();
    if (out_.capacity() > kKeepOutputCapacity) std::string().swap(out_);
    if (!refill()) return;
  }
}

void Session::begin_lingering() {
  if (peer_eof_) {
    close_now("closed after the final response");
    return;
  }
  if (peer_sends_no_more_ && in_begin_ == in_end_) {
    // Lingering protects a response from the reset that closing with unread input causes.
    // A client that promised to send nothing more has nothing unread if the socket is empty,
    // so the half-close and the wait for its FIN can be skipped. A read of this same pump()
    // that came back short says so already; otherwise one more read asks.
    if (drained_this_pump_) {
      close_now("closed after the final response");
      return;
    }
    char probe[512];
    ssize_t n = ::recv(fd_.get(), probe, sizeof probe, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))) {
      close_now("closed after the final response");
      return;
    }
    if (n > 0) lingered_bytes_ += static_cast<size_t>(n);
  }
  ::shutdown(fd_.get(), SHUT_WR);
  state_ = State::lingering;
  linger_until_ = worker_.now() + worker_.config().linger_timeout;
  in_begin_ = in_end_ = 0;
  readable_ = true;
  linger_read();
}

void Session::linger_read() {
  char sink[16 * 1024];
  while (state_ == State::lingering) {
    ssize_t n = ::recv(fd_.get(), sink, sizeof sink, 0);
    if (n > 0) {
      lingered_bytes_ += static_cast<size_t>(n);
      if (lingered_bytes_ > kMaxLingerBytes) close_now("closed after the final response");
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    close_now("closed after the final response");  // end of stream or error: done
  }
}

void Session::pump() {
  drained_this_pump_ = false;
  bool more = false;  // stopped after kMaxPumpRounds with work left
  for (int round = 0;; ++round) {
    if (state_ == State::closed) return;
    if (state_ == State::lingering) {
      linger_read();
      break;
    }
    if (round == kMaxPumpRounds) {
      more = true;
      break;
    }
    bool progress = false;
    if (!paused() && in_end_ > in_begin_) progress |= process();
    if (state_ == State::closed) return;
    size_t before = output_pending();
    flush();
    if (state_ == State::closed) return;
    if (output_pending() != before) progress = true;
    if (readable_ && !peer_eof_ && !paused() && !close_after_output_) {
      switch (read_once()) {
        case Read::data: progress = true; break;
        case Read::drained: break;
        case Read::eof:
          peer_eof_ = true;
          on_peer_eof();
          progress = true;
          break;
        case Read::failed:
          close_now(errno == ECONNRESET ? "reset by peer" : "read failed");
          return;
      }
    }
    if (state_ == State::closed) return;
    if (!progress) break;
  }
  if (more) {
    // Fairness: other connections get their turn; this one continues next loop iteration
    // (edge-triggered epoll would not report it again).
    worker_.defer(id_);
  } else if (state_ == State::open && output_pending() == 0 && !busy()) {
    if (close_after_output_) {
      begin_lingering();
    } else if (peer_eof_) {
      // The peer is done sending and all it sent that can be answered has been: what is left
      // (if anything) can never become a complete message.
      close_now("closed by peer");
    }
  }
  if (state_ != State::closed) update_deadline();
}

void Session::update_deadline() {
  if (state_ == State::lingering) {
    deadline_ = linger_until_;
  } else if (output_pending() > 0 && write_blocked_) {
    deadline_ = write_stall_since_ + worker_.config().write_timeout;
  } else {
    deadline_ = own_deadline();
  }
}

}  // namespace wirecheck::server
