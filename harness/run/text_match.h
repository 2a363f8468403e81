#pragma once
// Regexes over text rather than bytes: std::regex sees bytes, so '.' would match a third of
// a Chinese character. Text that is valid UTF-8 is matched by code points instead.
#include <optional>
#include <string>
#include <string_view>

namespace wirecheck::harness {

// regex_search of an ECMAScript `pattern` in `text`: by code points when both are valid
// UTF-8, by bytes otherwise.
bool search_text(const std::string& pattern, std::string_view text);

// regex_search of an ECMAScript `pattern` in bytes (bodies, field values).
bool search_bytes(const std::string& pattern, std::string_view bytes);

// Quoted for a message: valid UTF-8 stays readable (only control characters escaped), other
// bytes are escaped; cut at `max` bytes.
std::string quote_text(std::string_view text, size_t max = 120);

}  // namespace wirecheck::harness
