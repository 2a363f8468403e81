#include "harness/model/bytes.h"

namespace wirecheck::harness {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string escape_bytes(std::string_view bytes, bool quote) {
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '\r': out += "\\r"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\\': out += "\\\\"; break;
      case '"':
        if (quote) {
          out += "\\\"";
        } else {
          out += c;
        }
        break;
      default:
        if (u < 0x20 || u >= 0x7f) {
          out += "\\x";
          out += kHexDigits[u >> 4];
          out += kHexDigits[u & 0xf];
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::optional<std::string> decode_hex(std::string_view text, size_t* error_at) {
  std::string out;
  int high = -1;
  size_t high_at = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (high >= 0) {
        // A digit pair split by whitespace is almost certainly a typo.
        if (error_at) *error_at = i;
        return std::nullopt;
      }
      continue;
    }
    int v = hex_value(c);
    if (v < 0) {
      if (error_at) *error_at = i;
      return std::nullopt;
    }
    if (high < 0) {
      high = v;
      high_at = i;
    } else {
      out += static_cast<char>((high << 4) | v);
      high = -1;
    }
  }
  if (high >= 0) {
    if (error_at) *error_at = high_at;
    return std::nullopt;
  }
  return out;
}

std::string encode_hex(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    auto u = static_cast<unsigned char>(c);
    out += kHexDigits[u >> 4];
    out += kHexDigits[u & 0xf];
  }
  return out;
}

}  // namespace wirecheck::harness
