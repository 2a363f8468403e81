#pragma once
// What a socket operation came to. A timeout, a close or a reset is an outcome the harness
// records and judges, never an exception.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace wirecheck::net {

enum class Outcome : uint8_t {
  ok,       // done (read_some: at least one byte; write_all: every byte)
  timeout,  // the deadline passed first
  closed,   // the peer closed: end of stream on read, EPIPE on write
  reset,    // the peer reset the connection (ECONNRESET)
  refused,  // connect: nothing listens there (ECONNREFUSED)
  error,    // anything else; `error` holds the errno
};

std::string_view name(Outcome outcome);  // "ok", "timeout", "closed", ...

struct [[nodiscard]] IoResult {
  Outcome outcome = Outcome::ok;
  size_t bytes = 0;  // bytes moved, also when the operation stopped early
  int error = 0;     // errno behind reset/refused/error (and closed when it came from EPIPE)

  bool ok() const { return outcome == Outcome::ok; }
  // For people: "timed out after 12 bytes", "connection reset by peer (ECONNRESET)".
  std::string describe() const;

  static IoResult success(size_t n) { return {Outcome::ok, n, 0}; }
  static IoResult timed_out(size_t n = 0) { return {Outcome::timeout, n, 0}; }
  static IoResult peer_closed(size_t n = 0, int err = 0) { return {Outcome::closed, n, err}; }
  // Maps an errno from a socket call to the matching outcome.
  static IoResult from_errno(int err, size_t n = 0);
};

// strerror_r wrapped, plus the symbolic name where known: "Connection refused (ECONNREFUSED)".
std::string errno_text(int err);

}  // namespace wirecheck::net
