#include "harness/model/matchers.h"

#include "harness/model/regex.h"

namespace wirecheck::harness {

std::string IntRange::to_string() const {
  if (lo == hi) return std::to_string(lo);
  if (hi == INT64_MAX) return ">= " + std::to_string(lo);
  return std::to_string(lo) + "-" + std::to_string(hi);
}

bool StatusPattern::matches(int status) const {
  for (const auto& r : ranges) {
    if (r.contains(status)) return true;
  }
  return false;
}

bool StringMatch::matches(std::string_view actual) const {
  switch (op) {
    case Op::equals: return actual == value;
    case Op::contains: return actual.find(value) != std::string_view::npos;
    case Op::regex: {
      std::regex re(value, std::regex::ECMAScript);
      return std::regex_search(actual.begin(), actual.end(), re);
    }
  }
  return false;
}

bool ResponseMatch::empty() const {
  return !status && !reason && !version && headers.empty() && body.empty() && framing.empty() &&
         !unambiguous && !no_extra_bytes && !connection && !within && !responses && !interim;
}

std::string_view to_string(Framing f) {
  switch (f) {
    case Framing::content_length: return "content-length";
    case Framing::chunked: return "chunked";
    case Framing::close_delimited: return "close-delimited";
    case Framing::none: return "none";
  }
  return "none";
}

std::string_view to_string(ConnectionState s) {
  switch (s) {
    case ConnectionState::open: return "open";
    case ConnectionState::closed: return "closed";
    case ConnectionState::reset: return "reset";
    case ConnectionState::closed_or_reset: return "closed_or_reset";
  }
  return "open";
}

std::string_view to_string(HeaderCheck::Op op) {
  switch (op) {
    case HeaderCheck::Op::present: return "present";
    case HeaderCheck::Op::absent: return "absent";
    case HeaderCheck::Op::equals: return "equals";
    case HeaderCheck::Op::contains: return "contains";
    case HeaderCheck::Op::includes: return "includes";
    case HeaderCheck::Op::regex: return "regex";
    case HeaderCheck::Op::count: return "count";
  }
  return "present";
}

std::string_view to_string(BodyCheck::Op op) {
  switch (op) {
    case BodyCheck::Op::equals: return "equals";
    case BodyCheck::Op::contains: return "contains";
    case BodyCheck::Op::regex: return "regex";
    case BodyCheck::Op::length: return "length";
    case BodyCheck::Op::sha256: return "sha256";
  }
  return "equals";
}

}  // namespace wirecheck::harness
