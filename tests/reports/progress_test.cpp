#include <gtest/gtest.h>

#include <sstream>
#include <thread>
#include <vector>

#include "reports/report.h"

namespace wirecheck::reports {
namespace {

harness::CaseResult result(std::string id, harness::Verdict verdict) {
  harness::CaseResult r;
  r.info.id = std::move(id);
  r.verdict = verdict;
  return r;
}

TEST(Progress, SilentWhenNotATerminal) {
  std::ostringstream out;
  Progress p(2, false, out);
  p.finished(result("a", harness::Verdict::pass));
  p.finished(result("b", harness::Verdict::fail));
  p.done();
  EXPECT_EQ(out.str(), "");
}

TEST(Progress, RedrawsInPlaceAndClearsWhenDone) {
  std::ostringstream out;
  Progress p(3, true, out);
  p.finished(result("first", harness::Verdict::pass));
  p.finished(result("second", harness::Verdict::fail));
  p.finished(result("third", harness::Verdict::warn));
  std::string before_done = out.str();
  const std::string last = "\r[3/3] 1 pass, 1 warn, 1 fail   third";
  EXPECT_EQ(before_done.find('\n'), std::string::npos) << "a progress line never scrolls";
  ASSERT_GE(before_done.size(), last.size());
  EXPECT_EQ(before_done.substr(before_done.size() - last.size()), last) << before_done;
  EXPECT_NE(before_done.find("\r[2/3] 1 pass, 1 fail   second"), std::string::npos) << before_done;
  p.done();
  std::string after = out.str().substr(before_done.size());
  // Blanks over exactly the width drawn last, then back to the start of the line.
  EXPECT_EQ(after, "\r" + std::string(last.size() - 1, ' ') + "\r");
  p.done();  // idempotent
  EXPECT_EQ(out.str().size(), before_done.size() + after.size());
}

TEST(Progress, NeverWiderThanATerminalLine) {
  std::ostringstream out;
  Progress p(1, true, out);
  p.finished(result(std::string(300, 'x'), harness::Verdict::pass));
  std::string line = out.str().substr(1);
  EXPECT_LE(line.size(), 79u);
  EXPECT_NE(line.find("..."), std::string::npos);
}

TEST(Progress, CountsEveryResultFromManyThreads) {
  constexpr int kThreads = 8;
  constexpr int kEach = 250;
  std::ostringstream out;
  Progress p(kThreads * kEach, true, out);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&p, t] {
      for (int i = 0; i < kEach; ++i) {
        p.finished(result("c" + std::to_string(t) + "-" + std::to_string(i),
                          i % 10 == 0 ? harness::Verdict::warn : harness::Verdict::pass));
      }
    });
  }
  for (auto& th : threads) th.join();
  // The last result always draws, whatever the rate limit: the final state is on screen.
  EXPECT_NE(out.str().find("[2000/2000] 1800 pass, 200 warn"), std::string::npos);
  p.done();
}

}  // namespace
}  // namespace wirecheck::reports
