#pragma once
// Internal to harness/load: the readers for the parts of a case file, built on Reader.
#include <optional>
#include <vector>

#include "harness/load/reader.h"
#include "harness/model/steps.h"

namespace wirecheck::harness {

// The steps of one case, with the order of connection use checked.
std::optional<std::vector<Step>> read_steps(Reader& r, const Entry& steps);

std::optional<Send> read_send(Reader& r, const Entry& e);

// `entries` is an `expect` map already read with expect_keys(); it reads an HTTP response
// unless it has raw-data keys (bytes, hex, file, text, regex).
std::optional<Action> read_expect(Reader& r, const Entry& e);

}  // namespace wirecheck::harness
