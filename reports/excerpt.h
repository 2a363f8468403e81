#pragma once
// Wire bytes for people: escaped (harness::escape_bytes), one line per line of the protocol,
// each prefixed with its stream offset, and a caret under the offending byte.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/model/result.h"
#include "reports/style.h"

namespace wirecheck::reports {

struct ExcerptLine {
  uint64_t offset = 0;  // stream offset of the line's first byte
  std::string text;     // escaped
  // Where the caret goes under `text` (columns), when the mark falls on this line. A mark
  // just past the last byte (a message cut short) is shown after the last line's text.
  std::optional<size_t> mark_column;
  size_t mark_width = 0;
};

// Lines end after each LF, and wherever the escaped text would pass `width` columns (never
// inside one escape), so a long body without line breaks still reads.
std::vector<ExcerptLine> excerpt_lines(std::string_view bytes, uint64_t offset,
                                       std::optional<uint64_t> mark, size_t width = 96);

// "sent" / "received".
std::string_view direction_name(harness::Direction direction);
// "connect", "peer_reset", ...: the names the JSON report uses too.
std::string_view event_name(harness::EventKind kind);

// A heading ("received on main, bytes 17-52, the problem at byte 35:") and the lines:
//       17 | Content-Length: 10\n
//          |                   ^^
void write_excerpt(std::string& out, const harness::Excerpt& excerpt, std::string_view indent,
                   const Style& style);

// Every event of a transcript, one per line with its time, and the bytes of sends and
// receives as excerpt lines. At most `max_bytes` bytes are shown in total; the rest is
// counted, not dropped silently.
void write_transcript(std::string& out, const std::vector<harness::TranscriptEvent>& events,
                      bool truncated, std::string_view indent, const Style& style,
                      size_t max_bytes = 64 * 1024);

}  // namespace wirecheck::reports
