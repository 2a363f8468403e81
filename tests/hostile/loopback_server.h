#pragma once
// A small TCP server on 127.0.0.1 for tests: each accepted connection is handed to a script
// (a function) on its own thread. Every wait in a script has a deadline and stops when the
// server stops, so a test can never hang on its own peer.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "reference/net/listener.h"
#include "reference/net/tcp.h"

namespace wirecheck::testing {

// The server's side of one connection, with helpers scripts use.
class Peer {
 public:
  Peer(std::unique_ptr<net::TcpConnection> connection, const std::atomic<bool>& stopping)
      : connection_(std::move(connection)), stopping_(stopping) {}

  net::TcpConnection& connection() { return *connection_; }
  bool stopping() const { return stopping_.load(); }

  // Reads until the end of a request head (CRLFCRLF); returns the head ("" on close/timeout).
  // Bytes after the head stay in the buffer for read_body.
  std::string read_head(std::chrono::milliseconds limit = std::chrono::seconds(10));
  // Reads one line (through LF), "" on close/timeout.
  std::string read_line(std::chrono::milliseconds limit = std::chrono::seconds(10));
  // Reads exactly n bytes beyond the head (fewer on close/timeout).
  std::string read_body(size_t n, std::chrono::milliseconds limit = std::chrono::seconds(10));
  // A request: the head, then the body its Content-Length announces.
  std::string read_request(std::chrono::milliseconds limit = std::chrono::seconds(10));
  // Reads and drops everything until the peer closes, the limit passes or the server stops.
  void drain(std::chrono::milliseconds limit = std::chrono::seconds(10));
  // Sleeps, waking early when the server stops. Returns false when stopping.
  bool pause(std::chrono::milliseconds d);

  bool write(std::string_view bytes, std::chrono::milliseconds limit = std::chrono::seconds(10));
  void shutdown_write() { (void)connection_->shutdown_write(); }
  void close() { connection_->close(); }
  void abort() { connection_->abort(); }

  const std::string& buffered() const { return buffer_; }

 private:
  bool fill(net::Deadline deadline);

  std::unique_ptr<net::TcpConnection> connection_;
  const std::atomic<bool>& stopping_;
  std::string buffer_;
};

using Script = std::function<void(Peer&)>;

class LoopbackServer {
 public:
  explicit LoopbackServer(Script script, std::string listen = "127.0.0.1:0");
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  uint16_t port() const { return port_; }
  // Connections accepted so far.
  int accepted() const { return accepted_.load(); }
  void stop();

 private:
  void accept_loop();

  Script script_;
  std::unique_ptr<net::Listener> listener_;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::thread acceptor_;
  std::mutex mutex_;
  std::vector<std::thread> peers_;
};

}  // namespace wirecheck::testing
