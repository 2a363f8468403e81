#include "reference/server/echo.h"

#include <nlohmann/json.hpp>

#include "reference/net/encoding.h"

namespace wirecheck::server {

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  auto at = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = at(i) << 16 | at(i + 1) << 8 | at(i + 2);
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += kAlphabet[v & 63];
  }
  if (bytes.size() - i == 1) {
    uint32_t v = at(i) << 16;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += "==";
  } else if (bytes.size() - i == 2) {
    uint32_t v = at(i) << 16 | at(i + 1) << 8;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += '=';
  }
  return out;
}

namespace {

using Json = nlohmann::ordered_json;

std::string text_or_escaped(std::string_view s) {
  if (net::is_valid_utf8(s)) return std::string(s);
  return net::decode_text_lossy(s, "UTF-8");
}

Json field_list(const std::vector<http::Field>& fields) {
  Json list = Json::array();
  for (const auto& f : fields) {
    Json item;
    item["name"] = text_or_escaped(f.name);
    if (net::is_valid_utf8(f.value)) {
      item["value"] = f.value;
    } else {
      item["value_base64"] = base64_encode(f.value);
    }
    list.push_back(std::move(item));
  }
  return list;
}

std::string_view framing_name(http::BodyKind kind) {
  switch (kind) {
    case http::BodyKind::content_length: return "content-length";
    case http::BodyKind::chunked: return "chunked";
    case http::BodyKind::close_delimited: return "close-delimited";
    case http::BodyKind::none: break;
  }
  return "none";
}

}  // namespace

std::string echo_json(const RequestInfo& request) {
  Json j;
  j["method"] = text_or_escaped(request.method);
  j["target"] = text_or_escaped(request.target);
  j["path"] = text_or_escaped(request.path);
  j["query"] = text_or_escaped(request.query);
  j["version"] = "HTTP/" + std::to_string(request.major) + "." + std::to_string(request.minor);
  j["headers"] = field_list(request.fields);
  j["trailers"] = field_list(request.trailers);
  j["framing"] = framing_name(request.framing);
  j["keep_alive"] = request.keep_alive;
  if (net::is_valid_utf8(request.body)) {
    j["body"] = request.body;
    j["body_encoding"] = "utf-8";
  } else {
    j["body"] = base64_encode(request.body);
    j["body_encoding"] = "base64";
  }
  j["body_length"] = request.body_length;
  return j.dump(2) + "\n";
}

}  // namespace wirecheck::server
