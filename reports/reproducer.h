#pragma once
// How to repeat one case by hand: the exact `wirecheck run` line, and the bytes the case sent
// as a `printf '...' | nc HOST PORT` line per connection, for people without wirecheck at
// hand (a student at a lab machine).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/model/result.h"

namespace wirecheck::reports {

struct Endpoint {
  std::string host;  // without brackets: "::1"
  std::string port;
};

// "127.0.0.1:8080", "[::1]:8080", "example.test:80"; nullopt for anything else (such as
// "reference server", whose port changes from run to run).
std::optional<Endpoint> parse_endpoint(std::string_view target);

struct Reproducer {
  std::string run;                 // wirecheck run <case file> --id <id> [--target <target>]
  std::vector<std::string> lines;  // printf ... | nc ... lines, and '#' comments about them
};

// Bytes sent on one connection above this many are not put on a command line.
inline constexpr size_t kMaxReproducerBytes = 2048;

Reproducer make_reproducer(const harness::CaseResult& result, std::string_view target);

}  // namespace wirecheck::reports
