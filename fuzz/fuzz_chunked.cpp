// The chunked body decoder: every input is the body of a request whose head says
// "Transfer-Encoding: chunked", so nearly all of the fuzzer's effort goes into chunk sizes,
// extensions, chunk data, trailers and the final CRLF (and whatever pipelined bytes follow).
// The first byte picks the options, as in fuzz_request.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "fuzz/drive.h"

namespace {

constexpr std::string_view kHead =
    "POST /upload HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n\r\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto options = wcfuzz::options_for(wcfuzz::mode_from_byte(data[0]));
  // Head and body in one exactly sized block, so a read past the end is still caught.
  const size_t total = kHead.size() + size - 1;
  std::unique_ptr<char[]> bytes(new char[total]);
  std::memcpy(bytes.get(), kHead.data(), kHead.size());
  std::memcpy(bytes.get() + kHead.size(), data + 1, size - 1);
  wcfuzz::EventLog log;
  wirecheck::http::Parser parser(wirecheck::http::MessageKind::request, log, options);
  wcfuzz::drive_whole(parser, log, std::string_view(bytes.get(), total));
  return 0;
}
