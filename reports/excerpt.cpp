#include "reports/excerpt.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "harness/model/bytes.h"
#include "harness/model/steps.h"
#include "reports/escape.h"

namespace wirecheck::reports {
namespace {

// harness::escape_bytes of each byte value, computed once: excerpts and transcripts are
// escaped byte by byte (to place carets and wrap lines) and can be large.
const std::string& escape_one(char c) {
  static const std::array<std::string, 256> table = [] {
    std::array<std::string, 256> t;
    for (int b = 0; b < 256; ++b) {
      char ch = static_cast<char>(b);
      t[static_cast<size_t>(b)] = harness::escape_bytes(std::string_view(&ch, 1));
    }
    return t;
  }();
  return table[static_cast<unsigned char>(c)];
}

size_t digits(uint64_t v) {
  size_t n = 1;
  while (v >= 10) {
    v /= 10;
    ++n;
  }
  return n;
}

std::string pad_left(const std::string& s, size_t width) {
  return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

// `offset_width` 0: as wide as the largest offset here.
void write_lines(std::string& out, const std::vector<ExcerptLine>& lines, std::string_view indent,
                 const Style& style, size_t offset_width = 0) {
  uint64_t last = lines.empty() ? 0 : lines.back().offset;
  size_t w = offset_width > 0 ? offset_width : digits(last);
  for (const auto& line : lines) {
    out += indent;
    out += style.paint(pad_left(std::to_string(line.offset), w), Tone::dim);
    out += style.paint(" | ", Tone::dim);
    out += line.text;
    out += '\n';
    if (line.mark_column) {
      out += indent;
      out += std::string(w, ' ');
      out += style.paint(" | ", Tone::dim);
      out += std::string(*line.mark_column, ' ');
      out += style.paint(std::string(line.mark_width, '^'), Tone::mark);
      out += '\n';
    }
  }
}

}  // namespace

std::vector<ExcerptLine> excerpt_lines(std::string_view bytes, uint64_t offset,
                                       std::optional<uint64_t> mark, size_t width) {
  std::vector<ExcerptLine> lines;
  ExcerptLine current;
  current.offset = offset;
  bool open = false;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const std::string& e = escape_one(bytes[i]);
    if (open && current.text.size() + e.size() > width) {
      lines.push_back(std::move(current));
      current = ExcerptLine{};
      current.offset = offset + i;
    }
    open = true;
    if (mark && *mark == offset + i) {
      current.mark_column = current.text.size();
      current.mark_width = e.size();
    }
    current.text += e;
    if (bytes[i] == '\n') {
      lines.push_back(std::move(current));
      current = ExcerptLine{};
      current.offset = offset + i + 1;
      open = false;
    }
  }
  if (open) lines.push_back(std::move(current));
  if (mark && *mark == offset + bytes.size()) {
    // After a line break the next byte would start a new line: the caret goes there.
    if (lines.empty() || !open || lines.back().text.size() >= width) {
      ExcerptLine end;
      end.offset = offset + bytes.size();
      lines.push_back(std::move(end));
    }
    lines.back().mark_column = lines.back().text.size();
    lines.back().mark_width = 1;
  }
  return lines;
}

std::string_view direction_name(harness::Direction direction) {
  return direction == harness::Direction::sent ? "sent" : "received";
}

std::string_view event_name(harness::EventKind kind) {
  using harness::EventKind;
  switch (kind) {
    case EventKind::connect: return "connect";
    case EventKind::connect_failed: return "connect_failed";
    case EventKind::send: return "send";
    case EventKind::receive: return "receive";
    case EventKind::shutdown_write: return "shutdown_write";
    case EventKind::close: return "close";
    case EventKind::abort: return "abort";
    case EventKind::peer_closed: return "peer_closed";
    case EventKind::peer_reset: return "peer_reset";
    case EventKind::timeout: return "timeout";
    case EventKind::note: return "note";
  }
  return "note";
}

void write_excerpt(std::string& out, const harness::Excerpt& excerpt, std::string_view indent,
                   const Style& style) {
  const uint64_t begin = excerpt.offset;
  const uint64_t end = begin + excerpt.bytes.size();
  out += indent;
  out += direction_name(excerpt.direction);
  out += " on ";
  out += printable(excerpt.connection.empty() ? std::string(harness::kMainConnection)
                                              : excerpt.connection);
  if (excerpt.bytes.empty()) {
    out += ": nothing, at byte " + std::to_string(begin);
  } else {
    out += ", bytes " + std::to_string(begin) + "-" + std::to_string(end - 1);
  }
  bool mark_inside = excerpt.mark && *excerpt.mark >= begin && *excerpt.mark <= end;
  if (excerpt.mark && !excerpt.bytes.empty()) {
    if (*excerpt.mark == end) {
      out += ", the problem right after the last one";
    } else {
      out += ", the problem at byte " + std::to_string(*excerpt.mark);
      if (!mark_inside) out += " (outside these bytes)";
    }
  }
  out += ":\n";
  if (excerpt.bytes.empty()) return;
  std::string inner(indent);
  inner += "  ";
  write_lines(out, excerpt_lines(excerpt.bytes, begin, mark_inside ? excerpt.mark : std::nullopt),
              inner, style);
}

void write_transcript(std::string& out, const std::vector<harness::TranscriptEvent>& events,
                      bool truncated, std::string_view indent, const Style& style,
                      size_t max_bytes) {
  constexpr size_t kTimeWidth = 11;
  // One offset width for the whole transcript keeps the bytes of every event in one column.
  size_t offset_width = 1;
  for (const auto& e : events) {
    if (!e.bytes.empty()) offset_width = std::max(offset_width, digits(e.offset + e.bytes.size()));
  }
  size_t shown = 0;
  uint64_t hidden = 0;
  std::string inner = std::string(indent) + std::string(kTimeWidth + 2, ' ');
  for (const auto& e : events) {
    char when[32];
    std::snprintf(when, sizeof when, "+%.3f ms", static_cast<double>(e.at.count()) / 1e3);
    out += indent;
    out += style.paint(pad_left(when, kTimeWidth), Tone::dim);
    out += "  ";
    out += printable(e.connection.empty() ? std::string(harness::kMainConnection) : e.connection);
    out += "  ";
    out += event_name(e.kind);
    bool has_bytes = e.kind == harness::EventKind::send || e.kind == harness::EventKind::receive;
    if (has_bytes) {
      out += ", " + std::to_string(e.bytes.size()) + (e.bytes.size() == 1 ? " byte" : " bytes") +
             " at " + std::to_string(e.offset);
    }
    if (!e.detail.empty()) {
      out += ": ";
      out += printable(e.detail);
    }
    out += '\n';
    if (!has_bytes || e.bytes.empty()) continue;
    size_t room = shown < max_bytes ? max_bytes - shown : 0;
    std::string_view bytes = e.bytes;
    if (bytes.size() > room) {
      hidden += bytes.size() - room;
      bytes = bytes.substr(0, room);
    }
    shown += bytes.size();
    if (!bytes.empty()) {
      write_lines(out, excerpt_lines(bytes, e.offset, std::nullopt), inner, style, offset_width);
    }
    if (bytes.size() < e.bytes.size()) {
      out += inner + "... " + std::to_string(e.bytes.size() - bytes.size()) + " more bytes\n";
    }
  }
  if (hidden > 0) {
    out += std::string(indent) + "(" + std::to_string(hidden) +
           " bytes of this transcript are not shown here; the JSON report has them all)\n";
  }
  if (truncated) {
    out += std::string(indent) + "(the transcript reached its size cap while the case ran; later "
                                 "bytes were counted but not kept)\n";
  }
}

}  // namespace wirecheck::reports
