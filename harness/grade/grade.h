#pragma once
// Grading a whole roster: students in parallel (a bounded pool of workers), each graded by
// grade_student(), with a watchdog that enforces each student's wall-time and process limits
// and passes an interruption on. Results come back in roster order; a student still being
// graded when the grading is stopped is left out, so what is written is only what finished.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/grade/plan.h"
#include "harness/grade/student_grader.h"

namespace wirecheck::harness {

// More students at once than this gains nothing on any machine this runs on and risks
// starving the servers under test of CPU, which would cost students points.
inline constexpr unsigned kMaxGradeJobs = 64;

// Students graded at once when --jobs is not given: cases mostly wait on the network, so
// eight students per core (4 to 32). scripts/bench-grade measured 100 students in 23 s with
// 8 at once and in 13 s with 16 on two loaded cores, the same scores either way.
unsigned default_grade_jobs();

struct GradeOptions {
  unsigned jobs = 4;  // capped at kMaxGradeJobs and at the number of students
  double timeout_scale = 1.0;
  std::string out_dir;  // students' server logs go to OUT/students/<name>/
  std::string host = "127.0.0.1";
  std::vector<std::string> only;  // student name globs; empty: everyone
  const std::atomic<bool>* stop = nullptr;
  // Called from the worker threads, never two at once.
  std::function<void(size_t index)> on_started;
  std::function<void(size_t index, const StudentGrade&)> on_finished;
  // Called from the worker threads, possibly at once.
  std::function<void(const CaseResult&)> on_case;
};

struct GradeRun {
  std::vector<std::optional<StudentGrade>> students;  // plan order; nullopt: not graded
  size_t selected = 0;                                // students the run was asked to grade
  std::chrono::system_clock::time_point started;
  std::chrono::milliseconds elapsed{0};
  bool interrupted = false;
};

// The directory of one student's files under `out_dir`.
std::string student_dir(const std::string& out_dir, const std::string& name);

GradeRun grade(const GradePlan& plan, const GradeOptions& options);

}  // namespace wirecheck::harness
