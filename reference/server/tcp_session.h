#pragma once
// The plain-TCP modes, the socket tutorial's servers done right: echo sends every byte back;
// reply answers every burst of bytes received (each read that returns data) with the reply
// text in the configured encoding. Both log connects, what arrived, and disconnects.
#include <string>

#include "reference/server/session.h"

namespace wirecheck::server {

class TcpSession final : public Session {
 public:
  TcpSession(Worker& worker, net::UniqueFd fd, net::Address peer, uint64_t id);
  ~TcpSession() override;

  void start() override;

 private:
  bool process() override;
  Clock::time_point own_deadline() const override;
  void on_own_deadline() override;
  void on_closed(std::string_view why) override;

  std::string name_;
  Clock::time_point last_activity_;
  uint64_t received_ = 0;
  uint64_t messages_ = 0;
};

}  // namespace wirecheck::server
