// `wirecheck serve`: the reference server. HTTP/1.1 with routes made for testing (see
// reference/server/routes.h), or the plain-TCP echo and reply modes. Stops gracefully on
// SIGTERM or SIGINT: no new connections, responses in flight finish (bounded by
// --shutdown-grace), then it exits 0.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <pthread.h>
#include <string>
#include <vector>

#include "harness/cli/command.h"
#include "harness/model/duration.h"
#include "reference/server/defects.h"
#include "reference/server/server.h"

namespace wirecheck::cli {
namespace {

struct ServeFlags {
  std::string listen = "127.0.0.1:8080";
  std::string mode = "http";
  std::string docroot;
  unsigned workers = 0;
  std::string reply_text;
  std::string encoding = "UTF-8";
  bool single_client = false;
  bool no_defer_accept = false;
  bool access_log = false;
  bool quiet = false;
  size_t max_connections = 10000;
  std::string max_body = "16777216";
  std::string header_timeout = "10s";
  std::string body_timeout = "10s";
  std::string idle_timeout = "30s";
  std::string write_timeout = "10s";
  std::string shutdown_grace = "5s";
  std::vector<std::string> defects;
  bool list_defects = false;
};

bool duration_flag(const std::string& flag, const std::string& text,
                   std::chrono::milliseconds& out) {
  std::string why;
  auto d = harness::parse_duration(text, &why);
  if (!d) {
    std::cerr << "wirecheck serve: " << flag << " \"" << text << "\": " << why << "\n";
    return false;
  }
  out = *d;
  return true;
}

int list_defects() {
  std::cout << "Defects deliberately break one behaviour; they exist to test the case library.\n";
  for (const auto& d : server::all_defects()) {
    std::printf("  %-28.*s %.*s (%.*s)\n", static_cast<int>(d.name.size()), d.name.data(),
                static_cast<int>(d.what.size()), d.what.data(), static_cast<int>(d.section.size()),
                d.section.data());
  }
  return kExitOk;
}

int serve(const ServeFlags& f) {
  if (f.list_defects) return list_defects();
  server::ServerConfig cfg;
  cfg.listen = f.listen;
  if (!server::parse_mode(f.mode, cfg.mode)) {
    std::cerr << "wirecheck serve: --mode must be http, echo or reply, not \"" << f.mode << "\"\n";
    return kExitUsage;
  }
  cfg.docroot = f.docroot;
  cfg.workers = f.workers;
  if (!f.reply_text.empty()) cfg.reply_text = f.reply_text;
  cfg.encoding = f.encoding;
  cfg.single_client = f.single_client;
  cfg.defer_accept = !f.no_defer_accept;
  cfg.access_log = f.access_log;
  cfg.connection_log = !f.quiet;
  cfg.max_connections = f.max_connections;
  try {
    cfg.max_body_bytes = std::stoull(f.max_body);
  } catch (const std::exception&) {
    std::cerr << "wirecheck serve: --max-body takes a number of bytes, not \"" << f.max_body
              << "\"\n";
    return kExitUsage;
  }
  if (!duration_flag("--header-timeout", f.header_timeout, cfg.header_timeout) ||
      !duration_flag("--body-timeout", f.body_timeout, cfg.body_timeout) ||
      !duration_flag("--idle-timeout", f.idle_timeout, cfg.idle_timeout) ||
      !duration_flag("--write-timeout", f.write_timeout, cfg.write_timeout) ||
      !duration_flag("--shutdown-grace", f.shutdown_grace, cfg.shutdown_grace)) {
    return kExitUsage;
  }
  for (const auto& name : f.defects) {
    server::Defect d;
    if (!server::parse_defect(name, d)) {
      std::cerr << "wirecheck serve: unknown defect \"" << name
                << "\" (see wirecheck serve --list-defects)\n";
      return kExitUsage;
    }
    cfg.defects.add(d);
  }

  // Signals are taken by this thread with sigwait(); the event-loop threads inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  server::Server srv(cfg);
  auto started = srv.start();
  if (!started) {
    std::cerr << "wirecheck serve: " << started.error() << "\n";
    return kExitUsage;
  }
  std::string scheme = cfg.mode == server::Mode::http ? "http://" : "tcp://";
  std::cout << "wirecheck serve: listening on " << scheme << srv.host_port() << " (mode "
            << server::name(cfg.mode) << ", " << srv.worker_count()
            << (srv.worker_count() == 1 ? " worker" : " workers")
            << (cfg.single_client ? ", one client at a time; others wait queued" : "") << ")"
            << std::endl;
  if (cfg.defects.any()) {
    std::cout << "wirecheck serve: DEFECTS ON (for testing only): " << cfg.defects.names()
              << std::endl;
  }

  int sig = 0;
  sigwait(&stop_signals, &sig);
  std::cout << "wirecheck serve: " << (sig == SIGTERM ? "SIGTERM" : "SIGINT")
            << ": not accepting; finishing responses in flight for up to "
            << harness::format_duration(cfg.shutdown_grace) << std::endl;
  srv.stop();
  auto s = srv.stats();
  std::cout << "wirecheck serve: stopped after " << s.accepted << " connections, " << s.requests
            << (cfg.mode == server::Mode::http ? " requests" : " messages") << ", "
            << s.bad_requests << " rejected, " << s.timeouts << " timed out" << std::endl;
  return kExitOk;
}

CommandRun setup(CLI::App& app) {
  auto flags = std::make_shared<ServeFlags>();
  auto* cmd = app.add_subcommand("serve", "Run the reference server (HTTP, or plain TCP echo/reply)");
  cmd->add_option("--listen", flags->listen, "HOST:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  cmd->add_option("--mode", flags->mode, "http, echo or reply")->capture_default_str();
  cmd->add_option("--docroot", flags->docroot,
                  "Serve files from DIR for paths no built-in route claims");
  cmd->add_option("--workers", flags->workers, "Event-loop threads (0: one per core)")
      ->capture_default_str();
  cmd->add_option("--reply-text", flags->reply_text,
                  "reply mode: the answer to every message (default \"ok，问题正在处理中...\")");
  cmd->add_option("--encoding", flags->encoding,
                  "reply mode: encoding of the reply and of logged messages (e.g. gbk)")
      ->capture_default_str();
  cmd->add_flag("--single-client", flags->single_client,
                "Serve one connection at a time; later clients wait in the listen queue");
  cmd->add_flag("--no-defer-accept", flags->no_defer_accept,
                "http mode: accept a connection at once, not when its first bytes arrive "
                "(TCP_DEFER_ACCEPT); a silent client then meets its header timeout a second "
                "sooner");
  cmd->add_flag("--access-log", flags->access_log, "Log every HTTP request to stderr");
  cmd->add_flag("--quiet", flags->quiet, "No connect/disconnect lines in the TCP modes");
  cmd->add_option("--max-connections", flags->max_connections,
                  "Answer 503 and close beyond this many open connections")
      ->capture_default_str();
  cmd->add_option("--max-body", flags->max_body, "Largest request body in bytes (413 beyond)")
      ->capture_default_str();
  cmd->add_option("--header-timeout", flags->header_timeout,
                  "Time allowed for a request head to arrive")
      ->capture_default_str();
  cmd->add_option("--body-timeout", flags->body_timeout,
                  "Longest silence while a request body arrives")
      ->capture_default_str();
  cmd->add_option("--idle-timeout", flags->idle_timeout,
                  "Keep-alive (and TCP mode) silence before closing")
      ->capture_default_str();
  cmd->add_option("--write-timeout", flags->write_timeout,
                  "Longest stall while a client does not read")
      ->capture_default_str();
  cmd->add_option("--shutdown-grace", flags->shutdown_grace,
                  "On SIGTERM, how long in-flight responses may take")
      ->capture_default_str();
  cmd->add_option("--defect", flags->defects,
                  "FOR TESTING: break one behaviour on purpose (repeatable; --list-defects)");
  cmd->add_flag("--list-defects", flags->list_defects, "List the test-only defects and exit");
  return [flags] { return serve(*flags); };
}

const CommandRegistration registration{60, setup};

}  // namespace
}  // namespace wirecheck::cli
