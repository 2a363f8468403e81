#pragma once
// Checks one observed response against a ResponseMatch. Each unmet expectation becomes a
// Finding with expected vs actual and the bytes it is about; the caller turns findings into
// reasons with a verdict (the case's level, an alternative's own verdict).
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/model/matchers.h"
#include "harness/model/result.h"
#include "harness/model/template.h"
#include "harness/run/response_reader.h"
#include "harness/run/session.h"

namespace wirecheck::harness {

struct Finding {
  std::string message;
  std::string expected;
  std::string actual;
  SourceLocation where;
  std::optional<Excerpt> excerpt;
  bool harness_error = false;  // the check could not be made (a variable without a value)
};

// What the connection did after the response: read with a short deadline once, on demand.
struct AfterResponse {
  ConnectionState state = ConnectionState::open;
  uint64_t extra_bytes = 0;  // bytes that followed the response
  uint64_t extra_from = 0;   // stream offset of the first of them
  int responses = 1;         // final responses so far, this one included
  std::string detail;        // "no data and no close for 250ms", "FIN after 0 bytes"
};

struct ResponseContext {
  const ObservedResponse& response;
  const Session& session;
  const Variables& vars;
  std::function<const AfterResponse&()> after;
  // From the end of the request (the last write on the connection) to the complete response.
  std::chrono::microseconds elapsed{0};
  double timeout_scale = 1.0;
};

std::vector<Finding> check_response(const ResponseMatch& match, const ResponseContext& ctx);

// Whether the checks of `match` need to read after the response.
bool needs_after(const ResponseMatch& match);

// How the response's end was determined.
Framing framing_of(const ObservedResponse& response);

// "status 200, framing content-length, connection open" style summary of what arrived, for
// `actual` when no alternative matched.
std::string summarize(const ObservedResponse& response);
// "status 400, connection closed" from a match, for `expected`.
std::string describe(const ResponseMatch& match);

}  // namespace wirecheck::harness
