// `wirecheck`: the command-line entry point. Subcommands register themselves (see command.h).
#include <algorithm>
#include <cstdio>
#include <exception>
#include <map>

#include "harness/cli/command.h"

namespace wirecheck::cli {
std::vector<CommandEntry>& command_registry() {
  static std::vector<CommandEntry> registry;
  return registry;
}
}  // namespace wirecheck::cli

int main(int argc, char** argv) {
  using namespace wirecheck::cli;
  CLI::App app{"wirecheck: conformance and fuzz testing for HTTP/1.1 and TCP servers"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "wirecheck 0.1.0");

  auto entries = command_registry();
  std::stable_sort(entries.begin(), entries.end(),
                   [](const CommandEntry& a, const CommandEntry& b) { return a.order < b.order; });
  std::map<CLI::App*, CommandRun> runs;
  for (auto& entry : entries) {
    size_t before = app.get_subcommands({}).size();
    CommandRun run = entry.setup(app);
    auto subs = app.get_subcommands({});
    if (subs.size() > before) runs[subs.back()] = std::move(run);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    // CLI11 returns 0 for --help/--version; every real parse error is a usage error.
    return code == 0 ? kExitOk : kExitUsage;
  }
  for (auto* sub : app.get_subcommands()) {
    auto it = runs.find(sub);
    if (it == runs.end()) continue;
    try {
      return it->second();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "wirecheck %s: %s\n", sub->get_name().c_str(), e.what());
      return kExitUsage;
    }
  }
  return kExitUsage;
}
