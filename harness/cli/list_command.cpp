// `wirecheck list [PATHS...] [selection]`: what `run` would run, one case a line (id, level,
// RFC section, title), or as JSON. With --target-file, cases the target cannot run are marked
// with the reason they would be skipped.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "harness/cli/command.h"
#include "harness/cli/selection_options.h"
#include "harness/load/loader.h"
#include "harness/model/selection.h"
#include "harness/model/target.h"

namespace wirecheck::cli {
namespace {

struct ListOptions {
  std::vector<std::string> paths;
  SelectionOptions selection;
  std::string format = "plain";
  std::string target_file;
};

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", u);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string json_strings(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + json_string(items[i]);
  return out + "]";
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Why `target` cannot run `c`, or "".
std::string skip_reason(const harness::Case& c, const harness::Target* target) {
  if (!target) return {};
  std::vector<std::string> missing;
  for (const auto& cap : c.capabilities) {
    if (!target->has(cap)) missing.push_back(cap);
  }
  if (missing.empty()) return {};
  std::string out = "target '" + target->name + "' lacks ";
  for (size_t i = 0; i < missing.size(); ++i) out += (i ? ", " : "") + missing[i];
  return out;
}

int run_list(const ListOptions& options) {
  std::vector<std::string> paths = options.paths;
  if (paths.empty()) paths.push_back(kDefaultCasesDir);
  auto selection = options.selection.build(paths);
  if (!selection) return kExitUsage;
  std::optional<harness::Target> target;
  if (!options.target_file.empty()) {
    harness::Diagnostics d;
    target = harness::load_target(options.target_file, d);
    print_diagnostics(d);
    if (!target) return kExitUsage;
  }
  harness::LoadResult loaded = harness::load_cases(paths);
  print_diagnostics(loaded.diagnostics);
  if (!loaded.ok()) {
    std::fprintf(stderr, "wirecheck list: the case files have errors (see `wirecheck check`)\n");
    return kExitUsage;
  }
  auto cases = selection->apply(loaded.library);
  const harness::Target* t = target ? &*target : nullptr;

  if (options.format == "json") {
    std::printf("{\n  \"total\": %zu,\n  \"selected\": %zu,\n  \"cases\": [", loaded.library.case_count(),
                cases.size());
    for (size_t i = 0; i < cases.size(); ++i) {
      const harness::Case& c = *cases[i];
      std::string skip = skip_reason(c, t);
      std::printf(
          "%s\n    {\"id\": %s, \"suite\": %s, \"title\": %s, \"level\": %s, \"document\": %s, "
          "\"section\": %s, \"tags\": %s, \"points\": %s, \"serial\": %s, \"requires\": %s, "
          "\"defects\": %s, \"file\": %s, \"line\": %d%s}",
          i ? "," : "", json_string(c.id).c_str(), json_string(c.suite).c_str(),
          json_string(c.title).c_str(), json_string(harness::to_string(c.ref.level)).c_str(),
          json_string(c.ref.document).c_str(), json_string(c.ref.section).c_str(),
          json_strings(c.tags).c_str(), number(c.points).c_str(), c.serial ? "true" : "false",
          json_strings(c.capabilities).c_str(), json_strings(c.defects).c_str(),
          json_string(c.where.file).c_str(), c.where.line,
          skip.empty() ? "" : (", \"skip\": " + json_string(skip)).c_str());
    }
    std::printf("%s]\n}\n", cases.empty() ? "" : "\n  ");
    return kExitOk;
  }

  // "§" is two bytes but one column: pad by what the eye sees.
  auto columns = [](const std::string& s) {
    size_t n = s.size();
    for (size_t p = s.find("§"); p != std::string::npos; p = s.find("§", p + 1)) --n;
    return n;
  };
  size_t id_width = 2;
  size_t ref_width = 3;
  for (const auto* c : cases) {
    id_width = std::max(id_width, c->id.size());
    ref_width = std::max(ref_width, columns(c->ref.to_string()));
  }
  for (const auto* c : cases) {
    std::string ref = c->ref.to_string();
    size_t pad = ref_width - columns(ref);
    std::string skip = skip_reason(*c, t);
    std::printf("%-*s  %-6s  %s%*s  %s%s\n", static_cast<int>(id_width), c->id.c_str(),
                std::string(harness::to_string(c->ref.level)).c_str(), ref.c_str(),
                static_cast<int>(pad), "", c->title.c_str(),
                skip.empty() ? "" : ("  [skip: " + skip + "]").c_str());
  }
  std::fprintf(stderr, "%zu of %zu cases selected\n", cases.size(), loaded.library.case_count());
  return kExitOk;
}

CommandRegistration reg{20, [](CLI::App& app) -> CommandRun {
  auto options = std::make_shared<ListOptions>();
  auto* sub = app.add_subcommand("list", "Show the cases that would run, with their RFC sections");
  sub->add_option("paths", options->paths, "Case files or directories (default: cases)")
      ->type_name("PATH");
  options->selection.add_to(*sub);
  sub->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"plain", "json"}))
      ->default_str("plain");
  sub->add_option("--target-file", options->target_file,
                  "Target file (cases/targets/*.yaml): mark the cases it would skip")
      ->type_name("FILE");
  return [options] { return run_list(*options); };
}};

}  // namespace
}  // namespace wirecheck::cli
