#pragma once
// Response bodies produced while they are sent, so a large /bytes, /chunked or static file
// never sits whole in memory: the session asks for more each time its output queue runs dry.
#include <cstdint>
#include <memory>
#include <string>

#include "reference/net/fd.h"

namespace wirecheck::server {

class BodySource {
 public:
  virtual ~BodySource() = default;
  // Appends up to about `max` bytes to `out`. Returns false once everything has been produced
  // (possibly appending the last bytes in that same call).
  virtual bool fill(std::string& out, size_t max) = 0;
};

// The byte at position `i` of every generated body: 'a'..'z' repeating, so a client can check
// any range of a body without the server sending a checksum.
inline char pattern_byte(uint64_t i) { return static_cast<char>('a' + i % 26); }
void append_pattern(std::string& out, uint64_t from, uint64_t count);

// `length` pattern bytes, unframed (Content-Length or close-delimited).
std::unique_ptr<BodySource> pattern_body(uint64_t length);
// `count` chunks of `size` pattern bytes each in chunked framing, then the last chunk.
std::unique_ptr<BodySource> chunked_pattern_body(uint64_t size, uint64_t count);
// A file's bytes, read as they are sent.
std::unique_ptr<BodySource> file_body(net::UniqueFd fd, uint64_t length);

}  // namespace wirecheck::server
