#pragma once
// Cuts the bytes around a problem out of a session, for reasons people can read.
#include <cstdint>
#include <optional>

#include "harness/model/result.h"
#include "harness/run/session.h"

namespace wirecheck::harness {

// Received bytes [from, to) of the session, at most `max` of them; with a mark, a window
// around the mark (some bytes before it, more after). Empty when none of those bytes are held.
std::optional<Excerpt> received_excerpt(const Session& session, uint64_t from, uint64_t to,
                                        std::optional<uint64_t> mark = std::nullopt,
                                        size_t max = 512);

// A short, escaped, quoted rendering of bytes for expected/actual phrases, cut at `max`.
std::string quote_bytes(std::string_view bytes, size_t max = 80);

}  // namespace wirecheck::harness
