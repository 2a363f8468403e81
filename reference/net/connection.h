#pragma once
// One byte stream to a peer, with a deadline on every operation. TcpConnection is the real
// thing; PipeConnection (pipe.h) is an in-memory stand-in with fault injection for tests.
#include <cstddef>
#include <string>
#include <string_view>

#include "reference/net/deadline.h"
#include "reference/net/io_result.h"

namespace wirecheck::net {

class Connection {
 public:
  virtual ~Connection() = default;
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Writes every byte or says why not (`bytes` tells how many went out). Never raises SIGPIPE.
  virtual IoResult write_all(std::string_view bytes, Deadline deadline) = 0;
  // Waits for at least one byte and returns what is there, up to `capacity`.
  // ok: bytes > 0; closed: the peer finished sending (end of stream); timeout: nothing came.
  virtual IoResult read_some(char* buffer, size_t capacity, Deadline deadline) = 0;
  // Half-close: the peer reads end of stream, and we can still read its answer.
  virtual IoResult shutdown_write() = 0;
  // Ends the connection with a reset (RST) instead of an orderly close.
  virtual void abort() = 0;
  virtual void close() = 0;
  virtual bool is_open() const = 0;
  // Who the peer is, for messages ("127.0.0.1:8080", "pipe").
  virtual std::string peer_name() const = 0;

  // Convenience: read_some appending to `out`.
  IoResult read_some(std::string& out, size_t capacity, Deadline deadline);
};

}  // namespace wirecheck::net
