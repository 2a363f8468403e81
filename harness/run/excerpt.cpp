#include "harness/run/excerpt.h"

#include <algorithm>

#include "harness/model/bytes.h"

namespace wirecheck::harness {

std::optional<Excerpt> received_excerpt(const Session& session, uint64_t from, uint64_t to,
                                        std::optional<uint64_t> mark, size_t max) {
  uint64_t lo = from;
  uint64_t hi = std::min<uint64_t>(to, from + max);
  if (mark) {
    // A third of the window before the offending byte, the rest after it.
    uint64_t before = max / 3;
    lo = std::max<uint64_t>(from, *mark > before ? *mark - before : 0);
    hi = std::min<uint64_t>(to, lo + max);
    if (*mark >= to && to > from) {
      lo = std::max<uint64_t>(from, to > max ? to - max : 0);
      hi = to;
    }
  }
  uint64_t start = 0;
  std::string_view bytes = session.held(lo, hi, &start);
  if (bytes.empty()) return std::nullopt;
  Excerpt e;
  e.connection = session.name();
  e.direction = Direction::received;
  e.offset = start;
  e.bytes.assign(bytes);
  if (mark) e.mark = *mark;
  return e;
}

std::string quote_bytes(std::string_view bytes, size_t max) {
  if (bytes.size() <= max) return "\"" + escape_bytes(bytes, true) + "\"";
  return "\"" + escape_bytes(bytes.substr(0, max), true) + "\"... (" +
         std::to_string(bytes.size()) + " bytes)";
}

}  // namespace wirecheck::harness
