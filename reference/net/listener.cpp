#include "reference/net/listener.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

namespace wirecheck::net {

Result<Listener> Listener::bind(const Address& address, ListenOptions options) {
  using R = Result<Listener>;
  auto fail = [&](const char* what, int err) {
    return R::failure(std::string("cannot ") + what + " " + address.to_string() + ": " +
                      errno_text(err));
  };
  UniqueFd fd(::socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) return fail("create a socket for", errno);
  int one = 1;
  if (options.reuse_address) ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (options.reuse_port &&
      ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0) {
    return fail("set SO_REUSEPORT on", errno);
  }
  if (options.no_delay) ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (options.defer_accept_seconds > 0) {
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_DEFER_ACCEPT, &options.defer_accept_seconds,
                 sizeof options.defer_accept_seconds);
  }
  if (address.family() == AF_INET6) {
    // Listen on exactly what was asked for: "[::1]" should not also take IPv4.
    ::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
  }
  if (::bind(fd.get(), address.get(), address.length()) != 0) return fail("bind", errno);
  if (::listen(fd.get(), options.backlog) != 0) return fail("listen on", errno);
  Address bound;
  *bound.length_ptr() = sizeof(sockaddr_storage);
  if (::getsockname(fd.get(), bound.get(), bound.length_ptr()) != 0) {
    return fail("read the address of", errno);
  }
  return Listener(std::move(fd), bound);
}

Result<Listener> Listener::bind(std::string_view host_port, ListenOptions options) {
  auto addresses = resolve(host_port);
  if (!addresses) return Result<Listener>::failure(addresses.error());
  std::string errors;
  for (const Address& a : addresses.value()) {
    auto l = bind(a, options);
    if (l) return l;
    if (!errors.empty()) errors += "; ";
    errors += l.error();
  }
  return Result<Listener>::failure(errors);
}

AcceptResult Listener::accept(Deadline deadline) {
  AcceptResult out;
  for (;;) {
    Address peer;
    *peer.length_ptr() = sizeof(sockaddr_storage);
    int fd = ::accept4(fd_.get(), peer.get(), peer.length_ptr(), SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      out.connection = std::make_unique<TcpConnection>(UniqueFd(fd), peer);
      out.status = IoResult::success(0);
      return out;
    }
    if (errno == EINTR || errno == ECONNABORTED) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      out.status = IoResult::from_errno(errno);
      return out;
    }
    pollfd p{fd_.get(), POLLIN, 0};
    int rc = ::poll(&p, 1, deadline.poll_timeout());
    if (rc == 0 && deadline.expired()) {
      out.status = IoResult::timed_out();
      return out;
    }
    if (rc < 0 && errno != EINTR) {
      out.status = IoResult::from_errno(errno);
      return out;
    }
  }
}

}  // namespace wirecheck::net
