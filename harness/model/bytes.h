#pragma once
// Showing bytes to people, and reading the hex that case files may use for them.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace wirecheck::harness {

// Printable ASCII as is; \r \n \t \\ \" and \xHH for everything else, so the text can be pasted
// back into a case file or a printf. `quote` escapes '"' too.
std::string escape_bytes(std::string_view bytes, bool quote = false);

// "48 54 54 50" or "48545450" (whitespace between digit pairs is ignored). On failure returns
// nullopt and sets `error_at` to the offset in `text` of the offending character.
std::optional<std::string> decode_hex(std::string_view text, size_t* error_at = nullptr);

std::string encode_hex(std::string_view bytes);  // lower-case, no separators

}  // namespace wirecheck::harness
