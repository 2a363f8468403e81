#pragma once
// A student's server as a process: started through /bin/sh in its own session (so its whole
// process group can be signalled), with limits set in the child before exec, stdin from
// /dev/null and stdout/stderr appended to files. Stopped with SIGTERM, a grace period, then
// SIGKILL to the whole group.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/grade/roster.h"

namespace wirecheck::harness {

struct ProcessLimits {
  std::optional<uint64_t> cpu_seconds;   // RLIMIT_CPU: SIGXCPU at the limit, SIGKILL 1 s later
  std::optional<uint64_t> memory_bytes;  // RLIMIT_AS
  std::optional<uint64_t> open_files;    // RLIMIT_NOFILE
  std::optional<uint64_t> output_bytes;  // RLIMIT_FSIZE: SIGXFSZ beyond
};

// The rlimits of `limits` (processes, wall, ready and grace are the grader's business).
ProcessLimits process_limits(const StudentLimits& limits);

struct SpawnSpec {
  std::string command;  // run as /bin/sh -c COMMAND
  std::string dir;      // working directory
  std::vector<EnvVar> env;  // set on top of the grader's own environment
  std::string stdout_path;  // appended to; created when missing
  std::string stderr_path;
  ProcessLimits limits;
};

// How a process ended.
struct ExitStatus {
  bool signaled = false;
  int code = 0;    // exit status when not signaled
  int signal = 0;  // when signaled

  // "exited with status 1", "exited normally (status 0)", "was killed by SIGSEGV (segmentation
  // fault)"; `limits` turns SIGXCPU and SIGXFSZ into the limit that caused them.
  std::string describe(const ProcessLimits* limits = nullptr) const;
  bool crashed() const;  // a signal other than SIGTERM/SIGKILL/SIGINT, or a non-zero status
};

// "SIGSEGV (segmentation fault)".
std::string signal_name(int signal);

class ServerProcess {
 public:
  // Forks and execs. On failure returns null and sets `error` ("cannot start: the directory
  // /x does not exist").
  static std::unique_ptr<ServerProcess> spawn(const SpawnSpec& spec, std::string* error);

  ~ServerProcess();  // stops the process (grace 200 ms) if it still runs
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  pid_t pid() const { return pid_; }  // also the process group and session id
  const ProcessLimits& limits() const { return limits_; }
  // Where this start's stderr begins in the stderr file (earlier starts come before it).
  uint64_t stderr_offset() const { return stderr_offset_; }
  const std::string& stderr_path() const { return stderr_path_; }

  // The exit status once the process has ended (reaping it); nullopt while it runs.
  std::optional<ExitStatus> poll();
  // Waits up to `timeout` for the process to end.
  std::optional<ExitStatus> wait_for(std::chrono::milliseconds timeout);
  // SIGTERM to the group, up to `grace` for the process to end, then SIGKILL to the group
  // (always, so children that outlive their parent go too). Returns how it ended; the status
  // of a process that had already ended is kept.
  ExitStatus stop(std::chrono::milliseconds grace);
  // SIGKILL to the whole group at once (a limit was exceeded).
  void kill_group();

 private:
  ServerProcess(pid_t pid, ProcessLimits limits, uint64_t stderr_offset, std::string stderr_path)
      : pid_(pid), limits_(limits), stderr_offset_(stderr_offset),
        stderr_path_(std::move(stderr_path)) {}
  void signal_group(int sig);

  pid_t pid_;
  ProcessLimits limits_;
  uint64_t stderr_offset_;
  std::string stderr_path_;
  std::optional<ExitStatus> status_;
};

// The last lines of a file from `offset` on, for a message: at most `max_lines` non-empty
// lines and `max_bytes` bytes, each line made printable; "" when there is nothing.
std::string file_tail(const std::string& path, uint64_t offset, size_t max_lines = 4,
                      size_t max_bytes = 600);

// Processes whose session is `session` (a started server and everything it forked, unless a
// child started a session of its own), counted from /proc. nullopt when /proc is unreadable.
std::optional<size_t> count_session_processes(pid_t session);
// One pass over /proc for many sessions at once.
std::vector<size_t> count_session_processes(const std::vector<pid_t>& sessions);

}  // namespace wirecheck::harness
