#pragma once
// A roster: who is graded, how each student's server is reached or started, which profile
// grades it, and the limits and policies that are the same for everyone. Rosters are YAML
// files (tests/data/rosters/example.yaml shows every key); load_roster() reads them with
// file:line:column diagnostics.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/model/duration.h"
#include "harness/model/source_location.h"

namespace wirecheck::harness {

// Limits on one student. cpu, memory, open files and output apply to each start of the
// server (setrlimit in the child); processes are counted by the grader, because RLIMIT_NPROC
// counts every process of the user (and does not apply to root at all); wall bounds the
// grading of the student as a whole; ready and grace shape each start and stop.
struct StudentLimits {
  Duration cpu{60'000};                  // RLIMIT_CPU (whole seconds, rounded up)
  uint64_t memory = uint64_t{1} << 30;   // RLIMIT_AS, bytes
  uint64_t open_files = 256;             // RLIMIT_NOFILE
  uint64_t processes = 64;               // processes in the server's session, counted
  uint64_t output = uint64_t{64} << 20;  // RLIMIT_FSIZE: how large stdout/stderr may grow
  Duration wall{300'000};                // grading the student, all starts and cases together
  Duration ready{5'000};                 // from start until the port accepts connections
  Duration grace{1'000};                 // between SIGTERM and SIGKILL
};

// The same limits with every field optional: what a roster or a student writes.
struct LimitsOverride {
  std::optional<Duration> cpu;
  std::optional<uint64_t> memory;
  std::optional<uint64_t> open_files;
  std::optional<uint64_t> processes;
  std::optional<uint64_t> output;
  std::optional<Duration> wall;
  std::optional<Duration> ready;
  std::optional<Duration> grace;

  void apply_to(StudentLimits& limits) const;
  void merge_from(const LimitsOverride& more);  // fields set in `more` win
};

// When a started server is replaced by a fresh one. Whatever the policy, a server that
// crashed or stopped responding is started again before the next case.
enum class RestartPolicy : unsigned char {
  suite,      // a fresh server for each suite (the default)
  each_case,  // a fresh server for every case
  once,       // one server for the whole student
};
const char* to_string(RestartPolicy policy);  // "suite", "case", "once"

// Identical for every student of a roster: that is what makes the grading fair.
struct GradingPolicy {
  RestartPolicy restart = RestartPolicy::suite;
  // Case id globs that always get a freshly started server (restart per case on request).
  std::vector<std::string> fresh;
  // Extra attempts for a case that failed while waiting (a timeout): a timing race on a
  // loaded machine should not cost a student points. Off unless the roster says so; every
  // retry is reported.
  unsigned retries = 0;
  // The cases that may check that a server still answers after a case failed: for each
  // profile the first of them it selects; without one, the profile's first case tagged
  // `sanity`, else its first case.
  std::vector<std::string> health;
  SourceLocation health_where;
};

struct EnvVar {
  std::string name;
  std::string value;  // may hold {placeholders}
};

struct Student {
  std::string name;  // [A-Za-z0-9._-], unique: also a directory name in the output
  // Exactly one of the two is set.
  std::string target;  // "host:port" of a server someone else runs
  std::string start;   // shell command with {port} {host} {dir} {docroot} {name}
  std::string dir;       // working directory of the start command (absolute)
  std::string docroot;   // absolute, or empty
  std::vector<EnvVar> env;
  std::string profile_file;  // the profile's YAML file
  std::string profile_name;  // as written in the roster
  std::string target_file;   // what the server offers (resources, capabilities); may be empty
  StudentLimits limits;
  SourceLocation where;  // of the student's entry
  SourceLocation start_where;

  bool started() const { return !start.empty(); }
};

struct Roster {
  std::string name;
  std::string file;
  std::vector<std::string> cases;  // case files and directories (paths as given, resolved)
  GradingPolicy policy;
  std::vector<Student> students;
};

}  // namespace wirecheck::harness
