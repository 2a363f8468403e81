#pragma once
// The reference HTTP/1.1 parser: an incremental push parser for requests and responses, exactly
// as RFC 9112 specifies them. No I/O, no clock, no exceptions, no allocation for a message held
// in one buffer, and it never reads past the bytes it is given.
//
// Contract of feed():
//   FeedResult r = parser.feed(bytes);
//   bytes[0, r.consumed) are finished with. bytes[r.consumed, end) were NOT consumed (an
//   incomplete line); the caller must pass them again, unchanged, at the start of the next
//   feed() together with whatever arrived since. The parser remembers how far it already
//   scanned them, so feeding byte by byte stays linear.
//
//   Every event except on_body() carries complete spans (a whole method, a whole field value):
//   the parser only reports a line once the line is complete. Spans point into the bytes of the
//   feed() call that reported them and stay valid for as long as the caller keeps those bytes.
//   Body data arrives as it comes, in pieces; concatenated, the pieces are the decoded body.
//
//   feed() stops after each complete message (Status::message_complete) so a server can answer
//   pipelined requests one at a time; the next feed() starts the next message.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "reference/http/errors.h"
#include "reference/http/options.h"

namespace wirecheck::http {

enum class MessageKind : uint8_t { request, response };
enum class TargetForm : uint8_t { origin, absolute, authority, asterisk };
enum class BodyKind : uint8_t { none, content_length, chunked, close_delimited };

// What the head of a message decided, handed over when the header section is complete.
struct Head {
  int version_major = 1;
  int version_minor = 1;
  int status = 0;                          // responses only
  TargetForm target_form = TargetForm::origin;  // requests only
  BodyKind body = BodyKind::none;
  uint64_t content_length = 0;             // when body == content_length
  uint32_t field_count = 0;
  bool keep_alive = true;        // the connection persists after this message
  bool must_close = false;       // a framing rule requires closing after this message
  bool expect_continue = false;  // request with "Expect: 100-continue"
  bool upgrade = false;          // request with Connection: upgrade + Upgrade; 101 response
  bool has_transfer_encoding = false;
  bool has_content_length = false;
  bool interim = false;          // 1xx response: the final response follows
};

// Receives the events of the messages parsed. Every method has an empty default.
class Handler {
 public:
  virtual ~Handler() = default;
  virtual void on_message_begin(uint64_t /*offset*/) {}
  virtual void on_request_line(std::string_view /*method*/, std::string_view /*target*/,
                               int /*major*/, int /*minor*/) {}
  virtual void on_status_line(int /*major*/, int /*minor*/, int /*status*/,
                              std::string_view /*reason*/) {}
  // One field line; `value` has its leading and trailing whitespace removed.
  virtual void on_field(std::string_view /*name*/, std::string_view /*value*/) {}
  // Only when obs-fold is unfolded (leniency or observer mode): the previous field's value
  // continues with `more`, joined by a single SP.
  virtual void on_field_continuation(std::string_view /*more*/) {}
  virtual void on_headers_complete(const Head& /*head*/) {}
  virtual void on_chunk_header(uint64_t /*size*/) {}
  // `value` is raw: a token, a quoted-string with its quotes, or empty when there is no "=".
  virtual void on_chunk_extension(std::string_view /*name*/, std::string_view /*value*/) {}
  virtual void on_body(std::string_view /*data*/) {}
  virtual void on_trailer(std::string_view /*name*/, std::string_view /*value*/) {}
  virtual void on_message_complete() {}
  // A violation that was tolerated (a leniency switch, or observer mode). Errors that stop the
  // parser are not reported here; they are returned by feed()/finish().
  virtual void on_violation(const Error& /*violation*/) {}
};

enum class Status : uint8_t {
  need_more,         // all given bytes used (or an incomplete line is waiting for more)
  message_complete,  // a message ended; bytes after `consumed` belong to the next one
  error,             // see Parser::error(); the parser stays in error until reset()
};

struct FeedResult {
  size_t consumed = 0;
  Status status = Status::need_more;
};

class Parser {
 public:
  Parser(MessageKind kind, Handler& handler, const Options& options = {});

  [[nodiscard]] FeedResult feed(std::string_view bytes);

  // The stream ended. Completes a close-delimited body (on_message_complete). Returns no error
  // when the stream ended cleanly between messages, otherwise what was cut short
  // (body_truncated with expected/actual, incomplete_message, ...).
  [[nodiscard]] Error finish();

  // Response framing depends on the request: a response to HEAD has no body, a 2xx to CONNECT
  // becomes a tunnel. Call before each response's bytes; the default is GET.
  void set_request_method(std::string_view method);

  // Start over, as if newly constructed (offsets restart at 0).
  void reset();

  const Error& error() const { return error_; }
  // Absolute offset of the first byte not yet consumed.
  uint64_t offset() const { return offset_; }
  // True between messages: nothing of a next message has been consumed, and no unconsumed
  // bytes were left over by the last feed().
  bool idle() const;
  // True after a message that switched the connection to another protocol (a 101 response, a
  // 2xx response to CONNECT, a CONNECT request): the bytes that follow are not HTTP/1.1.
  bool in_tunnel() const;
  MessageKind kind() const { return kind_; }
  const Options& options() const { return options_; }

 private:
  enum class State : uint8_t;
  enum class Step : uint8_t { more, complete, failed };
  enum class FieldKind : uint8_t { none, other, framing };
  // What a fast path did: nothing (the general path takes over), some of the input, or the
  // rest of the message.
  enum class Fast : uint8_t { declined, progress, complete };
  struct Line {
    std::string_view text;  // without CRLF / LF
    uint64_t offset;        // absolute offset of text[0]
    uint64_t lf_offset;     // absolute offset of the LF
    bool crlf;
    bool clean;  // holds no control byte other than HTAB (checked while finding its end)
  };

  FeedResult feed_from(std::string_view bytes, size_t pos);
  FeedResult fail(size_t consumed, Error error);
  FeedResult need_more(size_t consumed, size_t size);
  FeedResult complete(size_t consumed, size_t size);
  // Reports a violation. Returns true when it is tolerated (leniency or observer mode); false
  // when it is an error, which is then waiting in pending_error_.
  bool violation(ErrorCode code, uint64_t offset);
  bool tolerates(ErrorCode code) const;
  Step fail_step(ErrorCode code, uint64_t offset);
  bool terminator(const Line& line);
  bool may_overflow(size_t pending) const;
  Error overflow(std::string_view pending, uint64_t at) const;
  Error chunk_line_overflow(std::string_view pending, uint64_t at) const;

  Step on_line(const Line& line);
  Step on_start_line(const Line& line);
  Step parse_request_line(const Line& line);
  Step parse_status_line(const Line& line);
  Step on_field_line(const Line& line);
  size_t fast_request_line(std::string_view bytes, size_t pos);  // where it ended, or 0
  Step fast_fields(std::string_view bytes, size_t& pos);
  Fast fast_chunks(std::string_view bytes, size_t& pos);
  Step note_field(std::string_view name, std::string_view value, uint64_t at);
  void note_connection(std::string_view value);
  Step note_content_length(std::string_view value, uint64_t at);
  Step note_transfer_encoding(std::string_view value, uint64_t at);
  Step finish_head(uint64_t end);
  Step on_chunk_size_line(const Line& line);
  void begin_message();
  void complete_message();

  MessageKind kind_;
  Handler& handler_;
  Options options_;

  State state_;
  Error error_;
  Error pending_error_;
  uint64_t offset_ = 0;        // absolute offset of the next byte to consume
  size_t pending_ = 0;         // bytes the caller still holds unconsumed
  size_t scanned_ = 0;         // of those, how many are known to hold no LF
  bool line_dirty_ = false;    // the pending line holds a control byte (slow path)
  size_t short_line_ = 0;      // no line shorter than this can exceed a length limit
  bool request_head_ = false;  // the response answers a HEAD request
  bool request_connect_ = false;

  // Per message: begin_message() sets all of these back. They are kept together, scalars
  // first, so that the reset is a few wide stores.
  uint32_t line_number_ = 0;   // lines of the current head (or trailer section) so far
  uint32_t empty_lines_ = 0;   // empty lines skipped before a request line
  uint64_t section_bytes_ = 0; // bytes of the current header or trailer section
  uint64_t body_remaining_ = 0;
  uint64_t body_received_ = 0;
  uint64_t chunk_overhead_ = 0;
  // What the fields said, gathered while the head is parsed.
  uint64_t te_offset_ = 0;
  uint64_t cl_offset_ = 0;
  uint32_t host_count_ = 0;
  uint32_t content_length_count_ = 0;
  bool connection_close_ = false;
  bool connection_keep_alive_ = false;
  bool connection_upgrade_ = false;
  bool has_upgrade_field_ = false;
  bool chunked_seen_ = false;
  bool last_coding_chunked_ = false;
  bool other_coding_ = false;
  FieldKind last_field_ = FieldKind::none;  // what an obs-fold line would continue
  Head head_;
};

}  // namespace wirecheck::http
