#pragma once
// Maps a request path onto a file under the document root, refusing every way out of it:
// "..", percent-encoded dots and slashes, and symbolic links that point elsewhere (the resolved
// path must still lie under the resolved root).
#include <cstdint>
#include <string>
#include <string_view>

#include "reference/net/fd.h"

namespace wirecheck::server {

struct StaticFile {
  int status = 404;               // 200, or 400 (bad encoding), 403, 404
  net::UniqueFd fd;               // open for reading when status is 200
  uint64_t size = 0;
  std::string_view content_type;  // by extension
  std::string why;                // for the error body
};

// `root_real` is the realpath of the document root; `raw_path` the path of the request target
// (no query), still percent-encoded.
StaticFile open_static(const std::string& root_real, std::string_view raw_path);

// Decodes %XX escapes. False on a malformed escape or an encoded NUL.
bool percent_decode(std::string_view in, std::string& out);

std::string_view content_type_for(std::string_view path);

}  // namespace wirecheck::server
