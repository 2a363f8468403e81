#pragma once
// The HTTP routes of the reference server, made for testing:
//   /                        a small HTML page (Content-Length)
//   /echo[/...]              what the server understood, as JSON (see echo.h)
//   /reflect[/...]           the exact bytes of the request
//   /chunked?size=N&count=M  M chunks of N pattern bytes (Content-Length for HTTP/1.0 clients)
//   /status/{code}           that status; 3xx with Location, 1xx sent as an interim response
//   /delay/{ms}              200 after a delay (a timer: the event loop never blocks)
//   /bytes/{n}               n pattern bytes
//   anything else            a file under --docroot when one is set, else 404
//   OPTIONS *                200 with Allow
// HEAD works everywhere (same head, no body), OPTIONS answers Allow, a known method a route
// does not take gets 405 with Allow, an unknown method 501.
#include <string>
#include <string_view>

#include "reference/server/config.h"
#include "reference/server/exchange.h"

namespace wirecheck::server {

enum class Route : uint8_t {
  root, echo, reflect, chunked, status, delay, bytes, files, asterisk, missing
};

// Which route a request path belongs to (decided from the request line, before the body).
Route classify(const RequestInfo& request, bool has_docroot);
// Routes that show the request need its fields / body / raw bytes kept.
inline bool keeps_fields(Route r) { return r == Route::echo; }
inline bool keeps_body(Route r) { return r == Route::echo || r == Route::reflect; }
inline bool keeps_raw(Route r) { return r == Route::reflect; }

bool known_method(std::string_view method);

struct RouteContext {
  const ServerConfig& config;
  const std::string& docroot_real;
};

// Fills `reply` for a complete request.
void route_request(const RequestInfo& request, Route route, const RouteContext& context,
                   Reply& reply);

// Fills `reply` with a plain-text error: "<code> <reason>\n<detail>\n".
void error_reply(Reply& reply, int status, std::string_view detail, bool close);

// "200 OK" for the status line (the reason from RFC 9110, or "Unknown").
std::string_view status_line_text(int status);

}  // namespace wirecheck::server
