#pragma once
// The flags that choose cases (--id, --tag, --section, --level, --shard, --profile), shared by
// `list` and `run` so both select exactly the same cases. Header-only: the CLI compiles only
// main.cpp and *_command.cpp.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/load/diagnostic.h"
#include "harness/load/loader.h"
#include "harness/model/level.h"
#include "harness/model/selection.h"
#include "harness/model/tag_expr.h"

namespace wirecheck::cli {

inline const char* kDefaultCasesDir = "cases";

struct SelectionOptions {
  std::vector<std::string> ids;
  std::vector<std::string> tags;
  std::vector<std::string> sections;
  std::vector<std::string> levels;
  std::string shard;
  std::string profile;

  void add_to(CLI::App& app) {
    app.add_option("--id", ids, "Case ids to run; globs (* ? [..]) allowed; repeatable (any)")
        ->type_name("GLOB");
    app.add_option("--tag", tags,
                   "Tag expression, e.g. 'smuggling and not slow'; repeatable (all must hold)")
        ->type_name("EXPR");
    app.add_option("--section", sections,
                   "RFC section prefix: 9112:6.1, 9112 or 6.1; repeatable (any)")
        ->type_name("RFC:SECTION");
    app.add_option("--level", levels, "Requirement level: must, should, may; repeatable or "
                                       "comma-separated (any)")
        ->delimiter(',')
        ->type_name("LEVEL");
    app.add_option("--shard", shard, "Run shard K of N (1-based), split by a hash of the id")
        ->type_name("K/N");
    app.add_option("--profile", profile,
                   "Profile name (cases/profiles/NAME.yaml) or file: which cases apply and "
                   "their parameters")
        ->type_name("NAME|FILE");
  }

  // Where a profile named NAME lives: PATH/profiles/NAME.yaml for each directory among the
  // case paths, then cases/profiles/NAME.yaml.
  static std::optional<std::string> find_profile(const std::string& name,
                                                 const std::vector<std::string>& case_paths) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_regular_file(name, ec)) return name;
    std::vector<std::string> dirs;
    for (const auto& p : case_paths) {
      if (fs::is_directory(p, ec)) dirs.push_back(p);
    }
    dirs.push_back(kDefaultCasesDir);
    for (const auto& d : dirs) {
      for (const char* ext : {".yaml", ".yml"}) {
        fs::path candidate = fs::path(d) / "profiles" / (name + ext);
        if (fs::is_regular_file(candidate, ec)) return candidate.string();
      }
    }
    return std::nullopt;
  }

  // The selection, or nullopt after printing what is wrong (a usage error, exit code 2).
  std::optional<harness::Selection> build(const std::vector<std::string>& case_paths) const {
    harness::Selection s;
    s.ids = ids;
    bool ok = true;
    auto fail = [&](const std::string& message) {
      std::fprintf(stderr, "wirecheck: %s\n", message.c_str());
      ok = false;
    };
    if (!tags.empty()) {
      std::string joined;
      for (const auto& t : tags) {
        harness::TagExprError error;
        if (!harness::TagExpr::parse(t, &error)) {
          fail("--tag '" + t + "': " + error.message + " (column " + std::to_string(error.column) +
               ")");
        }
        joined += joined.empty() ? "(" + t + ")" : " and (" + t + ")";
      }
      if (ok) s.tags = harness::TagExpr::parse(tags.size() == 1 ? tags.front() : joined);
    }
    for (const auto& text : sections) {
      std::string error;
      if (auto f = harness::parse_section_filter(text, &error)) {
        s.sections.push_back(*f);
      } else {
        fail("--section '" + text + "': " + error);
      }
    }
    for (const auto& text : levels) {
      if (auto l = harness::parse_level(text)) {
        s.levels.push_back(*l);
      } else {
        fail("--level '" + text + "': use must, should or may");
      }
    }
    if (!shard.empty()) {
      std::string error;
      if (auto sh = harness::parse_shard(shard, &error)) {
        s.shard = *sh;
      } else {
        fail("--shard '" + shard + "': " + error);
      }
    }
    if (!profile.empty()) {
      auto file = find_profile(profile, case_paths);
      if (!file) {
        fail("--profile '" + profile + "': no such profile (looked for profiles/" + profile +
             ".yaml beside the cases)");
      } else {
        harness::Diagnostics diagnostics;
        auto p = harness::load_profile(*file, diagnostics);
        for (const auto& d : diagnostics.items()) {
          std::fprintf(stderr, "%s\n", d.to_string().c_str());
        }
        if (p) {
          s.profile = std::move(*p);
        } else {
          ok = false;
        }
      }
    }
    if (!ok) return std::nullopt;
    return s;
  }
};

// Prints diagnostics to stderr, one per line, in the compiler format.
inline void print_diagnostics(const harness::Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.items()) std::fprintf(stderr, "%s\n", d.to_string().c_str());
}

}  // namespace wirecheck::cli
