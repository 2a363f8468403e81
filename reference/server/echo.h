#pragma once
// The body of /echo: the request as the server understood it, as JSON.
//   {"method": "POST", "target": "/echo?x=1", "path": "/echo", "query": "x=1",
//    "version": "HTTP/1.1", "headers": [{"name": "Host", "value": "a"}, ...],
//    "trailers": [...], "framing": "content-length" | "chunked" | "none",
//    "keep_alive": true, "body": "...", "body_encoding": "utf-8" | "base64", "body_length": 3}
// Field lines appear in the order received, names as sent, values with surrounding whitespace
// removed (and obs-fold unfolded where that leniency is on). A value that is not valid UTF-8
// is given as "value_base64" instead of "value". The body is the decoded body (chunked framing
// removed); UTF-8 text as is, anything else base64.
#include <string>
#include <string_view>

#include "reference/server/exchange.h"

namespace wirecheck::server {

std::string echo_json(const RequestInfo& request);
std::string base64_encode(std::string_view bytes);

}  // namespace wirecheck::server
