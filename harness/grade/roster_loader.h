#pragma once
// Reading roster files. Strict like the case loader: unknown keys, wrong types, a student
// with both or neither of `target` and `start`, duplicate names, unknown placeholders,
// directories that do not exist and profiles that cannot be found are all reported, every one
// of them, with file:line:column. Relative paths are relative to the roster file.
#include <optional>
#include <string>
#include <string_view>

#include "harness/grade/roster.h"
#include "harness/load/diagnostic.h"

namespace wirecheck::harness {

std::optional<Roster> load_roster(const std::string& file, Diagnostics& diagnostics);
std::optional<Roster> load_roster_text(std::string_view text, const std::string& file_name,
                                       Diagnostics& diagnostics);

// "512MiB", "1GiB", "64MB", "4096" (bytes). nullopt and a phrase in `error` otherwise.
std::optional<uint64_t> parse_size(std::string_view text, std::string* error = nullptr);

}  // namespace wirecheck::harness
