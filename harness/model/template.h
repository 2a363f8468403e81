#pragma once
// Text with {{variables}}. Case files name abstract things ({{host}}, {{path.echo}},
// {{reply.text}}); the values come from the target, the target file and the profile at run
// time. The loader has already processed escapes and checked every variable name, so literal
// parts hold the final bytes and expansion cannot meet an unknown name unless the caller's
// Variables lack one the loader accepted.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/model/source_location.h"

namespace wirecheck::harness {

// Variable name -> value (bytes, inserted as they are).
using Variables = std::map<std::string, std::string>;

struct TemplatePart {
  bool variable = false;
  std::string text;      // the literal bytes, or the variable's name ("path.ok")
  SourceLocation where;  // of the literal's first byte or of the variable's "{{"
};

struct Template {
  std::vector<TemplatePart> parts;

  static Template literal(std::string bytes, SourceLocation where = {});

  bool empty() const { return parts.empty(); }
  bool has_variables() const;
  // The bytes when there are no variables; variables are written back as "{{name}}".
  std::string text() const;
};

struct ExpandError {
  std::string message;  // "variable 'path.post' has no value"
  SourceLocation where;
};

std::optional<std::string> expand(const Template& t, const Variables& vars,
                                  ExpandError* error = nullptr);

}  // namespace wirecheck::harness
