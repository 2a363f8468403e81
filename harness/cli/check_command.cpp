// `wirecheck check [PATHS...]`: validates case files (and the target files and profiles beside
// them) without running anything. Exit 2 when any file has an error.
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "harness/cli/command.h"
#include "harness/cli/selection_options.h"
#include "harness/load/loader.h"
#include "harness/load/suggest.h"
#include "harness/model/selection.h"

namespace wirecheck::cli {
namespace {

namespace fs = std::filesystem;
using harness::Diagnostics;

std::vector<std::string> yaml_files_in(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    auto ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
      out.push_back(entry.path().generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

struct CheckOptions {
  std::vector<std::string> paths;
  bool werror = false;
  bool quiet = false;
};

int run_check(const CheckOptions& options) {
  std::vector<std::string> paths = options.paths;
  if (paths.empty()) paths.push_back(kDefaultCasesDir);
  harness::LoadResult loaded = harness::load_cases(paths);
  Diagnostics& d = loaded.diagnostics;

  // Target files and profiles in targets/ and profiles/ of each directory checked.
  size_t targets = 0;
  std::vector<harness::Profile> profiles;
  for (const auto& p : paths) {
    for (const auto& f : yaml_files_in(fs::path(p) / "targets")) {
      ++targets;
      (void)harness::load_target(f, d);
    }
    for (const auto& f : yaml_files_in(fs::path(p) / "profiles")) {
      if (auto profile = harness::load_profile(f, d)) profiles.push_back(std::move(*profile));
    }
  }
  // A profile that sets a parameter no suite declares has a typo, or its suites are missing.
  std::set<std::string> declared;
  std::vector<std::string> declared_list;
  for (const auto& s : loaded.library.suites) {
    for (const auto& [name, value] : s.parameters) {
      if (declared.insert(name).second) declared_list.push_back(name);
    }
  }
  for (const auto& profile : profiles) {
    if (!loaded.ok()) break;
    for (const auto& [name, value] : profile.parameters) {
      if (!declared.count(name)) {
        d.warning(profile.where, "profile '" + profile.name + "' sets parameter '" + name +
                                     "' that no suite declares" +
                                     harness::did_you_mean(name, declared_list));
      }
    }
    harness::Selection only;
    only.profile = profile;
    if (only.apply(loaded.library).empty()) {
      d.warning(profile.where, "profile '" + profile.name + "' selects no case");
    }
  }

  print_diagnostics(d);
  size_t cases = loaded.library.case_count();
  std::string summary = plural(cases, "case", "cases") + " in " +
                        plural(loaded.files, "file", "files");
  if (targets) summary += ", " + plural(targets, "target", "targets");
  if (!profiles.empty() || d.errors()) {
    // Profiles that failed to load are counted among the errors, not here.
    if (!profiles.empty()) summary += ", " + plural(profiles.size(), "profile", "profiles");
  }
  bool failed = d.has_errors() || (options.werror && d.warnings() > 0);
  if (d.errors() == 0 && d.warnings() == 0) {
    summary += ": ok";
  } else {
    summary += ": ";
    if (d.errors()) summary += plural(d.errors(), "error", "errors");
    if (d.errors() && d.warnings()) summary += ", ";
    if (d.warnings()) summary += plural(d.warnings(), "warning", "warnings");
  }
  if (!options.quiet || failed) std::printf("%s\n", summary.c_str());
  return failed ? kExitUsage : kExitOk;
}

CommandRegistration reg{30, [](CLI::App& app) -> CommandRun {
  auto options = std::make_shared<CheckOptions>();
  auto* sub = app.add_subcommand("check", "Validate case files (and targets/, profiles/) without "
                                          "running anything");
  sub->add_option("paths", options->paths, "Case files or directories (default: cases)")
      ->type_name("PATH");
  sub->add_flag("--warnings-as-errors,-W", options->werror, "Fail on warnings too");
  sub->add_flag("--quiet,-q", options->quiet, "Print only problems");
  return [options] { return run_check(*options); };
}};

}  // namespace
}  // namespace wirecheck::cli
