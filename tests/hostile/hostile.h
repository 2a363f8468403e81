#pragma once
// Hostile targets: servers that misbehave in the ways that hang or exhaust naive clients.
// One server plays all of them, choosing by the path of the request line, so one run of the
// harness can meet every kind:
//   /silent           accepts, reads the request, never answers
//   /slow             answers one byte at a time, slowly
//   /reset            sends part of a response, then resets the connection
//   /endless-body     a chunked body that never ends
//   /endless-headers  a header section that never ends
//   /garbage          random bytes instead of a response
//   /close            closes as soon as the request arrives, without a word
//   /early            answers before reading the request body, then stops reading
//   anything else     a correct "200 OK" with body "ok" (a control)
// Every behaviour stops when the server stops or the client goes away, and within 30s.
#include <cstdint>
#include <string>

#include "tests/hostile/loopback_server.h"

namespace wirecheck::testing {

Script hostile_script();

// Deterministic bytes that are not HTTP (xorshift), for /garbage.
std::string garbage_bytes(size_t n, uint64_t seed = 0x9e3779b97f4a7c15ull);

}  // namespace wirecheck::testing
