#include "reference/net/pipe.h"

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>

namespace wirecheck::net {

struct PipeConnection::Shared {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<char> queue[2];   // queue[s]: bytes written by side s, read by the other side
  bool write_shut[2] = {false, false};  // side s will send no more (shutdown or close)
  bool gone[2] = {false, false};        // side s closed entirely
  bool reset = false;
};

std::pair<std::unique_ptr<PipeConnection>, std::unique_ptr<PipeConnection>> make_pipe(
    PipeFaults first, PipeFaults second) {
  auto shared = std::make_shared<PipeConnection::Shared>();
  return {std::make_unique<PipeConnection>(shared, 0, first),
          std::make_unique<PipeConnection>(shared, 1, second)};
}

PipeConnection::PipeConnection(std::shared_ptr<Shared> shared, int side, PipeFaults faults)
    : shared_(std::move(shared)), side_(side), faults_(faults) {}

PipeConnection::~PipeConnection() { close(); }

bool PipeConnection::inject(IoResult& out) {
  ++operations_;
  if (faults_.fail_at == 0 || operations_ != faults_.fail_at) return false;
  switch (faults_.fail_with) {
    case Outcome::reset: {
      std::lock_guard lock(shared_->mutex);
      shared_->reset = true;
      shared_->changed.notify_all();
      out = IoResult::from_errno(ECONNRESET);
      break;
    }
    case Outcome::timeout: out = IoResult::timed_out(); break;
    case Outcome::closed: out = IoResult::peer_closed(); break;
    case Outcome::refused: out = IoResult::from_errno(ECONNREFUSED); break;
    case Outcome::ok:
    case Outcome::error: out = IoResult::from_errno(EIO); break;
  }
  return true;
}

IoResult PipeConnection::write_all(std::string_view bytes, Deadline deadline) {
  IoResult injected;
  if (!open_) return IoResult::from_errno(EBADF);
  if (inject(injected)) return injected;
  std::unique_lock lock(shared_->mutex);
  size_t done = 0;
  const int peer = 1 - side_;
  while (done < bytes.size()) {
    if (shared_->reset) return IoResult::from_errno(ECONNRESET, done);
    if (shared_->write_shut[side_]) return IoResult::from_errno(EPIPE, done);
    if (shared_->gone[peer]) return IoResult::from_errno(EPIPE, done);
    auto& q = shared_->queue[side_];
    size_t room = bytes.size() - done;
    if (faults_.buffer_limit != 0) {
      room = q.size() >= faults_.buffer_limit ? 0 : std::min(room, faults_.buffer_limit - q.size());
    }
    if (room > 0) {
      q.insert(q.end(), bytes.begin() + static_cast<std::ptrdiff_t>(done),
               bytes.begin() + static_cast<std::ptrdiff_t>(done + room));
      done += room;
      shared_->changed.notify_all();
      continue;
    }
    if (deadline.is_never()) {
      shared_->changed.wait(lock);
    } else if (shared_->changed.wait_until(lock, deadline.when()) == std::cv_status::timeout) {
      return IoResult::timed_out(done);
    }
  }
  return IoResult::success(done);
}

IoResult PipeConnection::read_some(char* buffer, size_t capacity, Deadline deadline) {
  IoResult injected;
  if (!open_) return IoResult::from_errno(EBADF);
  if (inject(injected)) return injected;
  if (capacity == 0) return IoResult::success(0);
  std::unique_lock lock(shared_->mutex);
  const int peer = 1 - side_;
  auto& q = shared_->queue[peer];
  for (;;) {
    if (shared_->reset) return IoResult::from_errno(ECONNRESET);
    if (!q.empty()) {
      size_t n = std::min(capacity, q.size());
      if (faults_.max_read != 0) n = std::min(n, faults_.max_read);
      std::copy_n(q.begin(), n, buffer);
      q.erase(q.begin(), q.begin() + static_cast<std::ptrdiff_t>(n));
      shared_->changed.notify_all();
      return IoResult::success(n);
    }
    if (shared_->write_shut[peer]) return IoResult::peer_closed();
    if (deadline.is_never()) {
      shared_->changed.wait(lock);
    } else if (shared_->changed.wait_until(lock, deadline.when()) == std::cv_status::timeout) {
      if (q.empty() && !shared_->reset && !shared_->write_shut[peer]) return IoResult::timed_out();
    }
  }
}

IoResult PipeConnection::shutdown_write() {
  IoResult injected;
  if (!open_) return IoResult::from_errno(EBADF);
  if (inject(injected)) return injected;
  std::lock_guard lock(shared_->mutex);
  shared_->write_shut[side_] = true;
  shared_->changed.notify_all();
  return IoResult::success(0);
}

void PipeConnection::abort() {
  if (!open_) return;
  std::lock_guard lock(shared_->mutex);
  shared_->reset = true;
  shared_->gone[side_] = true;
  shared_->write_shut[side_] = true;
  shared_->changed.notify_all();
  open_ = false;
}

void PipeConnection::close() {
  if (!open_) return;
  std::lock_guard lock(shared_->mutex);
  shared_->gone[side_] = true;
  shared_->write_shut[side_] = true;
  shared_->changed.notify_all();
  open_ = false;
}

}  // namespace wirecheck::net
