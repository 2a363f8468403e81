#pragma once
// TCP connections with deadlines: a non-blocking socket and poll(2) under every operation.
#include <memory>
#include <string_view>

#include "reference/net/address.h"
#include "reference/net/connection.h"
#include "reference/net/fd.h"

namespace wirecheck::net {

struct ConnectOptions {
  // Disable Nagle, so each write_all leaves as its own segment(s) — split-write cases need this.
  bool no_delay = false;
};

class TcpConnection final : public Connection {
 public:
  // Takes an already connected socket (any blocking mode; it is made non-blocking).
  TcpConnection(UniqueFd fd, Address peer);
  ~TcpConnection() override;

  IoResult write_all(std::string_view bytes, Deadline deadline) override;
  using Connection::read_some;
  IoResult read_some(char* buffer, size_t capacity, Deadline deadline) override;
  IoResult shutdown_write() override;
  void abort() override;
  void close() override;
  bool is_open() const override { return fd_.valid(); }
  std::string peer_name() const override { return peer_.to_string(); }

  IoResult set_no_delay(bool on);
  const Address& peer() const { return peer_; }
  Address local() const;
  int fd() const { return fd_.get(); }

 private:
  UniqueFd fd_;
  Address peer_;
};

struct ConnectResult {
  std::unique_ptr<TcpConnection> connection;  // set when status is ok
  IoResult status;
  std::string message;  // for people, when status is not ok
};

// Connects to one address, giving up at `deadline`.
ConnectResult connect(const Address& address, Deadline deadline, ConnectOptions options = {});
// Resolves "host:port" and tries each address in turn until one answers.
ConnectResult connect(std::string_view host_port, Deadline deadline, ConnectOptions options = {});

}  // namespace wirecheck::net
