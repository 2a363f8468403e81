#pragma once
// Starting one student's server and knowing when it is ready: a free port from the kernel,
// the start command with its placeholders filled in, then connect probes with backoff until
// the port accepts a connection or the deadline passes (never a fixed sleep). A server that
// exits because its port was taken meanwhile is started again on another port.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "harness/grade/free_port.h"
#include "harness/grade/process.h"
#include "harness/grade/roster.h"

namespace wirecheck::harness {

struct StartRequest {
  const Student* student = nullptr;
  std::string host = "127.0.0.1";
  std::string stdout_path;
  std::string stderr_path;
  double timeout_scale = 1.0;               // stretches the readiness deadline
  const std::atomic<bool>* stop = nullptr;  // gives up when set
  unsigned start_number = 1;                // for the marker line in the logs
  std::string why;                          // "first start", "restart after a crash", ...
};

struct StartedServer {
  std::unique_ptr<ServerProcess> process;
  PortLease port;
  std::chrono::milliseconds took{0};  // from the first spawn until the port accepted
  std::vector<std::string> notes;     // "port 40123 was taken; started again on 40125"
};

struct StartFailure {
  // In plain words, for the student: "never listened on port 40123 within 5 s", "exited with
  // status 1 before it listened on port 40123 (last lines of its stderr: ...)".
  std::string message;
  bool interrupted = false;  // the grading was stopped meanwhile
};

std::variant<StartedServer, StartFailure> start_server(const StartRequest& request);

// The command as it is run, placeholders filled in (shell-quoted).
std::string start_command(const Student& student, const std::string& host, uint16_t port);

// `sh -c` runs even a simple command as its child, so the grader would watch the shell rather
// than the server and learn of a crash only after the shell noticed it. For a simple command
// (no lists, pipes, subshells, leading assignments or keywords) this puts "exec " in front, so
// the server is the process itself; other commands are returned as they are.
std::string exec_form(const std::string& command);

// "5 s", "1.5 s", "250 ms".
std::string seconds_text(std::chrono::milliseconds d);

}  // namespace wirecheck::harness
