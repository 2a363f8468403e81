#include "tests/hostile/hostile.h"

namespace wirecheck::testing {
namespace {

using std::chrono::milliseconds;
constexpr milliseconds kLongest{30'000};

std::string path_of(const std::string& request_line) {
  size_t sp = request_line.find(' ');
  if (sp == std::string::npos) return {};
  size_t end = request_line.find(' ', sp + 1);
  return request_line.substr(sp + 1, end == std::string::npos ? std::string::npos : end - sp - 1);
}

void silent(Peer& peer) {
  peer.drain(kLongest);
}

void slow(Peer& peer) {
  std::string response =
      "HTTP/1.1 200 OK\r\nX-Padding: "
      "this header makes the head long enough that it cannot arrive quickly\r\n"
      "Content-Length: 40\r\n\r\n"
      "0123456789012345678901234567890123456789";
  for (char c : response) {
    if (!peer.write(std::string_view(&c, 1)) || !peer.pause(milliseconds(30))) return;
  }
}

void reset(Peer& peer) {
  std::string part = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + std::string(100, 'r');
  if (!peer.write(part)) return;
  // Long enough for the part to be read before the reset arrives.
  peer.pause(milliseconds(200));
  peer.abort();
}

void endless_body(Peer& peer) {
  if (!peer.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")) return;
  std::string chunk = "4000\r\n" + std::string(0x4000, 'b') + "\r\n";
  auto until = std::chrono::steady_clock::now() + kLongest;
  while (std::chrono::steady_clock::now() < until) {
    if (!peer.write(chunk, milliseconds(2000))) return;
  }
}

void endless_headers(Peer& peer) {
  if (!peer.write("HTTP/1.1 200 OK\r\n")) return;
  auto until = std::chrono::steady_clock::now() + kLongest;
  for (uint64_t i = 0; std::chrono::steady_clock::now() < until; ++i) {
    std::string line = "X-Filler-" + std::to_string(i) + ": " + std::string(40, 'h') + "\r\n";
    if (!peer.write(line, milliseconds(2000))) return;
  }
}

void early(Peer& peer) {
  // The request body is left unread: the answer goes out first, then the server stalls.
  if (!peer.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nearly")) {
    return;
  }
  peer.pause(milliseconds(5000));
}

void control(Peer& peer) {
  peer.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
  peer.drain(milliseconds(2000));
}

// The rest of a request head whose request line was read already.
void rest_of_head(Peer& peer) {
  for (;;) {
    std::string line = peer.read_line();
    if (line.empty() || line == "\r\n" || line == "\n") return;
  }
}

}  // namespace

std::string garbage_bytes(size_t n, uint64_t seed) {
  std::string out;
  out.reserve(n);
  uint64_t x = seed;
  while (out.size() < n) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    out += static_cast<char>(x & 0xff);
  }
  return out;
}

Script hostile_script() {
  return [](Peer& peer) {
    std::string line = peer.read_line();
    if (line.empty()) return;
    std::string path = path_of(line);
    if (path == "/early") {
      rest_of_head(peer);
      early(peer);
      return;
    }
    if (path == "/close") {
      rest_of_head(peer);  // everything sent is read, so the close is a FIN, not a reset
      peer.close();
      return;
    }
    if (path != "/silent") rest_of_head(peer);
    if (path == "/silent") return silent(peer);
    if (path == "/slow") return slow(peer);
    if (path == "/reset") return reset(peer);
    if (path == "/endless-body") return endless_body(peer);
    if (path == "/endless-headers") return endless_headers(peer);
    if (path == "/garbage") {
      peer.write(garbage_bytes(64 * 1024));
      peer.drain(milliseconds(2000));
      return;
    }
    control(peer);
  };
}

}  // namespace wirecheck::testing
