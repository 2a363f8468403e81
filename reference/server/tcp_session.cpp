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
  const ServerConfig& cfg = worker_.config();
  if (cfg.connection_log) worker_.core().log("client " + name_ + " connected");
  if (cfg.mode == Mode::reply && cfg.defects.has(Defect::greet_on_connect)) {
    out() += worker_.core().reply_bytes;
  }
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
  } else if (cfg.defects.has(Defect::reject_non_utf8) && !net::is_valid_utf8(in)) {
    close_now("the message is not UTF-8; closed without a reply (defect)");
    return true;
  } else {
    if (cfg.connection_log) {
      std::string shown = net::decode_text_lossy(in.substr(0, kShownBytes), cfg.encoding);
      if (in.size() > kShownBytes) shown += "...";
      worker_.core().log("client " + name_ + " sent " + std::to_string(in.size()) +
                         " bytes: " + shown);
    }
    if (messages_ == 1 || !cfg.defects.has(Defect::reply_once)) {
      out() += worker_.core().reply_bytes;
    }
    if (cfg.defects.has(Defect::close_after_reply)) close_after_output();
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
  if (worker_.config().defects.has(Defect::exit_on_disconnect)) {
    worker_.core().stopped_serving.store(true, std::memory_order_relaxed);
  }
  if (!worker_.config().connection_log) return;
  worker_.core().log("client " + name_ + " disconnected (" + std::string(why) + ") after " +
                     std::to_string(received_) + " bytes in " + std::to_string(messages_) +
                     (messages_ == 1 ? " message" : " messages"));
}

}  // namespace wirecheck::server
