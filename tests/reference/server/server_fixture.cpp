#include "tests/reference/server/server_fixture.h"

#include <gtest/gtest.h>
#include <strings.h>

#include <thread>

#include "reference/http/errors.h"

namespace wirecheck::server::testing {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

class Collector final : public http::Handler {
 public:
  void on_message_begin(uint64_t) override { current = Response{}; }
  void on_status_line(int major, int minor, int status, std::string_view reason) override {
    current.major = major;
    current.minor = minor;
    current.status = status;
    current.reason.assign(reason);
  }
  void on_field(std::string_view name, std::string_view value) override {
    current.fields.push_back({std::string(name), std::string(value)});
  }
  void on_headers_complete(const http::Head& head) override {
    current.framing = head.body;
    current.keep_alive = head.keep_alive;
    current.interim = head.interim;
  }
  void on_body(std::string_view data) override { current.body.append(data); }
  void on_trailer(std::string_view name, std::string_view value) override {
    current.trailers.push_back({std::string(name), std::string(value)});
  }
  Response current;
};

}  // namespace

ServerConfig test_config() {
  ServerConfig c;
  c.listen = "127.0.0.1:0";
  c.workers = 2;
  c.header_timeout = 10s;
  c.body_timeout = 10s;
  c.idle_timeout = 30s;
  c.linger_timeout = 2s;
  c.shutdown_grace = 5s;
  return c;
}

TestServer::TestServer(ServerConfig config) : log_(std::make_shared<Log>()) {
  if (!config.log) {
    auto log = log_;
    config.log = [log](std::string_view line) {
      std::lock_guard lock(log->mutex);
      log->lines.emplace_back(line);
    };
  }
  server_ = std::make_unique<Server>(std::move(config));
  auto started = server_->start();
  EXPECT_TRUE(started) << started.error();
}

TestServer::~TestServer() { server_->stop(); }

std::vector<std::string> TestServer::log_lines() const {
  std::lock_guard lock(log_->mutex);
  return log_->lines;
}

bool TestServer::wait_for_log(std::string_view text, std::chrono::milliseconds limit) const {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    for (const auto& line : log_lines()) {
      if (line.find(text) != std::string::npos) return true;
    }
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

const std::string* Response::field(std::string_view name) const {
  for (const auto& f : fields) {
    if (iequals(f.name, name)) return &f.value;
  }
  return nullptr;
}

size_t Response::count(std::string_view name) const {
  size_t n = 0;
  for (const auto& f : fields) n += iequals(f.name, name) ? 1 : 0;
  return n;
}

Client::Client(uint16_t port, bool no_delay) {
  auto c = net::connect(net::Address::loopback_v4(port), net::Deadline::after(10s),
                        net::ConnectOptions{no_delay});
  if (c.status.ok()) {
    connection_ = std::move(c.connection);
  } else {
    error_ = c.message;
  }
}

bool Client::send(std::string_view bytes) {
  if (!connection_) return false;
  auto w = connection_->write_all(bytes, net::Deadline::after(10s));
  if (!w.ok()) error_ = "send: " + w.describe();
  return w.ok();
}

std::optional<Response> Client::read_response(std::string_view method,
                                              std::chrono::milliseconds limit) {
  if (!connection_) return std::nullopt;
  Collector collector;
  http::Parser parser(http::MessageKind::response, collector);
  parser.set_request_method(method);
  auto deadline = net::Deadline::after(limit);
  for (;;) {
    if (!pending_.empty()) {
      auto r = parser.feed(pending_);
      pending_.erase(0, r.consumed);
      if (r.status == http::Status::message_complete) return collector.current;
      if (r.status == http::Status::error) {
        error_ = "response does not parse: " + http::describe(parser.error());
        return std::nullopt;
      }
    }
    if (eof_) {
      http::Error e = parser.finish();
      if (!e && collector.current.status != 0 &&
          collector.current.framing == http::BodyKind::close_delimited) {
        return collector.current;
      }
      error_ = "connection closed before a complete response" +
               (e ? ": " + http::describe(e) : std::string());
      return std::nullopt;
    }
    auto r = connection_->read_some(pending_, 64 * 1024, deadline);
    if (r.outcome == net::Outcome::closed) {
      eof_ = true;
      continue;
    }
    if (!r.ok()) {
      error_ = "reading the response: " + r.describe();
      return std::nullopt;
    }
  }
}

std::optional<Response> Client::read_final(std::string_view method,
                                           std::chrono::milliseconds limit) {
  for (int i = 0; i < 10; ++i) {
    auto r = read_response(method, limit);
    if (!r || !r->interim) return r;
  }
  error_ = "more than 10 interim responses";
  return std::nullopt;
}

bool Client::wait_closed(std::chrono::milliseconds limit) {
  if (eof_) return true;
  auto deadline = net::Deadline::after(limit);
  for (;;) {
    auto r = connection_->read_some(pending_, 64 * 1024, deadline);
    if (r.ok()) continue;
    if (r.outcome == net::Outcome::closed || r.outcome == net::Outcome::reset) {
      eof_ = true;
      return true;
    }
    error_ = "waiting for the server to close: " + r.describe();
    return false;
  }
}

bool Client::silent_for(std::chrono::milliseconds quiet) {
  char c;
  auto r = connection_->read_some(&c, 1, net::Deadline::after_unscaled(quiet));
  if (r.ok()) pending_ += c;
  if (r.outcome == net::Outcome::closed) eof_ = true;
  return r.outcome == net::Outcome::timeout;
}

const std::string& Client::read_until_quiet(std::chrono::milliseconds quiet) {
  const net::Deadline give_up = net::Deadline::after(10s);
  while (!eof_ && !give_up.expired()) {
    char buf[4096];
    auto r = connection_->read_some(buf, sizeof buf, net::Deadline::after(quiet));
    if (!r.ok()) {
      if (r.outcome == net::Outcome::closed) eof_ = true;
      break;
    }
    pending_.append(buf, r.bytes);
  }
  return pending_;
}

std::optional<Response> fetch(uint16_t port, std::string_view request, std::string_view method) {
  Client c(port);
  if (!c.send(request)) return std::nullopt;
  auto r = c.read_final(method);
  if (!r) ADD_FAILURE() << c.error();
  return r;
}

std::string get(std::string_view target, std::string_view extra) {
  std::string r = "GET ";
  r += target;
  r += " HTTP/1.1\r\nHost: test\r\n";
  r += extra;
  r += "\r\n";
  return r;
}

std::vector<Response> parse_responses(std::string_view bytes,
                                      const std::vector<std::string>& methods,
                                      std::string* error) {
  std::vector<Response> out;
  Collector collector;
  http::Parser parser(http::MessageKind::response, collector);
  while (!bytes.empty()) {
    size_t i = out.size();
    parser.set_request_method(i < methods.size() ? methods[i] : "GET");
    auto r = parser.feed(bytes);
    bytes.remove_prefix(r.consumed);
    if (r.status == http::Status::message_complete) {
      if (!collector.current.interim) out.push_back(collector.current);
      continue;
    }
    if (r.status == http::Status::error && error) *error = http::describe(parser.error());
    break;
  }
  return out;
}

std::string pattern(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += static_cast<char>('a' + i % 26);
  return s;
}

}  // namespace wirecheck::server::testing
