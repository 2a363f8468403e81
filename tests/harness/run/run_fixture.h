#pragma once
// Helpers for runner tests: cases from YAML text, a scripted HTTP server, one-call runs.
#include <functional>
#include <string>

#include "harness/load/loader.h"
#include "harness/model/case.h"
#include "harness/model/result.h"
#include "harness/run/options.h"
#include "tests/hostile/loopback_server.h"

namespace wirecheck::testing {

// Loads a case file from text; the test fails (and the library is empty) when it has errors.
// Relative `file:` payloads resolve against tests/data/run-cases/.
harness::Library load_yaml(const std::string& yaml);

// The one case of a single-case file written in short form: `steps` is the YAML of the
// steps list (indented by 6), `extra` more case keys (indented by 4).
std::string one_case(const std::string& steps, const std::string& extra = {});

struct Reply {
  std::string bytes;
  enum class After { keep, close, reset, stall } after = After::keep;
};

// Reads requests one after another (head and Content-Length body) and writes what `answer`
// returns for each, until the client closes or the server stops.
Script http_script(std::function<Reply(const std::string& request)> answer);

// Options for a run against 127.0.0.1:port with short, test-friendly checks.
harness::RunOptions options_for(uint16_t port);

// Runs the only case of `yaml` against 127.0.0.1:port.
harness::CaseResult run_yaml(const std::string& yaml, uint16_t port);
harness::CaseResult run_yaml(const std::string& yaml, const harness::RunOptions& options);

// All reasons, one per line, for failure messages.
std::string dump(const harness::CaseResult& r);

// Whether any reason's message (or expected/actual) contains `text`.
bool has_reason(const harness::CaseResult& r, const std::string& text);

}  // namespace wirecheck::testing
