// llhttp, built from Debian's node-llhttp sources in strict mode (LLHTTP_STRICT_MODE=1, no
// leniency flags). It frames and decodes the body itself; the callbacks only touch the spans.
// (Its own translation unit: llhttp.h and http_parser.h define the same enumerator names.)
#include <llhttp.h>

#include "bench/parsers.h"

namespace wirecheck::bench {
namespace {

struct State {
  Summary* out = nullptr;
  bool complete = false;
};

State& state(llhttp_t* p) { return *static_cast<State*>(p->data); }

int on_span(llhttp_t* p, const char* at, size_t n) {
  state(p).out->sink += n + static_cast<unsigned char>(at[0]);
  return 0;
}
int on_value(llhttp_t* p, const char*, size_t n) {
  // One call per field value (the message is held in one buffer, so values arrive whole).
  ++state(p).out->fields;
  state(p).out->sink += n;
  return 0;
}
int on_field(llhttp_t* p, const char*, size_t n) {
  state(p).out->sink += n;
  return 0;
}
int on_body(llhttp_t* p, const char*, size_t n) {
  state(p).out->body += n;
  state(p).out->sink += n;
  return 0;
}
int on_complete(llhttp_t* p) {
  state(p).complete = true;
  return 0;
}

class Llhttp : public Adapter {
 public:
  Llhttp() {
    llhttp_settings_init(&settings_);
    settings_.on_method = on_span;
    settings_.on_url = on_span;
    settings_.on_header_field = on_field;
    settings_.on_header_value = on_value;
    settings_.on_body = on_body;
    settings_.on_message_complete = on_complete;
    llhttp_init(&parser_, HTTP_REQUEST, &settings_);
    parser_.data = &state_;
  }

  bool parse(std::string_view message, Summary& out) override {
    state_.out = &out;
    state_.complete = false;
    llhttp_errno_t e = llhttp_execute(&parser_, message.data(), message.size());
    return e == HPE_OK && state_.complete;
  }

 private:
  llhttp_settings_t settings_;
  llhttp_t parser_;
  State state_;
};

}  // namespace

std::unique_ptr<Adapter> make_llhttp() { return std::make_unique<Llhttp>(); }

}  // namespace wirecheck::bench
