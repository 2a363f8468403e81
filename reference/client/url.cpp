#include "reference/client/url.h"

#include <cctype>

namespace wirecheck::client {

std::string Url::host_field() const {
  std::string h = where.is_ipv6_literal ? "[" + where.host + "]" : where.host;
  if (port_given && where.port != 80) h += ":" + std::to_string(where.port);
  return h;
}

bool looks_like_url(std::string_view text) { return text.find("://") != std::string_view::npos; }

net::Result<Url> parse_url(std::string_view text) {
  using R = net::Result<Url>;
  auto sep = text.find("://");
  if (sep == std::string_view::npos) return R::failure("\"" + std::string(text) + "\" is not a URL");
  std::string scheme(text.substr(0, sep));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "http") {
    return R::failure("only http:// URLs are supported (got \"" + scheme + "://\")");
  }
  std::string_view rest = text.substr(sep + 3);
  auto path_at = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, path_at);
  std::string_view target = path_at == std::string_view::npos ? std::string_view{} : rest.substr(path_at);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    return R::failure("user information in the URL (\"" + std::string(authority.substr(0, at)) +
                      "@\") is not supported");
  }
  if (authority.empty()) return R::failure("the URL \"" + std::string(text) + "\" has no host");
  auto hp = net::parse_host_port(authority, 80);
  if (!hp) return R::failure(hp.error());
  Url url;
  url.where = hp.value();
  // A port was given when the authority ends in ":digits" after any IPv6 bracket.
  auto close = authority.rfind(']');
  auto colon = authority.rfind(':');
  url.port_given = colon != std::string_view::npos &&
                   (close == std::string_view::npos || colon > close);
  if (auto hash = target.find('#'); hash != std::string_view::npos) {
    target = target.substr(0, hash);  // fragments are never sent (RFC 9110 §4.2.4)
  }
  if (target.empty()) {
    url.target = "/";
  } else if (target.front() == '?') {
    url.target = "/" + std::string(target);
  } else {
    url.target = std::string(target);
  }
  return url;
}

}  // namespace wirecheck::client
