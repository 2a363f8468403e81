#pragma once
// Durations in case files are written "50ms", "2s" or "1.5s". They are whole milliseconds so
// that a case means the same thing on every machine (the runner scales them by --timeout-scale).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace wirecheck::harness {

using Duration = std::chrono::milliseconds;

// Returns nullopt and sets `error` (a phrase such as "needs a unit (ms or s)") when `text` is
// not a duration.
std::optional<Duration> parse_duration(std::string_view text, std::string* error = nullptr);

// The shortest exact spelling: "50ms", "2s", "1.5s".
std::string format_duration(Duration d);

}  // namespace wirecheck::harness
