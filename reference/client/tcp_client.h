#pragma once
// The plain-TCP exchange of the socket tutorials: connect, send some bytes, read the answer.
// The answer is over when the server closes, when it has been quiet for a while after
// answering, or when nothing came at all before the reply deadline.
#include <chrono>
#include <string>
#include <string_view>

#include "reference/net/io_result.h"

namespace wirecheck::client {

struct TcpOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds reply_timeout{5000};  // for the first byte of the answer
  std::chrono::milliseconds quiet_period{500};    // silence after some bytes ends the answer
  std::chrono::milliseconds write_timeout{5000};
  size_t max_reply = 16 * 1024 * 1024;
  bool half_close = false;  // shutdown(SHUT_WR) after sending, so the server sees end of stream
};

enum class TcpEnd : uint8_t {
  quiet,        // some answer, then silence for quiet_period
  closed,       // the server closed after answering (or without answering)
  no_reply,     // nothing arrived before reply_timeout
  reset,        // the server reset the connection
  cap,          // max_reply bytes arrived
  unreachable,  // the connection could not be made
  send_failed,  // the bytes could not all be sent
  error,
};

struct TcpExchange {
  TcpEnd end = TcpEnd::error;
  std::string received;
  size_t sent = 0;
  std::string peer;     // the address connected to
  std::string message;  // for people, when something went wrong
};

TcpExchange tcp_exchange(std::string_view host_port, std::string_view bytes,
                         const TcpOptions& options = {});

std::string_view describe(TcpEnd end);

}  // namespace wirecheck::client
