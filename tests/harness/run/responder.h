#pragma once
// A scripted HTTP server for matcher and step tests: each path answers with fixed bytes.
#include <map>
#include <memory>
#include <string>

#include "tests/harness/run/run_fixture.h"

namespace wirecheck::testing {

// The request line's target.
std::string path_of_request(const std::string& request);

// Answers each path in `table` with its reply; /echo answers with the whole request it read
// as a Content-Length body; anything else gets 404.
std::unique_ptr<LoopbackServer> table_server(std::map<std::string, Reply> table);

// The raw bytes of a GET for `path` with a Host field.
std::string get(const std::string& path);

}  // namespace wirecheck::testing
