#pragma once
// "did you mean ...?" for misspelled keys, variables, capabilities and values.
#include <string>
#include <string_view>
#include <vector>

namespace wirecheck::harness {

// The closest candidate within a small edit distance (case-insensitive), or "" when none is
// close enough to be a likely typo.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'status'?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// "'a', 'b' or 'c'"
std::string one_of(const std::vector<std::string>& candidates);

}  // namespace wirecheck::harness
