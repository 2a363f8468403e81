#pragma once
// Counters the server keeps while it runs; readable from any thread (tests, the soak test, the
// command line's exit summary).
#include <atomic>
#include <cstdint>

namespace wirecheck::server {

struct Stats {
  uint64_t accepted = 0;       // connections accepted (including those refused with 503)
  uint64_t active = 0;         // connections open now
  uint64_t requests = 0;       // HTTP requests answered (any status), TCP messages answered
  uint64_t bad_requests = 0;   // requests rejected for a protocol error (4xx/5xx from the parser)
  uint64_t over_limit = 0;     // connections refused because max_connections was reached
  uint64_t timeouts = 0;       // connections closed by a header, body, idle or write timeout
};

struct AtomicStats {
  std::atomic<uint64_t> accepted{0};
  std::atomic<uint64_t> active{0};
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> bad_requests{0};
  std::atomic<uint64_t> over_limit{0};
  std::atomic<uint64_t> timeouts{0};

  Stats snapshot() const {
    Stats s;
    s.accepted = accepted.load(std::memory_order_relaxed);
    s.active = active.load(std::memory_order_relaxed);
    s.requests = requests.load(std::memory_order_relaxed);
    s.bad_requests = bad_requests.load(std::memory_order_relaxed);
    s.over_limit = over_limit.load(std::memory_order_relaxed);
    s.timeouts = timeouts.load(std::memory_order_relaxed);
    return s;
  }
};

}  // namespace wirecheck::server
