#pragma once
// Loading case files, target files and profiles. Strict: unknown keys, wrong types, missing
// keys, duplicate ids (across files too), bad escapes, durations, status patterns, regexes,
// unknown variables and steps in an order that makes no sense are all reported, every one of
// them, with file:line:column. A case with an error is left out of the library; the caller
// decides what to do with the rest (`wirecheck check` and `run` stop with exit code 2).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/load/diagnostic.h"
#include "harness/model/case.h"
#include "harness/model/profile.h"
#include "harness/model/target.h"

namespace wirecheck::harness {

struct LoadResult {
  Library library;
  Diagnostics diagnostics;
  size_t files = 0;  // case files read

  bool ok() const { return !diagnostics.has_errors(); }
};

// Files and directories; a directory means every *.yaml and *.yml below it, in sorted order,
// except those under directories named `targets` or `profiles` (loaded separately).
LoadResult load_cases(const std::vector<std::string>& paths);

// One case file from memory (tests, stdin). Relative `file:` payloads resolve against the
// directory of `file_name`.
LoadResult load_cases_text(std::string_view text, const std::string& file_name);

// The case files `load_cases` would read for `paths`, sorted, with a diagnostic for each path
// that does not exist.
std::vector<std::string> case_files(const std::vector<std::string>& paths, Diagnostics& diagnostics);

// cases/targets/<name>.yaml. Resources are merged over the reference server's (a value of ~
// removes one); `capabilities`, when given, replaces the reference server's list.
std::optional<Target> load_target(const std::string& file, Diagnostics& diagnostics);
std::optional<Target> load_target_text(std::string_view text, const std::string& file_name,
                                       Diagnostics& diagnostics);

// cases/profiles/<name>.yaml. The profile's root (for `paths`) is the parent of the directory
// the file is in.
std::optional<Profile> load_profile(const std::string& file, Diagnostics& diagnostics);
std::optional<Profile> load_profile_text(std::string_view text, const std::string& file_name,
                                         Diagnostics& diagnostics);

}  // namespace wirecheck::harness
