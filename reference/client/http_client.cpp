#include "reference/client/http_client.h"

#include <strings.h>

#include <algorithm>

#include "reference/net/tcp.h"

namespace wirecheck::client {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// Collects the events of each response; a new ParsedResponse starts at each message.
class Collector final : public http::Handler {
 public:
  explicit Collector(HttpExchange& ex) : ex_(ex) {}

  void on_message_begin(uint64_t) override {
    current_ = ParsedResponse{};
    current_started_ = true;
  }
  void on_status_line(int major, int minor, int status, std::string_view reason) override {
    current_.major = major;
    current_.minor = minor;
    current_.status = status;
    current_.reason.assign(reason);
  }
  void on_field(std::string_view name, std::string_view value) override {
    current_.fields.push_back(http::Field{std::string(name), std::string(value)});
  }
  void on_field_continuation(std::string_view more) override {
    if (current_.fields.empty()) return;
    current_.fields.back().value += ' ';
    current_.fields.back().value.append(more);
  }
  void on_headers_complete(const http::Head& head) override {
    current_.head_complete = true;
    current_.framing = head.body;
    current_.keep_alive = head.keep_alive;
    interim_ = head.interim;
  }
  void on_body(std::string_view data) override { current_.body.append(data); }
  void on_trailer(std::string_view name, std::string_view value) override {
    current_.trailers.push_back(http::Field{std::string(name), std::string(value)});
  }
  void on_message_complete() override {
    current_.complete = true;
    if (interim_) {
      ex_.interim.push_back(std::move(current_));
      current_ = ParsedResponse{};
      current_started_ = false;
      interim_ = false;
      ++interims_;
    } else {
      final_done_ = true;
    }
  }
  void on_violation(const http::Error& violation) override { ex_.violations.push_back(violation); }

  bool final_done() const { return final_done_; }
  size_t interims() const { return interims_; }
  ParsedResponse& current() { return current_; }

 private:
  HttpExchange& ex_;
  ParsedResponse current_;
  bool current_started_ = false;
  bool interim_ = false;
  bool final_done_ = false;
  size_t interims_ = 0;
};

bool wants_continue(const http::Request& r) {
  for (const auto& f : r.fields) {
    if (iequals(f.name, "expect") && iequals(f.value, "100-continue")) return true;
  }
  return false;
}

class Reader {
 public:
  Reader(net::Connection& conn, HttpExchange& ex, const HttpOptions& options,
         std::string_view method)
      : conn_(conn),
        ex_(ex),
        options_(options),
        collector_(ex),
        parser_(http::MessageKind::response, collector_, observer_options()) {
    parser_.set_request_method(method);
  }

  // Reads until the final response is complete, `stop_after_interim` and an interim response
  // arrived, or the deadline passes. Returns false when reading ended early (ex_.end says why).
  bool read(net::Deadline deadline, bool stop_after_interim) {
    size_t interims_before = collector_.interims();
    for (;;) {
      if (!pending_.empty()) {
        if (!feed()) return false;
        if (collector_.final_done()) return true;
        if (stop_after_interim && collector_.interims() > interims_before) return true;
      }
      if (ex_.received.size() >= options_.max_response) {
        return stop(HttpEnd::too_large, "the response is larger than " +
                                            std::to_string(options_.max_response) + " bytes");
      }
      char buf[16 * 1024];
      auto r = conn_.read_some(buf, sizeof buf, deadline);
      if (r.ok()) {
        ex_.received.append(buf, r.bytes);
        pending_.append(buf, r.bytes);
        continue;
      }
      if (r.outcome == net::Outcome::timeout) {
        if (stop_after_interim) return true;  // no 100 came: the caller sends the body anyway
        return stop(HttpEnd::timeout, "the response was not complete within " +
                                          std::to_string(options_.read_timeout.count()) +
                                          " ms (" + std::to_string(ex_.received.size()) +
                                          " bytes received)");
      }
      if (r.outcome == net::Outcome::closed) return end_of_stream();
      if (r.outcome == net::Outcome::reset) {
        return stop(HttpEnd::reset, "the server reset the connection after " +
                                        std::to_string(ex_.received.size()) + " bytes");
      }
      return stop(HttpEnd::error, "reading the response: " + r.describe());
    }
  }

  void finish_into_exchange() { ex_.response = std::move(collector_.current()); }
  bool final_done() const { return collector_.final_done(); }

 private:
  static http::Options observer_options() {
    http::Options o;
    o.observer = true;
    return o;
  }

  bool feed() {
    while (!pending_.empty()) {
      auto r = parser_.feed(pending_);
      pending_.erase(0, r.consumed);
      if (r.status == http::Status::error) {
        const http::Error& e = parser_.error();
        if (e.code == http::ErrorCode::tunnel) {
          // 101 or a 2xx to CONNECT: what follows is no longer HTTP; the response is done.
          return true;
        }
        ex_.violations.push_back(e);
        return stop(HttpEnd::malformed, "the response cannot be parsed: " + http::describe(e));
      }
      if (r.status == http::Status::message_complete) {
        if (collector_.final_done()) return true;
        continue;  // an interim response; the final one follows
      }
      break;  // need more
    }
    return true;
  }

  bool end_of_stream() {
    http::Error e = parser_.finish();
    if (collector_.final_done()) return true;
    if (e) ex_.violations.push_back(e);
    if (ex_.received.empty()) {
      return stop(HttpEnd::closed, "the server closed the connection without answering");
    }
    return stop(HttpEnd::closed, "the server closed the connection before the response was "
                                 "complete" +
                                     (e ? ": " + http::describe(e) : std::string()));
  }

  bool stop(HttpEnd end, std::string message) {
    ex_.end = end;
    ex_.message = std::move(message);
    return false;
  }

  net::Connection& conn_;
  HttpExchange& ex_;
  const HttpOptions& options_;
  Collector collector_;
  http::Parser parser_;
  std::string pending_;
};

}  // namespace

std::string ParsedResponse::status_line() const {
  return "HTTP/" + std::to_string(major) + "." + std::to_string(minor) + " " +
         std::to_string(status) + (reason.empty() ? "" : " " + reason);
}

const std::string* ParsedResponse::field(std::string_view name) const {
  for (const auto& f : fields) {
    if (iequals(f.name, name)) return &f.value;
  }
  return nullptr;
}

std::string_view describe(HttpEnd end) {
  switch (end) {
    case HttpEnd::complete: return "complete";
    case HttpEnd::unreachable: return "unreachable";
    case HttpEnd::send_failed: return "send failed";
    case HttpEnd::timeout: return "timed out";
    case HttpEnd::closed: return "closed early";
    case HttpEnd::reset: return "reset";
    case HttpEnd::malformed: return "malformed";
    case HttpEnd::too_large: return "too large";
    case HttpEnd::error: return "error";
  }
  return "";
}

namespace {

HttpExchange exchange(net::Connection& conn, std::string bytes, std::string_view method,
                      bool expect_continue, const HttpOptions& options) {
  HttpExchange ex;
  ex.peer = conn.peer_name();
  ex.request = std::move(bytes);
  // The head ends at the first empty line.
  size_t head_end = ex.request.find("\r\n\r\n");
  head_end = head_end == std::string::npos ? ex.request.size() : head_end + 4;
  std::string_view head = std::string_view(ex.request).substr(0, head_end);
  std::string_view body = std::string_view(ex.request).substr(head_end);

  Reader reader(conn, ex, options, method);
  auto deadline = net::Deadline::after(options.read_timeout);
  auto send = [&](std::string_view part) {
    auto w = conn.write_all(part, net::Deadline::after(options.write_timeout));
    if (w.ok()) return true;
    ex.end = HttpEnd::send_failed;
    ex.message = "sending the request to " + ex.peer + ": " + w.describe();
    return false;
  };

  if (expect_continue && !body.empty()) {
    if (!send(head)) return ex;
    auto wait = net::Deadline::earliest(net::Deadline::after(options.continue_timeout), deadline);
    if (!reader.read(wait, /*stop_after_interim=*/true)) {
      reader.finish_into_exchange();
      return ex;
    }
    if (reader.final_done()) {
      // The server answered without asking for the body (e.g. 417 or 413): keep it.
      ex.body_sent = false;
      reader.finish_into_exchange();
      ex.end = HttpEnd::complete;
      return ex;
    }
    // A 100 came, or nothing did within continue_timeout: RFC 9110 §10.1.1 lets a client
    // send the body after waiting a reasonable time.
    if (!send(body)) {
      reader.finish_into_exchange();
      return ex;
    }
  } else if (!send(ex.request)) {
    // The server may have answered (and closed) before taking the whole request: read it.
    HttpEnd end = ex.end;
    std::string message = ex.message;
    if (reader.read(net::Deadline::after(options.continue_timeout), false)) {
      reader.finish_into_exchange();
      ex.end = HttpEnd::complete;
      ex.message.clear();
      return ex;
    }
    reader.finish_into_exchange();
    ex.end = end;
    ex.message = message;
    return ex;
  }
  if (!reader.read(deadline, false)) {
    reader.finish_into_exchange();
    return ex;
  }
  reader.finish_into_exchange();
  ex.end = HttpEnd::complete;
  return ex;
}

template <class Run>
HttpExchange with_connection(std::string_view host_port, const HttpOptions& options,
                             std::string request_bytes, Run run) {
  auto c = net::connect(host_port, net::Deadline::after(options.connect_timeout));
  if (!c.status.ok()) {
    HttpExchange ex;
    ex.end = HttpEnd::unreachable;
    ex.request = std::move(request_bytes);
    ex.message = c.message;
    return ex;
  }
  return run(*c.connection);
}

std::string_view first_token(std::string_view bytes) {
  auto sp = bytes.find_first_of(" \r\n");
  return bytes.substr(0, sp);
}

}  // namespace

HttpExchange http_exchange(net::Connection& conn, const http::Request& request,
                           const HttpOptions& options) {
  return exchange(conn, http::serialize(request), request.method, wants_continue(request),
                  options);
}

HttpExchange http_exchange(std::string_view host_port, const http::Request& request,
                           const HttpOptions& options) {
  return with_connection(host_port, options, http::serialize(request),
                         [&](net::Connection& c) { return http_exchange(c, request, options); });
}

HttpExchange http_exchange_raw(net::Connection& conn, std::string_view bytes,
                               std::string_view method, const HttpOptions& options) {
  if (method.empty()) method = first_token(bytes);
  return exchange(conn, std::string(bytes), method, false, options);
}

HttpExchange http_exchange_raw(std::string_view host_port, std::string_view bytes,
                               std::string_view method, const HttpOptions& options) {
  return with_connection(host_port, options, std::string(bytes), [&](net::Connection& c) {
    return http_exchange_raw(c, bytes, method, options);
  });
}

}  // namespace wirecheck::client
