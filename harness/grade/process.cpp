#include "harness/grade/process.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <set>
#include <thread>
#include <unordered_map>

#include "reports/escape.h"

extern char** environ;

namespace wirecheck::harness {
namespace {

// What a child that could not exec writes to the parent before it exits.
struct ChildFailure {
  int stage = 0;
  int error = 0;
};
enum Stage : int { kSetsid = 1, kChdir, kDup, kExec };

void set_limit(int resource, rlim_t soft, rlim_t hard) {
  rlimit current{};
  if (::getrlimit(resource, &current) == 0 && current.rlim_max != RLIM_INFINITY) {
    hard = std::min(hard, current.rlim_max);  // only root may raise a hard limit
  }
  rlimit wanted{std::min(soft, hard), hard};
  ::setrlimit(resource, &wanted);
}

// Runs in the forked child of a multi-threaded parent: only async-signal-safe calls from here
// to exec; everything it needs was prepared before the fork.
[[noreturn]] void child(const SpawnSpec& spec, const ProcessLimits& limits, int in, int out,
                        int err, int report, pid_t parent, char* const* argv, char* const* envp) {
  auto fail = [report](int stage) {
    ChildFailure f{stage, errno};
    ssize_t ignored = ::write(report, &f, sizeof f);
    (void)ignored;
    ::_exit(127);
  };
  // Default dispositions and an empty mask: the grader ignores SIGPIPE, and an ignored signal
  // stays ignored across exec, which would change how a student's server behaves.
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int s = 1; s < NSIG; ++s) {
    if (s != SIGKILL && s != SIGSTOP) ::sigaction(s, &dfl, nullptr);
  }
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  if (::setsid() < 0) fail(kSetsid);
  // A server must not outlive a grader that was killed outright.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(1);
  if (limits.cpu_seconds) set_limit(RLIMIT_CPU, *limits.cpu_seconds, *limits.cpu_seconds + 1);
  if (limits.memory_bytes) set_limit(RLIMIT_AS, *limits.memory_bytes, *limits.memory_bytes);
  if (limits.open_files) set_limit(RLIMIT_NOFILE, *limits.open_files, *limits.open_files);
  if (limits.output_bytes) set_limit(RLIMIT_FSIZE, *limits.output_bytes, *limits.output_bytes);
  set_limit(RLIMIT_CORE, 0, 0);  // no core files in students' folders
  if (::chdir(spec.dir.c_str()) != 0) fail(kChdir);
  if (::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0) fail(kDup);
  // Nothing of the grader's leaks: sockets of other students' cases would keep connections
  // open. The report pipe is close-on-exec and closes by itself.
  if (report > 3) ::close_range(3, static_cast<unsigned>(report - 1), 0);
  ::close_range(static_cast<unsigned>(report + 1), ~0U, 0);
  ::execve("/bin/sh", argv, envp);
  fail(kExec);
  ::_exit(127);
}

std::string stage_message(const ChildFailure& f, const SpawnSpec& spec) {
  std::string why = ::strerror(f.error);
  switch (f.stage) {
    case kSetsid: return "cannot start a new session: " + why;
    case kChdir: return "cannot enter the directory " + spec.dir + ": " + why;
    case kDup: return "cannot redirect the output: " + why;
    case kExec: return "cannot run /bin/sh: " + why;
  }
  return "the child failed: " + why;
}

ExitStatus from_wait_status(int status) {
  ExitStatus s;
  if (WIFSIGNALED(status)) {
    s.signaled = true;
    s.signal = WTERMSIG(status);
  } else if (WIFEXITED(status)) {
    s.code = WEXITSTATUS(status);
  }
  return s;
}

std::string human_bytes(uint64_t n) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB"};
  int u = 0;
  while (u < 3 && n >= 1024 && n % 1024 == 0) {
    n /= 1024;
    ++u;
  }
  return std::to_string(n) + " " + units[u];
}

}  // namespace

ProcessLimits process_limits(const StudentLimits& limits) {
  ProcessLimits p;
  p.cpu_seconds = static_cast<uint64_t>((limits.cpu.count() + 999) / 1000);
  p.memory_bytes = limits.memory;
  p.open_files = limits.open_files;
  p.output_bytes = limits.output;
  return p;
}

std::string signal_name(int sig) {
  const char* abbrev = ::sigabbrev_np(sig);
  const char* description = ::sigdescr_np(sig);
  std::string name = abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
  if (!description) return name;
  std::string d = description;
  if (!d.empty() && d[0] >= 'A' && d[0] <= 'Z' && (d.size() < 2 || !(d[1] >= 'A' && d[1] <= 'Z'))) {
    d[0] = static_cast<char>(d[0] - 'A' + 'a');
  }
  return name + " (" + d + ")";
}

std::string ExitStatus::describe(const ProcessLimits* limits) const {
  if (!signaled) {
    return code == 0 ? "exited normally (status 0)" : "exited with status " + std::to_string(code);
  }
  if (signal == SIGXCPU && limits && limits->cpu_seconds) {
    return "used up its CPU time limit of " + std::to_string(*limits->cpu_seconds) +
           " s and was killed (SIGXCPU)";
  }
  if (signal == SIGXFSZ && limits && limits->output_bytes) {
    return "wrote more than its output limit of " + human_bytes(*limits->output_bytes) +
           " and was killed (SIGXFSZ)";
  }
  return "exited with " + signal_name(signal);
}

bool ExitStatus::crashed() const {
  if (signaled) return signal != SIGTERM && signal != SIGKILL && signal != SIGINT;
  return code != 0;
}

std::unique_ptr<ServerProcess> ServerProcess::spawn(const SpawnSpec& spec, std::string* error) {
  auto say = [error](std::string message) {
    if (error) *error = std::move(message);
    return nullptr;
  };
  auto open_log = [](const std::string& path) {
    return ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  };
  int out = open_log(spec.stdout_path);
  if (out < 0) return say("cannot open " + spec.stdout_path + ": " + ::strerror(errno));
  int err = open_log(spec.stderr_path);
  if (err < 0) {
    ::close(out);
    return say("cannot open " + spec.stderr_path + ": " + ::strerror(errno));
  }
  int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  int report[2] = {-1, -1};
  if (in < 0 || ::pipe2(report, O_CLOEXEC) != 0) {
    std::string why = ::strerror(errno);
    for (int fd : {out, err, in}) {
      if (fd >= 0) ::close(fd);
    }
    return say("cannot prepare the process: " + why);
  }
  struct stat st {};
  uint64_t offset = ::fstat(err, &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;

  std::vector<std::string> env_strings;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    std::string_view name = entry.substr(0, entry.find('='));
    bool replaced = std::any_of(spec.env.begin(), spec.env.end(),
                                [&](const EnvVar& v) { return v.name == name; });
    if (!replaced) env_strings.emplace_back(entry);
  }
  for (const auto& v : spec.env) env_strings.push_back(v.name + "=" + v.value);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string sh = "sh", dash_c = "-c", command = spec.command;
  char* argv[] = {sh.data(), dash_c.data(), command.data(), nullptr};

  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid == 0) child(spec, spec.limits, in, out, err, report[1], parent, argv, envp.data());
  int fork_errno = errno;
  ::close(report[1]);
  for (int fd : {out, err, in}) ::close(fd);
  if (pid < 0) {
    ::close(report[0]);
    return say(std::string("cannot fork: ") + ::strerror(fork_errno));
  }
  ChildFailure failure;
  ssize_t n;
  do {
    n = ::read(report[0], &failure, sizeof failure);
  } while (n < 0 && errno == EINTR);
  ::close(report[0]);
  if (n == static_cast<ssize_t>(sizeof failure)) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return say(stage_message(failure, spec));
  }
  return std::unique_ptr<ServerProcess>(
      new ServerProcess(pid, spec.limits, offset, spec.stderr_path));
}

ServerProcess::~ServerProcess() { stop(std::chrono::milliseconds(200)); }

std::optional<ExitStatus> ServerProcess::poll() {
  if (status_) return status_;
  // WNOWAIT: the process stays a zombie until stop() has signalled its group, so its id (the
  // group's id) cannot be reused by an unrelated process in between.
  siginfo_t info{};
  if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    if (errno == ECHILD) status_ = ExitStatus{false, -1, 0};
    return status_;
  }
  if (info.si_pid == 0) return std::nullopt;
  ExitStatus s;
  if (info.si_code == CLD_EXITED) {
    s.code = info.si_status;
  } else {
    s.signaled = true;
    s.signal = info.si_status;
  }
  status_ = s;
  return status_;
}

std::optional<ExitStatus> ServerProcess::wait_for(std::chrono::milliseconds timeout) {
  if (poll()) return status_;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  // A pidfd becomes readable when the process ends: no polling loop (Linux 5.3; without it,
  // short sleeps).
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    if (pidfd >= 0) {
      pollfd p{pidfd, POLLIN, 0};
      ::poll(&p, 1, static_cast<int>(left.count()));
    } else {
      std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(10)));
    }
    if (poll()) break;
  }
  if (pidfd >= 0) ::close(pidfd);
  return poll();
}

void ServerProcess::signal_group(int sig) {
  if (::kill(-pid_, sig) != 0 && errno == ESRCH) ::kill(pid_, sig);
}

void ServerProcess::kill_group() { signal_group(SIGKILL); }

ExitStatus ServerProcess::stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return status_.value_or(ExitStatus{});
  if (!poll()) {
    signal_group(SIGTERM);
    if (!wait_for(grace)) {
      signal_group(SIGKILL);
      wait_for(std::chrono::seconds(10));
    }
  }
  // Always: children that ignored SIGTERM or outlived the leader.
  signal_group(SIGKILL);
  int raw = 0;
  if (::waitpid(pid_, &raw, 0) == pid_ && !status_) status_ = from_wait_status(raw);
  pid_ = -1;
  return status_.value_or(ExitStatus{true, 0, SIGKILL});
}

std::string file_tail(const std::string& path, uint64_t offset, size_t max_lines,
                      size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  in.seekg(0, std::ios::end);
  auto size = static_cast<uint64_t>(std::max<std::streamoff>(in.tellg(), 0));
  uint64_t from = std::max(offset, size > 64 * 1024 ? size - 64 * 1024 : 0);
  if (from >= size) return "";
  in.seekg(static_cast<std::streamoff>(from));
  std::string text(static_cast<size_t>(size - from), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) lines.push_back(line);
    start = end + 1;
  }
  if (lines.size() > max_lines) lines.erase(lines.begin(), lines.end() - static_cast<long>(max_lines));
  std::string out;
  size_t per_line = std::max<size_t>(40, max_bytes / std::max<size_t>(lines.size(), 1));
  for (const auto& l : lines) {
    std::string shown = reports::printable(l.size() > per_line ? l.substr(l.size() - per_line) : l);
    if (l.size() > per_line) shown = "..." + shown;
    out += (out.empty() ? "" : " | ") + shown;
  }
  return out;
}

std::vector<size_t> count_session_processes(const std::vector<pid_t>& sessions) {
  std::vector<size_t> counts(sessions.size(), 0);
  std::unordered_map<pid_t, size_t> index;
  for (size_t i = 0; i < sessions.size(); ++i) index[sessions[i]] = i;
  DIR* proc = ::opendir("/proc");
  if (!proc) return counts;
  while (dirent* entry = ::readdir(proc)) {
    const char* name = entry->d_name;
    if (name[0] < '0' || name[0] > '9') continue;
    std::ifstream in(std::string("/proc/") + name + "/stat");
    std::string stat;
    if (!std::getline(in, stat)) continue;
    // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses.
    size_t close = stat.rfind(')');
    if (close == std::string::npos) continue;
    char state = 0;
    long ppid = 0, pgrp = 0, session = 0;
    if (std::sscanf(stat.c_str() + close + 1, " %c %ld %ld %ld", &state, &ppid, &pgrp,
                    &session) != 4) {
      continue;
    }
    if (state == 'Z' || state == 'X') continue;  // already dead
    auto it = index.find(static_cast<pid_t>(session));
    if (it != index.end()) ++counts[it->second];
  }
  ::closedir(proc);
  return counts;
}

std::optional<size_t> count_session_processes(pid_t session) {
  if (::access("/proc/self/stat", R_OK) != 0) return std::nullopt;
  return count_session_processes(std::vector<pid_t>{session}).front();
}

}  // namespace wirecheck::harness
