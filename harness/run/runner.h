#pragma once
// The case runner: checks that the target answers, then runs the selected cases in parallel
// (cases marked serial alone) and returns their results in the order given.
#include <string>
#include <vector>

#include "harness/model/case.h"
#include "harness/model/result.h"
#include "harness/run/options.h"

namespace wirecheck::harness {

struct ProbeResult {
  bool ok = false;
  std::string message;  // why not: "cannot connect to 127.0.0.1:8080: connection refused ..."
};

// Resolves the target and opens (and closes) one connection, once, before a run, so an
// unreachable target is reported once rather than by every case.
ProbeResult probe_target(const RunOptions& options);

// Runs `cases` against the target. Results are in the order of `cases` whatever the
// parallelism. When options.stop is set during the run, cases that did not finish are left
// out, so the result holds exactly what finished.
RunResult run_cases(const std::vector<const Case*>& cases, const RunOptions& options);

// One case on its own (resolving the target itself); for tests and tools.
CaseResult run_case(const Case& c, const RunOptions& options);

}  // namespace wirecheck::harness
