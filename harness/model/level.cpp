#include "harness/model/level.h"

#include <string>

namespace wirecheck::harness {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

int severity(Verdict v) {
  switch (v) {
    case Verdict::pass: return 0;
    case Verdict::skip: return 1;
    case Verdict::warn: return 2;
    case Verdict::fail: return 3;
    case Verdict::error: return 4;
  }
  return 4;
}

}  // namespace

std::string_view to_string(Level level) {
  switch (level) {
    case Level::must: return "MUST";
    case Level::should: return "SHOULD";
    case Level::may: return "MAY";
  }
  return "MUST";
}

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass: return "pass";
    case Verdict::warn: return "warn";
    case Verdict::fail: return "fail";
    case Verdict::error: return "error";
    case Verdict::skip: return "skip";
  }
  return "error";
}

std::optional<Level> parse_level(std::string_view text) {
  std::string t = lower(text);
  if (t == "must") return Level::must;
  if (t == "should") return Level::should;
  if (t == "may") return Level::may;
  return std::nullopt;
}

std::optional<Verdict> parse_verdict(std::string_view text) {
  std::string t = lower(text);
  if (t == "pass") return Verdict::pass;
  if (t == "warn") return Verdict::warn;
  if (t == "fail") return Verdict::fail;
  if (t == "error") return Verdict::error;
  if (t == "skip") return Verdict::skip;
  return std::nullopt;
}

Verdict failure_verdict(Level level) {
  return level == Level::must ? Verdict::fail : Verdict::warn;
}

Verdict worse(Verdict a, Verdict b) { return severity(a) >= severity(b) ? a : b; }

}  // namespace wirecheck::harness
