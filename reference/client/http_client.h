#pragma once
// The reference HTTP client: renders a request with the serializer, sends it with a deadline
// on every write, and reads the response with the reference parser in observer mode, so every
// protocol violation in the response is reported, not only the first. Interim (1xx) responses
// are kept apart from the final one. "Expect: 100-continue" is honoured: the body waits for
// the 100 (or a short timeout), and is not sent at all when a final response comes first.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reference/http/errors.h"
#include "reference/http/parser.h"
#include "reference/http/serializer.h"
#include "reference/net/connection.h"

namespace wirecheck::client {

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds write_timeout{5000};
  std::chrono::milliseconds read_timeout{10000};      // whole response
  std::chrono::milliseconds continue_timeout{1000};   // wait for 100 Continue before sending
  size_t max_response = 64 * 1024 * 1024;
};

struct ParsedResponse {
  int major = 0;
  int minor = 0;
  int status = 0;
  std::string reason;
  std::vector<http::Field> fields;
  std::vector<http::Field> trailers;
  std::string body;
  http::BodyKind framing = http::BodyKind::none;
  bool keep_alive = false;
  bool head_complete = false;
  bool complete = false;

  // "HTTP/1.1 200 OK"
  std::string status_line() const;
  // The first field with this name (case-insensitive), or nullptr.
  const std::string* field(std::string_view name) const;
};

enum class HttpEnd : uint8_t {
  complete,     // a final response arrived whole
  unreachable,  // no connection
  send_failed,  // the request could not be sent whole
  timeout,      // the response did not complete in time
  closed,       // the connection ended before a complete response
  reset,
  malformed,    // the parser had to stop: bytes it cannot make sense of
  too_large,
  error,
};

struct HttpExchange {
  HttpEnd end = HttpEnd::error;
  std::string request;   // exactly the bytes sent (or meant to be sent)
  bool body_sent = true; // false when Expect: 100-continue got a final answer first
  std::vector<ParsedResponse> interim;
  ParsedResponse response;  // as far as it got
  std::vector<http::Error> violations;  // tolerated ones, then the fatal one if any
  std::string received;  // the raw response bytes
  std::string peer;
  std::string message;   // for people, when end != complete

  bool ok() const { return end == HttpEnd::complete; }
};

// Connects to `host_port` and sends `request`.
HttpExchange http_exchange(std::string_view host_port, const http::Request& request,
                           const HttpOptions& options = {});
// Same, over a connection the caller already has (also in-memory pipes in tests).
HttpExchange http_exchange(net::Connection& connection, const http::Request& request,
                           const HttpOptions& options = {});

// Sends `bytes` exactly as given (a request the serializer would never write) and reads the
// response the same way. `method` tells the parser how the response is framed (HEAD, CONNECT).
HttpExchange http_exchange_raw(net::Connection& connection, std::string_view bytes,
                               std::string_view method, const HttpOptions& options = {});
HttpExchange http_exchange_raw(std::string_view host_port, std::string_view bytes,
                               std::string_view method, const HttpOptions& options = {});

std::string_view describe(HttpEnd end);

}  // namespace wirecheck::client
