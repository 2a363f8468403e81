#pragma once
// Numbers and times as every report writes them. Reports never read the clock: times come
// from the RunResult, so a report is a pure function of its result.
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "harness/model/result.h"

namespace wirecheck::reports {

// "0.4 ms", "12.3 ms", "1.25 s": for people.
std::string human_duration(std::chrono::microseconds d);
// Seconds with three decimals, "0.012": JUnit's `time`.
std::string decimal_seconds(std::chrono::microseconds d);
// UTC. With `millis` and `zone`: "2024-05-01T12:00:00.250Z" (JSON); without either:
// "2024-05-01T12:00:00", the zone-less form JUnit readers expect (documented as UTC).
std::string iso_utc(std::chrono::system_clock::time_point t, bool millis, bool zone);
// "2", "0.5", "1.25": the shortest form that reads back the same.
std::string format_points(double points);
// "1 case", "3 cases".
std::string plural(size_t n, std::string_view one, std::string_view many);
// For a run stopped before it finished: "7 of 10 selected cases finished; the others did not run".
std::string interrupted_note(const harness::RunResult& result);
// finished - started, never negative (a result whose times were never set lasts 0).
std::chrono::microseconds run_duration(const harness::RunResult& result);

}  // namespace wirecheck::reports
