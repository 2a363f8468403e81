#include "reference/net/address.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <charconv>
#include <cstring>

namespace wirecheck::net {

Address::Address() : length_(0) { std::memset(&storage_, 0, sizeof storage_); }

Address::Address(const sockaddr* addr, socklen_t length) : Address() {
  if (length > sizeof storage_) length = sizeof storage_;
  std::memcpy(&storage_, addr, length);
  length_ = length;
}

Result<Address> Address::numeric(std::string_view ip, uint16_t port) {
  std::string text(ip);
  Address a;
  sockaddr_in v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    v4.sin_port = htons(port);
    return Address(reinterpret_cast<const sockaddr*>(&v4), sizeof v4);
  }
  sockaddr_in6 v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6.sin6_addr) == 1) {
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(port);
    return Address(reinterpret_cast<const sockaddr*>(&v6), sizeof v6);
  }
  return Result<Address>::failure("\"" + text + "\" is not a numeric IPv4 or IPv6 address");
}

Address Address::loopback_v4(uint16_t port) {
  sockaddr_in v4{};
  v4.sin_family = AF_INET;
  v4.sin_port = htons(port);
  v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return Address(reinterpret_cast<const sockaddr*>(&v4), sizeof v4);
}

uint16_t Address::port() const {
  if (family() == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&storage_)->sin_port);
  if (family() == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_port);
  }
  return 0;
}

void Address::set_port(uint16_t port) {
  if (family() == AF_INET) reinterpret_cast<sockaddr_in*>(&storage_)->sin_port = htons(port);
  if (family() == AF_INET6) reinterpret_cast<sockaddr_in6*>(&storage_)->sin6_port = htons(port);
}

std::string Address::host() const {
  char buf[INET6_ADDRSTRLEN] = {};
  if (family() == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&storage_)->sin_addr, buf, sizeof buf);
  } else if (family() == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_addr, buf,
              sizeof buf);
  } else {
    return "(unknown address family)";
  }
  return buf;
}

std::string Address::to_string() const {
  if (family() == AF_INET6) return "[" + host() + "]:" + std::to_string(port());
  return host() + ":" + std::to_string(port());
}

std::string HostPort::to_string() const {
  std::string h = is_ipv6_literal ? "[" + host + "]" : host;
  return h + ":" + std::to_string(port);
}

namespace {
Result<uint16_t> parse_port(std::string_view digits, std::string_view whole) {
  auto fail = [&](const std::string& why) {
    return Result<uint16_t>::failure(why + " in \"" + std::string(whole) + "\"");
  };
  if (digits.empty()) return fail("empty port");
  unsigned value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return fail("port \"" + std::string(digits) + "\" is not a number");
    value = value * 10 + static_cast<unsigned>(c - '0');
    if (value > 65535) return fail("port " + std::string(digits) + " is out of range (0-65535)");
  }
  return static_cast<uint16_t>(value);
}
}  // namespace

Result<HostPort> parse_host_port(std::string_view text, uint16_t default_port) {
  auto fail = [&](const std::string& why) { return Result<HostPort>::failure(why); };
  HostPort out;
  std::string_view rest;
  if (text.empty()) return fail("empty address (expected HOST:PORT)");
  if (text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos) {
      return fail("\"" + std::string(text) + "\" opens '[' for an IPv6 address but never closes it");
    }
    out.host = std::string(text.substr(1, close - 1));
    out.is_ipv6_literal = true;
    rest = text.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') {
      return fail("unexpected \"" + std::string(rest) + "\" after ']' in \"" + std::string(text) +
                  "\"");
    }
  } else {
    auto colon = text.rfind(':');
    if (colon != std::string_view::npos && text.find(':') != colon) {
      return fail("\"" + std::string(text) +
                  "\" looks like a bare IPv6 address; write it as [ADDRESS]:PORT");
    }
    out.host = std::string(text.substr(0, colon));
    rest = colon == std::string_view::npos ? std::string_view{} : text.substr(colon);
  }
  if (out.host.empty()) return fail("missing host in \"" + std::string(text) + "\"");
  if (rest.empty()) {
    if (default_port == 0) return fail("missing port in \"" + std::string(text) + "\" (expected HOST:PORT)");
    out.port = default_port;
    return out;
  }
  auto port = parse_port(rest.substr(1), text);
  if (!port) return fail(port.error());
  out.port = port.value();
  return out;
}

Result<std::vector<Address>> resolve(const HostPort& where) {
  using R = Result<std::vector<Address>>;
  if (auto numeric = Address::numeric(where.host, where.port)) {
    return std::vector<Address>{numeric.value()};
  }
  if (where.is_ipv6_literal) return R::failure("\"" + where.host + "\" is not an IPv6 address");
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  // No AI_ADDRCONFIG: it hides loopback addresses on hosts that have no other interface.
  addrinfo* list = nullptr;
  std::string port = std::to_string(where.port);
  int rc = getaddrinfo(where.host.c_str(), port.c_str(), &hints, &list);
  if (rc != 0) {
    return R::failure("cannot resolve \"" + where.host + "\": " + gai_strerror(rc));
  }
  std::vector<Address> out;
  for (addrinfo* ai = list; ai != nullptr; ai = ai->ai_next) {
    out.emplace_back(ai->ai_addr, static_cast<socklen_t>(ai->ai_addrlen));
  }
  freeaddrinfo(list);
  if (out.empty()) return R::failure("\"" + where.host + "\" resolved to no addresses");
  return out;
}

Result<std::vector<Address>> resolve(std::string_view host_port_text, uint16_t default_port) {
  auto hp = parse_host_port(host_port_text, default_port);
  if (!hp) return Result<std::vector<Address>>::failure(hp.error());
  return resolve(hp.value());
}

}  // namespace wirecheck::net
