#pragma once
// What grading a roster will do, worked out before any server starts: the case library
// (loaded once), for each profile the cases it selects and the case that checks a server
// still answers, and for each student its profile and target description. Everything that
// can be wrong with the roster, its profiles, target files and cases is found here.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/grade/roster.h"
#include "harness/load/diagnostic.h"
#include "harness/load/loader.h"
#include "harness/model/case.h"
#include "harness/model/profile.h"
#include "harness/model/target.h"

namespace wirecheck::harness {

struct ProfilePlan {
  Profile profile;
  std::vector<const Case*> cases;  // library order
  const Case* health = nullptr;    // see GradingPolicy::health
};

struct StudentPlan {
  const Student* student = nullptr;
  const ProfilePlan* profile = nullptr;
  Target target;
};

struct GradePlan {
  Roster roster;
  std::unique_ptr<LoadResult> cases;  // owns the library the plans point into
  std::map<std::string, ProfilePlan> profiles;  // by profile file
  std::vector<StudentPlan> students;            // roster order

  // The suites every profile of the roster touches, in library order (gradebook columns).
  std::vector<std::string> suites() const;
};

// nullopt after reporting every problem to `diagnostics`.
std::unique_ptr<GradePlan> plan_grading(Roster roster, Diagnostics& diagnostics);

}  // namespace wirecheck::harness
