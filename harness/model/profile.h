#pragma once
// A profile names which cases apply to a kind of target (http-origin, tcp-reply,
// student-http), the parameters those cases need (the reply text a tutorial server sends and
// its encoding), and how points are counted when grading. Profiles live in
// cases/profiles/<name>.yaml.
#include <optional>
#include <string>
#include <vector>

#include "harness/model/source_location.h"
#include "harness/model/tag_expr.h"
#include "harness/model/template.h"

namespace wirecheck::harness {

struct PointsPolicy {
  double warn_credit = 0.5;     // share of a case's points a warn earns
  bool count_skipped = false;   // whether skipped cases count toward the maximum
  double must_weight = 1.0;     // multiplies the points of MUST cases
  double should_weight = 1.0;
  double may_weight = 1.0;
  std::optional<double> scale_to;  // report the score scaled to this maximum (e.g. 100)
};

struct Profile {
  std::string name;
  std::string description;
  // A case applies when it matches one of `suites` (globs over suite names) or one of `paths`
  // (globs over the case file's path relative to `root`, '*' crossing '/'), or when both are
  // empty; and when `tags` (if any) matches its tags.
  std::vector<std::string> suites;
  std::vector<std::string> paths;
  std::optional<TagExpr> tags;
  std::string root;  // the cases directory the paths are relative to (the profile folder's parent)
  Variables parameters;  // override the suites' parameter defaults
  PointsPolicy points;
  SourceLocation where;
};

}  // namespace wirecheck::harness
