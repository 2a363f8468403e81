#include "reference/net/tcp.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

namespace wirecheck::net {
namespace {

void set_nonblocking(int fd) {
  int flags = ::fcntl(fd, F_GETFL, 0);
  if (flags >= 0 && (flags & O_NONBLOCK) == 0) ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

// Waits until `fd` is ready for `events` or the deadline passes. Returns 1 ready, 0 timeout,
// -1 error (errno set).
int wait_for(int fd, short events, Deadline deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    int rc = ::poll(&p, 1, deadline.poll_timeout());
    if (rc > 0) return 1;
    if (rc == 0) {
      if (deadline.expired()) return 0;
      continue;  // woke a little early (rounding); wait out the rest
    }
    if (errno == EINTR) continue;
    return -1;
  }
}

}  // namespace

TcpConnection::TcpConnection(UniqueFd fd, Address peer) : fd_(std::move(fd)), peer_(peer) {
  if (fd_.valid()) set_nonblocking(fd_.get());
}

TcpConnection::~TcpConnection() = default;

IoResult TcpConnection::write_all(std::string_view bytes, Deadline deadline) {
  if (!fd_.valid()) return IoResult::from_errno(EBADF);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd_.get(), bytes.data() + done, bytes.size() - done,
                       MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      int w = wait_for(fd_.get(), POLLOUT, deadline);
      if (w == 0) return IoResult::timed_out(done);
      if (w < 0) return IoResult::from_errno(errno, done);
      continue;
    }
    return IoResult::from_errno(n < 0 ? errno : EPIPE, done);
  }
  return IoResult::success(done);
}

IoResult TcpConnection::read_some(char* buffer, size_t capacity, Deadline deadline) {
  if (!fd_.valid()) return IoResult::from_errno(EBADF);
  if (capacity == 0) return IoResult::success(0);
  for (;;) {
    ssize_t n = ::recv(fd_.get(), buffer, capacity, MSG_DONTWAIT);
    if (n > 0) return IoResult::success(static_cast<size_t>(n));
    if (n == 0) return IoResult::peer_closed();
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      int w = wait_for(fd_.get(), POLLIN, deadline);
      if (w == 0) return IoResult::timed_out();
      if (w < 0) return IoResult::from_errno(errno);
      continue;
    }
    return IoResult::from_errno(errno);
  }
}

IoResult TcpConnection::shutdown_write() {
  if (!fd_.valid()) return IoResult::from_errno(EBADF);
  if (::shutdown(fd_.get(), SHUT_WR) != 0) return IoResult::from_errno(errno);
  return IoResult::success(0);
}

void TcpConnection::abort() {
  if (!fd_.valid()) return;
  // Linger with a zero timeout makes close() send RST and drop unsent data.
  linger l{1, 0};
  ::setsockopt(fd_.get(), SOL_SOCKET, SO_LINGER, &l, sizeof l);
  fd_.reset();
}

void TcpConnection::close() { fd_.reset(); }

IoResult TcpConnection::set_no_delay(bool on) {
  int v = on ? 1 : 0;
  if (::setsockopt(fd_.get(), IPPROTO_TCP, TCP_NODELAY, &v, sizeof v) != 0) {
    return IoResult::from_errno(errno);
  }
  return IoResult::success(0);
}

Address TcpConnection::local() const {
  Address a;
  *a.length_ptr() = sizeof(sockaddr_storage);
  if (::getsockname(fd_.get(), a.get(), a.length_ptr()) != 0) return Address();
  return a;
}

ConnectResult connect(const Address& address, Deadline deadline, ConnectOptions options) {
  ConnectResult out;
  auto fail = [&](IoResult status) {
    out.status = status;
    out.message = "cannot connect to " + address.to_string() + ": " + status.describe();
    return std::move(out);
  };
  UniqueFd fd(::socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) return fail(IoResult::from_errno(errno));
  if (options.no_delay) {
    int v = 1;
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &v, sizeof v);
  }
  int rc;
  do {
    rc = ::connect(fd.get(), address.get(), address.length());
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    if (errno != EINPROGRESS) return fail(IoResult::from_errno(errno));
    int w = wait_for(fd.get(), POLLOUT, deadline);
    if (w == 0) return fail(IoResult::timed_out());
    if (w < 0) return fail(IoResult::from_errno(errno));
    int err = 0;
    socklen_t len = sizeof err;
    if (::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
    if (err != 0) return fail(IoResult::from_errno(err));
  }
  out.connection = std::make_unique<TcpConnection>(std::move(fd), address);
  out.status = IoResult::success(0);
  return out;
}

ConnectResult connect(std::string_view host_port, Deadline deadline, ConnectOptions options) {
  auto addresses = resolve(host_port);
  if (!addresses) {
    ConnectResult out;
    out.status = IoResult::from_errno(EINVAL);
    out.message = addresses.error();
    return out;
  }
  ConnectResult last;
  for (const Address& a : addresses.value()) {
    last = connect(a, deadline, options);
    if (last.status.ok() || last.status.outcome == Outcome::timeout) return last;
  }
  return last;
}

}  // namespace wirecheck::net
