#include "reference/net/io_result.h"

#include <cerrno>
#include <cstring>

namespace wirecheck::net {

std::string_view name(Outcome outcome) {
  switch (outcome) {
    case Outcome::ok: return "ok";
    case Outcome::timeout: return "timeout";
    case Outcome::closed: return "closed";
    case Outcome::reset: return "reset";
    case Outcome::refused: return "refused";
    case Outcome::error: return "error";
  }
  return "unknown";
}

namespace {
const char* errno_name(int err) {
  switch (err) {
    case ECONNRESET: return "ECONNRESET";
    case ECONNREFUSED: return "ECONNREFUSED";
    case EPIPE: return "EPIPE";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EHOSTUNREACH: return "EHOSTUNREACH";
    case ENETUNREACH: return "ENETUNREACH";
    case EADDRINUSE: return "EADDRINUSE";
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case EACCES: return "EACCES";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case ENOTCONN: return "ENOTCONN";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    default: return nullptr;
  }
}
}  // namespace

std::string errno_text(int err) {
  char buf[256];
  // GNU strerror_r returns the message (possibly not in buf).
  const char* text = strerror_r(err, buf, sizeof buf);
  std::string out = text;
  if (const char* sym = errno_name(err)) {
    out += " (";
    out += sym;
    out += ")";
  }
  return out;
}

IoResult IoResult::from_errno(int err, size_t n) {
  switch (err) {
    case ECONNRESET: return {Outcome::reset, n, err};
    case EPIPE: return {Outcome::closed, n, err};
    case ECONNREFUSED: return {Outcome::refused, n, err};
    case ETIMEDOUT: return {Outcome::timeout, n, err};
    default: return {Outcome::error, n, err};
  }
}

std::string IoResult::describe() const {
  std::string out;
  switch (outcome) {
    case Outcome::ok: out = "ok"; break;
    case Outcome::timeout: out = "timed out"; break;
    case Outcome::closed:
      out = error == EPIPE ? "the peer closed the connection (write failed: broken pipe)"
                           : "the peer closed the connection";
      break;
    case Outcome::reset: out = "connection reset by peer"; break;
    case Outcome::refused: out = "connection refused"; break;
    case Outcome::error: out = "error: " + errno_text(error); break;
  }
  if (outcome != Outcome::ok && bytes > 0) out += " after " + std::to_string(bytes) + " bytes";
  return out;
}

}  // namespace wirecheck::net
