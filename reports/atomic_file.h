#pragma once
// The seam behind write_file_atomically (report.h), so tests can make the final rename fail.
#include <string>
#include <string_view>

namespace wirecheck::reports::detail {

using RenameFunction = int (*)(const char* from, const char* to);

bool write_file_atomically(const std::string& path, std::string_view content, std::string* error,
                           RenameFunction rename_file);

}  // namespace wirecheck::reports::detail
