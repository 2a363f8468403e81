#include "harness/model/duration.h"

#include <cstdint>

namespace wirecheck::harness {
namespace {

void set(std::string* error, const char* text) {
  if (error) *error = text;
}

}  // namespace

std::optional<Duration> parse_duration(std::string_view text, std::string* error) {
  // Digits, an optional fraction, then a unit. Parsed by hand: no locale, no float rounding.
  size_t i = 0;
  uint64_t whole = 0;
  size_t whole_digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (whole > 100'000'000) {
      set(error, "is too long (at most 100000000 ms)");
      return std::nullopt;
    }
    whole = whole * 10 + static_cast<uint64_t>(text[i] - '0');
    ++i;
    ++whole_digits;
  }
  std::string_view fraction;
  if (i < text.size() && text[i] == '.') {
    size_t start = ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    fraction = text.substr(start, i - start);
    if (fraction.empty()) {
      set(error, "has a '.' without digits after it");
      return std::nullopt;
    }
  }
  if (whole_digits == 0) {
    set(error, "must start with a number, as in 50ms or 2s");
    return std::nullopt;
  }
  std::string_view unit = text.substr(i);
  uint64_t scale = 0;
  if (unit == "ms") {
    scale = 1;
  } else if (unit == "s") {
    scale = 1000;
  } else if (unit.empty()) {
    set(error, "needs a unit (ms or s)");
    return std::nullopt;
  } else {
    set(error, "has an unknown unit (use ms or s)");
    return std::nullopt;
  }
  uint64_t ms = whole * scale;
  // The fraction must come out as whole milliseconds: 1.5s is fine, 1.0005s and 0.5ms are not.
  uint64_t place = scale;
  for (char c : fraction) {
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (place % 10 != 0) {
      if (digit != 0) {
        set(error, "is not a whole number of milliseconds");
        return std::nullopt;
      }
      continue;
    }
    place /= 10;
    ms += digit * place;
  }
  if (ms > 100'000'000) {
    set(error, "is too long (at most 100000000 ms)");
    return std::nullopt;
  }
  return Duration{static_cast<Duration::rep>(ms)};
}

std::string format_duration(Duration d) {
  auto ms = d.count();
  if (ms != 0 && ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
  if (ms > 1000 && ms % 100 == 0) return std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) + "s";
  return std::to_string(ms) + "ms";
}

}  // namespace wirecheck::harness
