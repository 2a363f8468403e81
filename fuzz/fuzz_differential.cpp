// Differential: our request parser (strict options) against llhttp (strict mode, no leniency
// flags) on the same bytes. For every message that at least one of them completes, both must
// agree on accepting it, on its method, target, version, fields, trailers and body bytes. A
// disagreement aborts unless it matches one of the reviewed known differences in
// fuzz/known_differences.h, each of which checks independently that RFC 9112 / RFC 9110 backs
// our side (see fuzz/differential_allowlist.md).
//
// Comparison stops after the first message either parser would end the connection with
// (Connection: close, HTTP/1.0 without keep-alive, Upgrade, CONNECT): what follows is not HTTP
// any more, or would never be read.
#include <llhttp.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/differential.h"
#include "fuzz/known_differences.h"
#include "reference/http/parser.h"

namespace {

using wcfuzz::Message;
using wcfuzz::Run;

// --- our parser -------------------------------------------------------------------------------

class Collector : public wirecheck::http::Handler {
 public:
  explicit Collector(Run& run) : run_(run) {}

  void on_message_begin(uint64_t) override { run_.messages.emplace_back(); }
  void on_request_line(std::string_view method, std::string_view target, int major,
                       int minor) override {
    Message& m = run_.messages.back();
    m.method = method;
    m.target = target;
    m.major = major;
    m.minor = minor;
  }
  void on_field(std::string_view name, std::string_view value) override {
    run_.messages.back().fields.emplace_back(name, value);
  }
  void on_headers_complete(const wirecheck::http::Head& head) override {
    Message& m = run_.messages.back();
    m.head_complete = true;
    m.keep_alive = head.keep_alive && !head.must_close;
    m.upgrade = head.upgrade;
  }
  void on_body(std::string_view data) override { run_.messages.back().body.append(data); }
  void on_trailer(std::string_view name, std::string_view value) override {
    run_.messages.back().trailers.emplace_back(name, value);
  }
  void on_message_complete() override { run_.messages.back().complete = true; }

 private:
  Run& run_;
};

Run run_ours(std::string_view input) {
  Run run;
  Collector collector(run);
  wirecheck::http::Parser parser(wirecheck::http::MessageKind::request, collector);
  size_t pos = 0;
  for (;;) {
    wirecheck::http::FeedResult r = parser.feed(input.substr(pos));
    pos += r.consumed;
    if (r.status == wirecheck::http::Status::error) {
      run.error = true;
      run.our_error = parser.error();
      break;
    }
    if (r.status == wirecheck::http::Status::need_more) break;
    const Message& m = run.messages.back();
    if (!m.keep_alive || m.upgrade || m.method == "CONNECT") break;
  }
  return run;
}

// --- llhttp -----------------------------------------------------------------------------------

struct LlhttpState {
  Run* run = nullptr;
  bool in_value = false;  // the last header piece was a value: the next name starts a new field
};

Message& current(llhttp_t* p) { return static_cast<LlhttpState*>(p->data)->run->messages.back(); }

int ll_begin(llhttp_t* p) {
  auto* s = static_cast<LlhttpState*>(p->data);
  s->run->messages.emplace_back();
  s->in_value = false;
  return 0;
}
int ll_method(llhttp_t* p, const char* at, size_t n) {
  current(p).method.append(at, n);
  return 0;
}
int ll_url(llhttp_t* p, const char* at, size_t n) {
  current(p).target.append(at, n);
  return 0;
}
int ll_field(llhttp_t* p, const char* at, size_t n) {
  auto* s = static_cast<LlhttpState*>(p->data);
  Message& m = current(p);
  auto& list = m.head_complete ? m.trailers : m.fields;
  if (list.empty() || s->in_value) list.emplace_back();
  list.back().first.append(at, n);
  s->in_value = false;
  return 0;
}
int ll_value(llhttp_t* p, const char* at, size_t n) {
  auto* s = static_cast<LlhttpState*>(p->data);
  Message& m = current(p);
  auto& list = m.head_complete ? m.trailers : m.fields;
  if (list.empty()) list.emplace_back();
  list.back().second.append(at, n);
  s->in_value = true;
  return 0;
}
int ll_headers_complete(llhttp_t* p) {
  auto* s = static_cast<LlhttpState*>(p->data);
  Message& m = current(p);
  m.head_complete = true;
  m.major = p->http_major;
  m.minor = p->http_minor;
  m.keep_alive = llhttp_should_keep_alive(p) != 0;
  m.upgrade = p->upgrade != 0;
  s->in_value = false;
  return 0;
}
int ll_body(llhttp_t* p, const char* at, size_t n) {
  current(p).body.append(at, n);
  return 0;
}
int ll_complete(llhttp_t* p) {
  Message& m = current(p);
  m.complete = true;
  // llhttp decides keep-alive for good only once the message is complete.
  m.keep_alive = m.keep_alive && llhttp_should_keep_alive(p) != 0;
  return 0;
}

Run run_llhttp(std::string_view input) {
  static const llhttp_settings_t settings = [] {
    llhttp_settings_t s;
    llhttp_settings_init(&s);
    s.on_message_begin = ll_begin;
    s.on_method = ll_method;
    s.on_url = ll_url;
    s.on_header_field = ll_field;
    s.on_header_value = ll_value;
    s.on_headers_complete = ll_headers_complete;
    s.on_body = ll_body;
    s.on_message_complete = ll_complete;
    return s;
  }();
  Run run;
  LlhttpState state;
  state.run = &run;
  llhttp_t parser;
  llhttp_init(&parser, HTTP_REQUEST, &settings);
  parser.data = &state;
  llhttp_errno_t e = llhttp_execute(&parser, input.data(), input.size());
  if (e == HPE_PAUSED_UPGRADE || e == HPE_PAUSED_H2_UPGRADE) {
    run.paused = true;
    run.llhttp_errno = e;
  } else if (e != HPE_OK) {
    run.error = true;
    run.llhttp_errno = e;
    run.llhttp_reason = llhttp_get_error_reason(&parser) ? llhttp_get_error_reason(&parser) : "";
    const char* pos = llhttp_get_error_pos(&parser);
    run.llhttp_offset = pos ? static_cast<uint64_t>(pos - input.data()) : 0;
  }
  for (Message& m : run.messages) {
    for (auto& f : m.fields) f.second = std::string(wcfuzz::trim_ows(f.second));
    for (auto& f : m.trailers) f.second = std::string(wcfuzz::trim_ows(f.second));
  }
  return run;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const Run ours = run_ours(input);
  const Run theirs = run_llhttp(input);
  wcfuzz::compare(input, ours, theirs, wcfuzz::known_differences());
  return 0;
}
