#pragma once
// Each `wirecheck` subcommand lives in its own file and registers itself here, so adding a
// subcommand touches no shared file: define a static CommandRegistration in the command's .cpp.
#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace wirecheck::cli {

// Exit codes shared by every subcommand (documented in README.md).
enum ExitCode : int {
  kExitOk = 0,           // everything passed (warnings allowed)
  kExitFailures = 1,     // some case failed
  kExitUsage = 2,        // bad flag, bad case file
  kExitUnreachable = 3,  // the target could not be reached
};

// `setup` adds the subcommand to `app` and returns the function that runs it once CLI11 has
// parsed the flags; that function returns the process exit code.
using CommandRun = std::function<int()>;
using CommandSetup = std::function<CommandRun(CLI::App& app)>;

struct CommandEntry {
  int order;  // position in `wirecheck --help`
  CommandSetup setup;
};

std::vector<CommandEntry>& command_registry();

struct CommandRegistration {
  CommandRegistration(int order, CommandSetup setup) {
    command_registry().push_back({order, std::move(setup)});
  }
};

}  // namespace wirecheck::cli
