#pragma once
// Reads one HTTP response from a session with the reference parser in observer mode: interim
// (1xx) responses first, recorded and never taken for the final one, then the final response.
// Every violation the parser tolerates is kept, with stream offsets, so the verdict can name
// each problem. Nothing is thrown away: the bytes stay in the session for excerpts.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/run/session.h"
#include "reference/http/errors.h"
#include "reference/http/parser.h"

namespace wirecheck::harness {

struct FieldLine {
  std::string name;     // as sent
  std::string value;    // without surrounding whitespace
  uint64_t offset = 0;  // stream offset of the name's first byte
};

struct ObservedMessage {
  uint64_t begin = 0;     // stream offset of the status line
  uint64_t head_end = 0;  // stream offset just past the empty line ending the head
  uint64_t end = 0;       // stream offset just past the message
  int version_major = 0;
  int version_minor = 0;
  int status = 0;
  std::string reason;
  std::vector<FieldLine> fields;
  std::vector<FieldLine> trailers;
  std::string body;  // de-chunked
  bool head_complete = false;
  bool complete = false;
  http::Head head;
  std::vector<http::Error> violations;  // offsets are stream offsets

  std::string version() const;      // "HTTP/1.1"
  std::string status_line() const;  // "HTTP/1.1 200 OK" (as parsed)
};

enum class ResponseEnd : uint8_t {
  complete,  // a final response arrived whole
  timeout,   // the deadline passed first
  closed,    // the connection ended before (or in the middle of) a final response
  reset,
  io_error,
  cap,          // the buffer cap was reached first
  parse_error,  // bytes the parser cannot make sense of, even in observer mode
  stopped,
};

struct ObservedResponse {
  std::vector<ObservedMessage> interim;
  ObservedMessage final;  // as far as it got
  ResponseEnd end = ResponseEnd::timeout;
  http::Error error;        // parse_error, or what finish() said at the end of the stream
  std::string method;       // of the request it answers
  uint64_t started_at = 0;  // stream offset where reading began
  std::chrono::steady_clock::time_point completed;  // when end == complete
  bool received_any = false;  // any byte of this response (or its interim ones) arrived
};

// The parser limits used on responses: generous, since a server's response is under test,
// not under attack, but bounded so an endless head stops.
http::Options response_parser_options();

// Reads from the session's unread bytes (reading more as needed, until `deadline`) and
// consumes the bytes of what it read. `method` frames the response (HEAD: no body).
ObservedResponse read_response(Session& session, const std::string& method, net::Deadline deadline);

// Counts the responses held in `bytes` without consuming anything (to catch a desync that
// produced more responses than requests). A started but incomplete response counts.
int count_responses(std::string_view bytes, const MethodTracker& methods, size_t first_method);

}  // namespace wirecheck::harness
