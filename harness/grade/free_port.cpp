#include "harness/grade/free_port.h"

#include <mutex>
#include <set>

#include "reference/net/listener.h"

namespace wirecheck::harness {
namespace {

std::mutex g_mutex;
std::set<uint16_t> g_taken;

}  // namespace

std::optional<uint16_t> take_free_port(std::string* error) {
  // The kernel rarely hands the same port out twice in a row; a few tries cover the case
  // where it returns one we already gave a student.
  for (int attempt = 0; attempt < 20; ++attempt) {
    net::ListenOptions options;
    options.reuse_address = false;
    auto listener = net::Listener::bind(net::Address::loopback_v4(0), options);
    if (!listener) {
      if (error) *error = "cannot get a free port from the kernel: " + listener.error();
      return std::nullopt;
    }
    uint16_t port = listener.value().port();
    listener.value().close();
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_taken.insert(port).second) return port;
  }
  if (error) *error = "the kernel kept returning ports already given to students";
  return std::nullopt;
}

void release_port(uint16_t port) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_taken.erase(port);
}

PortLease& PortLease::operator=(PortLease&& other) noexcept {
  if (this != &other) {
    if (port_) release_port(port_);
    port_ = other.port_;
    other.port_ = 0;
  }
  return *this;
}

PortLease::~PortLease() {
  if (port_) release_port(port_);
}

}  // namespace wirecheck::harness
