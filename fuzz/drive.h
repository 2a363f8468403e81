#pragma once
// Feeding a parser the way a connection would, for the fuzz targets: whole, or in pieces that
// honour the feed() contract (unconsumed bytes are passed again, together with what arrived
// since). Both end with finish(), and both write the outcome into the EventLog, so the logs of
// two ways of feeding the same bytes can be compared.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/event_log.h"
#include "reference/http/options.h"
#include "reference/http/parser.h"

namespace wcfuzz {

// The option sets the targets choose from with one input byte.
enum class Mode : uint8_t { strict, lenient, observer, small_limits, count };

inline wirecheck::http::Options options_for(Mode mode) {
  wirecheck::http::Options o;
  switch (mode) {
    case Mode::strict:
    case Mode::count:
      break;
    case Mode::lenient:
      o.lenient.bare_lf = true;
      o.lenient.obs_fold = true;
      o.lenient.space_before_colon = true;
      o.lenient.content_length_list = true;
      o.lenient.content_length_with_transfer_encoding = true;
      o.lenient.missing_reason_space = true;
      o.lenient.missing_host = true;
      break;
    case Mode::observer:
      o.observer = true;
      break;
    case Mode::small_limits:
      // Limits small enough that inputs of a few hundred bytes reach each of them.
      o.limits.max_start_line = 48;
      o.limits.max_field_line = 40;
      o.limits.max_header_bytes = 160;
      o.limits.max_field_count = 4;
      o.limits.max_chunk_size_digits = 3;
      o.limits.max_chunk_extension_bytes = 12;
      o.limits.max_body_bytes = 64;
      o.limits.chunk_overhead_allowance = 24;
      o.limits.max_leading_empty_lines = 2;
      break;
  }
  return o;
}

inline Mode mode_from_byte(uint8_t b) {
  return static_cast<Mode>(b % static_cast<uint8_t>(Mode::count));
}

// Called between messages (a response parser needs the method of the request it answers).
using BetweenMessages = void (*)(wirecheck::http::Parser&, void*);

// Guards against a parser that reports a message complete without consuming anything: fed the
// same bytes again, it would loop for ever.
inline void check_progress(const wirecheck::http::FeedResult& r, size_t given, EventLog& log) {
  if (r.consumed > given) fail("feed() consumed more bytes than it was given", readable(log.text()));
  if (r.status == wirecheck::http::Status::message_complete && r.consumed == 0) {
    fail("message_complete without consuming a byte", readable(log.text()));
  }
}

inline void check_error(wirecheck::http::Parser& parser, uint64_t fed, EventLog& log) {
  const auto& e = parser.error();
  if (!e) fail("feed() returned Status::error but error() has no code", readable(log.text()));
  if (e.offset > fed) {
    fail("error offset " + std::to_string(e.offset) + " lies beyond the " + std::to_string(fed) +
             " bytes fed",
         readable(log.text()));
  }
}

// Feeds `input` as one buffer (then what is left after each complete message), then finish().
inline void drive_whole(wirecheck::http::Parser& parser, EventLog& log, std::string_view input,
                        BetweenMessages between = nullptr, void* ctx = nullptr) {
  size_t pos = 0;
  for (;;) {
    std::string_view window = input.substr(pos);
    log.set_window(window);
    wirecheck::http::FeedResult r = parser.feed(window);
    check_progress(r, window.size(), log);
    pos += r.consumed;
    if (r.status == wirecheck::http::Status::error) {
      check_error(parser, input.size(), log);
      log.end_with_error(parser.error());
      return;
    }
    if (r.status == wirecheck::http::Status::need_more) break;
    if (between) between(parser, ctx);
    // Like drive_split: nothing left, nothing more to feed (after a 101 or a CONNECT tunnel
    // even an empty feed() is an error).
    if (pos == input.size()) break;
  }
  log.set_window({});
  log.end_with_finish(parser.finish());
}

// Feeds `input` in pieces of the given lengths (cycled; each at least 1 byte). Each feed()
// gets its own heap block of exactly the bytes it may read, so an over-read is caught.
inline void drive_split(wirecheck::http::Parser& parser, EventLog& log, std::string_view input,
                        const std::vector<size_t>& lengths, BetweenMessages between = nullptr,
                        void* ctx = nullptr) {
  std::string pending;  // bytes given but not consumed, then the next piece
  size_t next = 0;
  size_t piece = 0;
  while (next < input.size()) {
    size_t len = lengths.empty() ? input.size() : lengths[piece++ % lengths.size()];
    if (len == 0) len = 1;
    if (len > input.size() - next) len = input.size() - next;
    pending.append(input.substr(next, len));
    next += len;
    for (;;) {
      std::unique_ptr<char[]> exact(new char[pending.size()]);
      std::memcpy(exact.get(), pending.data(), pending.size());
      std::string_view window(exact.get(), pending.size());
      log.set_window(window);
      wirecheck::http::FeedResult r = parser.feed(window);
      check_progress(r, window.size(), log);
      pending.erase(0, r.consumed);
      if (r.status == wirecheck::http::Status::error) {
        check_error(parser, input.size(), log);
        log.end_with_error(parser.error());
        return;
      }
      if (r.status == wirecheck::http::Status::need_more) break;
      if (between) between(parser, ctx);
      if (pending.empty()) break;
    }
  }
  log.set_window({});
  log.end_with_finish(parser.finish());
}

}  // namespace wcfuzz
