#include "harness/grade/plan.h"

#include <algorithm>
#include <set>

#include "harness/model/selection.h"

namespace wirecheck::harness {
namespace {

const Case* default_health(const std::vector<const Case*>& cases) {
  for (const Case* c : cases) {
    if (c->serial) continue;
    if (std::find(c->tags.begin(), c->tags.end(), "sanity") != c->tags.end()) return c;
  }
  return cases.empty() ? nullptr : cases.front();
}

}  // namespace

std::vector<std::string> GradePlan::suites() const {
  std::set<std::string> used;
  for (const auto& [file, p] : profiles) {
    for (const Case* c : p.cases) used.insert(c->suite);
  }
  std::vector<std::string> out;
  for (const auto& suite : cases->library.suites) {
    if (used.count(suite.name) && std::find(out.begin(), out.end(), suite.name) == out.end()) {
      out.push_back(suite.name);
    }
  }
  return out;
}

std::unique_ptr<GradePlan> plan_grading(Roster roster, Diagnostics& diagnostics) {
  auto plan = std::make_unique<GradePlan>();
  plan->roster = std::move(roster);
  size_t errors_before = diagnostics.errors();

  plan->cases = std::make_unique<LoadResult>(load_cases(plan->roster.cases));
  for (auto& d : plan->cases->diagnostics.items()) diagnostics.add(d);
  if (!plan->cases->ok()) return nullptr;
  const Library& library = plan->cases->library;

  const GradingPolicy& policy = plan->roster.policy;
  for (const auto& id : policy.health) {
    if (!library.find(id)) {
      diagnostics.error(policy.health_where, "no case '" + id + "' to check the servers with (" +
                                                 std::to_string(library.case_count()) +
                                                 " cases loaded)");
    }
  }

  std::map<std::string, Target> targets;
  for (const auto& student : plan->roster.students) {
    auto [it, inserted] = plan->profiles.try_emplace(student.profile_file);
    if (inserted) {
      Diagnostics d;
      auto profile = load_profile(student.profile_file, d);
      for (auto& item : d.items()) diagnostics.add(item);
      if (!profile) continue;
      ProfilePlan& p = it->second;
      p.profile = std::move(*profile);
      Selection selection;
      selection.profile = p.profile;
      p.cases = selection.apply(library);
      if (p.cases.empty()) {
        diagnostics.error(p.profile.where, "profile '" + p.profile.name +
                                               "' selects none of the " +
                                               std::to_string(library.case_count()) +
                                               " cases loaded");
      }
      p.health = nullptr;
      for (const auto& id : policy.health) {
        auto it_case = std::find_if(p.cases.begin(), p.cases.end(),
                                    [&](const Case* c) { return c->id == id; });
        if (it_case != p.cases.end()) {
          p.health = *it_case;
          break;
        }
      }
      if (!p.health) p.health = default_health(p.cases);
    }
    if (!student.target_file.empty() && !targets.count(student.target_file)) {
      Diagnostics d;
      auto target = load_target(student.target_file, d);
      for (auto& item : d.items()) diagnostics.add(item);
      if (target) targets.emplace(student.target_file, std::move(*target));
    }
  }
  if (diagnostics.errors() > errors_before) return nullptr;

  for (const auto& student : plan->roster.students) {
    StudentPlan sp;
    sp.student = &student;
    sp.profile = &plan->profiles.at(student.profile_file);
    sp.target = student.target_file.empty() ? reference_target() : targets.at(student.target_file);
    plan->students.push_back(std::move(sp));
  }
  return plan;
}

}  // namespace wirecheck::harness
