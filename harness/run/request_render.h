#pragma once
// Turns a structured request of a case into bytes with the reference serializer.
#include <optional>
#include <string>
#include <vector>

#include "harness/model/payload.h"
#include "harness/model/steps.h"
#include "harness/model/template.h"

namespace wirecheck::harness {

// The request as the writes a gap separates: the head (with a non-chunked body), then each
// chunk, then the last chunk with the trailers. Concatenated, they are the whole request.
std::optional<std::vector<std::string>> render_request(const RequestSpec& spec,
                                                       const Variables& vars,
                                                       RenderError* error = nullptr);

}  // namespace wirecheck::harness
