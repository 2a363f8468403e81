#pragma once
// "http://host:port/path?query" as the client needs it: where to connect and what to put in
// the request line and Host field.
#include <cstdint>
#include <string>
#include <string_view>

#include "reference/net/address.h"
#include "reference/net/result.h"

namespace wirecheck::client {

struct Url {
  net::HostPort where;  // host (no brackets) and port (80 when not given)
  bool port_given = false;
  std::string target = "/";  // origin-form: path and query, "/" when the URL has no path

  // The Host field value: "host" or "host:port", IPv6 bracketed (RFC 9112 §3.2).
  std::string host_field() const;
};

// Only "http://" (https is not spoken here). Errors say what is wrong.
net::Result<Url> parse_url(std::string_view text);
// True when `text` starts with a scheme ("http://", "https://", ...).
bool looks_like_url(std::string_view text);

}  // namespace wirecheck::client
