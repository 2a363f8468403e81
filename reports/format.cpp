#include "reports/format.h"

#include <cstdio>
#include <ctime>

namespace wirecheck::reports {

std::string human_duration(std::chrono::microseconds d) {
  char buf[64];
  long long us = d.count() < 0 ? 0 : d.count();
  if (us < 1'000'000) {
    std::snprintf(buf, sizeof buf, "%.1f ms", static_cast<double>(us) / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f s", static_cast<double>(us) / 1e6);
  }
  return buf;
}

std::string decimal_seconds(std::chrono::microseconds d) {
  long long us = d.count() < 0 ? 0 : d.count();
  // Integer arithmetic: rounding to milliseconds must not depend on floating point.
  long long ms = (us + 500) / 1000;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%lld.%03lld", ms / 1000, ms % 1000);
  return buf;
}

std::string iso_utc(std::chrono::system_clock::time_point t, bool millis, bool zone) {
  using namespace std::chrono;
  auto since = duration_cast<milliseconds>(t.time_since_epoch()).count();
  long long secs = since / 1000;
  long long ms = since % 1000;
  if (ms < 0) {
    ms += 1000;
    secs -= 1;
  }
  std::time_t tt = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out = buf;
  if (millis) {
    std::snprintf(buf, sizeof buf, ".%03lld", ms);
    out += buf;
  }
  if (zone) out += 'Z';
  return out;
}

std::string format_points(double points) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", points);
  return buf;
}

std::string plural(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string interrupted_note(const harness::RunResult& result) {
  return std::to_string(result.results.size()) + " of " +
         plural(result.selected, "selected case", "selected cases") +
         " finished; the others did not run";
}

std::chrono::microseconds run_duration(const harness::RunResult& result) {
  auto d = std::chrono::duration_cast<std::chrono::microseconds>(result.finished - result.started);
  return d.count() < 0 ? std::chrono::microseconds{0} : d;
}

}  // namespace wirecheck::reports
