#include "harness/model/template.h"

namespace wirecheck::harness {

Template Template::literal(std::string bytes, SourceLocation where) {
  Template t;
  t.parts.push_back({false, std::move(bytes), std::move(where)});
  return t;
}

bool Template::has_variables() const {
  for (const auto& p : parts) {
    if (p.variable) return true;
  }
  return false;
}

std::string Template::text() const {
  std::string out;
  for (const auto& p : parts) {
    if (p.variable) {
      out += "{{" + p.text + "}}";
    } else {
      out += p.text;
    }
  }
  return out;
}

std::optional<std::string> expand(const Template& t, const Variables& vars, ExpandError* error) {
  std::string out;
  for (const auto& p : t.parts) {
    if (!p.variable) {
      out += p.text;
      continue;
    }
    auto it = vars.find(p.text);
    if (it == vars.end()) {
      if (error) *error = {"variable '" + p.text + "' has no value", p.where};
      return std::nullopt;
    }
    out += it->second;
  }
  return out;
}

}  // namespace wirecheck::harness
