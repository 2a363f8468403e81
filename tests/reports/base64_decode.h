#pragma once
// The reverse of reports::base64, for tests that read bytes back out of the JSON and HTML
// reports. Stops at the first character outside the alphabet (the padding).
#include <string>

namespace wirecheck::reports::testing {

std::string decode_base64(const std::string& text);

}  // namespace wirecheck::reports::testing
