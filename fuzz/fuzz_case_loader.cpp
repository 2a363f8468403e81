// The YAML loader (harness/load) on arbitrary text: it must never throw or crash, whatever the
// file holds, and every diagnostic must point into the text it was given. The first byte picks
// what the text is read as: a case file, a target file or a profile.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/report.h"
#include "harness/load/loader.h"

namespace {

// Relative `file:` payloads resolve next to the case file; this directory does not exist, so
// a fuzz input cannot make the loader read files of the checkout.
const std::string kFileName = "/nonexistent-wirecheck-fuzz/fuzz.yaml";

void check(const wirecheck::harness::Diagnostics& diagnostics, std::string_view text) {
  // Lines of the text (a final line without newline counts), plus one for "at end of file".
  // YAML breaks lines at LF, CR and CRLF alike (YAML 1.2 §5.4), and so do its marks.
  int lines = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++lines;
    }
  }
  for (const auto& d : diagnostics.items()) {
    if (d.message.empty()) wcfuzz::fail("diagnostic without a message", d.to_string());
    if (d.where.file == kFileName && (d.where.line < 0 || d.where.line > lines + 1)) {
      wcfuzz::fail("diagnostic points outside the text", d.to_string());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      auto result = wirecheck::harness::load_cases_text(text, kFileName);
      check(result.diagnostics, text);
      break;
    }
    case 1: {
      wirecheck::harness::Diagnostics diagnostics;
      (void)wirecheck::harness::load_target_text(text, kFileName, diagnostics);
      check(diagnostics, text);
      break;
    }
    default: {
      wirecheck::harness::Diagnostics diagnostics;
      (void)wirecheck::harness::load_profile_text(text, kFileName, diagnostics);
      check(diagnostics, text);
      break;
    }
  }
  return 0;
}
