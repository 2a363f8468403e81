// Split invariance: the same bytes fed whole and fed in fuzzer-chosen pieces must give the same
// event log (events, spans, violations, errors with offsets, finish() result); only body data
// may arrive in different pieces, and the log merges those. Any difference aborts.
//
// Input layout: byte 0 = control, then K length bytes, then the message bytes.
//   control bits 0-1  options (strict, every leniency, observer, small limits)
//   control bit  2    parse a response instead of a request
//   control bits 3-5  K, the number of length bytes (0 = feed byte by byte)
//   control bits 6-7  for a response, the request method: GET, HEAD, CONNECT, GET
//   length byte b     a piece of b + 1 bytes; the lengths repeat until the input is used up
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/drive.h"

namespace {

constexpr std::string_view kMethods[] = {"GET", "HEAD", "CONNECT", "GET"};

void answer_same_method(wirecheck::http::Parser& parser, void* method) {
  parser.set_request_method(*static_cast<std::string_view*>(method));
}

// The first line where two logs differ, for the report.
size_t first_difference(const std::string& a, const std::string& b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return i;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t control = data[0];
  const auto options = wcfuzz::options_for(static_cast<wcfuzz::Mode>(control & 3));
  const auto kind = (control & 4) ? wirecheck::http::MessageKind::response
                                  : wirecheck::http::MessageKind::request;
  const size_t k = (control >> 3) & 7;
  std::string_view method = kMethods[control >> 6];
  if (size < 1 + k) return 0;
  std::vector<size_t> lengths;
  for (size_t i = 0; i < k; ++i) lengths.push_back(size_t{data[1 + i]} + 1);
  if (lengths.empty()) lengths.push_back(1);
  std::string_view input(reinterpret_cast<const char*>(data) + 1 + k, size - 1 - k);

  wcfuzz::EventLog whole_log;
  wirecheck::http::Parser whole(kind, whole_log, options);
  whole.set_request_method(method);
  wcfuzz::drive_whole(whole, whole_log, input, answer_same_method, &method);

  wcfuzz::EventLog split_log;
  wirecheck::http::Parser split(kind, split_log, options);
  split.set_request_method(method);
  wcfuzz::drive_split(split, split_log, input, lengths, answer_same_method, &method);

  if (whole_log.text() != split_log.text()) {
    std::string pieces;
    for (size_t len : lengths) pieces += std::to_string(len) + " ";
    const size_t at = first_difference(whole_log.text(), split_log.text());
    wcfuzz::fail("whole and split feeding disagree",
                 "pieces of " + pieces + "bytes; logs differ at log byte " + std::to_string(at) +
                     "\n--- whole:\n" + wcfuzz::readable(whole_log.text()) + "\n--- split:\n" +
                     wcfuzz::readable(split_log.text()));
  }
  return 0;
}
