#pragma once
// What the HTTP session hands the routes (the request as the server understood it) and what the
// routes hand back (the response to write). Both are reused from request to request, so the
// common case allocates nothing.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "reference/http/parser.h"
#include "reference/http/serializer.h"
#include "reference/server/body_source.h"

namespace wirecheck::server {

struct RequestInfo {
  std::string method;
  std::string target;
  std::string_view path;   // of `target`, without the query (absolute-form: without authority)
  std::string_view query;  // after '?', without it
  int major = 1;
  int minor = 1;
  http::TargetForm form = http::TargetForm::origin;
  // Kept only for routes that show them (/echo); otherwise empty.
  std::vector<http::Field> fields;
  std::vector<http::Field> trailers;
  std::string body;  // decoded body (/echo, /reflect keep it)
  uint64_t body_length = 0;
  http::BodyKind framing = http::BodyKind::none;
  bool keep_alive = true;
  std::string raw;  // the exact bytes of the request (/reflect)

  bool is_head() const { return method == "HEAD"; }
  bool http10() const { return major == 1 && minor == 0; }
  void clear();
  // Splits `target` into path and query.
  void split_target();
};

struct Reply {
  int status = 200;
  std::string_view content_type;  // static text
  std::string headers;            // extra field lines, each "Name: value\r\n"
  std::string_view body;          // static text or a view of `owned`
  std::string owned;
  std::unique_ptr<BodySource> stream;  // body produced while sending
  uint64_t stream_length = 0;          // when the stream is not chunked
  bool chunked = false;                // the stream writes chunked framing itself
  int interim = 0;                     // a 1xx response sent before this one
  uint64_t delay_ms = 0;               // answer only after this long
  bool close = false;                  // close the connection after this response

  void clear();
  void set_body(std::string text) {
    owned = std::move(text);
    body = owned;
  }
};

}  // namespace wirecheck::server
