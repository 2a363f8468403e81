// The response parser on arbitrary bytes, with the request it answers as context: the first
// byte picks the request method (GET, HEAD or CONNECT, which change the framing rules) and the
// options; the rest is fed whole, response after response, then finish() (which completes a
// close-delimited body or reports what was cut short).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/drive.h"

namespace {

constexpr std::string_view kMethods[] = {"GET", "HEAD", "CONNECT"};

void answer_same_method(wirecheck::http::Parser& parser, void* method) {
  parser.set_request_method(*static_cast<std::string_view*>(method));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view method = kMethods[data[0] % 3];
  const auto options = wcfuzz::options_for(wcfuzz::mode_from_byte(data[0] / 3));
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  wcfuzz::EventLog log;
  wirecheck::http::Parser parser(wirecheck::http::MessageKind::response, log, options);
  parser.set_request_method(method);
  wcfuzz::drive_whole(parser, log, input, answer_same_method, &method);
  return 0;
}
