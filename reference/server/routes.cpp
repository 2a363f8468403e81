#include "reference/server/routes.h"

#include <unistd.h>

#include <array>
#include <charconv>

#include "reference/server/echo.h"
#include "reference/server/static_files.h"

namespace wirecheck::server {
namespace {

constexpr std::string_view kAllowRead = "GET, HEAD, OPTIONS";
constexpr std::string_view kAllowAll = "GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS";
// Bodies up to this size are built whole; larger ones are streamed.
constexpr uint64_t kInlineBody = 64 * 1024;

constexpr std::string_view kIndexPage =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\">\n"
    "<head><meta charset=\"utf-8\"><title>wirecheck reference server</title></head>\n"
    "<body>\n"
    "<h1>wirecheck reference server</h1>\n"
    "<p>Routes: /echo, /reflect, /chunked?size=N&amp;count=M, /status/{code}, /delay/{ms},\n"
    "/bytes/{n}.</p>\n"
    "</body>\n"
    "</html>\n";

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// "/echo" or "/echo/..." (but not "/echoes").
bool is_route(std::string_view path, std::string_view name) {
  return path == name || (starts_with(path, name) && path[name.size()] == '/');
}

bool parse_uint(std::string_view text, uint64_t& out) {
  if (text.empty() || text.size() > 19) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

// The value of `name` in an "a=1&b=2" query; false when absent.
bool query_param(std::string_view query, std::string_view name, std::string_view& value) {
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    auto eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
      return true;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return false;
}

void allow_header(Reply& reply, std::string_view allow) {
  reply.headers += "Allow: ";
  reply.headers += allow;
  reply.headers += "\r\n";
}

std::string_view allow_for(Route route) {
  switch (route) {
    case Route::echo:
    case Route::reflect:
    case Route::status:
    case Route::delay:
    case Route::asterisk: return kAllowAll;
    default: return kAllowRead;
  }
}

bool allowed(Route route, std::string_view method) {
  if (method == "GET" || method == "HEAD" || method == "OPTIONS") return true;
  if (allow_for(route) != kAllowAll) return false;
  return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH";
}

void text_reply(Reply& reply, int status, std::string body) {
  reply.status = status;
  reply.content_type = "text/plain; charset=utf-8";
  reply.set_body(std::move(body));
}

void status_route(const RequestInfo& req, const RouteContext& ctx, Reply& reply) {
  std::string_view code_text = req.path.substr(std::string_view("/status/").size());
  uint64_t code = 0;
  if (!parse_uint(code_text, code) || code_text.size() != 3 || code < 100 || code > 599) {
    error_reply(reply, 400, "/status/{code} takes a three-digit status from 100 to 599", false);
    return;
  }
  int status = static_cast<int>(code);
  if (status == 101) {
    error_reply(reply, 400, "/status/101 cannot switch protocols without an Upgrade request",
                false);
    return;
  }
  if (status < 200) {
    // A 1xx is interim: send it, then a final 200 (RFC 9110 §15.2).
    reply.interim = status;
    text_reply(reply, 200, "interim " + std::to_string(status) + " sent\n");
    return;
  }
  text_reply(reply, status, std::string(status_line_text(status)) + "\n");
  if (status >= 300 && status < 400 && status != 304 &&
      !ctx.config.defects.has(Defect::no_location_on_3xx)) {
    reply.headers += "Location: /\r\n";
  }
  if (status == 401) reply.headers += "WWW-Authenticate: Basic realm=\"wirecheck\"\r\n";
  if (status == 405 && !ctx.config.defects.has(Defect::no_allow_on_405)) {
    allow_header(reply, kAllowAll);
  }
  if (status == 503) reply.headers += "Retry-After: 1\r\n";
}

void bytes_route(const RequestInfo& req, const RouteContext& ctx, Reply& reply) {
  uint64_t n = 0;
  if (!parse_uint(req.path.substr(std::string_view("/bytes/").size()), n) ||
      n > ctx.config.max_generated_bytes) {
    error_reply(reply, 400,
                "/bytes/{n} takes a decimal count up to " +
                    std::to_string(ctx.config.max_generated_bytes),
                false);
    return;
  }
  reply.status = 200;
  reply.content_type = "application/octet-stream";
  if (n <= kInlineBody) {
    std::string body;
    body.reserve(n);
    append_pattern(body, 0, n);
    reply.set_body(std::move(body));
  } else {
    reply.stream = pattern_body(n);
    reply.stream_length = n;
  }
}

void chunked_route(const RequestInfo& req, const RouteContext& ctx, Reply& reply) {
  uint64_t size = 16;
  uint64_t count = 4;
  std::string_view v;
  bool ok = true;
  if (query_param(req.query, "size", v)) ok &= parse_uint(v, size);
  if (query_param(req.query, "count", v)) ok &= parse_uint(v, count);
  if (!ok || (size > 0 && count > ctx.config.max_generated_bytes / size) || count > 1'000'000) {
    error_reply(reply, 400,
                "/chunked takes ?size=N&count=M with decimal numbers, size*count up to " +
                    std::to_string(ctx.config.max_generated_bytes) + " and count up to 1000000",
                false);
    return;
  }
  if (size == 0) count = 0;  // a zero-size chunk would end the body
  reply.status = 200;
  reply.content_type = "application/octet-stream";
  // HTTP/1.0 has no chunked coding (RFC 9112 §7.1): the length is known, so say it.
  if (req.http10() && !ctx.config.defects.has(Defect::http10_chunked)) {
    reply.stream = pattern_body(size * count);
    reply.stream_length = size * count;
  } else {
    reply.stream = chunked_pattern_body(size, count);
    reply.chunked = true;
  }
}

void delay_route(const RequestInfo& req, const RouteContext& ctx, Reply& reply) {
  uint64_t ms = 0;
  if (!parse_uint(req.path.substr(std::string_view("/delay/").size()), ms) ||
      ms > ctx.config.max_delay_ms) {
    error_reply(reply, 400,
                "/delay/{ms} takes milliseconds up to " + std::to_string(ctx.config.max_delay_ms),
                false);
    return;
  }
  text_reply(reply, 200, "delayed " + std::to_string(ms) + " ms\n");
  reply.delay_ms = ms;
}

void files_route(const RequestInfo& req, const RouteContext& ctx, Reply& reply) {
  StaticFile f = open_static(ctx.docroot_real, req.path);
  if (f.status != 200) {
    if (f.status == 404 && ctx.config.defects.has(Defect::ok_for_missing)) {
      text_reply(reply, 200, "found\n");
      return;
    }
    error_reply(reply, f.status, f.why, false);
    return;
  }
  reply.status = 200;
  reply.content_type = f.content_type;
  if (f.size <= kInlineBody) {
    std::string body(f.size, '\0');
    ssize_t n = ::pread(f.fd.get(), body.data(), body.size(), 0);
    if (n < 0) {
      error_reply(reply, 500, "the file could not be read", false);
      return;
    }
    body.resize(static_cast<size_t>(n));
    reply.set_body(std::move(body));
  } else {
    reply.stream = file_body(std::move(f.fd), f.size);
    reply.stream_length = f.size;
  }
}

}  // namespace

Route classify(const RequestInfo& request, bool has_docroot) {
  if (request.form == http::TargetForm::asterisk) return Route::asterisk;
  if (request.form == http::TargetForm::authority) return Route::missing;
  std::string_view p = request.path;
  if (p == "/") return Route::root;
  if (is_route(p, "/echo")) return Route::echo;
  if (is_route(p, "/reflect")) return Route::reflect;
  if (p == "/chunked") return Route::chunked;
  if (starts_with(p, "/status/")) return Route::status;
  if (starts_with(p, "/delay/")) return Route::delay;
  if (starts_with(p, "/bytes/")) return Route::bytes;
  return has_docroot ? Route::files : Route::missing;
}

bool known_method(std::string_view m) {
  static constexpr std::array<std::string_view, 9> kKnown = {
      "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};
  for (auto k : kKnown) {
    if (m == k) return true;
  }
  return false;
}

std::string_view status_line_text(int status) {
  // Built once: "200 OK" for every code from 100 to 599.
  static const std::array<std::string, 500> kTable = [] {
    std::array<std::string, 500> t;
    for (int s = 100; s < 600; ++s) {
      std::string_view reason = http::reason_phrase(s);
      t[static_cast<size_t>(s - 100)] =
          std::to_string(s) + " " + std::string(reason.empty() ? "Unknown" : reason);
    }
    return t;
  }();
  if (status < 100 || status > 599) return "500 Internal Server Error";
  return kTable[static_cast<size_t>(status - 100)];
}

void error_reply(Reply& reply, int status, std::string_view detail, bool close) {
  reply.clear();
  reply.status = status;
  reply.content_type = "text/plain; charset=utf-8";
  std::string body(status_line_text(status));
  body += "\n";
  if (!detail.empty()) {
    body += detail;
    body += "\n";
  }
  reply.set_body(std::move(body));
  reply.close = close;
}

void route_request(const RequestInfo& req, Route route, const RouteContext& ctx, Reply& reply) {
  const DefectSet& defects = ctx.config.defects;
  if (!known_method(req.method) && !defects.has(Defect::unknown_method_as_get)) {
    error_reply(reply, 501, "the method " + req.method + " is not implemented", false);
    return;
  }
  if (req.method == "CONNECT" && !defects.has(Defect::connect_as_get)) {
    error_reply(reply, 501, "CONNECT is not supported: this is an origin server, not a proxy",
                false);
    return;
  }
  if (route == Route::missing) {
    if (defects.has(Defect::ok_for_missing)) {
      text_reply(reply, 200, "found\n");
      return;
    }
    error_reply(reply, 404, "no route for " + std::string(req.path), false);
    return;
  }
  if (req.method == "OPTIONS") {
    if (route == Route::asterisk && defects.has(Defect::reject_options_asterisk)) {
      error_reply(reply, 400, "OPTIONS * is not supported", false);
      return;
    }
    reply.status = 200;
    if (!defects.has(Defect::no_allow_on_options)) allow_header(reply, allow_for(route));
    return;
  }
  if (!allowed(route, req.method) &&
      !(defects.has(Defect::unknown_method_as_get) && !known_method(req.method))) {
    error_reply(reply, 405, req.method + " is not allowed here", false);
    if (!defects.has(Defect::no_allow_on_405)) allow_header(reply, allow_for(route));
    return;
  }
  switch (route) {
    case Route::root:
      reply.status = 200;
      reply.content_type = "text/html; charset=utf-8";
      reply.body = kIndexPage;
      return;
    case Route::echo:
      reply.status = 200;
      reply.content_type = "application/json";
      reply.set_body(echo_json(req));
      return;
    case Route::reflect:
      reply.status = 200;
      reply.content_type = "application/octet-stream";
      reply.body = req.raw;
      return;
    case Route::chunked: chunked_route(req, ctx, reply); return;
    case Route::status: status_route(req, ctx, reply); return;
    case Route::delay: delay_route(req, ctx, reply); return;
    case Route::bytes: bytes_route(req, ctx, reply); return;
    case Route::files: files_route(req, ctx, reply); return;
    case Route::asterisk:
    case Route::missing: break;
  }
}

}  // namespace wirecheck::server
