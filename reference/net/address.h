#pragma once
// Socket addresses and the "host:port" text people type: "127.0.0.1:8080", "[::1]:8080",
// "localhost:80". Host names go through getaddrinfo.
#include <sys/socket.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reference/net/result.h"

namespace wirecheck::net {

class Address {
 public:
  Address();
  Address(const sockaddr* addr, socklen_t length);

  // A numeric IPv4 or IPv6 address ("127.0.0.1", "::1"; no brackets) and a port.
  static Result<Address> numeric(std::string_view ip, uint16_t port);
  static Address loopback_v4(uint16_t port);

  int family() const { return storage_.ss_family; }
  uint16_t port() const;
  void set_port(uint16_t port);
  // "127.0.0.1:8080" or "[::1]:8080".
  std::string to_string() const;
  // The host part only: "127.0.0.1" or "::1".
  std::string host() const;

  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage_); }
  sockaddr* get() { return reinterpret_cast<sockaddr*>(&storage_); }
  socklen_t length() const { return length_; }
  socklen_t* length_ptr() { return &length_; }

 private:
  sockaddr_storage storage_;
  socklen_t length_;
};

struct HostPort {
  std::string host;  // without brackets
  uint16_t port = 0;
  bool is_ipv6_literal = false;
  // "host:port", bracketing IPv6 literals.
  std::string to_string() const;
};

// Splits "host:port" / "[v6]:port" / "host" (when default_port is non-zero). Errors name the
// problem: "missing port in \"localhost\"", "port 70000 is out of range", ...
Result<HostPort> parse_host_port(std::string_view text, uint16_t default_port = 0);

// Every address for a host and port (numeric hosts skip the resolver). An error says what could
// not be resolved and why.
Result<std::vector<Address>> resolve(const HostPort& where);
Result<std::vector<Address>> resolve(std::string_view host_port_text, uint16_t default_port = 0);

}  // namespace wirecheck::net
