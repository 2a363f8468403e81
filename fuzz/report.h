#pragma once
// How a fuzz target reports a broken invariant: escaped bytes a person can read, then abort()
// so libFuzzer (or the replay driver under CTest) records the input as a crash.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace wcfuzz {

// Bytes as a person can read them: printable ASCII as is, everything else as \r \n \t \xHH.
inline std::string escape(std::string_view bytes) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// An event log for people: one escaped event per line.
inline std::string readable(std::string_view log) {
  std::string out;
  while (!log.empty()) {
    size_t end = log.find('\n');
    if (end == std::string_view::npos) end = log.size();
    out += "  " + escape(log.substr(0, end)) + "\n";
    log.remove_prefix(end == log.size() ? end : end + 1);
  }
  return out;
}

[[noreturn]] inline void fail(std::string_view what, std::string_view detail = {}) {
  std::fprintf(stderr, "\n==== fuzz invariant broken: %.*s\n", static_cast<int>(what.size()),
               what.data());
  if (!detail.empty()) {
    std::fprintf(stderr, "%.*s\n", static_cast<int>(detail.size()), detail.data());
  }
  std::abort();
}

}  // namespace wcfuzz
