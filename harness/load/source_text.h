#pragma once
// The text of a YAML file, kept beside the parsed nodes for two reasons: to turn yaml-cpp's
// 0-based marks into 1-based positions, and to re-read a scalar as written. yaml-cpp has
// already turned "\xff" in a double-quoted scalar into U+00FF (two bytes of UTF-8); a byte
// string needs the single byte 0xFF, and a message about a bad escape needs the column of the
// backslash. So byte strings are taken from the source text, not from the node's value.
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "harness/model/source_location.h"

namespace wirecheck::harness {

struct TextPos {
  int line = 0;  // 1-based
  int column = 0;
};

struct RawScalar {
  enum class Style : unsigned char { plain, single_quoted, double_quoted, literal, folded };
  Style style = Style::plain;
  // The scalar's characters as written, YAML folding applied but our escapes not processed.
  std::string text;
  std::vector<TextPos> pos;  // pos[i] is where text[i] was written; size() == text.size()
  TextPos start;             // where the scalar (its value) starts
  // True when the scalar could not be re-read from the source and `text` is yaml-cpp's value,
  // whose escapes YAML has already processed.
  bool escapes_processed = false;
};

class SourceText {
 public:
  SourceText(std::string file, std::string text);

  const std::string& file() const { return file_; }
  const std::string& text() const { return text_; }

  SourceLocation at(const YAML::Mark& mark) const;
  SourceLocation at(TextPos p) const { return {file_, p.line, p.column}; }
  SourceLocation start() const { return {file_, 0, 0}; }

  RawScalar raw(const YAML::Node& scalar) const;

 private:
  // Offset in text_ of (0-based) line/column, or npos.
  size_t offset(int line, int column) const;
  bool read_quoted(size_t at, char quote, const YAML::Mark& mark, RawScalar& out) const;
  bool read_block(size_t at, const YAML::Node& node, const YAML::Mark& mark, RawScalar& out) const;

  std::string file_;
  std::string text_;
  std::vector<size_t> line_starts_;
};

}  // namespace wirecheck::harness
