#pragma once
// Where something was written in a case file, so every message can point at it.
#include <string>

namespace wirecheck::harness {

struct SourceLocation {
  std::string file;  // as the user named it (relative paths stay relative)
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based, counted in bytes; 0 when unknown

  bool known() const { return line > 0; }
  // "cases/x.yaml:12:7", "cases/x.yaml" when the line is unknown, "" when nothing is known.
  std::string to_string() const;
};

}  // namespace wirecheck::harness
