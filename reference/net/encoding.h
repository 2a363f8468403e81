#pragma once
// Text encodings for plain-TCP payloads (the GBK of many socket tutorials), through iconv.
// wirecheck works in UTF-8 internally; these convert at the wire.
#include <string>
#include <string_view>

#include "reference/net/result.h"

namespace wirecheck::net {

// Converts `text` from one encoding to another ("UTF-8", "GBK", "GB18030", "ISO-8859-1", ...).
// An error names the encoding and the offset of the first byte that could not be converted.
Result<std::string> convert_encoding(std::string_view text, std::string_view from,
                                     std::string_view to);

// How far a conversion got, for callers that word their own errors (the case loader names the
// character that cannot be written; the server only needs yes or no).
struct Conversion {
  enum class Stop : unsigned char {
    done,                // everything converted
    unknown_encoding,    // iconv knows one of the two names not
    invalid,             // the input at `stopped_at` is not valid in the source encoding, or
                         // the character there has no form in the target one
    incomplete,          // the input ends in the middle of a character
  };
  std::string out;        // what converted before the stop
  Stop stop = Stop::done;
  size_t stopped_at = 0;  // input offset of the stop (the input's size when done)
};
Conversion convert_partial(std::string_view text, std::string_view from, std::string_view to);

// UTF-8 text -> bytes in `encoding`. "utf-8" (any case) returns the text unchanged.
Result<std::string> encode_text(std::string_view utf8, std::string_view encoding);
// Bytes in `encoding` -> UTF-8 text.
Result<std::string> decode_text(std::string_view bytes, std::string_view encoding);
// Like decode_text, but bytes that do not decode are shown as \xHH and decoding goes on, so a
// person always sees something.
std::string decode_text_lossy(std::string_view bytes, std::string_view encoding);

// True when the encoding name is one iconv knows.
bool encoding_supported(std::string_view encoding);

// Strict UTF-8 check (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

}  // namespace wirecheck::net
