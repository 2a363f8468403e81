#pragma once
// Two connected in-memory Connections, for testing code that talks over a Connection without
// sockets. Either end may be used from its own thread. Faults can be injected per end: the n-th
// operation fails, reads return at most a few bytes, writes block once a buffer is full.
#include <cstddef>
#include <memory>
#include <utility>

#include "reference/net/connection.h"

namespace wirecheck::net {

struct PipeFaults {
  // The n-th operation on this end (1-based; write_all, read_some and shutdown_write count)
  // fails with `fail_with` instead of running. 0: never.
  unsigned fail_at = 0;
  Outcome fail_with = Outcome::reset;
  // read_some returns at most this many bytes (0: no limit) — exercises split reads.
  size_t max_read = 0;
  // Bytes this end may have in flight to the peer before write_all waits (0: no limit).
  size_t buffer_limit = 0;
};

class PipeConnection;

// [0] and [1] talk to each other.
std::pair<std::unique_ptr<PipeConnection>, std::unique_ptr<PipeConnection>> make_pipe(
    PipeFaults first = {}, PipeFaults second = {});

class PipeConnection final : public Connection {
 public:
  struct Shared;
  PipeConnection(std::shared_ptr<Shared> shared, int side, PipeFaults faults);
  ~PipeConnection() override;

  IoResult write_all(std::string_view bytes, Deadline deadline) override;
  using Connection::read_some;
  IoResult read_some(char* buffer, size_t capacity, Deadline deadline) override;
  IoResult shutdown_write() override;
  void abort() override;
  void close() override;
  bool is_open() const override { return open_; }
  std::string peer_name() const override { return "pipe"; }

  // Operations run on this end so far (counting the failed one).
  unsigned operations() const { return operations_; }

 private:
  bool inject(IoResult& out);

  std::shared_ptr<Shared> shared_;
  int side_;
  PipeFaults faults_;
  unsigned operations_ = 0;
  bool open_ = true;
};

}  // namespace wirecheck::net
