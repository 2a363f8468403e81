#include "reports/style.h"

namespace wirecheck::reports {

std::string Style::paint(std::string_view text, Tone tone) const {
  if (!color || text.empty()) return std::string(text);
  const char* code = "";
  switch (tone) {
    case Tone::bold: code = "1"; break;
    case Tone::dim: code = "2"; break;
    case Tone::pass: code = "32"; break;
    case Tone::warn: code = "33"; break;
    case Tone::fail: code = "1;31"; break;
    case Tone::error: code = "1;35"; break;
    case Tone::skip: code = "36"; break;
    case Tone::expected: code = "32"; break;
    case Tone::actual: code = "31"; break;
    case Tone::mark: code = "1;31"; break;
  }
  std::string out = "\x1b[";
  out += code;
  out += 'm';
  out += text;
  out += "\x1b[0m";
  return out;
}

Tone tone_of(harness::Verdict verdict) {
  switch (verdict) {
    case harness::Verdict::pass: return Tone::pass;
    case harness::Verdict::warn: return Tone::warn;
    case harness::Verdict::fail: return Tone::fail;
    case harness::Verdict::error: return Tone::error;
    case harness::Verdict::skip: return Tone::skip;
  }
  return Tone::error;
}

}  // namespace wirecheck::reports
