// Our parser, strict default options, with a Handler that only touches the spans.
#include <string_view>

#include "bench/parsers.h"
#include "reference/http/parser.h"

namespace wirecheck::bench {
namespace {

class Touch : public http::Handler {
 public:
  Summary* out = nullptr;
  bool complete = false;

  void on_request_line(std::string_view method, std::string_view target, int major,
                       int minor) override {
    out->sink += method.size() + target.size() + static_cast<unsigned char>(method[0]) +
                 static_cast<uint64_t>(major + minor);
  }
  void on_field(std::string_view name, std::string_view value) override {
    ++out->fields;
    out->sink += name.size() + value.size();
  }
  void on_body(std::string_view data) override {
    out->body += data.size();
    out->sink += data.size();
  }
  void on_message_complete() override { complete = true; }
};

class Ours : public Adapter {
 public:
  bool parse(std::string_view message, Summary& out) override {
    touch_.out = &out;
    touch_.complete = false;
    http::FeedResult r = parser_.feed(message);
    return r.status == http::Status::message_complete && r.consumed == message.size() &&
           touch_.complete;
  }

 private:
  Touch touch_;
  http::Parser parser_{http::MessageKind::request, touch_};
};

}  // namespace

std::unique_ptr<Adapter> make_ours() { return std::make_unique<Ours>(); }

}  // namespace wirecheck::bench
