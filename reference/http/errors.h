#pragma once
// Every way a message can break HTTP/1.1, one code per grammar element or rule. Each code
// carries the RFC section it violates, a one-line reason a student can act on, and the status a
// server should answer with. The table is the single source of truth (errors.cpp renders it).
#include <cstdint>
#include <string>
#include <string_view>

namespace wirecheck::http {

// X(code, section, status, reason)
#define WIRECHECK_HTTP_ERRORS(X)                                                                   \
  /* line structure, RFC 9112 §2.2 */                                                              \
  X(bare_lf, "RFC 9112 §2.2", 400, "line ends in LF, not CRLF")                                    \
  X(bare_cr, "RFC 9112 §2.2", 400, "CR not followed by LF inside a protocol element")              \
  X(whitespace_after_start_line, "RFC 9112 §2.2", 400,                                             \
    "whitespace at the start of the first field line (after the start line)")                      \
  X(too_many_empty_lines, "RFC 9112 §2.2", 400, "too many empty lines before the request line")   \
  /* request line, RFC 9112 §3 */                                                                  \
  X(empty_method, "RFC 9112 §3", 400, "request line has no method")                                \
  X(invalid_method, "RFC 9112 §3.1", 400, "method contains a character that is not a token char")  \
  X(request_line_spacing, "RFC 9112 §3", 400,                                                      \
    "request line parts must be separated by exactly one SP")                                      \
  X(empty_target, "RFC 9112 §3.2", 400, "request target is empty")                                 \
  X(invalid_target, "RFC 9112 §3.2", 400, "request target contains a character not allowed in a URI") \
  X(target_fragment, "RFC 9112 §3.2", 400, "request target contains a fragment ('#')")             \
  X(target_form_mismatch, "RFC 9112 §3.2", 400,                                                    \
    "request-target form is not allowed for this method")                                          \
  X(invalid_version, "RFC 9112 §2.3", 400, "HTTP-version must be \"HTTP/\" DIGIT \".\" DIGIT")    \
  X(http09_request, "RFC 9112 §2.3", 400, "request line has no HTTP-version (HTTP/0.9 style)")     \
  X(start_line_too_long, "RFC 9112 §3", 414, "start line is longer than the configured limit")     \
  /* status line, RFC 9112 §4 */                                                                   \
  X(invalid_status_code, "RFC 9112 §4", 502, "status code must be exactly three digits")          \
  X(missing_reason_space, "RFC 9112 §4", 502, "status line needs a SP after the status code")     \
  X(invalid_reason, "RFC 9112 §4", 502, "reason phrase contains a control character")              \
  /* fields, RFC 9112 §5 and RFC 9110 §5 */                                                        \
  X(empty_field_name, "RFC 9110 §5.1", 400, "field line starts with ':' (empty field name)")       \
  X(invalid_field_name, "RFC 9110 §5.1", 400, "field name contains a character that is not a token char") \
  X(missing_colon, "RFC 9112 §5", 400, "field line has no ':'")                                    \
  X(space_before_colon, "RFC 9112 §5.1", 400, "whitespace between field name and colon")          \
  X(invalid_field_value, "RFC 9110 §5.5", 400, "field value contains a forbidden control character") \
  X(obs_fold, "RFC 9112 §5.2", 400, "field value continues on the next line (obsolete line folding)") \
  X(field_line_too_long, "RFC 9112 §5", 431, "field line is longer than the configured limit")     \
  X(too_many_fields, "RFC 9112 §5", 431, "more field lines than the configured limit")             \
  X(header_section_too_large, "RFC 9112 §5", 431, "header section is larger than the configured limit") \
  /* Host, RFC 9112 §3.2 */                                                                        \
  X(missing_host, "RFC 9112 §3.2", 400, "HTTP/1.1 request has no Host field")                      \
  X(duplicate_host, "RFC 9112 §3.2", 400, "request has more than one Host field line")             \
  X(invalid_host, "RFC 9112 §3.2", 400, "Host field value is not a valid uri-host[:port]")         \
  /* message body length, RFC 9112 §6 */                                                           \
  X(invalid_content_length, "RFC 9112 §6.3", 400, "Content-Length is not a non-negative decimal number") \
  X(content_length_overflow, "RFC 9112 §6.3", 400, "Content-Length is too large to represent")     \
  X(content_length_list, "RFC 9110 §8.6", 400, "Content-Length holds a list of values")           \
  X(conflicting_content_length, "RFC 9112 §6.3", 400, "Content-Length values disagree")           \
  X(content_length_with_transfer_encoding, "RFC 9112 §6.1", 400,                                   \
    "message has both Transfer-Encoding and Content-Length")                                       \
  X(invalid_transfer_encoding, "RFC 9112 §6.1", 400, "Transfer-Encoding is not a list of transfer codings") \
  X(chunked_not_final, "RFC 9112 §6.1", 400, "chunked is not the final transfer coding")           \
  X(chunked_applied_twice, "RFC 9112 §6.1", 400, "chunked is applied more than once")             \
  X(unsupported_transfer_coding, "RFC 9112 §6.1", 501, "transfer coding is not supported")         \
  X(transfer_encoding_in_http10, "RFC 9112 §6.1", 400, "HTTP/1.0 message carries Transfer-Encoding") \
  X(body_too_large, "RFC 9112 §6", 413, "message body is larger than the configured limit")        \
  X(body_truncated, "RFC 9112 §8", 400, "connection closed before the whole body arrived")         \
  X(incomplete_message, "RFC 9112 §8", 400, "connection closed in the middle of a message")        \
  /* chunked transfer coding, RFC 9112 §7.1 */                                                     \
  X(invalid_chunk_size, "RFC 9112 §7.1", 400, "chunk size is not a hexadecimal number")            \
  X(chunk_size_overflow, "RFC 9112 §7.1", 400, "chunk size is too large to represent")             \
  X(chunk_size_too_long, "RFC 9112 §7.1", 400, "chunk size has more digits than the configured limit") \
  X(invalid_chunk_extension, "RFC 9112 §7.1.1", 400, "chunk extension is malformed")               \
  X(chunk_extension_too_long, "RFC 9112 §7.1.1", 400, "chunk extensions are longer than the configured limit") \
  X(missing_chunk_data_crlf, "RFC 9112 §7.1", 400, "chunk data is not followed by CRLF")           \
  X(chunk_overhead_flood, "RFC 9112 §7.1", 400, "too much chunk framing for the data it carries") \
  X(invalid_trailer_field, "RFC 9112 §7.1.2", 400, "trailer field is malformed")                   \
  X(trailer_section_too_large, "RFC 9112 §7.1.2", 431, "trailer section is larger than the configured limit") \
  /* after the message */                                                                          \
  X(tunnel, "RFC 9110 §9.3.6", 0, "the connection switched protocols; bytes are no longer HTTP/1.1")

enum class ErrorCode : uint16_t {
  none = 0,
#define WIRECHECK_HTTP_ERROR_ENUM(code, section, status, reason) code,
  WIRECHECK_HTTP_ERRORS(WIRECHECK_HTTP_ERROR_ENUM)
#undef WIRECHECK_HTTP_ERROR_ENUM
};

// An error or a violation. `offset` is the absolute byte offset (from the first byte ever fed
// to this parser) of the offending byte. `expected`/`actual` carry numbers some codes need
// (body_truncated: declared length vs received; too_many_fields: limit vs count).
struct Error {
  ErrorCode code = ErrorCode::none;
  uint64_t offset = 0;
  uint32_t line = 0;  // 1-based line number within the message head (0 when not in a line)
  uint64_t expected = 0;
  uint64_t actual = 0;

  explicit operator bool() const { return code != ErrorCode::none; }
};

std::string_view name(ErrorCode code);        // "bare_lf"
std::string_view section(ErrorCode code);     // "RFC 9112 §2.2"
std::string_view reason(ErrorCode code);      // "line ends in LF, not CRLF"
int suggested_status(ErrorCode code);         // what a server answers (400, 414, 431, 501, ...)
bool parse_error_code(std::string_view name, ErrorCode& out);  // inverse of name()

// One line for people: "line 3 ends in LF, not CRLF (RFC 9112 §2.2) at byte 57", with the
// numbers where the code has them ("Content-Length is 10 but the connection closed after 7
// body bytes").
std::string describe(const Error& error);

}  // namespace wirecheck::http
