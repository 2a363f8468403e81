#pragma once
// Run results built in code for the reporter tests: every verdict, excerpts with marks, a
// transcript over two connections, Unicode and control bytes in bodies and titles, and times
// fixed so every rendering is the same on every machine.
#include <string>

#include "harness/model/result.h"

namespace wirecheck::reports::testing {

// 2024-05-01T12:00:00Z.
std::chrono::system_clock::time_point fixed_start();

harness::RunResult mixed_run();     // pass, warn, fail (with excerpts), error, skip, Unicode
harness::RunResult all_pass_run();  // three passing cases
harness::RunResult empty_run();     // nothing selected

// Looks a case up by id in `run`; fails the test (and returns the first case) if absent.
const harness::CaseResult& find_case(const harness::RunResult& run, const std::string& id);

}  // namespace wirecheck::reports::testing
