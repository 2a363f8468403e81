#pragma once
// Records parser events as the canonical lines the case documents use:
//
//   begin 0                                  on_message_begin(offset)
//   request GET "/" 1.1                      on_request_line
//   status 1.1 200 "OK"                      on_status_line
//   field "Host" "example.com"               on_field
//   continuation "more"                      on_field_continuation
//   head body=chunked fields=2 keep_alive te on_headers_complete: body is none, length:N,
//                                            chunked or close; then the flags that are true, in
//                                            this order: keep_alive must_close expect_continue
//                                            upgrade interim te cl; form=... unless origin
//   chunk 5                                  on_chunk_header
//   ext "a" "\"b\""                          on_chunk_extension
//   body "hello"                             on_body (consecutive pieces merged)
//   trailer "X" "y"                          on_trailer
//   complete                                 on_message_complete
//   violation bare_lf @57 line=2             on_violation (line=, expected=, actual= when set)
//   error invalid_chunk_size @103            feed() returned Status::error
//   finish ok | finish body_truncated @40 expected=10 actual=7
//   pending                                  the input ended while a message was under way
//
// The recorder also checks the span contract: every span an event carries must point into the
// bytes of the feed() call that reported it.
#include <string>
#include <string_view>
#include <vector>

#include "reference/http/errors.h"
#include "reference/http/parser.h"

namespace wirecheck::http::parser_cases {

std::string render_error(std::string_view event, const Error& error);

class EventRecorder final : public Handler {
 public:
  // The bytes of the feed() call about to be made.
  void set_slice(std::string_view slice) { slice_ = slice; }
  void add(std::string line);  // a line the driver adds (error, finish, pending)

  // The log so far, with pending body data flushed.
  const std::vector<std::string>& log();
  const std::vector<std::string>& problems() const { return problems_; }
  // The Head of the last on_headers_complete, for the driver's method bookkeeping.
  const Head& last_head() const { return last_head_; }
  bool saw_head() const { return saw_head_; }

  void on_message_begin(uint64_t offset) override;
  void on_request_line(std::string_view method, std::string_view target, int major,
                       int minor) override;
  void on_status_line(int major, int minor, int status, std::string_view reason) override;
  void on_field(std::string_view name, std::string_view value) override;
  void on_field_continuation(std::string_view more) override;
  void on_headers_complete(const Head& head) override;
  void on_chunk_header(uint64_t size) override;
  void on_chunk_extension(std::string_view name, std::string_view value) override;
  void on_body(std::string_view data) override;
  void on_trailer(std::string_view name, std::string_view value) override;
  void on_message_complete() override;
  void on_violation(const Error& violation) override;

 private:
  void flush();
  void check_span(std::string_view span, const char* what);

  std::string_view slice_;
  std::vector<std::string> lines_;
  std::string body_;
  bool in_body_ = false;
  std::vector<std::string> problems_;
  Head last_head_;
  bool saw_head_ = false;
  int start_major_ = -1;
  int start_minor_ = -1;
  int start_status_ = -1;
};

}  // namespace wirecheck::http::parser_cases
