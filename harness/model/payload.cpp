#include "harness/model/payload.h"

#include "harness/model/encoding.h"

namespace wirecheck::harness {

Payload Payload::bytes(std::string b, SourceLocation where) {
  Payload p;
  p.content = Template::literal(std::move(b), where);
  p.where = std::move(where);
  return p;
}

std::optional<std::string> render(const Payload& p, const Variables& vars, RenderError* error) {
  ExpandError expand_error;
  auto content = expand(p.content, vars, &expand_error);
  if (!content) {
    if (error) *error = {expand_error.message, expand_error.where};
    return std::nullopt;
  }
  if (p.form == Payload::Form::text && !p.encoding.empty()) {
    auto encoding = expand(p.encoding, vars, &expand_error);
    if (!encoding) {
      if (error) *error = {expand_error.message, expand_error.where};
      return std::nullopt;
    }
    ConversionError conversion;
    auto encoded = encode_text(*content, *encoding, &conversion);
    if (!encoded) {
      if (error) *error = {conversion.message, p.where};
      return std::nullopt;
    }
    content = std::move(encoded);
  }
  if (p.times == 1) return content;
  if (static_cast<uint64_t>(content->size()) * p.times > kMaxPayloadBytes) {
    if (error) {
      *error = {std::to_string(content->size()) + " bytes times " + std::to_string(p.times) +
                    " is more than the " + std::to_string(kMaxPayloadBytes) + "-byte limit",
                p.where};
    }
    return std::nullopt;
  }
  std::string out;
  out.reserve(content->size() * p.times);
  for (uint32_t i = 0; i < p.times; ++i) out += *content;
  return out;
}

}  // namespace wirecheck::harness
