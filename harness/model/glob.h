#pragma once
// fnmatch-like patterns for case ids and suite names: * (any run, '/' included), ? (one
// character), [abc] [a-z] [!abc] (one of a set). No escapes: ids never hold * ? [.
#include <string_view>

namespace wirecheck::harness {

bool glob_match(std::string_view pattern, std::string_view text);

// True when the pattern has no wildcard, so it names exactly one thing.
bool glob_is_literal(std::string_view pattern);

}  // namespace wirecheck::harness
