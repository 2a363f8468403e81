#include "tests/reference/http/event_log.h"

#include "tests/reference/http/case_file.h"

namespace wirecheck::http::parser_cases {
namespace {

std::string quoted(std::string_view s) {
  return '"' + escape(s) + '"';
}

std::string version(int major, int minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

const char* body_name(BodyKind body) {
  switch (body) {
    case BodyKind::none:
      return "none";
    case BodyKind::content_length:
      return "length";
    case BodyKind::chunked:
      return "chunked";
    case BodyKind::close_delimited:
      return "close";
  }
  return "?";
}

const char* form_name(TargetForm form) {
  switch (form) {
    case TargetForm::origin:
      return "origin";
    case TargetForm::absolute:
      return "absolute";
    case TargetForm::authority:
      return "authority";
    case TargetForm::asterisk:
      return "asterisk";
  }
  return "?";
}

}  // namespace

std::string render_error(std::string_view event, const Error& error) {
  std::string line(event);
  line += ' ';
  line += name(error.code);
  line += " @" + std::to_string(error.offset);
  if (error.line != 0) line += " line=" + std::to_string(error.line);
  if (error.expected != 0 || error.actual != 0) {
    line +=
        " expected=" + std::to_string(error.expected) + " actual=" + std::to_string(error.actual);
  }
  return line;
}

void EventRecorder::add(std::string line) {
  flush();
  lines_.push_back(std::move(line));
}

const std::vector<std::string>& EventRecorder::log() {
  flush();
  return lines_;
}

void EventRecorder::flush() {
  if (!in_body_) return;
  lines_.push_back("body " + quoted(body_));
  body_.clear();
  in_body_ = false;
}

void EventRecorder::check_span(std::string_view span, const char* what) {
  if (span.empty()) return;
  const char* begin = slice_.data();
  const char* end = begin + slice_.size();
  // Compared as addresses: the span must lie inside the bytes of the current feed() call.
  auto b = reinterpret_cast<uintptr_t>(span.data());
  if (b < reinterpret_cast<uintptr_t>(begin) ||
      b + span.size() > reinterpret_cast<uintptr_t>(end)) {
    problems_.push_back(std::string(what) + " span \"" + escape(span) +
                        "\" does not point into the bytes of the feed() call that reported it");
  }
}

void EventRecorder::on_message_begin(uint64_t offset) {
  add("begin " + std::to_string(offset));
  start_major_ = start_minor_ = start_status_ = -1;
}

void EventRecorder::on_request_line(std::string_view method, std::string_view target, int major,
                                    int minor) {
  check_span(method, "method");
  check_span(target, "target");
  add("request " + escape(method) + " " + quoted(target) + " " + version(major, minor));
  start_major_ = major;
  start_minor_ = minor;
}

void EventRecorder::on_status_line(int major, int minor, int status, std::string_view reason) {
  check_span(reason, "reason");
  add("status " + version(major, minor) + " " + std::to_string(status) + " " + quoted(reason));
  start_major_ = major;
  start_minor_ = minor;
  start_status_ = status;
}

void EventRecorder::on_field(std::string_view name, std::string_view value) {
  check_span(name, "field name");
  check_span(value, "field value");
  add("field " + quoted(name) + " " + quoted(value));
}

void EventRecorder::on_field_continuation(std::string_view more) {
  check_span(more, "continuation");
  add("continuation " + quoted(more));
}

void EventRecorder::on_headers_complete(const Head& head) {
  std::string line = "head body=";
  line += body_name(head.body);
  if (head.body == BodyKind::content_length) line += ":" + std::to_string(head.content_length);
  line += " fields=" + std::to_string(head.field_count);
  if (head.keep_alive) line += " keep_alive";
  if (head.must_close) line += " must_close";
  if (head.expect_continue) line += " expect_continue";
  if (head.upgrade) line += " upgrade";
  if (head.interim) line += " interim";
  if (head.has_transfer_encoding) line += " te";
  if (head.has_content_length) line += " cl";
  if (head.target_form != TargetForm::origin) {
    line += " form=";
    line += form_name(head.target_form);
  }
  add(std::move(line));
  if (start_major_ >= 0 &&
      (head.version_major != start_major_ || head.version_minor != start_minor_)) {
    problems_.push_back("Head version " + version(head.version_major, head.version_minor) +
                        " differs from the start line's " + version(start_major_, start_minor_));
  }
  if (start_status_ >= 0 && head.status != start_status_) {
    problems_.push_back("Head status " + std::to_string(head.status) +
                        " differs from the status line's " + std::to_string(start_status_));
  }
  last_head_ = head;
  saw_head_ = true;
}

void EventRecorder::on_chunk_header(uint64_t size) {
  add("chunk " + std::to_string(size));
}

void EventRecorder::on_chunk_extension(std::string_view name, std::string_view value) {
  check_span(name, "extension name");
  check_span(value, "extension value");
  add("ext " + quoted(name) + " " + quoted(value));
}

void EventRecorder::on_body(std::string_view data) {
  check_span(data, "body");
  if (data.empty()) return;
  body_ += data;
  in_body_ = true;
}

void EventRecorder::on_trailer(std::string_view name, std::string_view value) {
  check_span(name, "trailer name");
  check_span(value, "trailer value");
  add("trailer " + quoted(name) + " " + quoted(value));
}

void EventRecorder::on_message_complete() {
  add("complete");
}

void EventRecorder::on_violation(const Error& violation) {
  if (!violation) problems_.push_back("on_violation called with ErrorCode::none");
  add(render_error("violation", violation));
}

}  // namespace wirecheck::http::parser_cases
