#include "harness/run/response_reader.h"

namespace wirecheck::harness {
namespace {

class MessageHandler final : public http::Handler {
 public:
  explicit MessageHandler(ObservedMessage& msg) : msg_(msg) {}

  // Where the bytes of the current feed() call start, for turning spans into stream offsets.
  void feeding(std::string_view bytes, uint64_t stream_offset) {
    feed_begin_ = bytes.data();
    feed_base_ = stream_offset;
  }

  void on_status_line(int major, int minor, int status, std::string_view reason) override {
    msg_.version_major = major;
    msg_.version_minor = minor;
    msg_.status = status;
    msg_.reason.assign(reason);
  }
  void on_field(std::string_view name, std::string_view value) override {
    msg_.fields.push_back({std::string(name), std::string(value), offset_of(name)});
  }
  void on_field_continuation(std::string_view more) override {
    if (msg_.fields.empty()) return;
    msg_.fields.back().value += ' ';
    msg_.fields.back().value.append(more);
  }
  void on_headers_complete(const http::Head& head) override {
    msg_.head = head;
    msg_.head_complete = true;
  }
  void on_body(std::string_view data) override { msg_.body.append(data); }
  void on_trailer(std::string_view name, std::string_view value) override {
    msg_.trailers.push_back({std::string(name), std::string(value), offset_of(name)});
  }
  void on_message_complete() override { msg_.complete = true; }
  void on_violation(const http::Error& violation) override {
    http::Error e = violation;
    e.offset += msg_.begin;
    msg_.violations.push_back(e);
  }

 private:
  uint64_t offset_of(std::string_view span) const {
    return feed_base_ + static_cast<uint64_t>(span.data() - feed_begin_);
  }

  ObservedMessage& msg_;
  const char* feed_begin_ = nullptr;
  uint64_t feed_base_ = 0;
};

// The first empty line after `begin`, for excerpts and for where the body starts.
uint64_t find_head_end(const Session& session, uint64_t begin, uint64_t end) {
  uint64_t start = 0;
  std::string_view bytes = session.held(begin, end, &start);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] != '\n') continue;
    if (i + 1 < bytes.size() && bytes[i + 1] == '\n') return start + i + 2;
    if (i + 2 < bytes.size() && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') return start + i + 3;
  }
  return end;
}

ResponseEnd to_response_end(ReadEnd e) {
  switch (e) {
    case ReadEnd::timeout:
      return ResponseEnd::timeout;
    case ReadEnd::closed:
      return ResponseEnd::closed;
    case ReadEnd::reset:
      return ResponseEnd::reset;
    case ReadEnd::cap:
      return ResponseEnd::cap;
    case ReadEnd::stopped:
      return ResponseEnd::stopped;
    default:
      return ResponseEnd::io_error;
  }
}

}  // namespace

std::string ObservedMessage::version() const {
  return "HTTP/" + std::to_string(version_major) + "." + std::to_string(version_minor);
}

std::string ObservedMessage::status_line() const {
  return version() + " " + std::to_string(status) + (reason.empty() ? "" : " " + reason);
}

http::Options response_parser_options() {
  http::Options o;
  o.observer = true;
  return o;
}

ObservedResponse read_response(Session& session, const std::string& method,
                               net::Deadline deadline) {
  ObservedResponse out;
  out.method = method;
  out.started_at = session.unread_offset();
  const http::Options options = response_parser_options();

  for (;;) {
    ObservedMessage msg;
    msg.begin = session.unread_offset();
    MessageHandler handler(msg);
    http::Parser parser(http::MessageKind::response, handler, options);
    parser.set_request_method(method);

    ResponseEnd end = ResponseEnd::complete;
    for (;;) {
      std::string_view avail = session.unread();
      if (!avail.empty()) {
        out.received_any = true;
        handler.feeding(avail, session.unread_offset());
        http::FeedResult r = parser.feed(avail);
        session.consume(r.consumed);
        if (r.status == http::Status::message_complete) break;
        if (r.status == http::Status::error) {
          out.error = parser.error();
          out.error.offset += msg.begin;
          end = ResponseEnd::parse_error;
          break;
        }
      }
      ReadEnd e = session.fill(deadline);
      if (e == ReadEnd::data) continue;
      // The end of the stream ends a close-delimited body; a reset does too. Servers that
      // close with unread request bytes pending (a refused oversized request) make the kernel
      // send a reset instead of a FIN, and which of the two the client sees is a race. The
      // body's own checks still catch a body cut short; the transcript shows the reset.
      const bool reset_ends_body = e == ReadEnd::reset && msg.head_complete &&
                                   msg.head.body == http::BodyKind::close_delimited;
      if (e == ReadEnd::closed || reset_ends_body) {
        http::Error err = parser.finish();
        if (!err && msg.complete) break;
        if (err && e == ReadEnd::closed) {
          out.error = err;
          out.error.offset += msg.begin;
        }
      }
      end = to_response_end(e);
      break;
    }

    msg.end = session.unread_offset();
    if (msg.head_complete) msg.head_end = find_head_end(session, msg.begin, msg.end);
    if (end != ResponseEnd::complete || !msg.complete) {
      out.final = std::move(msg);
      out.end = end == ResponseEnd::complete ? ResponseEnd::io_error : end;
      return out;
    }
    if (msg.head.interim) {
      out.interim.push_back(std::move(msg));
      continue;
    }
    out.final = std::move(msg);
    out.end = ResponseEnd::complete;
    out.completed = std::chrono::steady_clock::now();
    return out;
  }
}

int count_responses(std::string_view bytes, const MethodTracker& methods, size_t first_method) {
  const http::Options options = response_parser_options();
  int count = 0;
  size_t pos = 0;
  size_t method_index = first_method;
  while (pos < bytes.size()) {
    ObservedMessage msg;
    MessageHandler handler(msg);
    http::Parser parser(http::MessageKind::response, handler, options);
    parser.set_request_method(methods.peek(method_index));
    handler.feeding(bytes.substr(pos), 0);
    http::FeedResult r = parser.feed(bytes.substr(pos));
    if (r.status != http::Status::message_complete) {
      // An incomplete or unparseable rest still shows that something more arrived.
      return count + 1;
    }
    pos += r.consumed;
    if (!msg.head.interim) {
      ++count;
      ++method_index;
    }
  }
  return count;
}

}  // namespace wirecheck::harness
