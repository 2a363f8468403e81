#pragma once
// Ports for students' servers. The kernel picks a free one (bind to port 0, read it, close),
// and ports handed out and not yet released are never handed out again, so two students
// started at the same moment cannot be given the same port. Another program may still take
// the port before the student binds it; the caller retries on EADDRINUSE.
#include <cstdint>
#include <optional>
#include <string>

namespace wirecheck::harness {

// A free loopback port, or nullopt and `error` when the kernel gives none.
std::optional<uint16_t> take_free_port(std::string* error = nullptr);
// The port may be handed out again.
void release_port(uint16_t port);

// Holds a port from take_free_port() until it goes out of scope.
class PortLease {
 public:
  PortLease() = default;
  explicit PortLease(uint16_t port) : port_(port) {}
  PortLease(PortLease&& other) noexcept : port_(other.port_) { other.port_ = 0; }
  PortLease& operator=(PortLease&& other) noexcept;
  PortLease(const PortLease&) = delete;
  PortLease& operator=(const PortLease&) = delete;
  ~PortLease();

  uint16_t port() const { return port_; }

 private:
  uint16_t port_ = 0;
};

}  // namespace wirecheck::harness
