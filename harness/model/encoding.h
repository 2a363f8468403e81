#pragma once
// Text in a named character encoding (gbk, shift_jis, latin1, ...), converted with the C
// library's iconv. Case files hold UTF-8; plain TCP services often speak something else.
#include <optional>
#include <string>
#include <string_view>

namespace wirecheck::harness {

struct ConversionError {
  std::string message;  // "'klingon' is not an encoding iconv knows", "character U+1F600 ..."
  size_t offset = 0;    // byte offset in the input where conversion stopped
};

// UTF-8 `text` -> bytes in `encoding`.
std::optional<std::string> encode_text(std::string_view text, std::string_view encoding,
                                       ConversionError* error = nullptr);
// Bytes in `encoding` -> UTF-8 (for showing received text and matching regexes against it).
std::optional<std::string> decode_text(std::string_view bytes, std::string_view encoding,
                                       ConversionError* error = nullptr);

bool encoding_known(std::string_view encoding);

// "utf-8", "utf8" and "" need no conversion.
bool is_utf8(std::string_view encoding);

}  // namespace wirecheck::harness
