#pragma once
// Request bodies built from name=value pairs, as `wirecheck send --form` sends them: a
// multipart/form-data body (RFC 7578), the way browsers and `curl -F` submit forms.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wirecheck::client {

struct FormBody {
  std::string content_type;  // "multipart/form-data; boundary=..."
  std::string body;
};

// `fields` in order. The boundary is fixed unless it occurs in a value, then lengthened until
// it does not, so the same form always gives the same bytes.
FormBody multipart_form(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace wirecheck::client
