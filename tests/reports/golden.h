#pragma once
// Golden files for the reporter tests, in tests/data/reports/. A mismatch fails with the first
// differing line and leaves the actual output beside the test binary for `diff -u`.
// To accept a deliberate change, rerun with WIRECHECK_UPDATE_GOLDEN=1, then review the diff
// of tests/data/reports/ before committing it:
//   WIRECHECK_UPDATE_GOLDEN=1 ctest --test-dir build/dev -R 'Golden\.'
#include <string>

namespace wirecheck::reports::testing {

std::string golden_path(const std::string& name);
// Compares `actual` with the golden file `name` (or rewrites it when updating) and returns an
// empty string on success, else what differs.
std::string check_golden(const std::string& name, const std::string& actual);

}  // namespace wirecheck::reports::testing
