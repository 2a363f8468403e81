#include "harness/model/result.h"

namespace wirecheck::harness {
namespace {

double weight(Level level, const PointsPolicy& policy) {
  switch (level) {
    case Level::must: return policy.must_weight;
    case Level::should: return policy.should_weight;
    case Level::may: return policy.may_weight;
  }
  return 1.0;
}

}  // namespace

size_t& VerdictCounts::operator[](Verdict v) {
  switch (v) {
    case Verdict::pass: return pass;
    case Verdict::warn: return warn;
    case Verdict::fail: return fail;
    case Verdict::error: return error;
    case Verdict::skip: return skip;
  }
  return error;
}

size_t VerdictCounts::operator[](Verdict v) const {
  return const_cast<VerdictCounts&>(*this)[v];
}

void RunResult::tally() {
  counts = {};
  by_level.clear();
  for (const auto& r : results) {
    ++counts[r.verdict];
    ++by_level[r.info.ref.level][r.verdict];
  }
}

bool RunResult::failed(bool strict) const {
  return counts.fail > 0 || counts.error > 0 || (strict && counts.warn > 0);
}

double points_earned(const CaseResult& result, const PointsPolicy& policy) {
  double full = result.info.points * weight(result.info.ref.level, policy);
  switch (result.verdict) {
    case Verdict::pass: return full;
    case Verdict::warn: return full * policy.warn_credit;
    default: return 0;
  }
}

double points_possible(const CaseResult& result, const PointsPolicy& policy) {
  if (result.verdict == Verdict::skip && !policy.count_skipped) return 0;
  return result.info.points * weight(result.info.ref.level, policy);
}

}  // namespace wirecheck::harness
