#pragma once
// The {placeholders} of a roster: {port} {host} {dir} {docroot} {name}. A start command is run
// by /bin/sh, so values put into it are quoted for the shell; `${VAR}` and brace expansions
// such as {a,b} are left to the shell.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wirecheck::harness {

using PlaceholderValues = std::map<std::string, std::string>;

// Every placeholder a start command or an environment value may use.
const std::vector<std::string>& start_placeholders();
// The ones a directory may use (the port is not known yet when directories are resolved).
const std::vector<std::string>& dir_placeholders();

struct PlaceholderUse {
  size_t offset = 0;  // of the '{'
  std::string name;
};

// The `{word}` placeholders of `text` ({ followed by lowercase letters and }), except those
// after a '$' (shell variables).
std::vector<PlaceholderUse> find_placeholders(std::string_view text);

// `text` with each known placeholder replaced by its value; with `shell`, values are quoted
// as one shell word. Unknown names are left as written (the loader has reported them).
std::string expand_placeholders(std::string_view text, const PlaceholderValues& values,
                                bool shell);

}  // namespace wirecheck::harness
