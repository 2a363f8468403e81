#pragma once
// Runs one case: opens its connections, performs its steps in order, and judges what came
// back. Every wait has a deadline; timeouts, closes and resets become reasons, never hangs.
#include <vector>

#include "harness/model/case.h"
#include "harness/model/result.h"
#include "harness/run/options.h"
#include "reference/net/address.h"

namespace wirecheck::harness {

struct CaseOutcome {
  CaseResult result;
  bool interrupted = false;  // the run was stopped while this case ran; the result is partial
};

// `addresses`: the target's resolved addresses, tried in order (resolved once per run).
CaseOutcome execute_case(const Case& c, const RunOptions& options,
                         const std::vector<net::Address>& addresses);

}  // namespace wirecheck::harness
