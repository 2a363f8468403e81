#include "reference/server/exchange.h"

namespace wirecheck::server {

void RequestInfo::clear() {
  method.clear();
  target.clear();
  path = {};
  query = {};
  major = minor = 1;
  form = http::TargetForm::origin;
  fields.clear();
  trailers.clear();
  body.clear();
  body_length = 0;
  framing = http::BodyKind::none;
  keep_alive = true;
  raw.clear();
}

void RequestInfo::split_target() {
  std::string_view t = target;
  if (form == http::TargetForm::absolute) {
    // "http://authority/path?query": the path starts at the first '/' after "//".
    auto scheme_end = t.find("://");
    auto slash = scheme_end == std::string_view::npos ? t.find('/') : t.find('/', scheme_end + 3);
    auto question = t.find('?', scheme_end == std::string_view::npos ? 0 : scheme_end + 3);
    if (slash == std::string_view::npos || (question != std::string_view::npos && question < slash)) {
      path = "/";
      query = question == std::string_view::npos ? std::string_view{} : t.substr(question + 1);
      return;
    }
    t = t.substr(slash);
  }
  auto q = t.find('?');
  path = t.substr(0, q);
  query = q == std::string_view::npos ? std::string_view{} : t.substr(q + 1);
}

void Reply::clear() {
  status = 200;
  content_type = {};
  headers.clear();
  body = {};
  owned.clear();
  stream.reset();
  stream_length = 0;
  chunked = false;
  interim = 0;
  delay_ms = 0;
  close = false;
}

}  // namespace wirecheck::server
