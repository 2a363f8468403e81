#include "harness/grade/server_start.h"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "harness/grade/placeholders.h"
#include "reference/net/address.h"
#include "reference/net/deadline.h"
#include "reference/net/tcp.h"

namespace wirecheck::harness {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

constexpr int kMaxPortAttempts = 3;

bool mentions_port_in_use(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.find("address already in use") != std::string::npos ||
         lower.find("eaddrinuse") != std::string::npos;
}

void append_marker(const std::string& path, const std::string& line) {
  std::ofstream out(path, std::ios::app | std::ios::binary);
  out << line << '\n';
}

std::string with_tail(std::string message, const ServerProcess& process) {
  std::string tail = file_tail(process.stderr_path(), process.stderr_offset());
  if (!tail.empty()) message += " (last lines of its stderr: " + tail + ")";
  return message;
}

}  // namespace

std::string exec_form(const std::string& command) {
  size_t start = command.find_first_not_of(" \t");
  if (start == std::string::npos) return command;
  size_t end = command.find_first_of(" \t", start);
  std::string first = command.substr(start, end == std::string::npos ? end : end - start);
  static const char* keywords[] = {"if", "for", "while", "until", "case", "{", "!", "exec",
                                   "cd", "export", "set", ".", "source", "trap", "ulimit"};
  for (const char* k : keywords) {
    if (first == k) return command;
  }
  if (first.find('=') != std::string::npos) return command;
  char quote = 0;
  for (size_t i = 0; i < command.size(); ++i) {
    char c = command[i];
    if (quote) {
      if (c == quote) quote = 0;
      else if (c == '\\' && quote == '"') ++i;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '\\') {
      ++i;
    } else if (c == ';' || c == '|' || c == '(' || c == ')' || c == '`' || c == '\n') {
      return command;
    } else if (c == '&') {
      bool redirection = (i > 0 && (command[i - 1] == '>' || command[i - 1] == '<')) ||
                         (i + 1 < command.size() && command[i + 1] == '>');
      if (!redirection) return command;
    }
  }
  return "exec " + command.substr(start);
}

std::string seconds_text(milliseconds d) {
  if (d.count() < 1000) return std::to_string(d.count()) + " ms";
  if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + " s";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f s", static_cast<double>(d.count()) / 1000.0);
  return buffer;
}

std::string start_command(const Student& student, const std::string& host, uint16_t port) {
  PlaceholderValues values = {{"port", std::to_string(port)},
                              {"host", host},
                              {"dir", student.dir},
                              {"docroot", student.docroot},
                              {"name", student.name}};
  return expand_placeholders(student.start, values, /*shell=*/true);
}

std::variant<StartedServer, StartFailure> start_server(const StartRequest& request) {
  const Student& student = *request.student;
  auto began = Clock::now();
  milliseconds ready_within(
      static_cast<int64_t>(static_cast<double>(student.limits.ready.count()) * request.timeout_scale));
  std::vector<std::string> notes;
  auto stopping = [&] { return request.stop && request.stop->load(); };

  for (int attempt = 1; attempt <= kMaxPortAttempts; ++attempt) {
    std::string error;
    auto port = take_free_port(&error);
    if (!port) return StartFailure{"could not be started: " + error};
    PortLease lease(*port);

    SpawnSpec spec;
    spec.command = exec_form(start_command(student, request.host, *port));
    spec.dir = student.dir;
    PlaceholderValues values = {{"port", std::to_string(*port)},
                                {"host", request.host},
                                {"dir", student.dir},
                                {"docroot", student.docroot},
                                {"name", student.name}};
    for (const auto& v : student.env) {
      spec.env.push_back({v.name, expand_placeholders(v.value, values, /*shell=*/false)});
    }
    spec.stdout_path = request.stdout_path;
    spec.stderr_path = request.stderr_path;
    spec.limits = process_limits(student.limits);
    std::string marker = "==> wirecheck: start " + std::to_string(request.start_number) +
                         (request.why.empty() ? "" : " (" + request.why + ")") + " on port " +
                         std::to_string(*port) + ": " + spec.command;
    append_marker(spec.stdout_path, marker);
    append_marker(spec.stderr_path, marker);

    auto process = ServerProcess::spawn(spec, &error);
    if (!process) return StartFailure{"could not be started: " + error};

    auto deadline = Clock::now() + ready_within;
    milliseconds backoff(10);
    auto address = net::Address::loopback_v4(*port);
    bool retry_port = false;
    for (;;) {
      if (stopping()) {
        process->stop(student.limits.grace);
        return StartFailure{"the grading was stopped while the server started", true};
      }
      if (auto status = process->poll()) {
        std::string tail = file_tail(process->stderr_path(), process->stderr_offset(), 20, 4000);
        if (mentions_port_in_use(tail) && attempt < kMaxPortAttempts) {
          notes.push_back("port " + std::to_string(*port) +
                          " was taken by another program before the server bound it; started "
                          "again on another port");
          process->stop(student.limits.grace);
          retry_port = true;
          break;
        }
        std::string message = with_tail(status->describe(&process->limits()) +
                                             " before it listened on port " + std::to_string(*port),
                                         *process);
        process->stop(student.limits.grace);
        return StartFailure{message};
      }
      auto now = Clock::now();
      if (now >= deadline) {
        std::string message = with_tail("never listened on port " + std::to_string(*port) +
                                            " within " + seconds_text(ready_within),
                                        *process);
        process->stop(student.limits.grace);
        return StartFailure{message};
      }
      auto probe_until = std::min(deadline, now + milliseconds(500));
      net::ConnectResult probe = net::connect(address, net::Deadline::at(probe_until));
      if (probe.status.ok()) {
        probe.connection->close();
        StartedServer started;
        started.process = std::move(process);
        started.port = std::move(lease);
        started.took = std::chrono::duration_cast<milliseconds>(Clock::now() - began);
        started.notes = std::move(notes);
        return started;
      }
      if (probe.status.outcome == net::Outcome::timeout) continue;
      // Refused (or another error): wait a little, waking at once if the process exits.
      auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
      process->wait_for(std::max(milliseconds(1), std::min(backoff, left)));
      backoff = std::min(backoff * 2, milliseconds(200));
    }
    if (!retry_port) break;
  }
  return StartFailure{"could not be started: its port was taken " +
                      std::to_string(kMaxPortAttempts) + " times in a row"};
}

}  // namespace wirecheck::harness
