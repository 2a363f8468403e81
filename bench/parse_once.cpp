// Parses one message N times with one parser, for counting instructions under
// `valgrind --tool=callgrind` (scripts/bench-parser): running it with two values of N and
// dividing the difference in instructions by the difference in N gives the instructions of
// one parse, with start-up and set-up cancelled out.
//
//   parse_once PARSER MESSAGE N
//     PARSER   ours | picohttpparser | llhttp | http_parser | pico_body_copy
//     MESSAGE  tiny_get | browser_get | chunked_post
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "bench/messages.h"
#include "bench/parsers.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s PARSER MESSAGE N\n", argv[0]);
    return 2;
  }
  const std::string parser = argv[1];
  std::unique_ptr<wirecheck::bench::Adapter> adapter;
  if (parser == "pico_body_copy") {
    adapter = wirecheck::bench::make_pico_copy_only();
  } else {
    for (const auto& a : wirecheck::bench::adapters()) {
      if (parser == a.name) adapter = a.make();
    }
  }
  const wirecheck::bench::Message* m = wirecheck::bench::find_message(argv[2]);
  char* end = nullptr;
  const unsigned long n = std::strtoul(argv[3], &end, 10);
  if (!adapter || !m || *end != '\0') {
    std::fprintf(stderr, "unknown parser or message, or N is not a number\n");
    return 2;
  }
  wirecheck::bench::Summary s;
  for (unsigned long i = 0; i < n; ++i) {
    if (!adapter->parse(m->bytes, s)) {
      std::fprintf(stderr, "%s failed to parse %s\n", argv[1], argv[2]);
      return 1;
    }
  }
  // Printing the folded sink keeps the compiler from dropping the parses.
  std::printf("%s %s x%lu: fields %zu body %zu sink %llu\n", argv[1], argv[2], n, s.fields, s.body,
              static_cast<unsigned long long>(s.sink));
  return 0;
}
