#pragma once
// What running cases produces, for the reporters. Plain data: reporters see these types and
// nothing else (no sockets, no parser).
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/model/case.h"
#include "harness/model/level.h"
#include "harness/model/profile.h"
#include "harness/model/source_location.h"

namespace wirecheck::harness {

enum class Direction : uint8_t { sent, received };

// Bytes of one direction of one connection around a problem. `offset` is the stream offset
// (bytes sent or received on that connection before) of bytes[0]; `mark` the stream offset of
// the offending byte, when there is one.
struct Excerpt {
  std::string connection;
  Direction direction = Direction::received;
  uint64_t offset = 0;
  std::string bytes;
  std::optional<uint64_t> mark;
};

// One reason for a non-pass verdict (or a note on a pass). Expected and actual are short
// phrases ("status 400", "status 200"); `section` the requirement ("RFC 9112 §6.1").
struct Reason {
  Verdict verdict = Verdict::fail;
  std::string message;
  std::string expected;
  std::string actual;
  std::string section;
  SourceLocation where;  // the step or expectation in the case file
  std::optional<Excerpt> excerpt;
};

enum class EventKind : uint8_t {
  connect,         // connection established (detail: local and peer address)
  connect_failed,  // detail says why
  send,            // bytes written
  receive,         // bytes read
  shutdown_write,  // our half-close
  close,           // our orderly close
  abort,           // our RST
  peer_closed,     // FIN from the peer
  peer_reset,      // RST from the peer
  timeout,         // a deadline passed (detail: which)
  note,            // anything else worth a line (detail)
};

struct TranscriptEvent {
  std::chrono::microseconds at{0};  // since the case started
  std::string connection;
  EventKind kind = EventKind::note;
  uint64_t offset = 0;  // send/receive: stream offset of bytes[0] in that direction
  std::string bytes;    // send/receive
  std::string detail;
};

struct Timings {
  std::chrono::microseconds total{0};
  std::optional<std::chrono::microseconds> connect;     // first connection established
  std::optional<std::chrono::microseconds> first_byte;  // first byte received
};

struct CaseResult {
  CaseInfo info;
  Verdict verdict = Verdict::pass;
  std::vector<Reason> reasons;  // every expectation not met, each its own line
  Timings timings;
  std::vector<TranscriptEvent> transcript;
  bool transcript_truncated = false;  // bytes beyond the cap were dropped (and counted)
};

struct VerdictCounts {
  size_t pass = 0;
  size_t warn = 0;
  size_t fail = 0;
  size_t error = 0;
  size_t skip = 0;

  size_t& operator[](Verdict v);
  size_t operator[](Verdict v) const;
  size_t total() const { return pass + warn + fail + error + skip; }
};

struct RunResult {
  std::string target;   // "127.0.0.1:8080", "reference server"
  std::string profile;  // empty without one
  std::chrono::system_clock::time_point started;
  std::chrono::system_clock::time_point finished;
  std::vector<CaseResult> results;  // library order, whatever the parallelism
  size_t selected = 0;       // cases the run was asked to run (results may hold fewer)
  bool interrupted = false;  // stopped (SIGINT/SIGTERM) before every selected case finished
  VerdictCounts counts;
  std::map<Level, VerdictCounts> by_level;

  // Recomputes `counts` and `by_level` from `results`.
  void tally();
  // Any fail or error (warnings allowed); with `strict`, warnings too.
  bool failed(bool strict = false) const;
};

// Grading: the points a result earns and the most it could have earned under `policy`.
double points_earned(const CaseResult& result, const PointsPolicy& policy);
double points_possible(const CaseResult& result, const PointsPolicy& policy);

}  // namespace wirecheck::harness
