#include "harness/run/request_render.h"

#include "reference/http/serializer.h"

namespace wirecheck::harness {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

class Expander {
 public:
  Expander(const Variables& vars, RenderError* error) : vars_(vars), error_(error) {}

  bool text(const Template& t, std::string& out, const char* fallback = nullptr) {
    if (t.empty() && fallback) {
      out = fallback;
      return true;
    }
    ExpandError e;
    auto v = expand(t, vars_, &e);
    if (!v) {
      if (error_) *error_ = {e.message, e.where};
      return false;
    }
    out = std::move(*v);
    return true;
  }

  bool payload(const Payload& p, std::string& out) {
    auto v = render(p, vars_, error_);
    if (!v) return false;
    out = std::move(*v);
    return true;
  }

  bool fields(const std::vector<HeaderField>& in, std::vector<http::Field>& out) {
    for (const auto& f : in) {
      http::Field field;
      if (!text(f.name, field.name) || !text(f.value, field.value)) return false;
      out.push_back(std::move(field));
    }
    return true;
  }

  const Variables& vars() const { return vars_; }

 private:
  const Variables& vars_;
  RenderError* error_;
};

bool has_field(const std::vector<http::Field>& fields, std::string_view name) {
  for (const auto& f : fields) {
    if (same_name(f.name, name)) return true;
  }
  return false;
}

}  // namespace

std::optional<std::vector<std::string>> render_request(const RequestSpec& spec,
                                                       const Variables& vars, RenderError* error) {
  Expander x(vars, error);
  http::Request request;
  request.add_content_length = false;
  std::vector<http::Field> given;
  if (!x.text(spec.method, request.method, "GET") || !x.text(spec.target, request.target) ||
      !x.text(spec.version, request.version, "HTTP/1.1") || !x.fields(spec.headers, given)) {
    return std::nullopt;
  }

  std::string body;
  if (!spec.chunked && spec.body && !x.payload(*spec.body, body)) return std::nullopt;

  if (spec.add_host && !has_field(given, "host")) {
    auto authority = vars.find("authority");
    request.fields.push_back({"Host", authority == vars.end() ? "" : authority->second});
  }
  for (auto& f : given) request.fields.push_back(std::move(f));
  bool framed =
      has_field(request.fields, "content-length") || has_field(request.fields, "transfer-encoding");
  if (spec.add_framing && !framed) {
    if (spec.chunked) {
      request.fields.push_back({"Transfer-Encoding", "chunked"});
    } else if (spec.body) {
      request.fields.push_back({"Content-Length", std::to_string(body.size())});
    }
  }

  std::vector<std::string> pieces;
  pieces.push_back(http::serialize(request));
  if (!spec.chunked) {
    pieces.front() += body;
    return pieces;
  }
  for (const auto& chunk : spec.chunks) {
    std::string data;
    std::string extensions;
    if (!x.payload(chunk.data, data) || !x.text(chunk.extensions, extensions)) return std::nullopt;
    std::string piece;
    http::append_chunk(piece, data, extensions);
    if (!piece.empty()) pieces.push_back(std::move(piece));
  }
  std::vector<http::Field> trailers;
  if (!x.fields(spec.trailers, trailers)) return std::nullopt;
  std::string last;
  http::append_last_chunk(last, trailers);
  pieces.push_back(std::move(last));
  return pieces;
}

}  // namespace wirecheck::harness
