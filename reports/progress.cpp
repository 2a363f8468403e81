// The live progress line. On a terminal it is redrawn in place; elsewhere (CI logs, pipes)
// it writes nothing, because a log full of \r-lines helps nobody.
#include <iostream>

#include "reports/escape.h"
#include "reports/report.h"

namespace wirecheck::reports {
namespace {

// Short enough not to wrap on an 80-column terminal: a wrapped line cannot be redrawn with \r.
constexpr size_t kWidth = 79;
// Redraws closer together than this are skipped unless something went wrong, so thousands of
// fast cases do not spend their time writing to the terminal.
constexpr std::chrono::milliseconds kMinInterval{50};

}  // namespace

Progress::Progress(size_t total, bool tty) : Progress(total, tty, std::cerr) {}

Progress::Progress(size_t total, bool tty, std::ostream& out)
    : out_(&out), total_(total), tty_(tty) {}

Progress::~Progress() { done(); }

void Progress::finished(const harness::CaseResult& result) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++counts_[result.verdict];
  if (!tty_ || done_) return;
  auto now = std::chrono::steady_clock::now();
  bool notable = result.verdict == harness::Verdict::fail ||
                 result.verdict == harness::Verdict::error;
  bool last = counts_.total() >= total_;
  if (!notable && !last && drawn_width_ > 0 && now - last_draw_ < kMinInterval) return;
  last_draw_ = now;
  draw_locked(result.info.id);
}

void Progress::done() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (done_) return;
  done_ = true;
  if (!tty_ || drawn_width_ == 0) return;
  *out_ << '\r' << std::string(drawn_width_, ' ') << '\r' << std::flush;
  drawn_width_ = 0;
}

void Progress::draw_locked(std::string_view last_id) {
  const auto& c = counts_;
  std::string line = "[" + std::to_string(c.total()) + "/" + std::to_string(total_) + "] " +
                     std::to_string(c.pass) + " pass";
  if (c.warn) line += ", " + std::to_string(c.warn) + " warn";
  if (c.fail) line += ", " + std::to_string(c.fail) + " fail";
  if (c.error) line += ", " + std::to_string(c.error) + " error";
  if (c.skip) line += ", " + std::to_string(c.skip) + " skip";
  std::string id = printable(last_id);
  if (line.size() + 3 < kWidth) {
    size_t room = kWidth - line.size() - 3;
    if (id.size() > room) id = id.substr(0, room > 3 ? room - 3 : 0) + "...";
    line += "   " + id;
  }
  if (line.size() > kWidth) line.resize(kWidth);
  size_t width = line.size();
  // Pad over what the previous, longer line left behind.
  if (width < drawn_width_) line += std::string(drawn_width_ - width, ' ');
  *out_ << '\r' << line << std::flush;
  drawn_width_ = width;
}

}  // namespace wirecheck::reports
