#pragma once
// Grading one student: start its server (or reach its target), run the profile's cases one
// at a time, and keep every failure of the server confined to the case it happened in. A
// server that crashes costs the case it crashed in and is started again for the rest; one
// that stops answering (the health case gets nothing back) is replaced; one that never
// listens costs every case, with the reason in plain words. Cases run one at a time so that a
// crash or a hang is pinned on the case that caused it; students run in parallel instead.
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "harness/grade/plan.h"
#include "harness/model/result.h"

namespace wirecheck::harness {

// Shared between a student's grading and the grader's watchdog thread (grade.h), which
// enforces the wall-time and process limits and passes on an interruption.
struct StudentControl {
  enum Why : int { none = 0, wall = 1, processes = 2, interrupted = 3 };

  std::atomic<bool> stop{false};        // the runner's stop flag for this student's cases
  std::atomic<int> why{none};           // why `stop` was set (the most serious reason wins)
  std::atomic<pid_t> session{0};        // of the server running now; 0 when none
  std::atomic<uint64_t> processes_seen{0};  // the count that went over the limit
  std::chrono::steady_clock::time_point wall_deadline = std::chrono::steady_clock::time_point::max();

  // Sets `why` (unless a more serious reason is there) and `stop`.
  void halt(Why reason);
  // Lets cases run again after a limit stopped one of them (not after an interruption).
  void resume();
};

struct RetriedCase {
  std::string id;
  unsigned attempts = 0;       // including the last
  std::string first_failure;   // headline of the first attempt
  Verdict final_verdict = Verdict::pass;
};

struct StudentGrade {
  std::string name;
  std::string profile;
  std::string address;  // "127.0.0.1:40123 (started)" or the target
  RunResult run;        // every planned case, in library order
  // What happened to the server, in plain words, in order: crashes, restarts after a hang,
  // a start that failed, limits hit. Empty when nothing unusual happened.
  std::vector<std::string> events;
  std::vector<RetriedCase> retried;
  unsigned starts = 0;
  std::chrono::milliseconds ready_time{0};  // the first start, until it listened
  std::chrono::milliseconds elapsed{0};
  bool interrupted = false;  // stopped before every case ran: not a grade
};

struct StudentGradeOptions {
  GradingPolicy policy;
  double timeout_scale = 1.0;
  std::string log_dir;  // the server's stdout.log and stderr.log go here
  std::string host = "127.0.0.1";  // {host}; started servers are probed and tested on 127.0.0.1
  const std::atomic<bool>* interrupted = nullptr;  // the whole grading is being stopped
  std::function<void(const CaseResult&)> on_case;  // after each case (progress)
};

StudentGrade grade_student(const StudentPlan& plan, const StudentGradeOptions& options,
                           StudentControl& control);

// A result for a case that could not run: verdict error, `message` as the reason.
CaseResult not_run(const Case& c, const std::string& message);

// True when a non-pass result involved waiting in vain (a deadline passed): the only kind of
// failure a retry may undo.
bool failed_waiting(const CaseResult& result);

}  // namespace wirecheck::harness
