// `wirecheck grade ROSTER [--jobs N] [--out DIR] [--timeout-scale X] [--student GLOB ...]
//                  [--check]`
// Grades every student of a roster: starts each server (or reaches its target), runs the
// profile's cases, and writes the gradebook, Gradescope results and feedback into DIR, each
// student's files as soon as it is graded. SIGINT/SIGTERM stop the run; the students already
// graded keep their files and the gradebook holds them.
// Exit codes: 0 everyone graded with full marks; 1 graded, and someone lost points (the usual
// outcome: students' failures are results, not errors); 2 a roster, profile or case file with
// errors, or files that could not be written; 128+N stopped by signal N.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "harness/cli/command.h"
#include "harness/grade/grade.h"
#include "harness/grade/outputs.h"
#include "harness/grade/plan.h"
#include "harness/grade/progress.h"
#include "harness/grade/roster_loader.h"
#include "harness/grade/server_start.h"
#include "harness/load/diagnostic.h"
#include "harness/model/glob.h"

namespace wirecheck::cli {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};

void on_stop_signal(int sig) {
  g_signal.store(sig);
  g_stop.store(true);
  ::signal(sig, SIG_DFL);  // a second signal ends the process at once
}

struct GradeFlags {
  std::string roster;
  unsigned jobs = harness::default_grade_jobs();
  std::string out = "grade-out";
  double timeout_scale = 1.0;
  std::vector<std::string> students;
  bool check = false;
  bool quiet = false;
};

void complain(const std::string& message) {
  std::fprintf(stderr, "wirecheck grade: %s\n", message.c_str());
}

void print(const harness::Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.items()) std::fprintf(stderr, "%s\n", d.to_string().c_str());
}

void describe_plan(const harness::GradePlan& plan) {
  const auto& roster = plan.roster;
  std::printf("roster %s: %zu students, restart per %s, %u %s after a timeout\n",
              roster.name.c_str(), roster.students.size(), harness::to_string(roster.policy.restart),
              roster.policy.retries, roster.policy.retries == 1 ? "retry" : "retries");
  for (const auto& [file, p] : plan.profiles) {
    std::printf("  profile %s (%s): %zu cases, health check %s\n", p.profile.name.c_str(),
                file.c_str(), p.cases.size(), p.health ? p.health->id.c_str() : "none");
  }
  for (const auto& sp : plan.students) {
    const auto& s = *sp.student;
    std::string how = s.started() ? "start: " + s.start + " (in " + s.dir + ")"
                                  : "target: " + s.target;
    std::printf("  %-16s %-14s %s\n", s.name.c_str(), sp.profile->profile.name.c_str(),
                how.c_str());
  }
}

int run(const GradeFlags& f) {
  if (!(f.timeout_scale > 0)) {
    complain("--timeout-scale must be more than 0");
    return kExitUsage;
  }
  if (f.jobs == 0) {
    complain("--jobs must be at least 1");
    return kExitUsage;
  }
  unsigned jobs = f.jobs;
  if (jobs > harness::kMaxGradeJobs) {
    complain("--jobs " + std::to_string(jobs) + " is more than this machine should run at once; "
             "using " + std::to_string(harness::kMaxGradeJobs));
    jobs = harness::kMaxGradeJobs;
  }

  harness::Diagnostics diagnostics;
  auto roster = harness::load_roster(f.roster, diagnostics);
  if (!roster) {
    print(diagnostics);
    complain("the roster has errors; nobody was graded");
    return kExitUsage;
  }
  auto plan = harness::plan_grading(std::move(*roster), diagnostics);
  print(diagnostics);
  if (!plan) {
    complain("the roster, its profiles or the cases have errors; nobody was graded");
    return kExitUsage;
  }
  if (f.check) {
    describe_plan(*plan);
    return kExitOk;
  }

  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  struct sigaction old_int {}, old_term {};
  ::sigaction(SIGINT, &action, &old_int);
  ::sigaction(SIGTERM, &action, &old_term);
  ::signal(SIGPIPE, SIG_IGN);

  harness::GradeOptions options;
  options.jobs = jobs;
  options.timeout_scale = f.timeout_scale;
  options.out_dir = f.out;
  options.only = f.students;
  options.stop = &g_stop;

  size_t total_students = 0;
  size_t total_cases = 0;
  size_t name_width = 8;
  for (const auto& sp : plan->students) {
    bool selected = f.students.empty() ||
                    std::any_of(f.students.begin(), f.students.end(), [&](const std::string& g) {
                      return harness::glob_match(g, sp.student->name);
                    });
    if (!selected) continue;
    ++total_students;
    total_cases += sp.profile->cases.size();
    name_width = std::max(name_width, sp.student->name.size());
  }
  if (total_students == 0) {
    complain("no student matches --student (the roster has " +
             std::to_string(plan->students.size()) + ")");
    return kExitUsage;
  }
  harness::GradeProgress progress(total_students, total_cases,
                                  !f.quiet && ::isatty(STDERR_FILENO) != 0, std::cout, std::cerr);
  std::vector<std::string> suites = plan->suites();
  std::vector<std::vector<std::string>> rows(plan->students.size());
  std::vector<std::string> errors;  // appended to under grade()'s lock
  // Grading some students again keeps the others' rows of an earlier run.
  std::map<std::string, std::string> kept;
  if (!f.students.empty()) kept = harness::existing_gradebook_rows(f.out, harness::gradebook_header(*plan));
  auto write_gradebook = [&] { return harness::write_gradebook(f.out, *plan, rows, kept, errors); };
  options.on_started = [&](size_t index) { progress.started(plan->students[index].student->name); };
  options.on_case = [&](const harness::CaseResult&) { progress.case_done(); };
  options.on_finished = [&](size_t index, const harness::StudentGrade& g) {
    const auto& sp = plan->students[index];
    harness::write_student_files(f.out, g, sp, errors);
    rows[index] = harness::gradebook_row(g, sp, suites);
    write_gradebook();
    std::string line = harness::summary_line(g, sp, name_width);
    progress.finished(g.name, f.quiet ? std::string() : line);
  };
  // The header alone first, so the file exists from the start.
  write_gradebook();
  harness::GradeRun result = harness::grade(*plan, options);
  progress.done();
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGTERM, &old_term, nullptr);
  write_gradebook();

  for (const auto& e : errors) complain(e);
  size_t graded = 0;
  bool full_marks = true;
  for (size_t i = 0; i < result.students.size(); ++i) {
    if (!result.students[i]) continue;
    ++graded;
    auto score = harness::score_student(*result.students[i], plan->students[i]);
    if (score.earned + 1e-9 < score.possible) full_marks = false;
  }
  double seconds = static_cast<double>(result.elapsed.count()) / 1000.0;
  std::fprintf(stderr, "wirecheck grade: graded %zu of %zu students in %.1f s (%.2f s per student); "
               "gradebook: %s/gradebook.csv\n",
               graded, result.selected, seconds, graded ? seconds / static_cast<double>(graded) : 0.0,
               f.out.c_str());
  if (result.interrupted) {
    int sig = g_signal.load();
    complain(std::string("stopped by ") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") + ": " +
             std::to_string(graded) + " students were graded and written; the others were not");
    return 128 + (sig == 0 ? SIGINT : sig);
  }
  if (!errors.empty()) return kExitUsage;
  return full_marks ? kExitOk : kExitFailures;
}

CommandRun setup(CLI::App& app) {
  auto f = std::make_shared<GradeFlags>();
  auto* cmd = app.add_subcommand(
      "grade", "Grade a roster of student servers: gradebook, Gradescope results and feedback");
  cmd->add_option("roster", f->roster, "The roster file (YAML): students, how to start or reach "
                                       "their servers, the profile and limits")
      ->required()
      ->type_name("ROSTER");
  cmd->add_option("--jobs,-j", f->jobs, "Students graded at once")->capture_default_str();
  cmd->add_option("--out,-o", f->out, "Directory for gradebook.csv and students/<name>/")
      ->capture_default_str()
      ->type_name("DIR");
  cmd->add_option("--timeout-scale", f->timeout_scale,
                  "Multiply every timeout and limit in time (readiness, cases, wall time), for "
                  "slow or loaded machines")
      ->capture_default_str();
  cmd->add_option("--student", f->students, "Grade only these students (globs; repeatable)")
      ->type_name("GLOB");
  cmd->add_flag("--check", f->check, "Check the roster, print what would be done, grade nobody");
  cmd->add_flag("--quiet,-q", f->quiet, "No progress and no line per student");
  return [f] { return run(*f); };
}

const CommandRegistration registration{15, setup};

}  // namespace
}  // namespace wirecheck::cli
