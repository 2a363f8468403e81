// `wirecheck send`: the reference client.
//   wirecheck send HOST:PORT --text "你好服务端，我是客户端小黑!" --encoding gbk
//       plain TCP: send the text in that encoding, print the answer decoded from it
//   wirecheck send http://HOST:PORT/path [-X POST] [-H 'K: V'] [--data D] [--form k=v] ...
//       HTTP: render the request, print the response as parsed and every protocol violation
// Every connect, write and read has a deadline; a server that stalls, closes early or sends
// nonsense gets a message saying so.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <strings.h>
#include <vector>

#include "harness/cli/command.h"
#include "harness/model/duration.h"
#include "reference/client/display.h"
#include "reference/client/form.h"
#include "reference/client/http_client.h"
#include "reference/client/tcp_client.h"
#include "reference/client/url.h"
#include "reference/http/serializer.h"
#include "reference/net/encoding.h"

namespace wirecheck::cli {
namespace {

struct SendFlags {
  std::string target;
  // plain TCP
  std::string text;
  bool text_given = false;
  std::string encoding = "UTF-8";
  bool hex = false;
  std::string raw_file;
  bool half_close = false;
  std::string quiet_period = "500ms";
  // HTTP
  std::string method;
  std::vector<std::string> headers;
  std::string data;
  bool data_given = false;
  std::vector<std::string> form;
  bool chunked = false;
  size_t chunk_size = 1024;
  bool http10 = false;
  bool show_request = false;
  std::string timeout = "10s";
};

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

void print_prefixed(std::string_view prefix, std::string_view head) {
  size_t at = 0;
  while (at < head.size()) {
    size_t eol = head.find('\n', at);
    std::string_view line = head.substr(at, eol == std::string_view::npos ? eol : eol - at + 1);
    std::string shown = client::escape_bytes(line);
    // Keep the escaped line ends visible but end each printed line normally.
    std::cout << prefix << shown << "\n";
    if (eol == std::string_view::npos) break;
    at = eol + 1;
  }
}

void print_response(const client::ParsedResponse& r, bool hex, bool body) {
  std::cout << "< " << client::escape_bytes(r.status_line()) << "\n";
  for (const auto& f : r.fields) {
    std::cout << "< " << client::escape_bytes(f.name) << ": " << client::escape_bytes(f.value)
              << "\n";
  }
  std::cout << "<\n";
  if (!body) return;
  if (hex) {
    std::cout << client::hex_dump(r.body);
  } else {
    std::cout << r.body;
    if (!r.body.empty() && r.body.back() != '\n') std::cout << "\n";
  }
  for (const auto& t : r.trailers) {
    std::cout << "< (trailer) " << client::escape_bytes(t.name) << ": "
              << client::escape_bytes(t.value) << "\n";
  }
}

int send_tcp(const SendFlags& f) {
  std::string bytes;
  if (!f.raw_file.empty()) {
    if (!read_file(f.raw_file, bytes)) {
      std::cerr << "wirecheck send: cannot read \"" << f.raw_file << "\"\n";
      return kExitUsage;
    }
  } else if (f.text_given) {
    auto encoded = net::encode_text(f.text, f.encoding);
    if (!encoded) {
      std::cerr << "wirecheck send: --text in " << f.encoding << ": " << encoded.error() << "\n";
      return kExitUsage;
    }
    bytes = std::move(encoded.value());
  } else {
    std::cerr << "wirecheck send: nothing to send to " << f.target
              << " (give --text or --raw FILE, or an http:// URL)\n";
    return kExitUsage;
  }
  client::TcpOptions options;
  std::string why;
  auto timeout = harness::parse_duration(f.timeout, &why);
  auto quiet = harness::parse_duration(f.quiet_period, &why);
  if (!timeout || !quiet) {
    std::cerr << "wirecheck send: bad duration: " << why << "\n";
    return kExitUsage;
  }
  options.connect_timeout = options.reply_timeout = options.write_timeout = *timeout;
  options.quiet_period = *quiet;
  options.half_close = f.half_close;
  auto ex = client::tcp_exchange(f.target, bytes, options);
  if (ex.end == client::TcpEnd::unreachable) {
    std::cerr << "wirecheck send: " << ex.message << "\n";
    return kExitUnreachable;
  }
  if (f.hex) {
    std::cout << client::hex_dump(ex.received);
  } else if (!ex.received.empty()) {
    auto text = net::decode_text(ex.received, f.encoding);
    if (text) {
      std::cout << text.value() << "\n";
    } else {
      std::cout << net::decode_text_lossy(ex.received, f.encoding) << "\n";
      std::cerr << "wirecheck send: the answer is not valid " << f.encoding << ": " << text.error()
                << " (undecodable bytes shown as \\xHH; --hex shows them all)\n";
    }
  }
  std::cerr << "wirecheck send: sent " << ex.sent << " bytes to " << ex.peer << ", received "
            << ex.received.size() << "; " << client::describe(ex.end) << "\n";
  if (!ex.message.empty() && ex.end != client::TcpEnd::no_reply) {
    std::cerr << "wirecheck send: " << ex.message << "\n";
  }
  return ex.received.empty() ? kExitFailures : kExitOk;
}

int send_http(const SendFlags& f) {
  auto url = client::parse_url(f.target);
  if (!url) {
    std::cerr << "wirecheck send: " << url.error() << "\n";
    return kExitUsage;
  }
  std::string why;
  auto timeout = harness::parse_duration(f.timeout, &why);
  if (!timeout) {
    std::cerr << "wirecheck send: --timeout: " << why << "\n";
    return kExitUsage;
  }
  client::HttpOptions options;
  options.connect_timeout = options.write_timeout = options.read_timeout = *timeout;
  std::string host_port = url->where.to_string();

  client::HttpExchange ex;
  if (!f.raw_file.empty()) {
    std::string bytes;
    if (!read_file(f.raw_file, bytes)) {
      std::cerr << "wirecheck send: cannot read \"" << f.raw_file << "\"\n";
      return kExitUsage;
    }
    ex = client::http_exchange_raw(host_port, bytes, f.method, options);
  } else {
    http::Request req;
    req.version = f.http10 ? "HTTP/1.0" : "HTTP/1.1";
    req.target = url->target;
    std::string body;
    std::string content_type;
    if (!f.form.empty()) {
      std::vector<std::pair<std::string, std::string>> pairs;
      for (const auto& kv : f.form) {
        auto eq = kv.find('=');
        if (eq == std::string::npos) {
          std::cerr << "wirecheck send: --form takes name=value, not \"" << kv << "\"\n";
          return kExitUsage;
        }
        pairs.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
      }
      auto form = client::multipart_form(pairs);
      body = std::move(form.body);
      content_type = std::move(form.content_type);
    } else if (f.data_given) {
      if (!f.data.empty() && f.data.front() == '@') {
        if (!read_file(f.data.substr(1), body)) {
          std::cerr << "wirecheck send: cannot read \"" << f.data.substr(1) << "\"\n";
          return kExitUsage;
        }
      } else {
        body = f.data;
      }
      content_type = "application/x-www-form-urlencoded";
    }
    req.method = !f.method.empty() ? f.method : (f.data_given || !f.form.empty()) ? "POST" : "GET";
    // Defaults first; a -H with the same name replaces one, "Name:" with no value removes it.
    std::vector<http::Field> fields = {{"Host", url->host_field()},
                                       {"User-Agent", "wirecheck/0.1"},
                                       {"Accept", "*/*"}};
    if (!content_type.empty()) fields.push_back({"Content-Type", content_type});
    for (const auto& h : f.headers) {
      auto colon = h.find(':');
      if (colon == std::string::npos || colon == 0) {
        std::cerr << "wirecheck send: -H takes \"Name: value\", not \"" << h << "\"\n";
        return kExitUsage;
      }
      std::string name = h.substr(0, colon);
      std::string value = h.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
      bool replaced = false;
      for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (iequals(it->name, name) && it < fields.begin() + 4) {
          if (value.empty()) {
            fields.erase(it);
          } else {
            it->value = value;
          }
          replaced = true;
          break;
        }
      }
      if (!replaced) fields.push_back({name, value});
    }
    req.fields = std::move(fields);
    if (f.chunked) {
      if (f.http10) {
        std::cerr << "wirecheck send: note: HTTP/1.0 has no chunked transfer coding "
                     "(RFC 9112 §7.1); sending it anyway as asked\n";
      }
      std::vector<std::string> chunks;
      size_t size = f.chunk_size == 0 ? 1024 : f.chunk_size;
      for (size_t at = 0; at < body.size(); at += size) chunks.push_back(body.substr(at, size));
      req.chunks = std::move(chunks);
    } else {
      req.body = std::move(body);
    }
    ex = client::http_exchange(host_port, req, options);
  }

  if (f.show_request) {
    print_prefixed("> ", ex.request);
    std::cout << "\n";
  }
  if (ex.end == client::HttpEnd::unreachable) {
    std::cerr << "wirecheck send: " << ex.message << "\n";
    return kExitUnreachable;
  }
  for (const auto& interim : ex.interim) print_response(interim, false, false);
  bool head_seen = ex.response.head_complete;
  if (head_seen) print_response(ex.response, f.hex, true);
  if (!ex.body_sent) {
    std::cerr << "wirecheck send: the server answered before asking for the body "
                 "(Expect: 100-continue); the body was not sent\n";
  }
  int code = kExitOk;
  if (!ex.ok()) {
    std::cerr << "wirecheck send: " << ex.message << "\n";
    if (!head_seen && !ex.received.empty()) {
      std::cerr << "wirecheck send: received " << ex.received.size() << " bytes: \""
                << client::escape_bytes(ex.received.substr(0, 200))
                << (ex.received.size() > 200 ? "...\"\n" : "\"\n");
    }
    code = kExitFailures;
  }
  if (!ex.violations.empty()) {
    std::cout << "\nwirecheck send: " << ex.violations.size() << " protocol violation"
              << (ex.violations.size() == 1 ? "" : "s") << " in the response:\n";
    for (const auto& v : ex.violations) std::cout << "  - " << http::describe(v) << "\n";
    code = kExitFailures;
  }
  return code;
}

int send(const SendFlags& f) {
  if (client::looks_like_url(f.target)) return send_http(f);
  return send_tcp(f);
}

CommandRun setup(CLI::App& app) {
  auto flags = std::make_shared<SendFlags>();
  auto* cmd = app.add_subcommand(
      "send", "The reference client: plain TCP (HOST:PORT) or HTTP (http://HOST:PORT/path)");
  cmd->add_option("target", flags->target, "HOST:PORT for plain TCP, or an http:// URL")
      ->required();
  auto* text = cmd->add_option("--text", flags->text, "Plain TCP: text to send (UTF-8 here)");
  cmd->add_option("--encoding", flags->encoding,
                  "Plain TCP: encoding on the wire for --text and the answer (e.g. gbk)")
      ->capture_default_str();
  cmd->add_flag("--hex", flags->hex, "Show the answer (or the HTTP body) as a hex dump");
  cmd->add_option("--raw", flags->raw_file, "Send this file's exact bytes");
  cmd->add_flag("--half-close", flags->half_close,
                "Plain TCP: shut down our sending side after the bytes are sent");
  cmd->add_option("--quiet-period", flags->quiet_period,
                  "Plain TCP: the answer ends after this much silence")
      ->capture_default_str();
  cmd->add_option("-X,--request", flags->method, "HTTP method (default GET, or POST with a body)");
  cmd->add_option("-H,--header", flags->headers, "Add a field \"Name: value\" (repeatable)");
  auto* data = cmd->add_option("--data", flags->data, "Request body (@FILE reads a file)");
  cmd->add_option("--form", flags->form, "multipart/form-data field name=value (repeatable)");
  cmd->add_flag("--chunked", flags->chunked, "Send the body with chunked transfer coding");
  cmd->add_option("--chunk-size", flags->chunk_size, "Bytes per chunk with --chunked")
      ->capture_default_str();
  cmd->add_flag("--http1.0", flags->http10, "Send an HTTP/1.0 request");
  cmd->add_flag("--show-request", flags->show_request, "Print the request bytes as sent");
  cmd->add_option("--timeout", flags->timeout, "Deadline for connecting, each write, and the answer")
      ->capture_default_str();
  return [flags, text, data] {
    flags->text_given = text->count() > 0;
    flags->data_given = data->count() > 0;
    return send(*flags);
  };
}

const CommandRegistration registration{55, setup};

}  // namespace
}  // namespace wirecheck::cli
