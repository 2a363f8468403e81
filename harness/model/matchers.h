#pragma once
// What an `expect` step checks in one HTTP response. Every field is optional: an empty
// ResponseMatch accepts any well-formed response. See cases/SCHEMA.md for the YAML spelling.
//
// For the runner:
//   - Interim (1xx) responses are read and recorded before the final response; they are never
//     matched against `status` (only against `interim`).
//   - Header names are compared case-insensitively (HeaderCheck::name is lower-case). Values
//     are compared as bytes, after the field value's surrounding whitespace is removed.
//   - `body` checks the message body after the transfer coding is removed (de-chunked), not
//     content-decoded.
//   - Regexes are ECMAScript (std::regex); the loader has compiled every one of them, so a
//     runner may compile again without handling errors. They are searched (regex_search), not
//     anchored: write ^...$ to anchor.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/model/duration.h"
#include "harness/model/level.h"
#include "harness/model/payload.h"
#include "harness/model/source_location.h"
#include "harness/model/template.h"

namespace wirecheck::harness {

// Inclusive range; an exact number has lo == hi.
struct IntRange {
  int64_t lo = 0;
  int64_t hi = 0;
  bool contains(int64_t v) const { return v >= lo && v <= hi; }
  std::string to_string() const;  // "3", "1-5", ">= 1"
};

// 200 | [200, 404] | "200-299" | "4xx" | [2xx, 404]: matches when any range contains the status.
struct StatusPattern {
  std::vector<IntRange> ranges;
  std::string text;  // as written, for messages ("2xx or 404")
  bool matches(int status) const;
};

struct StringMatch {
  enum class Op : uint8_t { equals, contains, regex };
  Op op = Op::equals;
  std::string value;  // the text, or the regex
  SourceLocation where;
  bool matches(std::string_view actual) const;
};

struct HeaderCheck {
  enum class Op : uint8_t {
    present,   // at least one field line with this name
    absent,    // none
    equals,    // the combined value (all field lines joined by ", ") equals `value`
    contains,  // the combined value contains `value`
    includes,  // list-aware: one comma-separated member, case-insensitively, equals `value`
               // (Connection: keep-alive, Close includes "close")
    regex,     // `pattern` found in the combined value
    count,     // the number of field lines with this name is in `count`
  };
  std::string name;  // lower-case
  Op op = Op::present;
  Template value;       // equals, contains, includes (may hold {{variables}})
  std::string pattern;  // regex
  IntRange count;       // count
  SourceLocation where;
};

struct BodyCheck {
  enum class Op : uint8_t { equals, contains, regex, length, sha256 };
  Op op = Op::equals;
  Payload bytes;        // equals, contains (from text, hex, a file, ...)
  std::string pattern;  // regex, searched in the body bytes
  IntRange length;      // length in bytes
  std::string sha256;   // 64 lower-case hex digits
  SourceLocation where;
};

// How the response's end was (or must be) determined, RFC 9112 §6.3.
enum class Framing : uint8_t { content_length, chunked, close_delimited, none };

// The state of the connection after the response (or after a data expectation).
// open: a short read after the response sees neither data nor close. closed: FIN. reset: RST.
enum class ConnectionState : uint8_t { open, closed, reset, closed_or_reset };

// Interim (1xx) responses before the final one: allowed (default), expected (at least one,
// matching `status` when given), forbidden.
struct InterimPolicy {
  enum class Mode : uint8_t { allowed, expected, forbidden };
  Mode mode = Mode::allowed;
  std::optional<StatusPattern> status;
};

struct ResponseMatch {
  std::optional<StatusPattern> status;
  std::optional<StringMatch> reason;
  std::optional<StringMatch> version;  // "HTTP/1.1"
  std::vector<HeaderCheck> headers;    // all must hold
  std::vector<BodyCheck> body;         // all must hold
  std::vector<Framing> framing;        // one of these
  // The framing is decided by one rule alone: not both Transfer-Encoding and Content-Length,
  // at most one Content-Length value, chunked last when Transfer-Encoding is present.
  bool unambiguous = false;
  // Nothing follows this response on the connection (until the next step that sends on it).
  bool no_extra_bytes = false;
  std::optional<ConnectionState> connection;
  std::optional<Duration> within;  // the complete response arrives within this time
  // Final responses that arrive on this connection up to the end of this step, this one
  // included (1 catches a desync that produced a second response).
  std::optional<IntRange> responses;
  std::optional<InterimPolicy> interim;
  SourceLocation where;

  bool empty() const;
};

// One acceptable outcome of an `any_of`, with the verdict it earns and why.
struct Alternative {
  ResponseMatch match;
  Verdict verdict = Verdict::pass;  // pass | warn | fail
  std::string note;                 // shown with the verdict ("permitted, but discouraged")
  SourceLocation where;
};

std::string_view to_string(Framing f);          // "content-length", ...
std::string_view to_string(ConnectionState s);  // "open", "closed", "reset", "closed_or_reset"
std::string_view to_string(HeaderCheck::Op op);
std::string_view to_string(BodyCheck::Op op);

}  // namespace wirecheck::harness
