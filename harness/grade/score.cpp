#include "harness/grade/score.h"

#include <cmath>
#include <cstdio>

namespace wirecheck::harness {

Score score_run(const RunResult& run, const PointsPolicy& policy) {
  double earned = 0;
  double possible = 0;
  for (const auto& r : run.results) {
    earned += points_earned(r, policy);
    possible += points_possible(r, policy);
  }
  Score s;
  if (policy.scale_to && possible > 0) s.factor = *policy.scale_to / possible;
  s.earned = earned * s.factor;
  s.possible = policy.scale_to ? *policy.scale_to : possible;
  for (const auto& r : run.results) {
    SuiteScore* suite = nullptr;
    for (auto& existing : s.suites) {
      if (existing.suite == r.info.suite) suite = &existing;
    }
    if (!suite) {
      s.suites.push_back({r.info.suite, 0, 0});
      suite = &s.suites.back();
    }
    suite->earned += points_earned(r, policy) * s.factor;
    suite->possible += points_possible(r, policy) * s.factor;
  }
  return s;
}

std::string points_text(double points) {
  double rounded = std::round(points * 100) / 100;
  if (rounded == 0) rounded = 0;  // no "-0"
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", rounded);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace wirecheck::harness
