#include "harness/load/diagnostic.h"

namespace wirecheck::harness {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

std::string Diagnostic::to_string() const {
  std::string out = where.to_string();
  if (!out.empty()) out += ": ";
  out += harness::to_string(severity);
  out += ": ";
  out += message;
  return out;
}

void Diagnostics::error(SourceLocation where, std::string message) {
  items_.push_back({Severity::error, std::move(where), std::move(message)});
}

void Diagnostics::warning(SourceLocation where, std::string message) {
  items_.push_back({Severity::warning, std::move(where), std::move(message)});
}

void Diagnostics::note(SourceLocation where, std::string message) {
  items_.push_back({Severity::note, std::move(where), std::move(message)});
}

size_t Diagnostics::errors() const {
  size_t n = 0;
  for (const auto& d : items_) n += d.severity == Severity::error;
  return n;
}

size_t Diagnostics::warnings() const {
  size_t n = 0;
  for (const auto& d : items_) n += d.severity == Severity::warning;
  return n;
}

}  // namespace wirecheck::harness
