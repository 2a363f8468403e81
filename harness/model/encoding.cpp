#include "harness/model/encoding.h"

#include <cstdint>
#include <cstdio>

#include "reference/net/encoding.h"

namespace wirecheck::harness {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The code point starting at text[offset], for a message about an unconvertible character.
std::string describe_char(std::string_view text, size_t offset) {
  if (offset >= text.size()) return "end of text";
  auto b = static_cast<unsigned char>(text[offset]);
  uint32_t cp = b;
  size_t len = 1;
  if (b >= 0xf0) {
    cp = b & 0x07u;
    len = 4;
  } else if (b >= 0xe0) {
    cp = b & 0x0fu;
    len = 3;
  } else if (b >= 0xc0) {
    cp = b & 0x1fu;
    len = 2;
  }
  if (offset + len > text.size()) return "a truncated character";
  for (size_t i = 1; i < len; ++i) cp = (cp << 6) | (static_cast<unsigned char>(text[offset + i]) & 0x3fu);
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return std::string(buf) + " '" + std::string(text.substr(offset, len)) + "'";
}

std::optional<std::string> convert(std::string_view input, const std::string& from,
                                   const std::string& to, bool input_is_utf8,
                                   ConversionError* error) {
  net::Conversion c = net::convert_partial(input, from, to);
  const size_t at = c.stopped_at;
  switch (c.stop) {
    case net::Conversion::Stop::done:
      return std::move(c.out);
    case net::Conversion::Stop::unknown_encoding:
      if (error) {
        const std::string& name = input_is_utf8 ? to : from;
        *error = {"'" + name + "' is not an encoding iconv knows (try gbk, gb18030, big5, "
                  "shift_jis, euc-jp, latin1, utf-16le)", 0};
      }
      return std::nullopt;
    case net::Conversion::Stop::invalid:
      if (error && input_is_utf8) {
        *error = {"character " + describe_char(input, at) + " cannot be written in " + to, at};
      } else if (error) {
        *error = {"bytes at offset " + std::to_string(at) + " are not valid " + from, at};
      }
      return std::nullopt;
    case net::Conversion::Stop::incomplete:
      if (error) *error = {"text ends in the middle of a character", at};
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

bool is_utf8(std::string_view encoding) {
  std::string e = lower(encoding);
  return e.empty() || e == "utf-8" || e == "utf8";
}

std::optional<std::string> encode_text(std::string_view text, std::string_view encoding,
                                       ConversionError* error) {
  if (is_utf8(encoding)) return std::string(text);
  return convert(text, "UTF-8", std::string(encoding), true, error);
}

std::optional<std::string> decode_text(std::string_view bytes, std::string_view encoding,
                                       ConversionError* error) {
  if (is_utf8(encoding)) return std::string(bytes);
  return convert(bytes, std::string(encoding), "UTF-8", false, error);
}

bool encoding_known(std::string_view encoding) {
  return is_utf8(encoding) || net::encoding_supported(encoding);
}

}  // namespace wirecheck::harness
