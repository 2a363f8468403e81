#pragma once
// What the parser accepts. Strict by default: every leniency is off, and each one is named with
// the risk it carries. Every limit is named, has a default, and has its own error code.
#include <cstddef>
#include <cstdint>

namespace wirecheck::http {

struct Limits {
  size_t max_start_line = 8 * 1024;            // start_line_too_long (414 for requests)
  size_t max_field_line = 8 * 1024;            // field_line_too_long (431)
  size_t max_header_bytes = 64 * 1024;         // header_section_too_large (431)
  size_t max_field_count = 100;                // too_many_fields (431)
  size_t max_chunk_size_digits = 16;           // chunk_size_too_long (16 hex digits = 64 bits)
  size_t max_chunk_extension_bytes = 1024;     // chunk_extension_too_long, per chunk line
  uint64_t max_body_bytes = uint64_t{1} << 40; // body_too_large (413)
  // Chunk framing (size lines, extensions, CRLFs) may exceed the data it carries by at most this
  // many bytes: a flood of 1-byte chunks costs a parser far more than the body it delivers.
  uint64_t chunk_overhead_allowance = 64 * 1024;  // chunk_overhead_flood
  size_t max_leading_empty_lines = 16;         // empty lines ignored before a request line
};

// Each switch turns one violation from an error into a reported violation (Handler::on_violation)
// that the parser then handles as described. All off by default.
struct Leniency {
  // Accept a bare LF as a line terminator. Risk: request smuggling when a front-end and a
  // back-end disagree on where a line ends.
  bool bare_lf = false;
  // Unfold obs-fold (CRLF followed by SP/HTAB inside a field value) into SP. Risk: front-ends
  // that do not unfold see a different header set.
  bool obs_fold = false;
  // Accept whitespace between a field name and its colon (and drop it). Risk: "Transfer-Encoding :
  // chunked" is honoured here and ignored elsewhere — the classic smuggling pair.
  bool space_before_colon = false;
  // Accept "Content-Length: 42, 42" (identical values) as 42. Risk: low; RFC 9110 §8.6 allows it.
  bool content_length_list = false;
  // Accept both Transfer-Encoding and Content-Length; Transfer-Encoding wins and the connection
  // must close after the message (Framing::must_close). Risk: CL.TE smuggling if any hop differs.
  bool content_length_with_transfer_encoding = false;
  // Accept a status line without the SP after the status code ("HTTP/1.1 200\r\n"). Risk: low.
  bool missing_reason_space = false;
  // Accept an HTTP/1.1 request without Host. Risk: virtual-host confusion.
  bool missing_host = false;
};

struct Options {
  Limits limits;
  Leniency lenient;
  // Observer mode, for reading what a server under test sent: every recoverable violation is
  // reported through Handler::on_violation and parsing continues as if the matching leniency were
  // on; only unrecoverable errors stop the parser. A report can then show every problem.
  bool observer = false;
};

}  // namespace wirecheck::http
