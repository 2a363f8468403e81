#include "reference/server/server.h"

#include <climits>
#include <cstdlib>

#include "reference/net/encoding.h"
#include "reference/net/listener.h"
#include "reference/server/worker.h"

namespace wirecheck::server {

std::string_view name(Mode mode) {
  switch (mode) {
    case Mode::http: return "http";
    case Mode::echo: return "echo";
    case Mode::reply: return "reply";
  }
  return "http";
}

bool parse_mode(std::string_view text, Mode& out) {
  for (Mode m : {Mode::http, Mode::echo, Mode::reply}) {
    if (text == name(m)) {
      out = m;
      return true;
    }
  }
  return false;
}

Server::Server(ServerConfig config) : core_(std::make_unique<ServerCore>()) {
  core_->config = std::move(config);
}

Server::~Server() { stop(); }

const ServerConfig& Server::config() const { return core_->config; }

Stats Server::stats() const { return core_->stats.snapshot(); }

// One listening socket that every worker watches (EPOLLEXCLUSIVE: a new connection wakes one
// of them), so an idle worker takes the next connection whichever it is.
net::Result<net::UniqueFd> Server::bind_listener(const ServerConfig& cfg) {
  using R = net::Result<net::UniqueFd>;
  net::ListenOptions options;
  // Responses are written whole; Nagle would only delay the last segment of each.
  options.no_delay = true;
  // A server with defects stands for a naive server, which accepts at once: deferring would
  // hide some defects (one client at a time passes "silent connections do not stop a talker"
  // when the kernel keeps the silent ones) and break others (impatient-first-byte must see the
  // connection before its first byte). So does the one-client-at-a-time mode.
  if (cfg.mode == Mode::http && cfg.defer_accept && !cfg.defects.any() && !cfg.single_client) {
    options.defer_accept_seconds = 1;
  }
  auto listener = net::Listener::bind(cfg.listen, options);
  if (!listener) return R::failure(listener.error());
  address_ = listener->address();
  return listener->release();
}

net::Result<uint16_t> Server::start() {
  using R = net::Result<uint16_t>;
  if (running_) return address_.port();
  ServerConfig& cfg = core_->config;
  if (!cfg.docroot.empty()) {
    char buf[PATH_MAX];
    if (::realpath(cfg.docroot.c_str(), buf) == nullptr) {
      return R::failure("docroot \"" + cfg.docroot + "\": " + net::errno_text(errno));
    }
    core_->docroot_real = buf;
  }
  if (cfg.mode == Mode::reply) {
    auto bytes = net::encode_text(cfg.reply_text, cfg.encoding);
    if (!bytes) return R::failure("reply text: " + bytes.error());
    core_->reply_bytes = std::move(bytes.value());
    if (cfg.defects.has(Defect::reply_utf8)) core_->reply_bytes = cfg.reply_text;
  } else if (!net::encoding_supported(cfg.encoding)) {
    return R::failure("encoding \"" + cfg.encoding + "\" is not supported by iconv");
  }
  if (cfg.max_connections == 0) return R::failure("max connections must be at least 1");

  if (cfg.defects.has(Defect::one_client_at_a_time)) cfg.single_client = true;
  unsigned n = cfg.workers;
  if (n == 0) n = std::max(1u, std::thread::hardware_concurrency());
  if (cfg.single_client) n = 1;  // one client at a time needs one loop deciding
  auto listener = bind_listener(cfg);
  if (!listener) return R::failure(listener.error());
  listener_ = std::move(listener.value());
  core_->listen_fd = listener_.get();

  for (unsigned i = 0; i < n; ++i) workers_.push_back(std::make_unique<Worker>(*core_, i));
  for (auto& w : workers_) threads_.emplace_back([worker = w.get()] { worker->run(); });
  std::string error;
  for (auto& w : workers_) {
    while (!w->ready()) std::this_thread::yield();
    if (!w->setup_error().empty() && error.empty()) error = w->setup_error();
  }
  running_ = true;
  if (!error.empty()) {
    stop(std::chrono::milliseconds(0));
    return R::failure(error);
  }
  return address_.port();
}

void Server::stop() { stop(core_->config.shutdown_grace); }

void Server::stop(std::chrono::milliseconds grace) {
  if (!running_) return;
  auto hard = Clock::now() + grace;
  for (auto& w : workers_) w->request_stop(hard);
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
  workers_.clear();
  core_->listen_fd = -1;
  listener_.reset();
  running_ = false;
}

}  // namespace wirecheck::server
