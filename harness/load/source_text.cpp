#include "harness/load/source_text.h"

namespace wirecheck::harness {
namespace {

bool blank(char c) { return c == ' ' || c == '\t'; }
bool line_break(char c) { return c == '\n' || c == '\r'; }

}  // namespace

SourceText::SourceText(std::string file, std::string text)
    : file_(std::move(file)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

SourceLocation SourceText::at(const YAML::Mark& mark) const {
  if (mark.line < 0) return start();
  return {file_, mark.line + 1, mark.column + 1};
}

size_t SourceText::offset(int line, int column) const {
  if (line < 0 || static_cast<size_t>(line) >= line_starts_.size() || column < 0) {
    return std::string::npos;
  }
  size_t off = line_starts_[static_cast<size_t>(line)] + static_cast<size_t>(column);
  return off <= text_.size() ? off : std::string::npos;
}

RawScalar SourceText::raw(const YAML::Node& node) const {
  RawScalar out;
  YAML::Mark mark = node.Mark();
  out.start = {mark.line + 1, mark.column + 1};
  size_t at = offset(mark.line, mark.column);
  // Skip node properties (&anchor, !tag) in front of the value.
  while (at != std::string::npos && at < text_.size() && (text_[at] == '&' || text_[at] == '!')) {
    while (at < text_.size() && !blank(text_[at]) && !line_break(text_[at])) ++at;
    while (at < text_.size() && blank(text_[at])) ++at;
  }
  const std::string& value = node.Scalar();
  if (at != std::string::npos && at < text_.size()) {
    int line = mark.line;
    int column = mark.column + static_cast<int>(at - offset(mark.line, mark.column));
    YAML::Mark here = mark;
    here.line = line;
    here.column = column;
    char c = text_[at];
    if ((c == '"' || c == '\'') && read_quoted(at, c, here, out)) return out;
    if ((c == '|' || c == '>') && node.Tag() == "!" && read_block(at, node, here, out)) return out;
    if (node.Tag() == "?" && text_.compare(at, value.size(), value) == 0 &&
        value.find('\n') == std::string::npos) {
      out.style = RawScalar::Style::plain;
      out.text = value;
      for (size_t i = 0; i < value.size(); ++i) out.pos.push_back({line + 1, column + 1 + static_cast<int>(i)});
      return out;
    }
  }
  // Could not re-read it: take the value, every character placed at the scalar's start.
  out.style = node.Tag() == "?" ? RawScalar::Style::plain : RawScalar::Style::double_quoted;
  out.escapes_processed = out.style == RawScalar::Style::double_quoted;
  out.text = value;
  out.pos.assign(value.size(), out.start);
  return out;
}

bool SourceText::read_quoted(size_t at, char quote, const YAML::Mark& mark, RawScalar& out) const {
  // Folding as YAML 1.2 defines it for flow scalars: a line break and the white space around
  // it become one space; each empty line becomes a line feed; in double quotes a backslash
  // before the line break joins the lines without a space.
  out.style = quote == '"' ? RawScalar::Style::double_quoted : RawScalar::Style::single_quoted;
  out.start = {mark.line + 1, mark.column + 1};
  int line = mark.line + 1;
  int column = mark.column + 2;  // after the opening quote
  size_t i = at + 1;
  std::string pending;  // white space not yet known to be kept (dropped before a line break)
  std::vector<TextPos> pending_pos;
  auto flush = [&] {
    out.text += pending;
    out.pos.insert(out.pos.end(), pending_pos.begin(), pending_pos.end());
    pending.clear();
    pending_pos.clear();
  };
  auto push = [&](char c, TextPos p) {
    out.text += c;
    out.pos.push_back(p);
  };
  // Skips a line break at text_[i] and the empty lines and indentation after it; returns how
  // many empty lines it skipped.
  auto fold = [&]() -> int {
    int empty = 0;
    for (;;) {
      if (text_[i] == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n') ++i;
      ++i;
      ++line;
      column = 1;
      while (i < text_.size() && blank(text_[i])) {
        ++i;
        ++column;
      }
      if (i < text_.size() && line_break(text_[i])) {
        ++empty;
        continue;
      }
      return empty;
    }
  };
  while (i < text_.size()) {
    char c = text_[i];
    TextPos p{line, column};
    if (c == quote) {
      if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
        flush();
        push('\'', p);
        i += 2;
        column += 2;
        continue;
      }
      flush();
      return true;
    }
    if (quote == '"' && c == '\\') {
      flush();
      if (i + 1 < text_.size() && line_break(text_[i + 1])) {
        ++i;
        int empty = fold();
        for (int e = 0; e < empty; ++e) push('\n', p);
        continue;
      }
      if (i + 1 >= text_.size()) return false;
      push('\\', p);
      push(text_[i + 1], {line, column + 1});
      i += 2;
      column += 2;
      continue;
    }
    if (line_break(c)) {
      pending.clear();
      pending_pos.clear();
      int empty = fold();
      if (empty == 0) {
        push(' ', p);
      } else {
        for (int e = 0; e < empty; ++e) push('\n', p);
      }
      continue;
    }
    if (blank(c)) {
      pending += c;
      pending_pos.push_back(p);
    } else {
      flush();
      push(c, p);
    }
    ++i;
    ++column;
  }
  out.text.clear();
  out.pos.clear();
  return false;
}

bool SourceText::read_block(size_t at, const YAML::Node& node, const YAML::Mark& mark,
                            RawScalar& out) const {
  // The value is yaml-cpp's; only the positions are found here. Each line of the value is a
  // line of the source below the indicator, after the block's indentation. If that does not
  // hold (an indentation indicator, unusual spacing), the caller falls back to the start.
  out.style = text_[at] == '|' ? RawScalar::Style::literal : RawScalar::Style::folded;
  const std::string& value = node.Scalar();
  out.text = value;
  out.pos.assign(value.size(), TextPos{mark.line + 1, mark.column + 1});
  if (out.style != RawScalar::Style::literal) return true;
  size_t src_line = static_cast<size_t>(mark.line) + 1;
  // The block's indentation: that of its first non-empty line.
  size_t indent = std::string::npos;
  for (size_t l = src_line; l < line_starts_.size(); ++l) {
    size_t s = line_starts_[l];
    size_t k = s;
    while (k < text_.size() && text_[k] == ' ') ++k;
    if (k < text_.size() && !line_break(text_[k])) {
      indent = k - s;
      break;
    }
  }
  if (indent == std::string::npos) return true;
  size_t v = 0;
  size_t l = src_line;
  while (v < value.size() && l < line_starts_.size()) {
    size_t s = line_starts_[l] + indent;
    size_t col = indent;
    while (v < value.size() && value[v] != '\n') {
      if (s >= text_.size() || text_[s] != value[v]) {
        // Not where expected: keep the fallback positions for the rest.
        return true;
      }
      out.pos[v] = {static_cast<int>(l) + 1, static_cast<int>(col) + 1};
      ++v;
      ++s;
      ++col;
    }
    if (v < value.size()) {
      out.pos[v] = {static_cast<int>(l) + 1, static_cast<int>(col) + 1};
      ++v;
    }
    ++l;
  }
  return true;
}

}  // namespace wirecheck::harness
