#include "harness/grade/grade.h"

#include <signal.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <list>
#include <mutex>
#include <thread>

#include "harness/grade/process.h"
#include "harness/model/glob.h"

namespace wirecheck::harness {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

constexpr milliseconds kWatchInterval{100};
constexpr int kCountEvery = 5;  // count processes every fifth look (every 500 ms)

struct Active {
  StudentControl* control;
  uint64_t process_limit;
};

// Enforces the limits the runner cannot see: wall time and process counts.
class Watchdog {
 public:
  explicit Watchdog(const std::atomic<bool>* stop) : stop_(stop), thread_([this] { loop(); }) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

  void add(StudentControl* control, uint64_t process_limit) {
    std::lock_guard<std::mutex> lock(mutex_);
    active_.push_back({control, process_limit});
  }
  void remove(StudentControl* control) {
    std::lock_guard<std::mutex> lock(mutex_);
    active_.remove_if([&](const Active& a) { return a.control == control; });
  }

 private:
  void loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (int tick = 0; !done_; ++tick) {
      wake_.wait_for(lock, kWatchInterval, [this] { return done_; });
      if (done_) break;
      bool stopping = stop_ && stop_->load();
      auto now = Clock::now();
      for (auto& a : active_) {
        if (stopping) a.control->halt(StudentControl::interrupted);
        if (now >= a.control->wall_deadline) a.control->halt(StudentControl::wall);
      }
      if (tick % kCountEvery == 0) count_processes();
    }
  }

  void count_processes() {
    std::vector<pid_t> sessions;
    std::vector<Active*> owners;
    for (auto& a : active_) {
      pid_t s = a.control->session.load();
      if (s > 0) {
        sessions.push_back(s);
        owners.push_back(&a);
      }
    }
    if (sessions.empty()) return;
    std::vector<size_t> counts = count_session_processes(sessions);
    for (size_t i = 0; i < sessions.size(); ++i) {
      if (counts[i] <= owners[i]->process_limit) continue;
      StudentControl& c = *owners[i]->control;
      if (c.session.load() != sessions[i]) continue;  // the server was replaced meanwhile
      c.processes_seen.store(counts[i]);
      c.halt(StudentControl::processes);
      ::kill(-sessions[i], SIGKILL);
    }
  }

  const std::atomic<bool>* stop_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::list<Active> active_;
  bool done_ = false;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace

unsigned default_grade_jobs() {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return std::clamp(cores * 8, 4u, 32u);
}

std::string student_dir(const std::string& out_dir, const std::string& name) {
  return (std::filesystem::path(out_dir) / "students" / name).string();
}

GradeRun grade(const GradePlan& plan, const GradeOptions& options) {
  GradeRun run;
  run.started = std::chrono::system_clock::now();
  auto began = Clock::now();
  run.students.resize(plan.students.size());

  std::vector<size_t> todo;
  for (size_t i = 0; i < plan.students.size(); ++i) {
    const std::string& name = plan.students[i].student->name;
    bool wanted = options.only.empty() ||
                  std::any_of(options.only.begin(), options.only.end(),
                              [&](const std::string& g) { return glob_match(g, name); });
    if (wanted) todo.push_back(i);
  }
  run.selected = todo.size();

  Watchdog watchdog(options.stop);
  std::mutex report_mutex;
  std::atomic<size_t> next{0};
  auto stopping = [&] { return options.stop && options.stop->load(); };

  auto worker = [&] {
    for (;;) {
      if (stopping()) return;
      size_t k = next.fetch_add(1);
      if (k >= todo.size()) return;
      size_t index = todo[k];
      const StudentPlan& sp = plan.students[index];
      if (options.on_started) {
        std::lock_guard<std::mutex> lock(report_mutex);
        options.on_started(index);
      }
      StudentControl control;
      auto wall = milliseconds(static_cast<int64_t>(
          static_cast<double>(sp.student->limits.wall.count()) * options.timeout_scale));
      control.wall_deadline = Clock::now() + wall;
      watchdog.add(&control, sp.student->limits.processes);

      StudentGradeOptions so;
      so.policy = plan.roster.policy;
      so.timeout_scale = options.timeout_scale;
      so.log_dir = student_dir(options.out_dir, sp.student->name);
      so.host = options.host;
      so.interrupted = options.stop;
      so.on_case = options.on_case;
      StudentGrade g = grade_student(sp, so, control);
      watchdog.remove(&control);
      if (g.interrupted) continue;
      std::lock_guard<std::mutex> lock(report_mutex);
      run.students[index] = std::move(g);
      if (options.on_finished) options.on_finished(index, *run.students[index]);
    }
  };

  unsigned jobs = std::clamp<unsigned>(options.jobs, 1, kMaxGradeJobs);
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, std::max<size_t>(todo.size(), 1)));
  std::vector<std::thread> threads;
  for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();

  run.interrupted = stopping();
  run.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - began);
  return run;
}

}  // namespace wirecheck::harness
