#include "reference/server/tcp_session.h"

#include "reference/net/encoding.h"
#include "reference/server/worker.h"

namespace wirecheck::server {
namespace {
constexpr size_t kShownBytes = 200;  // of each message, in the log
}

TcpSession::TcpSession(Worker& worker, net::UniqueFd fd, net::Address peer, uint64_t id)
    : Session(worker, std::move(fd), peer, id), name_(peer.to_string()) {}

TcpSession::~TcpSession() = default;

void TcpSession::start() {
  last_activity_ = worker_.now();
  if (worker_.config().connection_log) worker_.core().log("client " + name_ + " connected");
  Session::start();
}

bool TcpSession::process() {
  std::string_view in = input();
  if (in.empty()) return false;
  const ServerConfig& cfg = worker_.config();
  last_activity_ = worker_.now();
  received_ += in.size();
  ++messages_;
  if (cfg.mode == Mode::echo) {
    out().append(in);
  } else {
    if (cfg.connection_log) {
      std::string shown = net::decode_text_lossy(in.substr(0, kShownBytes), cfg.encoding);
      if (in.size() > kShownBytes) shown += "...";
      worker_.core().log("client " + name_ + " sent " + std::to_string(in.size()) +
                         " bytes: " + shown);
    }
    out() += worker_.core().reply_bytes;
  }
  worker_.core().stats.requests.fetch_add(1, std::memory_order_relaxed);
  consume(in.size());
  return true;
}

Clock::time_point TcpSession::own_deadline() const {
  return last_activity_ + worker_.config().idle_timeout;
}

void TcpSession::on_own_deadline() {
  worker_.core().stats.timeouts.fetch_add(1, std::memory_order_relaxed);
  close_now("idle timeout");
}

void TcpSession::on_closed(std::string_view why) {
  if (!worker_.config().connection_log) return;
  worker_.core().log("client " + name_ + " disconnected (" + std::string(why) + ") after " +
                     std::to_string(received_) + " bytes in " + std::to_string(messages_) +
                     (messages_ == 1 ? " message" : " messages"));
}

}  // namespace wirecheck::server
