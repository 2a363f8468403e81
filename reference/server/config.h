#pragma once
// Everything the reference server can be told. Defaults suit both `wirecheck serve` and the
// embedded default target; tests shorten the timeouts.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "reference/http/options.h"
#include "reference/server/defects.h"

namespace wirecheck::server {

enum class Mode : uint8_t {
  http,   // the HTTP/1.1 origin server with the test routes
  echo,   // plain TCP: every byte received is sent back
  reply,  // plain TCP: every burst of bytes received is answered with reply_text
};

std::string_view name(Mode mode);
bool parse_mode(std::string_view text, Mode& out);

// Receives log lines (connection log, access log, notices) without a trailing newline. Called
// from the event-loop threads, one line per call; the default writes to stderr.
using LogSink = std::function<void(std::string_view line)>;

struct ServerConfig {
  std::string listen = "127.0.0.1:0";  // port 0: the kernel picks a free port (see port())
  Mode mode = Mode::http;
  unsigned workers = 0;                 // event-loop threads; 0: one per core
  bool single_client = false;           // serve one connection at a time; others wait queued
  size_t max_connections = 10000;       // beyond this a new connection gets 503 and is closed
  // HTTP mode: TCP_DEFER_ACCEPT. An HTTP client speaks first, so a connection is only accepted
  // once its first bytes have arrived: it is read, answered and closed without ever waiting in
  // epoll (4 to 5 system calls for a connection per request instead of 7). A client that
  // connects and says nothing is accepted about a second later, and its header timeout starts
  // then. Not with defects or single_client: those stand for naive servers, which accept at once.
  bool defer_accept = true;

  // HTTP mode
  std::string docroot;                  // static files for paths no built-in route claims
  std::string server_header = "wirecheck/0.1";
  uint64_t max_body_bytes = 16 * 1024 * 1024;  // larger request bodies get 413
  http::Limits limits;                  // parser limits (414, 431, ...); max_body_bytes wins
  uint64_t max_delay_ms = 60'000;       // /delay/{ms} above this is 400
  uint64_t max_generated_bytes = uint64_t{1} << 30;  // /bytes/{n}, /chunked size*count cap
  bool access_log = false;

  // Plain TCP modes
  std::string reply_text = "ok，问题正在处理中...";  // UTF-8; sent in `encoding`
  std::string encoding = "UTF-8";       // how text is put on the wire (reply mode, logging)
  bool connection_log = true;           // "connected"/"disconnected" lines in the TCP modes

  // Time limits. A slowloris client is cut off by header_timeout however slowly it trickles.
  std::chrono::milliseconds header_timeout{10'000};  // from first byte to complete head
  std::chrono::milliseconds body_timeout{10'000};    // longest silence while reading a body
  std::chrono::milliseconds idle_timeout{30'000};    // keep-alive: between requests / TCP silence
  std::chrono::milliseconds write_timeout{10'000};   // longest stall while the peer won't read
  std::chrono::milliseconds linger_timeout{2'000};   // draining input after our final response
  std::chrono::milliseconds shutdown_grace{5'000};   // stop(): in-flight work gets this long

  DefectSet defects;  // FOR TESTING ONLY (defects.h)
  LogSink log;        // empty: stderr
};

}  // namespace wirecheck::server
