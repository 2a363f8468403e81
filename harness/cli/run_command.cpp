// `wirecheck run [PATHS...] [--target HOST:PORT] [selection] [--jobs N] [--timeout-scale X]
//                [--strict] [--report FORMAT=FILE ...] [--save-transcripts DIR]`
// Loads the case files, checks once that the target answers, runs the selected cases and
// reports them: live progress on a terminal, then the console report; other formats to files,
// written atomically. Without --target the reference server is started in this process on a
// free loopback port. SIGINT/SIGTERM stop the run; what finished is still reported.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/cli/command.h"
#include "harness/cli/selection_options.h"
#include "harness/load/loader.h"
#include "harness/model/selection.h"
#include "harness/model/target.h"
#include "harness/run/runner.h"
#include "harness/run/transcript_text.h"
#include "reference/net/address.h"
#include "reference/server/server.h"
#include "reports/report.h"

namespace wirecheck::cli {
namespace {

// Set by SIGINT/SIGTERM; a lock-free atomic store is async-signal-safe.
std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};

void on_stop_signal(int sig) {
  g_signal.store(sig);
  g_stop.store(true);
  // A second signal ends the process at once, for a run that does not stop soon enough.
  ::signal(sig, SIG_DFL);
}

struct RunFlags {
  std::vector<std::string> paths;
  SelectionOptions selection;
  std::string target;
  std::string target_file;
  unsigned jobs = 8;
  double timeout_scale = 1.0;
  bool strict = false;
  std::vector<std::string> reports;
  std::string save_transcripts;
  std::string color = "auto";
  bool verbose = false;
};

void complain(const std::string& message) {
  std::fprintf(stderr, "wirecheck run: %s\n", message.c_str());
}

bool use_color(const std::string& when) {
  if (when == "always") return true;
  if (when == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
}

// Writes each case's transcript to DIR/<id>.txt. Returns false (after saying why) on failure.
bool save_transcripts(const std::string& dir, const harness::RunResult& run) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    complain("cannot create " + dir + ": " + ec.message());
    return false;
  }
  bool ok = true;
  for (const auto& r : run.results) {
    std::string path = (std::filesystem::path(dir) / harness::transcript_file_name(r)).string();
    std::string error;
    if (!reports::write_file_atomically(path, harness::transcript_text(r), &error)) {
      complain(error);
      ok = false;
    }
  }
  return ok;
}

int run(const RunFlags& f) {
  std::vector<std::string> paths = f.paths;
  if (paths.empty()) paths.push_back(kDefaultCasesDir);

  // Everything that can be wrong with the command line is found before anything runs.
  std::vector<reports::ReportRequest> report_requests;
  for (const auto& spec : f.reports) {
    std::string error;
    auto request = reports::parse_report_flag(spec, &error);
    if (!request) {
      complain("--report '" + spec + "': " + error);
      return kExitUsage;
    }
    report_requests.push_back(*request);
  }
  if (!(f.timeout_scale > 0)) {
    complain("--timeout-scale must be more than 0");
    return kExitUsage;
  }
  if (f.jobs == 0) {
    complain("--jobs must be at least 1");
    return kExitUsage;
  }
  if (f.color != "auto" && f.color != "always" && f.color != "never") {
    complain("--color must be auto, always or never");
    return kExitUsage;
  }
  auto selection = f.selection.build(paths);
  if (!selection) return kExitUsage;

  harness::RunOptions options;
  if (!f.target_file.empty()) {
    harness::Diagnostics d;
    auto target = harness::load_target(f.target_file, d);
    print_diagnostics(d);
    if (!target) return kExitUsage;
    options.target = std::move(*target);
  }
  std::optional<net::HostPort> where;
  if (!f.target.empty()) {
    auto parsed = net::parse_host_port(f.target);
    if (!parsed) {
      complain("--target '" + f.target + "': " + parsed.error());
      return kExitUsage;
    }
    where = parsed.value();
  }

  harness::LoadResult loaded = harness::load_cases(paths);
  print_diagnostics(loaded.diagnostics);
  if (!loaded.ok()) {
    complain("the case files have errors; nothing was run (see `wirecheck check`)");
    return kExitUsage;
  }
  std::vector<const harness::Case*> cases = selection->apply(loaded.library);
  if (cases.empty() && !selection->shard) {
    complain("no case matches the selection (" + std::to_string(loaded.library.case_count()) +
             " cases loaded; see `wirecheck list`)");
    return kExitUsage;
  }

  // The target: the one given, or the reference server in this process.
  std::unique_ptr<server::Server> reference;
  if (where) {
    options.host = where->host;
    options.port = where->port;
  } else {
    server::ServerConfig config;
    config.listen = "127.0.0.1:0";
    config.log = [](std::string_view) {};
    config.connection_log = false;
    // A profile for a plain-TCP reply service (it sets reply.text) is tested against the
    // reference server's reply mode, answering with that text in that encoding.
    if (selection->profile) {
      const auto& params = selection->profile->parameters;
      if (auto text = params.find("reply.text"); text != params.end()) {
        config.mode = server::Mode::reply;
        config.reply_text = text->second;
        if (auto enc = params.find("reply.encoding"); enc != params.end()) {
          config.encoding = enc->second;
        }
      }
    }
    reference = std::make_unique<server::Server>(config);
    auto started = reference->start();
    if (!started) {
      complain("no --target given and the reference server could not start: " + started.error());
      return kExitUnreachable;
    }
    options.host = "127.0.0.1";
    options.port = reference->port();
    options.label = "reference server (" + reference->host_port() + ")";
    std::fprintf(stderr, "wirecheck run: no --target; testing the reference server on %s%s\n",
                 reference->host_port().c_str(),
                 config.mode == server::Mode::reply ? " (plain TCP, reply mode)" : "");
  }
  if (selection->profile) options.profile = selection->profile;
  options.jobs = f.jobs;
  options.timeout_scale = f.timeout_scale;
  options.stop = &g_stop;

  if (!cases.empty()) {
    auto probe = harness::probe_target(options);
    if (!probe.ok) {
      complain("the target cannot be reached, so no case was run: " + probe.message);
      return kExitUnreachable;
    }
  }

  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  struct sigaction old_int {
  }, old_term{};
  ::sigaction(SIGINT, &action, &old_int);
  ::sigaction(SIGTERM, &action, &old_term);
  ::signal(SIGPIPE, SIG_IGN);

  reports::Progress progress(cases.size(), ::isatty(STDERR_FILENO) != 0);
  options.on_finished = [&progress](const harness::CaseResult& r) { progress.finished(r); };
  harness::RunResult result = harness::run_cases(cases, options);
  progress.done();
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGTERM, &old_term, nullptr);
  if (reference) reference->stop();

  reports::ConsoleOptions console;
  console.color = use_color(f.color);
  console.verbose = f.verbose;
  console.target = f.target;
  reports::print_console(result, std::cout, console);
  std::cout.flush();

  bool files_ok = true;
  for (const auto& request : report_requests) {
    std::string error;
    if (!reports::write_file_atomically(request.path, reports::render(result, request.format),
                                        &error)) {
      complain(error);
      files_ok = false;
    }
  }
  if (!f.save_transcripts.empty() && !save_transcripts(f.save_transcripts, result)) {
    files_ok = false;
  }

  if (g_stop.load()) {
    int sig = g_signal.load();
    complain(std::string("stopped by ") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") + ": " +
             std::to_string(result.results.size()) + " of " + std::to_string(cases.size()) +
             " cases finished; the reports hold those");
    return 128 + (sig == 0 ? SIGINT : sig);
  }
  if (!files_ok) return kExitUsage;
  return result.failed(f.strict) ? kExitFailures : kExitOk;
}

CommandRun setup(CLI::App& app) {
  auto f = std::make_shared<RunFlags>();
  auto* cmd = app.add_subcommand("run", "Run cases against a target and report the verdicts");
  cmd->add_option("paths", f->paths, "Case files or directories (default: cases)")
      ->type_name("PATH");
  cmd->add_option("--target", f->target,
                  "HOST:PORT of the server under test ([::1]:8080 for IPv6); without it, the "
                  "reference server is started on a free loopback port (in its plain-TCP reply "
                  "mode when the profile sets reply.text)")
      ->type_name("HOST:PORT");
  cmd->add_option("--target-file", f->target_file,
                  "What the target offers: resources for {{path.*}} and capabilities")
      ->type_name("FILE");
  f->selection.add_to(*cmd);
  cmd->add_option("--jobs,-j", f->jobs, "Cases run at once (serial cases always alone)")
      ->capture_default_str();
  cmd->add_option("--timeout-scale", f->timeout_scale,
                  "Multiply every timeout, for slow machines or slow targets")
      ->capture_default_str();
  cmd->add_flag("--strict", f->strict, "Warnings count as failures for the exit code");
  cmd->add_option("--report", f->reports,
                  "Also write a report: junit=FILE, json=FILE, markdown=FILE, html=FILE, "
                  "console=FILE (repeatable)")
      ->type_name("FORMAT=FILE");
  cmd->add_option("--save-transcripts", f->save_transcripts,
                  "Write every case's transcript to DIR/<id>.txt")
      ->type_name("DIR");
  cmd->add_option("--color", f->color, "auto, always or never (auto honours NO_COLOR)")
      ->capture_default_str();
  cmd->add_flag("--verbose,-v", f->verbose,
                "Every case on a line, and whole transcripts of the cases that did not pass");
  return [f] { return run(*f); };
}

const CommandRegistration registration{10, setup};

}  // namespace
}  // namespace wirecheck::cli
