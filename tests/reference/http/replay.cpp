#include "tests/reference/http/replay.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <new>

#include "tests/reference/http/event_log.h"

namespace wirecheck::http::parser_cases {

GuardedBuffer::GuardedBuffer(std::string_view bytes) : size_(bytes.size()) {
  const auto page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  size_t data_pages = (bytes.size() + page - 1) / page;
  if (data_pages == 0) data_pages = 1;
  mapped_ = (data_pages + 1) * page;
  void* p = mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  base_ = static_cast<char*>(p);
  char* guard = base_ + data_pages * page;
  if (mprotect(guard, page, PROT_NONE) != 0) {
    munmap(base_, mapped_);
    throw std::bad_alloc();
  }
  char* start = guard - bytes.size();
  if (!bytes.empty()) std::memcpy(start, bytes.data(), bytes.size());
  data_ = start;
}

GuardedBuffer::~GuardedBuffer() {
  if (base_ != nullptr) munmap(base_, mapped_);
}

namespace {

// True when `method` should be set again: a final response ended, not an interim one.
bool advances_method(const EventRecorder& rec) {
  return !rec.saw_head() || !rec.last_head().interim;
}

}  // namespace

Replay replay(const ParserCase& c, std::string_view input, const std::vector<size_t>& cuts) {
  Replay out;
  EventRecorder rec;
  Parser parser(c.kind, rec, c.options);
  size_t method_index = 0;
  if (c.kind == MessageKind::response) parser.set_request_method(c.methods[0]);

  size_t pos = 0;
  bool failed = false;
  // Each feed() either consumes a byte, completes a message or waits for the next piece, so
  // this bounds a parser that stops making progress.
  size_t budget = 4 * input.size() + 4 * cuts.size() + 64;
  for (size_t piece = 0; piece <= cuts.size() && !failed; ++piece) {
    size_t end = piece < cuts.size() ? cuts[piece] : input.size();
    while (pos < end) {
      if (budget-- == 0) {
        out.problems.push_back("feed() made no progress at offset " + std::to_string(pos));
        failed = true;
        break;
      }
      std::string_view slice = input.substr(pos, end - pos);
      rec.set_slice(slice);
      FeedResult r = parser.feed(slice);
      if (r.consumed > slice.size()) {
        out.problems.push_back("feed() consumed " + std::to_string(r.consumed) + " of " +
                               std::to_string(slice.size()) + " bytes");
        failed = true;
        break;
      }
      if (r.status == Status::error) {
        rec.add(render_error("error", parser.error()));
        if (!parser.error()) out.problems.push_back("Status::error with ErrorCode::none");
        // The parser stays in error until reset().
        FeedResult again = parser.feed(slice);
        if (again.status != Status::error) {
          out.problems.push_back("feed() after an error did not return Status::error");
        }
        failed = true;
        break;
      }
      pos += r.consumed;
      if (parser.offset() != pos) {
        out.problems.push_back("offset() is " + std::to_string(parser.offset()) +
                               " but the bytes consumed so far end at " + std::to_string(pos));
      }
      if (r.status == Status::message_complete) {
        // With nothing left over, the parser stands between messages (after a switch to
        // another protocol it does not: no HTTP message follows).
        if (r.consumed == slice.size() && !parser.in_tunnel() && !parser.idle()) {
          out.problems.push_back("idle() is false after message_complete");
        }
        if (c.kind == MessageKind::response) {
          // An interim (1xx) response is followed by the final one to the same request.
          if (advances_method(rec) && method_index + 1 < c.methods.size()) ++method_index;
          parser.set_request_method(c.methods[method_index]);
        }
        continue;
      }
      break;  // need_more: the rest of this piece waits for the next one
    }
  }
  if (!failed) {
    if (c.calls_finish) {
      Error e = parser.finish();
      rec.add(e ? render_error("finish", e) : std::string("finish ok"));
    } else if (pos < input.size() || (!parser.idle() && !parser.in_tunnel())) {
      rec.add("pending");
    }
  }
  out.log = rec.log();
  for (const std::string& p : rec.problems()) out.problems.push_back(p);
  return out;
}

std::string describe_cuts(const std::vector<size_t>& cuts, size_t size) {
  if (cuts.empty()) return "whole";
  if (size > 1 && cuts.size() == size - 1) return "byte by byte";
  std::string s = "split at ";
  for (size_t i = 0; i < cuts.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(cuts[i]);
  }
  return s;
}

}  // namespace wirecheck::http::parser_cases
