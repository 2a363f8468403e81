#pragma once
// Renders HTTP/1.1 requests, responses and chunked bodies in canonical form (RFC 9112), and can
// break the framing on purpose so test cases can send exactly the mistake they are about.
//
// Canonical form: start line, one "Name: value" line per field in the order given, CRLF line
// ends, then the body. The serializer adds the framing field the message needs unless the caller
// already set one:
//   - chunks set            -> "Transfer-Encoding: chunked" (unless a Transfer-Encoding field is
//                              given), then the chunks, the last chunk and the trailers;
//   - otherwise, requests   -> "Content-Length: N" when add_content_length and (the body is not
//                              empty or the method is POST, PUT or PATCH);
//   - otherwise, responses  -> "Content-Length: N" when add_content_length and the status allows
//                              content (not 1xx, 204 or 304; RFC 9110 §15.2, §15.3.5, §15.4.5).
// A response to HEAD carries no body: set add_content_length = false or give Content-Length
// yourself. Field names are matched case-insensitively. No validation is done: whatever the
// caller puts in a name, value or target is written as is.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wirecheck::http {

struct Field {
  std::string name;
  std::string value;
};

struct Request {
  std::string method = "GET";
  std::string target = "/";
  std::string version = "HTTP/1.1";
  std::vector<Field> fields;
  std::string body;
  std::optional<std::vector<std::string>> chunks;  // chunked when set; replaces `body`
  std::vector<Field> trailers;                     // sent only with chunks
  bool add_content_length = true;
};

struct Response {
  std::string version = "HTTP/1.1";
  int status = 200;
  std::optional<std::string> reason;  // default: reason_phrase(status)
  std::vector<Field> fields;
  std::string body;
  std::optional<std::vector<std::string>> chunks;  // chunked when set; replaces `body`
  std::vector<Field> trailers;                     // sent only with chunks
  bool add_content_length = true;
};

// Deliberate mistakes. Each one alone makes the message violate one RFC 9112 rule.
struct Breakage {
  // Content-Length carries this text instead of the true length: it replaces the value of the
  // caller's Content-Length field or of the automatic one, and is added even where none would be
  // (so with chunks it yields both Content-Length and Transfer-Encoding, RFC 9112 §6.1).
  std::optional<std::string> content_length;
  bool bare_lf = false;  // head lines (start line, fields, empty line) end in LF only (§2.2)
  // The first chunk-size line carries this text instead of the hex size (§7.1). With no data
  // chunks, it replaces the last chunk's "0".
  std::optional<std::string> first_chunk_size;
  bool chunk_data_without_crlf = false;  // the first chunk's data is not followed by CRLF (§7.1)
  bool omit_last_chunk = false;          // no last chunk, no trailers, no final CRLF (§7.1)
  bool omit_final_crlf = false;          // last chunk and trailers, but no final CRLF (§7.1)
  bool space_before_colon = false;       // the first field line reads "Name : value" (§5.1)
  // The first field line is folded (obs-fold, §5.2): the line breaks at the value's first SP,
  // or before the value when it has none, and continues on a line starting with SP.
  bool obs_fold_first_field = false;
};

std::string serialize(const Request& request, const Breakage& breakage = {});
std::string serialize(const Response& response, const Breakage& breakage = {});

// Appends one chunk: hex size, extensions (written as given, e.g. ";a=b"), CRLF, data, CRLF.
// Empty data appends nothing: a zero-size chunk is the last chunk and would end the body.
void append_chunk(std::string& out, std::string_view data, std::string_view extensions = {});
// Appends the last chunk "0" CRLF, the trailer field lines and the final CRLF.
void append_last_chunk(std::string& out, const std::vector<Field>& trailers = {});

// The reason phrase RFC 9110 §15 registers for `status` (plus 428, 429, 431 and 511 from
// RFC 6585), or "" when there is none.
std::string_view reason_phrase(int status);

}  // namespace wirecheck::http
