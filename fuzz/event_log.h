#pragma once
// A Handler that writes every parser event into a text log (so two runs can be compared byte
// for byte) and checks, while it records, the promises parser.h makes:
//   - every span lies inside the bytes of the feed() call that reported it;
//   - events come in grammar order (start line, fields, head, body, trailers, complete);
//   - a Content-Length body delivers exactly that many bytes, a chunked body exactly the sum of
//     its chunk sizes.
// A broken promise aborts with the log so far, which is what a fuzzer needs to report it.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/report.h"
#include "reference/http/errors.h"
#include "reference/http/parser.h"

namespace wcfuzz {

class EventLog : public wirecheck::http::Handler {
 public:
  // The bytes of the feed() call about to be made; spans must point inside them.
  void set_window(std::string_view window) { window_ = window; }

  const std::string& text() const { return log_; }
  uint32_t messages_completed() const { return completed_; }

  // Ends the log with how the stream ended.
  void end_with_error(const wirecheck::http::Error& e) { record_error("error", e); }
  void end_with_finish(const wirecheck::http::Error& e) { record_error("finish", e); }

  void on_message_begin(uint64_t offset) override {
    if (phase_ != Phase::between) broken("on_message_begin inside a message");
    phase_ = Phase::start_line;
    body_bytes_ = 0;
    chunk_sum_ = 0;
    line("begin ", std::to_string(offset));
  }
  void on_request_line(std::string_view method, std::string_view target, int major,
                       int minor) override {
    if (phase_ != Phase::start_line) broken("on_request_line out of order");
    check_span(method, "method");
    check_span(target, "target");
    if (method.empty()) broken("empty method reported");
    phase_ = Phase::fields;
    line("request ", field(method), field(target), std::to_string(major), ".",
         std::to_string(minor));
  }
  void on_status_line(int major, int minor, int status, std::string_view reason) override {
    if (phase_ != Phase::start_line) broken("on_status_line out of order");
    check_span(reason, "reason");
    if (status < 100 || status > 999) broken("status outside 100..999");
    phase_ = Phase::fields;
    line("status ", std::to_string(major), ".", std::to_string(minor), " ",
         std::to_string(status), " ", field(reason));
  }
  void on_field(std::string_view name, std::string_view value) override {
    if (phase_ != Phase::fields) broken("on_field out of order");
    check_span(name, "field name");
    check_span(value, "field value");
    if (name.empty()) broken("empty field name reported");
    check_trimmed(value);
    line("field ", field(name), field(value));
  }
  void on_field_continuation(std::string_view more) override {
    if (phase_ != Phase::fields && phase_ != Phase::trailers) {
      broken("on_field_continuation out of order");
    }
    check_span(more, "continuation");
    line("continuation ", field(more));
  }
  void on_headers_complete(const wirecheck::http::Head& head) override {
    if (phase_ != Phase::fields) broken("on_headers_complete out of order");
    head_ = head;
    phase_ = Phase::body;
    line("head v", std::to_string(head.version_major), ".", std::to_string(head.version_minor),
         " status=", std::to_string(head.status),
         " form=", std::to_string(static_cast<int>(head.target_form)),
         " body=", std::to_string(static_cast<int>(head.body)),
         " cl=", std::to_string(head.content_length),
         " fields=", std::to_string(head.field_count), flag(" keep_alive", head.keep_alive),
         flag(" must_close", head.must_close), flag(" expect_continue", head.expect_continue),
         flag(" upgrade", head.upgrade), flag(" te", head.has_transfer_encoding),
         flag(" has_cl", head.has_content_length), flag(" interim", head.interim));
  }
  void on_chunk_header(uint64_t size) override {
    if (phase_ != Phase::body) broken("on_chunk_header outside a body");
    if (head_.body != wirecheck::http::BodyKind::chunked) broken("chunk header, body not chunked");
    chunk_sum_ += size;
    line("chunk ", std::to_string(size));
  }
  void on_chunk_extension(std::string_view name, std::string_view value) override {
    if (phase_ != Phase::body) broken("on_chunk_extension outside a body");
    check_span(name, "chunk extension name");
    check_span(value, "chunk extension value");
    line("chunk-ext ", field(name), field(value));
  }
  void on_body(std::string_view data) override {
    if (phase_ != Phase::body) broken("on_body outside a body");
    if (head_.body == wirecheck::http::BodyKind::none) broken("on_body for a message without body");
    check_span(data, "body");
    if (data.empty()) return;
    body_bytes_ += data.size();
    // Body pieces depend on how the bytes were split; the log merges neighbouring pieces so
    // that only the decoded body itself is compared.
    if (last_was_body_) {
      log_.pop_back();  // the newline
      log_.append(data);
      log_ += '\n';
    } else {
      line("body ", data);
    }
    last_was_body_ = true;
  }
  void on_trailer(std::string_view name, std::string_view value) override {
    if (phase_ != Phase::body && phase_ != Phase::trailers) broken("on_trailer out of order");
    if (head_.body != wirecheck::http::BodyKind::chunked) broken("trailer, body not chunked");
    check_span(name, "trailer name");
    check_span(value, "trailer value");
    check_trimmed(value);
    phase_ = Phase::trailers;
    line("trailer ", field(name), field(value));
  }
  void on_message_complete() override {
    if (phase_ != Phase::body && phase_ != Phase::trailers) {
      broken("on_message_complete before the head was complete");
    }
    using wirecheck::http::BodyKind;
    if (head_.body == BodyKind::content_length && body_bytes_ != head_.content_length) {
      broken("Content-Length body delivered " + std::to_string(body_bytes_) + " bytes, not " +
             std::to_string(head_.content_length));
    }
    if (head_.body == BodyKind::chunked && body_bytes_ != chunk_sum_) {
      broken("chunked body delivered " + std::to_string(body_bytes_) +
             " bytes, chunk sizes add up to " + std::to_string(chunk_sum_));
    }
    phase_ = Phase::between;
    ++completed_;
    line("complete");
  }
  void on_violation(const wirecheck::http::Error& violation) override {
    if (!violation) broken("on_violation without a code");
    record_error("violation", violation);
  }

 private:
  enum class Phase { between, start_line, fields, body, trailers };

  static std::string field(std::string_view s) {
    // Length-prefixed, so no byte inside can be mistaken for a separator.
    return std::to_string(s.size()) + ":" + std::string(s) + " ";
  }
  static const char* flag(const char* name, bool on) { return on ? name : ""; }

  template <typename... Parts>
  void line(const Parts&... parts) {
    (log_.append(parts), ...);
    log_ += '\n';
    last_was_body_ = false;
  }

  void record_error(const char* what, const wirecheck::http::Error& e) {
    // describe() is what people read; rendering it for every error exercises it as well.
    std::string text = describe(e);
    if (e && text.empty()) broken("describe() returned nothing");
    line(what, " ", std::string(name(e.code)), " @", std::to_string(e.offset), " line ",
         std::to_string(e.line), " expected ", std::to_string(e.expected), " actual ",
         std::to_string(e.actual));
  }

  void check_span(std::string_view span, const char* what) {
    if (span.empty()) return;
    const char* begin = window_.data();
    const char* end = begin + window_.size();
    if (span.data() < begin || span.data() + span.size() > end) {
      broken(std::string(what) + " span lies outside the bytes given to feed()");
    }
    // Touch the first and last byte: AddressSanitizer then sees a span into freed or foreign
    // memory even when the pointer comparison above cannot.
    touched_ ^= static_cast<unsigned char>(span.front()) ^ static_cast<unsigned char>(span.back());
  }

  void check_trimmed(std::string_view value) {
    if (value.empty()) return;
    auto ows = [](char c) { return c == ' ' || c == '\t'; };
    if (ows(value.front()) || ows(value.back())) broken("field value not trimmed of OWS");
  }

  [[noreturn]] void broken(const std::string& what) { fail(what, "events so far:\n" + readable(log_)); }

  std::string_view window_;
  std::string log_;
  Phase phase_ = Phase::between;
  wirecheck::http::Head head_;
  uint64_t body_bytes_ = 0;
  uint64_t chunk_sum_ = 0;
  uint32_t completed_ = 0;
  bool last_was_body_ = false;
  unsigned char touched_ = 0;
};

}  // namespace wcfuzz
