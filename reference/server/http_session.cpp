#include "reference/server/http_session.h"

#include <charconv>
#include <ctime>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>

#include "reference/server/worker.h"

namespace wirecheck::server {
namespace {

constexpr size_t kStreamSlice = 64 * 1024;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

void append_number(std::string& out, uint64_t n) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, static_cast<size_t>(end - buf));
}

// FOR TESTING ONLY (date-not-imf-fixdate): the obsolete RFC 850 form recipients must still
// accept (RFC 9110 §5.6.7) but senders must not generate.
std::string rfc850_date() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[48];
  size_t n = std::strftime(buf, sizeof buf, "%A, %d-%b-%y %H:%M:%S GMT", &tm);
  return std::string(buf, n);
}

// FOR TESTING ONLY (drop-on-half-close): whether the peer's end of stream is waiting to be read.
// A client's FIN follows its request closely; waiting a moment for it makes the defect show
// every time instead of only when the FIN happened to arrive with the request.
bool peer_finished(int fd) {
  pollfd p{fd, POLLIN | POLLRDHUP, 0};
  ::poll(&p, 1, 100);
  char c;
  return ::recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

// FOR TESTING ONLY (no-ows-trim): the field value with the whitespace around it, as it was on
// the line (the parser's spans point into the received bytes, and the line is complete).
std::string_view untrimmed(std::string_view name, std::string_view value) {
  const char* begin = name.data() + name.size() + 1;  // after the colon
  const char* end = value.empty() ? begin : value.data() + value.size();
  while (*end == ' ' || *end == '\t') ++end;
  return {begin, static_cast<size_t>(end - begin)};
}

bool has_obs_text(std::string_view value) {
  for (char c : value) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

http::TargetForm guess_form(std::string_view target) {
  if (target == "*") return http::TargetForm::asterisk;
  if (!target.empty() && target.front() == '/') return http::TargetForm::origin;
  if (target.find("://") != std::string_view::npos) return http::TargetForm::absolute;
  return http::TargetForm::authority;
}

}  // namespace

http::Options parser_options(const ServerConfig& config) {
  http::Options o;
  o.limits = config.limits;
  o.limits.max_body_bytes = config.max_body_bytes;
  const DefectSet& d = config.defects;
  o.lenient.bare_lf = d.has(Defect::accept_bare_lf);
  o.lenient.obs_fold = d.has(Defect::accept_obs_fold);
  o.lenient.space_before_colon = d.has(Defect::accept_space_before_colon);
  o.lenient.content_length_with_transfer_encoding = d.has(Defect::accept_te_and_cl);
  o.lenient.missing_host = d.has(Defect::no_400_on_missing_host);
  // Observer mode gets past every violation it can: the most permissive server there is.
  o.observer = d.has(Defect::lenient_parser);
  if (d.has(Defect::no_request_limits)) {
    o.limits.max_start_line = size_t{16} << 20;
    o.limits.max_field_line = size_t{16} << 20;
    o.limits.max_header_bytes = size_t{64} << 20;
    o.limits.max_field_count = 1'000'000;
  }
  if (d.has(Defect::reject_leading_crlf)) o.limits.max_leading_empty_lines = 0;
  if (d.has(Defect::small_request_limits)) {
    o.limits.max_start_line = 1024;
    o.limits.max_field_line = 1024;
    o.limits.max_header_bytes = 4096;
  }
  return o;
}

HttpSession::HttpSession(Worker& worker, net::UniqueFd fd, net::Address peer, uint64_t id,
                         bool over_limit)
    : Session(worker, std::move(fd), peer, id),
      parser_(http::MessageKind::request, *this, parser_options(worker.config())),
      over_limit_(over_limit) {
  const ServerConfig& cfg = worker.config();
  if (DefectiveFraming::wanted(cfg.defects)) {
    framing_ = std::make_unique<DefectiveFraming>(
        cfg.defects, cfg.limits.max_start_line + cfg.limits.max_header_bytes);
  }
}

HttpSession::~HttpSession() = default;

void HttpSession::start() {
  accepted_ = worker_.now();
  if (over_limit_) {
    error_reply(reply_, 503, "the server is at its connection limit; try again", true);
    reply_.headers += "Retry-After: 1\r\n";
    write_reply();
  }
  Session::start();
}

void HttpSession::drain() {
  if (!in_flight() && output_pending() == 0) {
    close_now("server stopping");
    return;
  }
  // The response in flight will say "Connection: close" (decide_keep_alive) and end it.
  pump();
}

bool HttpSession::in_flight() const { return busy() || receiving_; }

bool HttpSession::paused() const {
  return awaiting_timer_ || stream_ != nullptr || closing() || output_pending() > kHighWater;
}

bool HttpSession::process() {
  bool progress = false;
  while (!paused()) {
    std::string_view in = input();
    if (framing_) {
      // The defective reading of the bytes; input() is kept until the filter has passed it all
      // on, so the session goes on calling process() while the filter holds bytes.
      if (in.size() > framed_input_) framing_->push(in.substr(framed_input_));
      framed_input_ = in.size();
      in = framing_->ready();
    }
    if (in.empty()) break;
    if (!receiving_) {
      receiving_ = true;
      head_started_ = worker_.now();
    }
    uint64_t feed_start = parser_.offset();
    http::FeedResult r = parser_.feed(in);
    if (recording_ && r.consumed > 0) {
      uint64_t from = message_offset_ > feed_start ? message_offset_ - feed_start : 0;
      if (from < r.consumed) req_.raw.append(in.data() + from, r.consumed - from);
    }
    if (framing_) {
      framing_->consumed(r.consumed);
      if (r.status == http::Status::message_complete) framing_->message_complete();
      if (framing_->ready().empty() && !framing_->holding()) {
        consume(framed_input_);
        framed_input_ = 0;
      }
    } else {
      consume(r.consumed);
    }
    if (r.consumed > 0) {
      progress = true;
      last_read_ = worker_.now();
    }
    if (r.status == http::Status::message_complete) {
      receiving_ = false;
      respond();
      progress = true;
      if (!framing_ && worker_.config().defects.has(Defect::drop_pipelined)) {
        consume(input().size());  // one request per read: the rest of the read is lost
      }
      continue;
    }
    if (r.status == http::Status::error) {
      fail(parser_.error());
      return true;
    }
    if (reject_status_ != 0 && head_done_) {
      // Rejected from the head while its body is still coming: answer now and close.
      reject(reject_status_, reject_detail_);
      return true;
    }
    if (!head_done_ && !parser_.idle() && worker_.config().defects.has(Defect::one_read_head)) {
      error_reply(reply_, 400, "the request head did not arrive in one read (defect)", true);
      write_reply();
      return true;
    }
    receiving_ = !parser_.idle() || !input().empty();
    break;  // everything usable is consumed; an incomplete line waits for more bytes
  }
  return progress;
}

void HttpSession::on_message_begin(uint64_t offset) { message_offset_ = offset; }

void HttpSession::on_request_line(std::string_view method, std::string_view target, int major,
                                  int minor) {
  req_.method.assign(method);
  req_.target.assign(target);
  req_.major = major;
  req_.minor = minor;
  req_.form = guess_form(target);
  req_.split_target();
  route_ = classify(req_, !worker_.core().docroot_real.empty());
  keep_fields_ = keeps_fields(route_);
  keep_body_ = keeps_body(route_);
  recording_ = keeps_raw(route_);
  const DefectSet& d = worker_.config().defects;
  if (req_.form == http::TargetForm::absolute && d.has(Defect::absolute_form_as_path)) {
    route_ = Route::missing;
  }
  if (major == 1 && minor > 1 && d.has(Defect::reject_http12)) {
    reject_status_ = 505;
    reject_detail_ = "this server speaks HTTP/1.1 and HTTP/1.0 only";
  }
  if (major != 1 && !d.has(Defect::accept_any_version)) {
    reject_status_ = 505;
    reject_detail_ = "this server speaks HTTP/1.1 (and HTTP/1.0), not HTTP/" +
                     std::to_string(major) + "." + std::to_string(minor);
  }
}

void HttpSession::on_field(std::string_view name, std::string_view value) {
  const DefectSet& defects = worker_.config().defects;
  if (keep_fields_) {
    std::string_view shown = defects.has(Defect::no_ows_trim) ? untrimmed(name, value) : value;
    req_.fields.push_back(http::Field{std::string(name), std::string(shown)});
  }
  if (name.size() == 4 && iequals(name, "host")) host_seen_ = true;
  if (reject_status_ == 0 && defects.has(Defect::reject_obs_text) && has_obs_text(value)) {
    reject_status_ = 400;
    reject_detail_ = "field values must be ASCII (defect)";
  }
  if (name.size() == 6 && iequals(name, "expect")) {
    // RFC 9110 §10.1.1: 100-continue is the only expectation defined.
    bool is_continue = worker_.config().defects.has(Defect::expect_case_sensitive)
                           ? value == "100-continue"
                           : iequals(value, "100-continue");
    if (is_continue) {
      expect_continue_field_ = true;
    } else {
      expect_unknown_ = true;
    }
  } else if (name.size() == 7 && iequals(name, "upgrade")) {
    connection_upgrade_ = true;
  } else if ((name.size() == 13 && iequals(name, "if-none-match")) ||
             (name.size() == 17 && iequals(name, "if-modified-since"))) {
    if_none_match_ = true;
  } else if ((name.size() == 8 && iequals(name, "if-match")) ||
             (name.size() == 19 && iequals(name, "if-unmodified-since"))) {
    if_match_ = true;
  } else if (name.size() == 10 && iequals(name, "connection")) {
    while (!value.empty()) {
      auto comma = value.find(',');
      std::string_view option = value.substr(0, comma);
      while (!option.empty() && (option.front() == ' ' || option.front() == '\t')) {
        option.remove_prefix(1);
      }
      while (!option.empty() && (option.back() == ' ' || option.back() == '\t')) {
        option.remove_suffix(1);
      }
      if (iequals(option, "close")) connection_close_ = true;
      if (iequals(option, "keep-alive")) connection_keep_alive_ = true;
      if (iequals(option, "upgrade")) connection_upgrade_ = true;
      if (comma == std::string_view::npos) break;
      value.remove_prefix(comma + 1);
    }
  }
}

void HttpSession::on_field_continuation(std::string_view more) {
  if (keep_fields_ && !req_.fields.empty()) {
    req_.fields.back().value += ' ';
    req_.fields.back().value.append(more);
  }
}

void HttpSession::on_headers_complete(const http::Head& head) {
  head_ = head;
  head_done_ = true;
  req_.form = head.target_form;
  req_.framing = head.body;
  req_.keep_alive = head.keep_alive;
  const DefectSet& d = worker_.config().defects;
  if (reject_status_ == 0 && req_.http10() && !host_seen_ && d.has(Defect::host_required_http10)) {
    reject_status_ = 400;
    reject_detail_ = "no Host field (defect: HTTP/1.0 does not need one)";
  }
  if (reject_status_ == 0 && expect_unknown_) {
    reject_status_ = d.has(Defect::expect_unknown_500) ? 500 : 417;
    reject_detail_ = "the only expectation this server understands is 100-continue";
  }
  // RFC 9110 §10.1.1: ask for the body only when there is one, and not of an HTTP/1.0 client
  // (the parser reports no expectation for HTTP/1.0).
  bool wants_continue = req_.http10() ? expect_continue_field_ && d.has(Defect::interim_to_http10)
                                      : head.expect_continue && expect_continue_field_;
  if (reject_status_ == 0 && wants_continue && head.body != http::BodyKind::none &&
      !d.has(Defect::no_100_continue)) {
    out() += "HTTP/1.1 100 Continue\r\n\r\n";
    if (d.has(Defect::interim_without_final)) close_after_output();
  }
}

void HttpSession::on_body(std::string_view data) {
  req_.body_length += data.size();
  if (keep_body_) req_.body.append(data);
}

void HttpSession::on_trailer(std::string_view name, std::string_view value) {
  if (keep_fields_) req_.trailers.push_back(http::Field{std::string(name), std::string(value)});
}

void HttpSession::respond() {
  if (worker_.config().defects.has(Defect::drop_on_half_close) && peer_finished(fd())) {
    close_now("the client half-closed; closed without an answer (defect)");
    return;
  }
  if (reject_status_ != 0) {
    reject(reject_status_, reject_detail_);
    return;
  }
  reply_.clear();
  const DefectSet& d = worker_.config().defects;
  if (connection_upgrade_ && d.has(Defect::upgrade_to_unoffered)) {
    // Switches to a protocol it then does not speak: the connection ends after the 101.
    out() += "HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\nUpgrade: h2c\r\n\r\n";
    close_after_output();
    return;
  }
  RouteContext context{worker_.config(), worker_.core().docroot_real};
  route_request(req_, route_, context, reply_);
  if (d.has(Defect::preconditions_always_false) && (if_none_match_ || if_match_)) {
    bool read = req_.method == "GET" || req_.is_head();
    int status = if_match_ ? 412 : read ? 304 : 412;
    error_reply(reply_, status, "precondition false", false);
  }
  if (reply_.delay_ms > 0) {
    awaiting_timer_ = true;
    worker_.schedule(id(), worker_.now() + std::chrono::milliseconds(reply_.delay_ms));
    return;
  }
  write_reply();
}

void HttpSession::handle_timer() {
  if (!awaiting_timer_ || finished()) return;
  awaiting_timer_ = false;
  write_reply();
  pump();
}

void HttpSession::reject(int status, std::string_view detail) {
  worker_.core().stats.bad_requests.fetch_add(1, std::memory_order_relaxed);
  if (worker_.config().defects.has(Defect::stop_after_bad_request)) {
    worker_.core().stopped_serving.store(true, std::memory_order_relaxed);
  }
  error_reply(reply_, status, detail, true);
  write_reply();
}

void HttpSession::fail(const http::Error& error) {
  worker_.core().stats.bad_requests.fetch_add(1, std::memory_order_relaxed);
  if (worker_.config().defects.has(Defect::stop_after_bad_request)) {
    worker_.core().stopped_serving.store(true, std::memory_order_relaxed);
  }
  if (worker_.config().defects.has(Defect::close_without_response)) {
    close_now("bad request, closed without an answer (defect)");
    return;
  }
  if (worker_.config().defects.has(Defect::keep_open_after_error)) {
    // The connection stays open, so the bytes that failed must go: read again, they would
    // fail again and the answers would never end.
    consume(input().size());
    framed_input_ = 0;
  }
  int status = http::suggested_status(error.code);
  if (status < 400) status = 400;
  if (reject_status_ == 505) status = 505;  // the version decides before anything after it
  error_reply(reply_, status, http::describe(error), true);
  write_reply();
}

bool HttpSession::decide_keep_alive() const {
  const DefectSet& d = worker_.config().defects;
  if ((reply_.close && !d.has(Defect::keep_open_after_error)) || over_limit_ ||
      worker_.draining()) {
    return false;
  }
  if (d.has(Defect::no_keep_alive) || d.has(Defect::silent_close)) return false;
  bool http11 = req_.major > 1 || (req_.major == 1 && req_.minor >= 1);
  bool keep;
  if (http11) {
    keep = !connection_close_ || d.has(Defect::ignore_connection_close);
  } else {
    keep = (connection_keep_alive_ && !connection_close_) || d.has(Defect::keep_alive_http10);
  }
  if (head_.must_close) {
    bool excused = d.has(Defect::accept_te_and_cl) && head_.has_transfer_encoding &&
                   head_.has_content_length;
    if (!excused) keep = false;
  }
  return keep;
}

void HttpSession::write_reply() {
  const ServerConfig& cfg = worker_.config();
  const DefectSet& d = cfg.defects;
  std::string& o = out();
  // One allocation for the whole response instead of one per doubling while it is appended
  // (five for a small page: most of a new connection's allocations). 256 bytes cover the
  // status line and the fields written below.
  o.reserve(o.size() + 256 + cfg.server_header.size() + reply_.content_type.size() +
            reply_.headers.size() + (reply_.stream ? 0 : reply_.body.size()));
  // RFC 9110 §15.2: no 1xx for an HTTP/1.0 client.
  if (reply_.interim != 0 && (!req_.http10() || d.has(Defect::interim_to_http10))) {
    o += "HTTP/1.1 ";
    o += status_line_text(reply_.interim);
    o += "\r\n\r\n";
    if (d.has(Defect::interim_without_final)) {
      close_after_output();
      reply_.stream.reset();
      return;
    }
  }
  keep_alive_ = decide_keep_alive();
  if (reply_.status >= 400 && d.has(Defect::errors_as_200)) reply_.status = 200;
  const int s = reply_.status;
  const bool no_body_status = s < 200 || s == 204 || s == 304;
  const bool body_anyway = no_body_status && d.has(Defect::body_on_204);
  o += req_.http10() && d.has(Defect::mirror_version) ? "HTTP/1.0 " : "HTTP/1.1 ";
  o += status_line_text(s);
  o += "\r\nServer: ";
  o += cfg.server_header;
  o += "\r\n";
  if (d.has(Defect::date_not_imf_fixdate)) {
    o += "Date: ";
    o += rfc850_date();
    o += "\r\n";
  } else if (!d.has(Defect::no_date)) {
    o += "Date: ";
    o += worker_.http_date();
    o += "\r\n";
  }
  const bool head_defect = req_.is_head() && d.has(Defect::head_drops_fields);
  // A 204 has no content to describe; a 304 may describe the representation it stands for.
  if (!reply_.content_type.empty() && ((s >= 200 && s != 204) || body_anyway) && !head_defect &&
      !d.has(Defect::no_content_type)) {
    o += "Content-Type: ";
    o += reply_.content_type;
    o += "\r\n";
  }
  o += reply_.headers;
  uint64_t length = reply_.stream ? reply_.stream_length : reply_.body.size();
  if (no_body_status && !body_anyway) {
    length = 0;  // RFC 9110 §8.6: no Content-Length in 1xx and 204; none needed in 304
  } else if (reply_.chunked) {
    o += "Transfer-Encoding: chunked\r\n";
  } else if (d.has(Defect::close_delimited) && !req_.is_head()) {
    keep_alive_ = false;  // the end of the connection ends the body
  } else {
    uint64_t declared = head_defect ? 0 : length;
    if (route_ == Route::root && s == 200 && d.has(Defect::wrong_content_length)) ++declared;
    o += "Content-Length: ";
    append_number(o, declared);
    o += "\r\n";
  }
  if (!keep_alive_) {
    if (!d.has(Defect::silent_close)) o += "Connection: close\r\n";
  } else if (req_.http10()) {
    o += "Connection: keep-alive\r\n";
  }
  o += "\r\n";
  response_bytes_ = length;
  bool send_body = (!no_body_status || body_anyway) &&
                   (!req_.is_head() || d.has(Defect::body_on_head));
  if (send_body) {
    if (reply_.stream) {
      stream_ = std::move(reply_.stream);
    } else {
      o += reply_.body;
    }
  }
  reply_.stream.reset();
  if (!stream_) response_complete();
}

bool HttpSession::refill() {
  if (!stream_) return false;
  if (!stream_->fill(out(), kStreamSlice)) {
    stream_.reset();
    response_complete();
  }
  return true;
}

void HttpSession::response_complete() {
  const ServerConfig& cfg = worker_.config();
  worker_.core().stats.requests.fetch_add(1, std::memory_order_relaxed);
  ++served_;
  last_done_ = worker_.now();
  if (cfg.access_log) {
    std::string line = peer().to_string();
    line += " \"";
    line += req_.method.empty() ? "-" : req_.method;
    line += ' ';
    line += req_.target.empty() ? "-" : req_.target;
    line += " HTTP/" + std::to_string(req_.major) + "." + std::to_string(req_.minor) + "\" ";
    line += std::to_string(reply_.status);
    line += ' ';
    line += std::to_string(response_bytes_);
    worker_.core().log(line);
  }
  if (!keep_alive_ || worker_.draining()) {
    if (connection_close_) peer_sends_no_more();
    close_after_output();
  }
  reset_request();
}

void HttpSession::reset_request() {
  req_.clear();
  reply_.clear();
  head_ = http::Head{};
  route_ = Route::missing;
  head_done_ = false;
  recording_ = false;
  keep_fields_ = false;
  keep_body_ = false;
  expect_unknown_ = false;
  connection_close_ = false;
  connection_keep_alive_ = false;
  expect_continue_field_ = false;
  connection_upgrade_ = false;
  if_none_match_ = false;
  if_match_ = false;
  host_seen_ = false;
  reject_status_ = 0;
  reject_detail_.clear();
}

Clock::time_point HttpSession::own_deadline() const {
  if (busy() || closing()) return Clock::time_point::max();
  const ServerConfig& cfg = worker_.config();
  if (receiving_) {
    return head_done_ ? last_read_ + cfg.body_timeout : head_started_ + cfg.header_timeout;
  }
  if (served_ == 0) {
    if (cfg.defects.has(Defect::impatient_first_byte)) {
      return accepted_ + std::chrono::milliseconds(100);
    }
    return accepted_ + cfg.header_timeout;
  }
  return last_done_ + cfg.idle_timeout;
}

void HttpSession::on_closed(std::string_view why) {
  // A client that vanished in the middle of a request (reset, or end of stream).
  bool peer_left = why == "reset by peer" || why == "closed by peer" || why == "read failed";
  if (receiving_ && peer_left && worker_.config().defects.has(Defect::stop_after_client_abort)) {
    worker_.core().stopped_serving.store(true, std::memory_order_relaxed);
  }
}

void HttpSession::on_own_deadline() {
  worker_.core().stats.timeouts.fetch_add(1, std::memory_order_relaxed);
  if (!receiving_) {
    close_now(served_ == 0 ? "no request before the header timeout" : "idle timeout");
    return;
  }
  // RFC 9110 §15.5.9: 408 tells the client why the connection is going away.
  error_reply(reply_, 408,
              head_done_ ? "the request body stopped arriving" : "the request head took too long",
              true);
  write_reply();
}

}  // namespace wirecheck::server
