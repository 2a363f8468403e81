#pragma once
// Points from verdicts, under a profile's points policy: each case earns points_earned() of
// points_possible() (harness/model/result.h). When the policy scales to a maximum (say 100),
// every case's points are scaled by the same factor, so the suite columns and the tests of a
// Gradescope file add up to the total.
#include <string>
#include <vector>

#include "harness/model/profile.h"
#include "harness/model/result.h"

namespace wirecheck::harness {

struct SuiteScore {
  std::string suite;
  double earned = 0;    // scaled
  double possible = 0;  // scaled
};

struct Score {
  double earned = 0;    // scaled: the student's total
  double possible = 0;  // scaled: the most anyone could earn (scale_to when set)
  double factor = 1;    // scaled points per unscaled point
  std::vector<SuiteScore> suites;  // in the order the suites first appear in the results

  double earned_by(const CaseResult& r, const PointsPolicy& policy) const {
    return points_earned(r, policy) * factor;
  }
  double possible_for(const CaseResult& r, const PointsPolicy& policy) const {
    return points_possible(r, policy) * factor;
  }
};

Score score_run(const RunResult& run, const PointsPolicy& policy);

// Rounded for people and files: at most two decimals, no trailing zeros ("87.5", "100").
std::string points_text(double points);

}  // namespace wirecheck::harness
