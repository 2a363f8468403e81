// nodejs/http-parser (Debian's libhttp-parser), the predecessor of llhttp. It frames and
// decodes the body itself; the callbacks only touch the spans.
#include <http_parser.h>

#include "bench/parsers.h"

namespace wirecheck::bench {
namespace {

struct State {
  Summary* out = nullptr;
  bool complete = false;
};

State& state(http_parser* p) { return *static_cast<State*>(p->data); }

int on_url(http_parser* p, const char* at, size_t n) {
  // http-parser reports the method as a number, already decoded from the request line.
  state(p).out->sink += n + static_cast<unsigned char>(at[0]) + p->method;
  return 0;
}
int on_field(http_parser* p, const char*, size_t n) {
  state(p).out->sink += n;
  return 0;
}
int on_value(http_parser* p, const char*, size_t n) {
  ++state(p).out->fields;
  state(p).out->sink += n;
  return 0;
}
int on_body(http_parser* p, const char*, size_t n) {
  state(p).out->body += n;
  state(p).out->sink += n;
  return 0;
}
int on_complete(http_parser* p) {
  state(p).complete = true;
  return 0;
}

class HttpParser : public Adapter {
 public:
  HttpParser() {
    http_parser_settings_init(&settings_);
    settings_.on_url = on_url;
    settings_.on_header_field = on_field;
    settings_.on_header_value = on_value;
    settings_.on_body = on_body;
    settings_.on_message_complete = on_complete;
    http_parser_init(&parser_, HTTP_REQUEST);
    parser_.data = &state_;
  }

  bool parse(std::string_view message, Summary& out) override {
    state_.out = &out;
    state_.complete = false;
    size_t n = http_parser_execute(&parser_, &settings_, message.data(), message.size());
    return n == message.size() && HTTP_PARSER_ERRNO(&parser_) == HPE_OK && state_.complete;
  }

 private:
  http_parser_settings settings_;
  http_parser parser_;
  State state_;
};

}  // namespace

std::unique_ptr<Adapter> make_http_parser() { return std::make_unique<HttpParser>(); }

}  // namespace wirecheck::bench
