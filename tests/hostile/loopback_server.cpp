#include "tests/hostile/loopback_server.h"

#include <cstdlib>
#include <stdexcept>

namespace wirecheck::testing {
namespace {

constexpr std::chrono::milliseconds kSlice{50};

net::Deadline slice_of(net::Deadline deadline) {
  return net::Deadline::earliest(deadline, net::Deadline::after_unscaled(kSlice));
}

size_t content_length_of(std::string_view head) {
  std::string lower(head);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  size_t at = lower.find("\ncontent-length:");
  if (at == std::string::npos) return 0;
  return static_cast<size_t>(std::strtoull(lower.c_str() + at + 16, nullptr, 10));
}

}  // namespace

bool Peer::fill(net::Deadline deadline) {
  char chunk[16 * 1024];
  for (;;) {
    if (stopping()) return false;
    net::IoResult r = connection_->read_some(chunk, sizeof chunk, slice_of(deadline));
    if (r.ok()) {
      buffer_.append(chunk, r.bytes);
      return true;
    }
    if (r.outcome != net::Outcome::timeout || deadline.expired()) return false;
  }
}

std::string Peer::read_head(std::chrono::milliseconds limit) {
  net::Deadline deadline = net::Deadline::after_unscaled(limit);
  for (;;) {
    size_t end = buffer_.find("\r\n\r\n");
    if (end != std::string::npos) {
      std::string head = buffer_.substr(0, end + 4);
      buffer_.erase(0, end + 4);
      return head;
    }
    if (!fill(deadline)) return {};
  }
}

std::string Peer::read_line(std::chrono::milliseconds limit) {
  net::Deadline deadline = net::Deadline::after_unscaled(limit);
  for (;;) {
    size_t end = buffer_.find('\n');
    if (end != std::string::npos) {
      std::string line = buffer_.substr(0, end + 1);
      buffer_.erase(0, end + 1);
      return line;
    }
    if (!fill(deadline)) return {};
  }
}

std::string Peer::read_body(size_t n, std::chrono::milliseconds limit) {
  net::Deadline deadline = net::Deadline::after_unscaled(limit);
  while (buffer_.size() < n && fill(deadline)) {
  }
  size_t take = buffer_.size() < n ? buffer_.size() : n;
  std::string body = buffer_.substr(0, take);
  buffer_.erase(0, take);
  return body;
}

std::string Peer::read_request(std::chrono::milliseconds limit) {
  std::string head = read_head(limit);
  if (head.empty()) return head;
  return head + read_body(content_length_of(head), limit);
}

void Peer::drain(std::chrono::milliseconds limit) {
  net::Deadline deadline = net::Deadline::after_unscaled(limit);
  while (fill(deadline)) buffer_.clear();
}

bool Peer::pause(std::chrono::milliseconds d) {
  auto until = std::chrono::steady_clock::now() + d;
  while (std::chrono::steady_clock::now() < until) {
    if (stopping()) return false;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        kSlice, until - std::chrono::steady_clock::now()));
  }
  return !stopping();
}

bool Peer::write(std::string_view bytes, std::chrono::milliseconds limit) {
  net::Deadline deadline = net::Deadline::after_unscaled(limit);
  size_t done = 0;
  while (done < bytes.size()) {
    if (stopping()) return false;
    net::IoResult r = connection_->write_all(bytes.substr(done), slice_of(deadline));
    done += r.bytes;
    if (r.ok()) return true;
    if (r.outcome != net::Outcome::timeout || deadline.expired()) return false;
  }
  return true;
}

LoopbackServer::LoopbackServer(Script script, std::string listen) : script_(std::move(script)) {
  auto l = net::Listener::bind(listen);
  if (!l) throw std::runtime_error("test server: " + l.error());
  listener_ = std::make_unique<net::Listener>(std::move(l.value()));
  port_ = listener_->port();
  acceptor_ = std::thread([this] { accept_loop(); });
}

LoopbackServer::~LoopbackServer() {
  stop();
}

void LoopbackServer::stop() {
  if (stopping_.exchange(true)) return;
  acceptor_.join();
  std::vector<std::thread> peers;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    peers.swap(peers_);
  }
  for (auto& t : peers) t.join();
  listener_->close();
}

void LoopbackServer::accept_loop() {
  // Scripts are bounded, but a runaway client could open many connections: cap them.
  constexpr int kMaxConnections = 512;
  while (!stopping_.load()) {
    net::AcceptResult a = listener_->accept(net::Deadline::after_unscaled(kSlice));
    if (!a.status.ok() || !a.connection) continue;
    if (accepted_.fetch_add(1) >= kMaxConnections) {
      a.connection->abort();
      continue;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    peers_.emplace_back([this, c = std::move(a.connection)]() mutable {
      Peer peer(std::move(c), stopping_);
      script_(peer);
    });
  }
}

}  // namespace wirecheck::testing
