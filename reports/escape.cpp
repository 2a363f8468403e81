#include "reports/escape.h"

#include <algorithm>

namespace wirecheck::reports {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_hex_escape(std::string& out, unsigned char u) {
  out += "\\x";
  out += kHex[u >> 4];
  out += kHex[u & 0xf];
}

// Length of the well-formed UTF-8 sequence at `s[i]` and its code point, or 0 when the bytes
// there are not one (overlong forms, surrogates and values above U+10FFFF included).
size_t utf8_sequence(std::string_view s, size_t i, uint32_t* cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  size_t len = 0;
  uint32_t value = 0;
  uint32_t min = 0;
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  } else if ((b0 & 0xe0) == 0xc0) {
    len = 2;
    value = b0 & 0x1fu;
    min = 0x80;
  } else if ((b0 & 0xf0) == 0xe0) {
    len = 3;
    value = b0 & 0x0fu;
    min = 0x800;
  } else if ((b0 & 0xf8) == 0xf0) {
    len = 4;
    value = b0 & 0x07u;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    unsigned char b = byte(i + k);
    if ((b & 0xc0) != 0x80) return 0;
    value = (value << 6) | (b & 0x3fu);
  }
  if (value < min || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return 0;
  *cp = value;
  return len;
}

// Code points that change how text is displayed rather than being displayed.
bool is_display_control(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9f) ||      // C1: CSI (U+009B) drives terminals too
         (cp >= 0x202a && cp <= 0x202e) ||  // bidi embeddings and overrides
         (cp >= 0x2066 && cp <= 0x2069) ||  // bidi isolates
         cp == 0xfffe || cp == 0xffff;      // not characters (and not allowed in XML)
}

// printable() with the choice of keeping '\n' (and "\r\n") as real line breaks.
std::string sanitize(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    uint32_t cp = 0;
    size_t len = utf8_sequence(text, i, &cp);
    if (len == 0) {
      append_hex_escape(out, static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (cp == '\n' && keep_newlines) {
      out += '\n';
    } else if (cp == '\r' && keep_newlines && i + 1 < text.size() && text[i + 1] == '\n') {
      // A CRLF line break in multi-line text is a line break, not a byte worth showing.
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += keep_newlines ? "\t" : "\\t";
    } else if (cp < 0x20 || cp == 0x7f || is_display_control(cp)) {
      for (size_t k = 0; k < len; ++k) append_hex_escape(out, static_cast<unsigned char>(text[i + k]));
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

size_t longest_backtick_run(std::string_view text) {
  size_t longest = 0;
  size_t run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

}  // namespace

std::string printable(std::string_view text) { return sanitize(text, false); }

std::string xml_escape(std::string_view text, bool attribute) {
  std::string clean = sanitize(text, !attribute);
  std::string out;
  out.reserve(clean.size());
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\'': out += attribute ? "&apos;" : "'"; break;
      default: out += c;
    }
  }
  return out;
}

std::string html_escape(std::string_view text, bool multiline) {
  std::string clean = sanitize(text, multiline);
  std::string out;
  out.reserve(clean.size());
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string markdown_text(std::string_view text) {
  std::string clean = printable(text);
  std::string out;
  out.reserve(clean.size());
  for (char c : clean) {
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
      case '|': case '#': case '~': case '!': case '(': case ')': case '&':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

std::string markdown_code(std::string_view text, bool in_table) {
  std::string clean = printable(text);
  if (in_table) {
    std::string piped;
    for (char c : clean) {
      if (c == '|') piped += '\\';
      piped += c;
    }
    clean = std::move(piped);
  }
  std::string fence(longest_backtick_run(clean) + 1, '`');
  // CommonMark strips one space on each side, which lets a span start or end with a backtick.
  bool pad = !clean.empty() && (clean.front() == '`' || clean.back() == '`');
  std::string out = fence;
  if (pad) out += ' ';
  out += clean;
  if (pad) out += ' ';
  out += fence;
  return out;
}

std::string markdown_fence(std::string_view content) {
  return std::string(std::max<size_t>(3, longest_backtick_run(content) + 1), '`');
}

std::string shell_quote(std::string_view word) {
  bool safe = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == '-' || c == '/' || c == ':' || c == ',' || c == '+' ||
           c == '=' || c == '@';
  });
  if (safe) return std::string(word);
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += '\'';
  return out;
}

std::string printf_format(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (size_t i = 0; i < bytes.size(); ++i) {
    auto u = static_cast<unsigned char>(bytes[i]);
    switch (bytes[i]) {
      case '\r': out += "\\r"; continue;
      case '\n': out += "\\n"; continue;
      case '\t': out += "\\t"; continue;
      case '\\': out += "\\\\"; continue;
      case '%': out += "%%"; continue;
      case '\'': out += "'\\''"; continue;
      default: break;
    }
    if (u < 0x20 || u >= 0x7f || (i == 0 && bytes[i] == '-')) {
      out += '\\';
      out += static_cast<char>('0' + ((u >> 6) & 7));
      out += static_cast<char>('0' + ((u >> 3) & 7));
      out += static_cast<char>('0' + (u & 7));
    } else {
      out += bytes[i];
    }
  }
  return out;
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  // Sized once and written by index: transcripts can be megabytes.
  std::string out((bytes.size() + 2) / 3 * 4, '=');
  auto at = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[k])); };
  size_t i = 0;
  size_t o = 0;
  for (; i + 3 <= bytes.size(); i += 3, o += 4) {
    uint32_t v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    out[o] = kAlphabet[(v >> 18) & 63];
    out[o + 1] = kAlphabet[(v >> 12) & 63];
    out[o + 2] = kAlphabet[(v >> 6) & 63];
    out[o + 3] = kAlphabet[v & 63];
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = at(i) << 16;
    if (rest == 2) v |= at(i + 1) << 8;
    out[o] = kAlphabet[(v >> 18) & 63];
    out[o + 1] = kAlphabet[(v >> 12) & 63];
    if (rest == 2) out[o + 2] = kAlphabet[(v >> 6) & 63];
  }
  return out;
}

}  // namespace wirecheck::reports
