#pragma once
// Bytes a case sends or expects. Four ways to write them (see cases/SCHEMA.md):
//   "GET / HTTP/1.1\r\n..."        bytes, with escapes and {{variables}}
//   {hex: "48 54 54 50"}           bytes as hex
//   {file: body.bin}               bytes of a file next to the case file
//   {text: "你好", encoding: gbk}  UTF-8 text converted to an encoding when rendered
// and any of them may be repeated: {bytes: "a", times: 9000}.
#include <cstdint>
#include <optional>
#include <string>

#include "harness/model/source_location.h"
#include "harness/model/template.h"

namespace wirecheck::harness {

struct Payload {
  enum class Form : uint8_t { bytes, hex, file, text };

  Form form = Form::bytes;
  // bytes/hex/file: the final bytes (hex and files are decoded when the case is loaded; only
  // `bytes` can hold variables). text: UTF-8 text, converted to `encoding` by render().
  Template content;
  Template encoding;     // text only; empty means UTF-8
  uint32_t times = 1;    // the content, repeated
  std::string file;      // file: the path as written in the case file, for messages
  SourceLocation where;

  static Payload bytes(std::string b, SourceLocation where = {});
};

struct RenderError {
  std::string message;
  SourceLocation where;
};

// The bytes to put on the wire (or to compare with): variables expanded, text encoded,
// repetitions applied.
std::optional<std::string> render(const Payload& p, const Variables& vars,
                                  RenderError* error = nullptr);

// Rendered payloads are capped so a typo in `times` cannot exhaust memory.
inline constexpr uint64_t kMaxPayloadBytes = 64u << 20;

}  // namespace wirecheck::harness
