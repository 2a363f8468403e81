#pragma once
// The explanation of one case, as plain (optionally colored) text: where it is written, why
// it matters, the requirement, each reason with expected vs actual and the offending bytes,
// and how to reproduce it. The console prints it, JUnit puts it in <failure>, Markdown in a
// code block, so a person reads the same words wherever the report lands.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "harness/model/result.h"
#include "reports/style.h"

namespace wirecheck::reports {

struct DetailOptions {
  Style style;
  std::string indent;
  std::string target;         // for the reproducer (see make_reproducer)
  bool reproducer = true;
  bool transcript = false;    // the whole transcript after the reasons
  size_t transcript_bytes = 64 * 1024;
};

void write_case_detail(std::string& out, const harness::CaseResult& result,
                       const DetailOptions& options);

// The first reason's message, or a phrase for the verdict when there is none: one line for
// JUnit's message attribute, a Markdown summary, a skip list.
std::string headline(const harness::CaseResult& result);

// "RFC 9112 §6.1", or "suite <name>" for cases that cite no RFC.
std::string section_title(const harness::CaseInfo& info);

struct SectionGroup {
  std::string title;
  std::vector<const harness::CaseResult*> cases;  // in result order
};

// Results that pass `keep`, grouped by section_title, groups in the order their first case
// appears (the library order, which follows the case files).
template <typename Keep>
std::vector<SectionGroup> group_by_section(const std::vector<harness::CaseResult>& results,
                                           Keep keep) {
  std::vector<SectionGroup> groups;
  for (const auto& r : results) {
    if (!keep(r)) continue;
    std::string title = section_title(r.info);
    SectionGroup* group = nullptr;
    for (auto& g : groups) {
      if (g.title == title) group = &g;
    }
    if (!group) {
      groups.push_back(SectionGroup{title, {}});
      group = &groups.back();
    }
    group->cases.push_back(&r);
  }
  return groups;
}

// Reports explain failures (fail and error) first, then warnings.
inline bool is_failure(const harness::CaseResult& r) {
  return r.verdict == harness::Verdict::fail || r.verdict == harness::Verdict::error;
}
inline bool is_warning(const harness::CaseResult& r) {
  return r.verdict == harness::Verdict::warn;
}

}  // namespace wirecheck::reports
