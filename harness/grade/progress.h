#pragma once
// Progress of a grading run on a terminal: a bar redrawn in place on stderr with the
// students done and being graded, and each graded student's summary line printed above it
// (on stdout). Without a terminal only the summary lines appear. Safe from any thread.
#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <mutex>
#include <set>
#include <string>

namespace wirecheck::harness {

class GradeProgress {
 public:
  GradeProgress(size_t students, size_t cases, bool tty, std::ostream& lines, std::ostream& bar);
  ~GradeProgress();
  GradeProgress(const GradeProgress&) = delete;
  GradeProgress& operator=(const GradeProgress&) = delete;

  void started(const std::string& name);
  void case_done();
  // A student is graded: its summary line goes above the bar.
  void finished(const std::string& name, const std::string& line);
  void done();  // clears the bar; idempotent

 private:
  void draw_locked(bool force);
  void clear_locked();

  std::mutex mutex_;
  size_t students_;
  size_t cases_;
  bool tty_;
  std::ostream& lines_;
  std::ostream& bar_;
  size_t students_done_ = 0;
  size_t cases_done_ = 0;
  std::set<std::string> running_;
  size_t drawn_width_ = 0;
  bool done_ = false;
  std::chrono::steady_clock::time_point began_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace wirecheck::harness
