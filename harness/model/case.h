#pragma once
// Suites and cases: what the loader produces from case files and what the runner executes.
// Plain data; a Library owns everything and keeps the order of the files (sorted) and of the
// cases within them, which is the order results are reported in.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "harness/model/duration.h"
#include "harness/model/level.h"
#include "harness/model/source_location.h"
#include "harness/model/steps.h"
#include "harness/model/template.h"

namespace wirecheck::harness {

struct RfcRef {
  std::string document;  // "RFC 9112" (from the suite's `spec` unless the case says otherwise)
  std::string section;   // "6.1" (may be empty for suites that are not about an RFC)
  Level level = Level::must;
  std::string text;      // the requirement's sentence

  // "RFC 9112 §6.1", or the document alone.
  std::string to_string() const;
};

// Everything about a case except how to run it: what results and reports carry.
struct CaseInfo {
  std::string id;  // globally unique, stable: [a-z0-9._-]
  std::string suite;
  std::string title;
  std::string why;
  RfcRef ref;
  std::vector<std::string> tags;          // defaults' tags first, then the case's, no repeats
  double points = 1;
  bool serial = false;                    // runs alone, never beside other cases
  std::vector<std::string> capabilities;  // the target must have all of these (`requires:`)
  // The fail proof (`defect:`): deliberate defects of the reference server (`wirecheck serve
  // --defect NAME`) that this case must catch, i.e. not pass against. The library's self-test
  // runs every case against each defect it names.
  std::vector<std::string> defects;
  SourceLocation where;                   // of the case's `id`
};

struct Case : CaseInfo {
  Duration timeout{5000};
  std::vector<Step> steps;
  // Parameters the suite declares, with their default values ({{reply.text}}); a profile may
  // override them (variables.h).
  Variables parameters;
};

struct Suite {
  std::string name;
  std::string spec;  // "RFC 9112"
  std::string description;
  SourceLocation where;  // of the file (line 0)
  Variables parameters;
  std::vector<Case> cases;
};

struct Library {
  std::vector<Suite> suites;

  std::vector<const Case*> cases() const;  // file order, then case order
  size_t case_count() const;
  const Case* find(std::string_view id) const;
};

}  // namespace wirecheck::harness
