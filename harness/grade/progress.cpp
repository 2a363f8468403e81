#include "harness/grade/progress.h"

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace wirecheck::harness {
namespace {

constexpr size_t kBarWidth = 24;
constexpr auto kRedrawEvery = std::chrono::milliseconds(100);

}  // namespace

GradeProgress::GradeProgress(size_t students, size_t cases, bool tty, std::ostream& lines,
                             std::ostream& bar)
    : students_(students), cases_(cases), tty_(tty), lines_(lines), bar_(bar),
      began_(std::chrono::steady_clock::now()) {}

GradeProgress::~GradeProgress() { done(); }

void GradeProgress::started(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  running_.insert(name);
  draw_locked(true);
}

void GradeProgress::case_done() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++cases_done_;
  draw_locked(false);
}

void GradeProgress::finished(const std::string& name, const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  running_.erase(name);
  ++students_done_;
  if (!line.empty()) {
    clear_locked();
    lines_ << line << '\n';
    lines_.flush();
  }
  draw_locked(true);
}

void GradeProgress::done() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (done_) return;
  done_ = true;
  clear_locked();
}

void GradeProgress::clear_locked() {
  if (!tty_ || drawn_width_ == 0) return;
  bar_ << '\r' << std::string(drawn_width_, ' ') << '\r';
  bar_.flush();
  drawn_width_ = 0;
}

void GradeProgress::draw_locked(bool force) {
  if (!tty_ || done_) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < kRedrawEvery) return;
  last_draw_ = now;
  size_t filled = students_ ? kBarWidth * students_done_ / students_ : 0;
  std::string text = "[" + std::string(filled, '#') + std::string(kBarWidth - filled, '.') + "] " +
                     std::to_string(students_done_) + "/" + std::to_string(students_) +
                     " students, " + std::to_string(cases_done_) + "/" + std::to_string(cases_) +
                     " cases";
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now - began_).count();
  char clock[32];
  std::snprintf(clock, sizeof clock, " %lld:%02lld", static_cast<long long>(seconds / 60),
                static_cast<long long>(seconds % 60));
  text += clock;
  if (!running_.empty()) {
    text += "  grading: ";
    size_t shown = 0;
    for (const auto& name : running_) {
      if (shown == 3) {
        text += " +" + std::to_string(running_.size() - 3);
        break;
      }
      text += (shown ? ", " : "") + name;
      ++shown;
    }
  }
  if (text.size() > 118) text = text.substr(0, 115) + "...";
  bar_ << '\r' << text;
  if (text.size() < drawn_width_) bar_ << std::string(drawn_width_ - text.size(), ' ');
  bar_.flush();
  drawn_width_ = std::max(drawn_width_, text.size());
}

}  // namespace wirecheck::harness
