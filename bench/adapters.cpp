#include "bench/parsers.h"

namespace wirecheck::bench {

const std::vector<NamedAdapter>& adapters() {
  static const std::vector<NamedAdapter> all = {
      {"ours", make_ours},
      {"picohttpparser", make_picohttpparser},
      {"llhttp", make_llhttp},
      {"http_parser", make_http_parser},
  };
  return all;
}

}  // namespace wirecheck::bench
