#pragma once
// Replays a parser case through the feed() contract and returns the event log.
//
// The input sits at the end of a buffer whose next page is PROT_NONE, so reading one byte past
// the input crashes. Every feed() slice is a view into that one buffer: the re-presented bytes
// and the new ones are adjacent there, as they are in the input.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tests/reference/http/case_file.h"

namespace wirecheck::http::parser_cases {

class GuardedBuffer {
 public:
  explicit GuardedBuffer(std::string_view bytes);
  ~GuardedBuffer();
  GuardedBuffer(const GuardedBuffer&) = delete;
  GuardedBuffer& operator=(const GuardedBuffer&) = delete;

  std::string_view view() const { return {data_, size_}; }

 private:
  char* base_ = nullptr;
  size_t mapped_ = 0;
  const char* data_ = nullptr;
  size_t size_ = 0;
};

struct Replay {
  std::vector<std::string> log;
  std::vector<std::string> problems;  // contract violations seen on the way
};

// Feeds `input` in pieces ending at each cut (sorted, each in (0, size)) and then at the end.
// After message_complete the driver keeps feeding the rest of the piece; unconsumed bytes are
// presented again with the next piece. finish() is called at the end when the case says so.
Replay replay(const ParserCase& c, std::string_view input, const std::vector<size_t>& cuts);

// "whole", "byte by byte", "split at 17", "split at 5, 9".
std::string describe_cuts(const std::vector<size_t>& cuts, size_t size);

}  // namespace wirecheck::http::parser_cases
