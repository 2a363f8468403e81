// The request parser on arbitrary bytes. The first byte picks the options (strict, every
// leniency, observer mode, or limits small enough to be reached); the rest is fed whole, message
// after message, then finish(). EventLog aborts on any broken promise of parser.h.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/drive.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto options = wcfuzz::options_for(wcfuzz::mode_from_byte(data[0]));
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  wcfuzz::EventLog log;
  wirecheck::http::Parser parser(wirecheck::http::MessageKind::request, log, options);
  wcfuzz::drive_whole(parser, log, input);
  return 0;
}
