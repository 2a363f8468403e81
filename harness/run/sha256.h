#pragma once
// SHA-256 (FIPS 180-4) for the `body: {sha256: ...}` matcher. Written here because the
// harness depends on nothing beyond the standard library for it.
#include <string>
#include <string_view>

namespace wirecheck::harness {

// 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace wirecheck::harness
