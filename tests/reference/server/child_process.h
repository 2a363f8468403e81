#pragma once
// Runs `wirecheck serve` (or any program) as a child process for tests that need a separate
// process: signals, exit codes, the server's own memory use. Every wait has a deadline, and the
// destructor kills a child that is still running.
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace wirecheck::server::testing {

class ChildProcess {
 public:
  // Starts `argv[0]` with `argv`; `extra_env` entries ("NAME=value") are added to the
  // environment. stdout and stderr are captured.
  ChildProcess(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  // Reads stdout until a line contains `text`; returns that line.
  std::optional<std::string> wait_for_line(const std::string& text,
                                           std::chrono::milliseconds limit);
  void signal(int sig);
  // Waits for the exit; the exit status (128 + signal when killed), or nullopt on timeout.
  std::optional<int> wait(std::chrono::milliseconds limit);
  // Everything read from stdout and stderr so far (stderr is read when waiting).
  const std::string& out() const { return out_; }
  std::string err();
  // VmRSS in KiB from /proc, 0 when unavailable.
  long rss_kib() const;

 private:
  void drain_err();

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string out_;
  std::string err_;
  std::optional<int> status_;
};

// "listening on http://127.0.0.1:PORT" -> PORT (0 when absent).
uint16_t port_from_banner(const std::string& line);

}  // namespace wirecheck::server::testing
