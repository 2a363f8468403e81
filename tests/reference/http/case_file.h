#pragma once
// Reader for the parser case documents in tests/data/parser-cases/*.cases.
//
// A file holds cases; each case is a short document:
//
//   # a comment (outside byte sections)
//   === te-chunked-not-final
//   why: RFC 9112 §6.3: chunked not final in a request cannot be framed; 400 and close.
//   kind: request                       (or: response [METHOD ...], the request method of each
//                                        final response in turn; the last one repeats; GET)
//   options: bare_lf observer max_field_count=3      (optional, may repeat)
//   bug: the parser does X today (optional): a known parser deviation from what the case
//        expects; the case then reports a skip while the deviation lasts, and fails once the
//        parser behaves (so the line gets removed)
//   crlf:                               every following line gets CRLF appended
//   POST / HTTP/1.1
//   Transfer-Encoding: chunked, gzip
//
//   bytes:                              following lines are taken as they are (no line ends)
//   0\r\n\r\n
//   events:
//   begin 0
//   ...
//
// Byte sections (`bytes:` and `crlf:`, any number, concatenated) run until `events:`. Escapes:
// \r \n \t \\ \" \xHH, and \*N{text} for text repeated N times. In a `crlf:` section a line
// ending in a lone backslash gets no CRLF. Trailing SP or HTAB on a byte line is rejected
// (invisible); write \x20 or \t. Events run until the next `===` or the end of the file; their
// quoted strings take the same escapes and are compared in canonical form (escape()). An event
// line "*N <event>" stands for N copies of <event>.
//
// The last event says how the replay ends: `complete` (idle between messages), `error ...`
// (feed() failed), `finish ...` (the driver calls finish() and logs its result) or `pending`
// (the parser waits for more bytes). Every problem in a file is reported as "file:line: what".
#include <string>
#include <string_view>
#include <vector>

#include "reference/http/options.h"
#include "reference/http/parser.h"

namespace wirecheck::http::parser_cases {

struct ParserCase {
  std::string id;    // unique over all files: lowercase letters, digits and single '-'
  std::string file;  // file name, for messages
  int line = 0;      // line of "=== id"
  std::string why;
  std::string bug;  // a known parser deviation, or empty
  MessageKind kind = MessageKind::request;
  std::vector<std::string> methods;  // responses: request methods for the final responses
  Options options;
  std::string option_text;  // as written, for messages
  std::string bytes;
  std::vector<std::string> events;  // canonical lines
  bool calls_finish = false;        // the events end with a `finish` line
};

struct CaseSet {
  std::vector<ParserCase> cases;
  std::vector<std::string> errors;  // "file:line: message"
};

// Parses one document; `file` names it in errors.
CaseSet parse_cases(std::string_view text, const std::string& file);
// Reads every *.cases file in `dir` (sorted by name) and checks ids are unique across them.
CaseSet load_case_dir(const std::string& dir);

// Decodes the escapes above. Returns false and sets `error` on a malformed escape.
bool unescape(std::string_view text, std::string& out, std::string& error);
// Canonical rendering: printable ASCII stays, '"' and '\' are escaped, \r \n \t by name, every
// other byte as \xHH (lowercase hex).
std::string escape(std::string_view bytes);
// Re-renders every quoted string of an event line canonically; false on a malformed string.
bool normalize_event_line(std::string_view line, std::string& out, std::string& error);

// "te-chunked-not-final" -> "te_chunked_not_final" (GoogleTest names allow [A-Za-z0-9_]).
std::string test_name(std::string_view id);

}  // namespace wirecheck::http::parser_cases
