#pragma once
// The reference server, runnable inside any process (the embedded default target, tests) or as
// `wirecheck serve`:
//
//   ServerConfig config;             // listen 127.0.0.1:0 by default
//   Server server(config);
//   auto started = server.start();   // binds, starts the event loops
//   if (!started) ... started.error();
//   ... connect to server.port() ...
//   server.stop();                   // stop accepting, finish in-flight work (bounded), join
//
// One epoll event loop per worker thread, all sharing one listening socket (EPOLLEXCLUSIVE);
// never a thread per connection.
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "reference/net/address.h"
#include "reference/net/fd.h"
#include "reference/net/result.h"
#include "reference/server/config.h"
#include "reference/server/stats.h"

namespace wirecheck::server {

struct ServerCore;
class Worker;

class Server {
 public:
  explicit Server(ServerConfig config);
  ~Server();  // stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the workers. Returns the bound port, or why it could not start (bad
  // address, port taken, docroot missing, unknown encoding).
  net::Result<uint16_t> start();
  // Stops accepting, lets responses in flight finish for up to config.shutdown_grace (or
  // `grace`), closes what is left and joins the workers. Safe to call more than once.
  void stop();
  void stop(std::chrono::milliseconds grace);

  bool running() const { return running_; }
  uint16_t port() const { return address_.port(); }
  const net::Address& address() const { return address_; }
  // "127.0.0.1:PORT" or "[::1]:PORT".
  std::string host_port() const { return address_.to_string(); }
  unsigned worker_count() const { return static_cast<unsigned>(workers_.size()); }
  Stats stats() const;
  const ServerConfig& config() const;

 private:
  net::Result<net::UniqueFd> bind_listener(const ServerConfig& cfg);

  std::unique_ptr<ServerCore> core_;
  net::UniqueFd listener_;  // closed after the workers stopped
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
  net::Address address_;
  bool running_ = false;
};

}  // namespace wirecheck::server
