#include "reference/client/display.h"

#include <cstdio>

namespace wirecheck::client {

std::string escape_bytes(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '\r': out += "\\r"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c < 0x20 || c >= 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02X", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

std::string hex_dump(std::string_view bytes) {
  std::string out;
  for (size_t line = 0; line < bytes.size(); line += 16) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%08zx  ", line);
    out += buf;
    for (size_t i = 0; i < 16; ++i) {
      if (line + i < bytes.size()) {
        std::snprintf(buf, sizeof buf, "%02x ", static_cast<unsigned char>(bytes[line + i]));
        out += buf;
      } else {
        out += "   ";
      }
      if (i == 7) out += ' ';
    }
    out += " |";
    for (size_t i = 0; i < 16 && line + i < bytes.size(); ++i) {
      auto c = static_cast<unsigned char>(bytes[line + i]);
      out += (c >= 0x20 && c < 0x7F) ? static_cast<char>(c) : '.';
    }
    out += "|\n";
  }
  return out;
}

}  // namespace wirecheck::client
