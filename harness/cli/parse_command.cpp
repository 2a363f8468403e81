// `wirecheck parse FILE`: run the reference parser over a file of raw bytes and show, line by
// line, what it understood and every violation, with byte offsets. Useful to see exactly why a
// captured request or response is (or is not) valid HTTP/1.1.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "harness/cli/command.h"
#include "reference/http/parser.h"

namespace wirecheck::cli {
namespace {

std::string escaped(std::string_view bytes, size_t max = 200) {
  std::string out;
  for (size_t i = 0; i < bytes.size() && i < max; ++i) {
    auto c = static_cast<unsigned char>(bytes[i]);
    switch (c) {
      case '\r': out += "\\r"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      default:
        if (c < 0x20 || c >= 0x7F) {
          char buf[5];
          std::snprintf(buf, sizeof buf, "\\x%02X", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  if (bytes.size() > max) out += "...";
  return out;
}

const char* body_kind(http::BodyKind kind) {
  switch (kind) {
    case http::BodyKind::none: return "none";
    case http::BodyKind::content_length: return "content-length";
    case http::BodyKind::chunked: return "chunked";
    case http::BodyKind::close_delimited: return "close-delimited";
  }
  return "?";
}

class Printer : public http::Handler {
 public:
  explicit Printer(std::ostream& out) : out_(out) {}
  void on_message_begin(uint64_t offset) override {
    out_ << "message at byte " << offset << "\n";
  }
  void on_request_line(std::string_view method, std::string_view target, int major,
                       int minor) override {
    out_ << "  request  " << method << " \"" << escaped(target) << "\" HTTP/" << major << "."
         << minor << "\n";
  }
  void on_status_line(int major, int minor, int status, std::string_view reason) override {
    out_ << "  status   HTTP/" << major << "." << minor << " " << status << " \""
         << escaped(reason) << "\"\n";
  }
  void on_field(std::string_view name, std::string_view value) override {
    out_ << "  field    " << name << ": \"" << escaped(value) << "\"\n";
  }
  void on_field_continuation(std::string_view more) override {
    out_ << "           (continued) \"" << escaped(more) << "\"\n";
  }
  void on_headers_complete(const http::Head& h) override {
    out_ << "  body     " << body_kind(h.body);
    if (h.body == http::BodyKind::content_length) out_ << " " << h.content_length << " bytes";
    out_ << (h.keep_alive ? ", connection stays open" : ", connection closes")
         << (h.expect_continue ? ", expects 100-continue" : "")
         << (h.interim ? ", interim response" : "") << (h.upgrade ? ", upgrade" : "") << "\n";
  }
  void on_chunk_header(uint64_t size) override { out_ << "  chunk    " << size << " bytes\n"; }
  void on_chunk_extension(std::string_view name, std::string_view value) override {
    out_ << "           extension " << name << "=" << escaped(value) << "\n";
  }
  void on_body(std::string_view data) override { body_ += data; }
  void on_trailer(std::string_view name, std::string_view value) override {
    out_ << "  trailer  " << name << ": \"" << escaped(value) << "\"\n";
  }
  void on_message_complete() override {
    if (!body_.empty()) out_ << "  content  " << body_.size() << " bytes: \"" << escaped(body_) << "\"\n";
    body_.clear();
    out_ << "  complete\n";
  }
  void on_violation(const http::Error& e) override {
    out_ << "  VIOLATION " << http::describe(e) << "\n";
    ++violations;
  }
  int violations = 0;

 private:
  std::ostream& out_;
  std::string body_;
};

CommandRun setup(CLI::App& app) {
  auto* cmd = app.add_subcommand("parse", "Parse a file of raw HTTP/1.1 bytes and explain it");
  struct Flags {
    std::string file;
    bool response = false;
    std::string method = "GET";
    bool observer = false;
  };
  auto flags = std::make_shared<Flags>();
  cmd->add_option("file", flags->file, "File holding the raw bytes ('-' for standard input)")
      ->required();
  cmd->add_flag("--response", flags->response, "The bytes are responses, not requests");
  cmd->add_option("--method", flags->method, "Method of the request the response answers");
  cmd->add_flag("--observer", flags->observer,
                "Keep going past recoverable violations and list them all");
  return [flags]() -> int {
    std::string bytes;
    if (flags->file == "-") {
      bytes.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
      std::ifstream in(flags->file, std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "wirecheck parse: cannot read '%s'\n", flags->file.c_str());
        return kExitUsage;
      }
      bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    Printer printer(std::cout);
    http::Options options;
    options.observer = flags->observer;
    http::Parser parser(flags->response ? http::MessageKind::response : http::MessageKind::request,
                        printer, options);
    std::string_view rest = bytes;
    if (flags->response) parser.set_request_method(flags->method);
    for (;;) {
      http::FeedResult r = parser.feed(rest);
      rest.remove_prefix(r.consumed);
      if (r.status == http::Status::error) break;
      if (r.status == http::Status::need_more) break;
      if (flags->response) parser.set_request_method(flags->method);
      if (rest.empty()) break;
    }
    http::Error e = parser.error();
    if (!e) e = parser.finish();
    if (e) {
      std::cout << "  ERROR    " << http::describe(e) << "\n";
      uint64_t at = e.offset;
      size_t from = at > 20 ? static_cast<size_t>(at - 20) : 0;
      if (from < bytes.size()) {
        std::cout << "           bytes " << from << "..: \""
                  << escaped(std::string_view(bytes).substr(from, 40)) << "\"\n";
      }
      return kExitFailures;
    }
    std::cout << (printer.violations ? "parsed, with violations\n" : "valid\n");
    return printer.violations ? kExitFailures : kExitOk;
  };
}

const CommandRegistration registration{50, setup};

}  // namespace
}  // namespace wirecheck::cli
