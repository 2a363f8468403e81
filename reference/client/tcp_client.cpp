#include "reference/client/tcp_client.h"

#include <algorithm>

#include "reference/net/tcp.h"

namespace wirecheck::client {

std::string_view describe(TcpEnd end) {
  switch (end) {
    case TcpEnd::quiet: return "the server answered and then went quiet";
    case TcpEnd::closed: return "the server closed the connection";
    case TcpEnd::no_reply: return "no answer arrived in time";
    case TcpEnd::reset: return "the server reset the connection";
    case TcpEnd::cap: return "the answer reached the size limit";
    case TcpEnd::unreachable: return "the server could not be reached";
    case TcpEnd::send_failed: return "the request could not be sent";
    case TcpEnd::error: return "an error occurred";
  }
  return "";
}

TcpExchange tcp_exchange(std::string_view host_port, std::string_view bytes,
                         const TcpOptions& options) {
  TcpExchange out;
  auto c = net::connect(host_port, net::Deadline::after(options.connect_timeout));
  if (!c.status.ok()) {
    out.end = TcpEnd::unreachable;
    out.message = c.message;
    return out;
  }
  net::TcpConnection& conn = *c.connection;
  out.peer = conn.peer_name();
  auto w = conn.write_all(bytes, net::Deadline::after(options.write_timeout));
  out.sent = w.bytes;
  if (!w.ok()) {
    out.end = TcpEnd::send_failed;
    out.message = "sending to " + out.peer + ": " + w.describe();
    return out;
  }
  if (options.half_close) (void)conn.shutdown_write();
  auto first = net::Deadline::after(options.reply_timeout);
  for (;;) {
    if (out.received.size() >= options.max_reply) {
      out.end = TcpEnd::cap;
      return out;
    }
    // Silence ends the answer only once some of it came; before that, the reply deadline rules.
    auto deadline =
        out.received.empty() ? first : net::Deadline::after_unscaled(options.quiet_period);
    size_t room = std::min<size_t>(64 * 1024, options.max_reply - out.received.size());
    auto r = conn.read_some(out.received, room, deadline);
    if (r.ok()) continue;
    switch (r.outcome) {
      case net::Outcome::timeout:
        out.end = out.received.empty() ? TcpEnd::no_reply : TcpEnd::quiet;
        if (out.received.empty()) {
          out.message = "no answer from " + out.peer + " within " +
                        std::to_string(options.reply_timeout.count()) + " ms";
        }
        return out;
      case net::Outcome::closed: out.end = TcpEnd::closed; return out;
      case net::Outcome::reset:
        out.end = TcpEnd::reset;
        out.message = out.peer + " reset the connection after " +
                      std::to_string(out.received.size()) + " bytes";
        return out;
      default:
        out.end = TcpEnd::error;
        out.message = "reading from " + out.peer + ": " + r.describe();
        return out;
    }
  }
}

}  // namespace wirecheck::client
