#pragma once
// Helpers for the reference server's tests: an in-process server on a free loopback port whose
// log is captured, and a client connection that reads responses with the strict reference
// parser, so any flaw in what the server writes fails the test that saw it.
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reference/http/parser.h"
#include "reference/http/serializer.h"
#include "reference/net/tcp.h"
#include "reference/server/server.h"

namespace wirecheck::server::testing {

using namespace std::chrono_literals;

// Two workers, timeouts short enough for tests but generous for slow (sanitizer) builds.
ServerConfig test_config();

class TestServer {
 public:
  explicit TestServer(ServerConfig config = test_config());
  ~TestServer();

  Server& server() { return *server_; }
  uint16_t port() const { return server_->port(); }
  std::vector<std::string> log_lines() const;
  // Waits (bounded) until a log line contains `text`.
  bool wait_for_log(std::string_view text, std::chrono::milliseconds limit = 10s) const;

 private:
  struct Log {
    mutable std::mutex mutex;
    std::vector<std::string> lines;
  };
  std::shared_ptr<Log> log_;
  std::unique_ptr<Server> server_;
};

struct Response {
  int major = 0;
  int minor = 0;
  int status = 0;
  std::string reason;
  std::vector<http::Field> fields;
  std::vector<http::Field> trailers;
  std::string body;
  http::BodyKind framing = http::BodyKind::none;
  bool keep_alive = false;
  bool interim = false;

  const std::string* field(std::string_view name) const;
  size_t count(std::string_view name) const;
  bool has(std::string_view name) const { return field(name) != nullptr; }
};

// One client connection. Every operation has a deadline.
class Client {
 public:
  explicit Client(uint16_t port, bool no_delay = true);
  bool connected() const { return connection_ != nullptr; }
  net::TcpConnection& connection() { return *connection_; }

  bool send(std::string_view bytes);
  // The next response (interim ones included), parsed strictly. nullopt on close, timeout or
  // a parse error (error() says which).
  std::optional<Response> read_response(std::string_view method = "GET",
                                        std::chrono::milliseconds limit = 10s);
  // Final response: skips interim (1xx) responses.
  std::optional<Response> read_final(std::string_view method = "GET",
                                     std::chrono::milliseconds limit = 10s);
  // Reads until the server closes. True when it did within `limit` (bytes go to pending()).
  bool wait_closed(std::chrono::milliseconds limit = 10s);
  // True when nothing arrives for `quiet` (and the connection is still open).
  bool silent_for(std::chrono::milliseconds quiet);
  // Reads until nothing arrives for `quiet`, the server closes, or 10 s pass; the bytes read
  // go to pending(). For plain-TCP replies, which have no framing to wait for.
  const std::string& read_until_quiet(std::chrono::milliseconds quiet);
  const std::string& error() const { return error_; }
  const std::string& pending() const { return pending_; }
  void clear_pending() { pending_.clear(); }
  // True once a read saw the server close.
  bool closed() const { return eof_; }

 private:
  std::unique_ptr<net::TcpConnection> connection_;
  std::string pending_;
  std::string error_;
  bool eof_ = false;
};

// Sends `request` on a new connection and returns the final response.
std::optional<Response> fetch(uint16_t port, std::string_view request,
                              std::string_view method = "GET");
// "GET <target> HTTP/1.1\r\nHost: test\r\n<extra>\r\n"
std::string get(std::string_view target, std::string_view extra = "");

// Parses responses back to back from `bytes` (methods in order; GET when absent).
std::vector<Response> parse_responses(std::string_view bytes,
                                      const std::vector<std::string>& methods,
                                      std::string* error);

// The bytes /bytes/{n} and /chunked produce.
std::string pattern(size_t n);

}  // namespace wirecheck::server::testing
