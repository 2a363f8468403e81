#pragma once
// FOR TESTING ONLY. The framing mistakes of real servers (how they find where a request body
// ends), replayed in front of the strict reference parser so the case library can prove that its
// framing and smuggling cases catch them. Each mistake is one defect (defects.h); a server with
// none of them never builds this filter.
//
// The filter sits between the bytes received and the parser. It reads each request head the way
// the defective server would (which Transfer-Encoding and Content-Length lines count, and what
// they say) and hands the parser an equivalent strict head: "Transfer-Encoding: chunked" or
// "Content-Length: N" or neither. The body then goes to the parser as it is, or, for the chunked
// mistakes, the filter decodes it leniently and hands the parser strict chunks. Whatever the
// filter does not understand it passes through untouched, so the parser judges it as usual.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "reference/server/defects.h"

namespace wirecheck::server {

class DefectiveFraming {
 public:
  DefectiveFraming(const DefectSet& defects, size_t max_head_bytes);

  // Whether any defect this filter plays is on.
  static bool wanted(const DefectSet& defects);

  // Bytes received from the client, in order.
  void push(std::string_view bytes);
  // Bytes for the parser. Unconsumed bytes stay at the front, unchanged (the feed() contract).
  std::string_view ready() const { return std::string_view(out_).substr(out_begin_); }
  void consumed(size_t n);
  // The parser finished a message: what follows it starts a new head.
  void message_complete();
  // Bytes received that the parser has not yet been given.
  bool holding() const { return !raw_.empty(); }

 private:
  enum class Mode : uint8_t {
    head,        // waiting for a complete head in raw_
    pass,        // the parser frames this message; raw bytes go through untouched
    chunk_line,  // decoding a chunked body: a chunk-size line
    chunk_data,  // decoding a chunked body: `remaining_` data bytes
    chunk_crlf,  // decoding a chunked body: the CRLF after the data
    trailers,    // decoding a chunked body: trailer lines until the empty one
    discard,     // the defective server reads `remaining_` bytes it then forgets
  };

  bool has(Defect d) const { return defects_.has(d); }
  void run();
  bool take_head();
  bool take_chunk_line();
  bool take_chunk_data();
  bool take_chunk_crlf();
  bool take_trailer_line();
  bool take_discard();
  // Gives up decoding: everything from here on goes to the parser as received.
  void fall_back();
  // The next CRLF-ended line of raw_ (without its end) and the bytes it occupies. False when
  // it is incomplete, or when it ends in a bare LF or grows past kMaxLine: then the filter has
  // fallen back, since only the strict parser words those errors.
  bool next_line(std::string_view& line, size_t& length);
  void emit_chunk(std::string_view data);
  void drop_raw(size_t n) { raw_.erase(0, n); }

  DefectSet defects_;
  size_t max_head_;
  Mode mode_ = Mode::head;
  std::string raw_;  // received, not yet handed to the parser
  std::string out_;  // handed to the parser
  size_t out_begin_ = 0;
  uint64_t remaining_ = 0;
  uint64_t trailer_length_ = 0;  // trailer-frames: a Content-Length found in the trailers
  bool trailer_length_seen_ = false;
  bool swallow_ = false;  // answer-before-body: the chunked body is read and forgotten
};

}  // namespace wirecheck::server
