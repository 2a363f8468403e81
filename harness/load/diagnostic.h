#pragma once
// Problems found in case, target and profile files, as values. Printed the way compilers do,
// so editors and CI annotate the right line:
//   cases/x.yaml:12:7: error: unknown key 'stauts' in expect (did you mean 'status'?)
#include <cstddef>
#include <string>
#include <vector>

#include "harness/model/source_location.h"

namespace wirecheck::harness {

enum class Severity : unsigned char { error, warning, note };

struct Diagnostic {
  Severity severity = Severity::error;
  SourceLocation where;
  std::string message;

  std::string to_string() const;
};

class Diagnostics {
 public:
  void error(SourceLocation where, std::string message);
  void warning(SourceLocation where, std::string message);
  void note(SourceLocation where, std::string message);
  void add(Diagnostic d) { items_.push_back(std::move(d)); }

  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  size_t errors() const;
  size_t warnings() const;
  bool has_errors() const { return errors() > 0; }

 private:
  std::vector<Diagnostic> items_;
};

std::string_view to_string(Severity s);

}  // namespace wirecheck::harness
