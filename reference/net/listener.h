#pragma once
// A listening TCP socket. Port 0 lets the kernel choose a free port; port() reports it.
#include <memory>

#include "reference/net/address.h"
#include "reference/net/fd.h"
#include "reference/net/tcp.h"

namespace wirecheck::net {

struct ListenOptions {
  int backlog = 1024;
  bool reuse_address = true;  // SO_REUSEADDR: restart at once on a port in TIME_WAIT
  bool reuse_port = false;    // SO_REUSEPORT: several listeners on one port (one per worker)
  // TCP_NODELAY on the listening socket: Linux copies it to every accepted connection, which
  // saves a setsockopt per connection.
  bool no_delay = false;
  // TCP_DEFER_ACCEPT: a connection is only handed to accept() once its first bytes have
  // arrived (or after about this many seconds without any). 0: off.
  int defer_accept_seconds = 0;
};

struct AcceptResult {
  std::unique_ptr<TcpConnection> connection;  // set when status is ok
  IoResult status;
};

class Listener {
 public:
  static Result<Listener> bind(const Address& address, ListenOptions options = {});
  static Result<Listener> bind(std::string_view host_port, ListenOptions options = {});

  Listener(Listener&&) = default;
  Listener& operator=(Listener&&) = default;

  // The bound address, with the kernel's port when port 0 was asked for.
  const Address& address() const { return address_; }
  uint16_t port() const { return address_.port(); }
  int fd() const { return fd_.get(); }
  // Hands the socket over (the event loop of the server takes it).
  UniqueFd release() { return std::move(fd_); }

  AcceptResult accept(Deadline deadline);
  void close() { fd_.reset(); }

 private:
  Listener(UniqueFd fd, Address address) : fd_(std::move(fd)), address_(address) {}
  UniqueFd fd_;
  Address address_;
};

}  // namespace wirecheck::net
