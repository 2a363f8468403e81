#pragma once
// One adapter per parser measured. Each does the same work for one complete request: parse the
// request line and every field line, decide the body framing from the fields, decode the body,
// and touch every span it is handed (method, target, each name and value, each body piece) so
// no parser is credited for work it could skip.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace wirecheck::bench {

// What one parse saw; checked once per parser and message before anything is timed, so every
// adapter is known to do the full job.
struct Summary {
  size_t fields = 0;
  size_t body = 0;
  uint64_t sink = 0;  // folds in every span touched
};

class Adapter {
 public:
  virtual ~Adapter() = default;
  // Parses one complete request held in `message`; false if the parser failed. The adapter
  // keeps its parser between calls, like a server reading one request after another from a
  // persistent connection.
  virtual bool parse(std::string_view message, Summary& out) = 0;
};

std::unique_ptr<Adapter> make_ours();
std::unique_ptr<Adapter> make_picohttpparser();
std::unique_ptr<Adapter> make_llhttp();
std::unique_ptr<Adapter> make_http_parser();

// picohttpparser decodes chunked bodies in place, so each parse first copies the body into a
// scratch buffer; this adapter does only that copy, so its cost can be measured and taken out
// (docs/performance.md).
std::unique_ptr<Adapter> make_pico_copy_only();

struct NamedAdapter {
  const char* name;
  std::unique_ptr<Adapter> (*make)();
};
// ours, picohttpparser, llhttp, http_parser (the order reports use).
const std::vector<NamedAdapter>& adapters();

}  // namespace wirecheck::bench
