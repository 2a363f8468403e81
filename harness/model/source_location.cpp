#include "harness/model/source_location.h"

namespace wirecheck::harness {

std::string SourceLocation::to_string() const {
  if (!known()) return file;
  std::string out = file;
  out += ':';
  out += std::to_string(line);
  if (column > 0) {
    out += ':';
    out += std::to_string(column);
  }
  return out;
}

}  // namespace wirecheck::harness
