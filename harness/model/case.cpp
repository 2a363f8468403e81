#include "harness/model/case.h"

namespace wirecheck::harness {

std::string RfcRef::to_string() const {
  if (section.empty()) return document;
  if (document.empty()) return "§" + section;
  return document + " §" + section;
}

std::vector<const Case*> Library::cases() const {
  std::vector<const Case*> out;
  out.reserve(case_count());
  for (const auto& suite : suites) {
    for (const auto& c : suite.cases) out.push_back(&c);
  }
  return out;
}

size_t Library::case_count() const {
  size_t n = 0;
  for (const auto& suite : suites) n += suite.cases.size();
  return n;
}

const Case* Library::find(std::string_view id) const {
  for (const auto& suite : suites) {
    for (const auto& c : suite.cases) {
      if (c.id == id) return &c;
    }
  }
  return nullptr;
}

}  // namespace wirecheck::harness
