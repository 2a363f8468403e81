#include "harness/run/text_match.h"

// GCC 12 at -O2 (the sanitizer build) warns inside libstdc++'s <regex> about a std::function
// it thinks may be uninitialized; a false positive. Every regex of the runner is compiled in
// this file, so the exception stays here.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <regex>

#include "harness/model/bytes.h"
#include "harness/run/excerpt.h"
#include "reference/net/encoding.h"

namespace wirecheck::harness {
namespace {

// Valid UTF-8 (checked by the caller) to code points.
std::wstring widen(std::string_view s) {
  std::wstring out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;
    for (size_t k = 1; k < n && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    }
    out += static_cast<wchar_t>(cp);
    i += n;
  }
  return out;
}

}  // namespace

bool search_text(const std::string& pattern, std::string_view text) {
  if (net::is_valid_utf8(pattern) && net::is_valid_utf8(text)) {
    std::wregex re(widen(pattern), std::regex::ECMAScript);
    std::wstring wide = widen(text);
    return std::regex_search(wide, re);
  }
  return search_bytes(pattern, text);
}

bool search_bytes(const std::string& pattern, std::string_view bytes) {
  std::regex re(pattern, std::regex::ECMAScript);
  return std::regex_search(bytes.begin(), bytes.end(), re);
}

std::string quote_text(std::string_view text, size_t max) {
  if (!net::is_valid_utf8(text)) return quote_bytes(text, max);
  std::string_view shown = text;
  if (shown.size() > max) {
    size_t cut = max;
    // Never cut a character in half.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
    shown = text.substr(0, cut);
  }
  std::string out = "\"";
  for (char c : shown) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      out += c;
    } else {
      out += escape_bytes(std::string_view(&c, 1), true);
    }
  }
  out += "\"";
  if (shown.size() < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

}  // namespace wirecheck::harness
