#include "sample_results.h"

#include <gtest/gtest.h>

namespace wirecheck::reports::testing {
namespace {

using namespace std::chrono_literals;
using namespace std::string_literals;
using harness::CaseResult;
using harness::Direction;
using harness::EventKind;
using harness::Level;
using harness::Verdict;

harness::CaseInfo info(std::string id, std::string suite, std::string title, std::string section,
                       Level level, std::string file, int line) {
  harness::CaseInfo i;
  i.id = std::move(id);
  i.suite = std::move(suite);
  i.title = std::move(title);
  i.ref.document = "RFC 9112";
  i.ref.section = std::move(section);
  i.ref.level = level;
  i.where = harness::SourceLocation{std::move(file), line, 7};
  return i;
}

harness::TranscriptEvent event(std::chrono::microseconds at, std::string connection,
                               EventKind kind, uint64_t offset = 0, std::string bytes = {},
                               std::string detail = {}) {
  harness::TranscriptEvent e;
  e.at = at;
  e.connection = std::move(connection);
  e.kind = kind;
  e.offset = offset;
  e.bytes = std::move(bytes);
  e.detail = std::move(detail);
  return e;
}

CaseResult passing_get() {
  CaseResult r;
  r.info = info("get-root", "rfc9112-message", "A plain GET is answered", "3", Level::must,
                "cases/rfc9112/message.yaml", 8);
  r.info.tags = {"basics"};
  r.verdict = Verdict::pass;
  r.timings.total = 1800us;
  r.timings.connect = 150us;
  r.timings.first_byte = 900us;
  r.transcript = {
      event(0us, "main", EventKind::connect, 0, {}, "127.0.0.1:40000 -> 127.0.0.1:8080"),
      event(160us, "main", EventKind::send, 0, "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n"),
      event(900us, "main", EventKind::receive, 0, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
      event(1700us, "main", EventKind::close),
  };
  return r;
}

CaseResult warn_kept_open() {
  CaseResult r;
  r.info = info("te-and-cl-conflict", "rfc9112-message-body",
                "Both Transfer-Encoding and Content-Length", "6.1", Level::must,
                "cases/rfc9112/message-body.yaml", 14);
  r.info.why = "A message with both is a request-smuggling vector.";
  r.info.ref.text = "a server MAY reject such a request ... and MUST close the connection afterwards";
  r.info.tags = {"framing", "smuggling"};
  r.info.points = 2;
  r.verdict = Verdict::warn;
  harness::Reason reason;
  reason.verdict = Verdict::warn;
  reason.message = "the server answered 200 and kept the connection open";
  reason.expected = "status 400 and connection closed";
  reason.actual = "status 200, connection open";
  reason.section = "RFC 9112 §6.1";
  reason.where = harness::SourceLocation{"cases/rfc9112/message-body.yaml", 22, 13};
  r.reasons.push_back(reason);
  r.timings.total = 12345us;
  r.transcript = {
      event(0us, "main", EventKind::connect, 0, {}, "127.0.0.1:40002 -> 127.0.0.1:8080"),
      event(200us, "main", EventKind::send, 0,
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
      event(2100us, "main", EventKind::receive, 0, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
      event(12300us, "main", EventKind::close),
  };
  return r;
}

CaseResult fail_bare_lf() {
  CaseResult r;
  r.info = info("response-line-endings", "rfc9112-message", "Every line of a response ends in CRLF",
                "2.2", Level::must, "cases/rfc9112/message.yaml", 31);
  r.info.ref.text = "A sender MUST NOT generate a bare CR ... and MUST use CRLF as the line terminator";
  r.info.tags = {"framing"};
  const std::string response = "HTTP/1.1 200 OK\r\nContent-Length: 10\nX-Note: 100% \"quoted\"\r\n\r\nabcdefg";
  r.verdict = Verdict::fail;
  harness::Reason lf;
  lf.verdict = Verdict::fail;
  lf.message = "line 2 of the response ends in LF, not CRLF";
  lf.expected = "\\r\\n";
  lf.actual = "\\n";
  lf.section = "RFC 9112 §2.2";
  lf.where = harness::SourceLocation{"cases/rfc9112/message.yaml", 36, 9};
  lf.excerpt = harness::Excerpt{"main", Direction::received, 0, response.substr(0, 60), 35};
  harness::Reason cut;
  cut.verdict = Verdict::fail;
  cut.message = "Content-Length 10 but the connection closed after 7 body bytes";
  cut.expected = "10 body bytes";
  cut.actual = "7 body bytes, then the connection closed";
  cut.section = "RFC 9112 §6.3";
  cut.excerpt = harness::Excerpt{"main", Direction::received, 59, response.substr(59), response.size()};
  r.reasons = {lf, cut};
  r.timings.total = 4200us;
  r.timings.connect = 100us;
  r.timings.first_byte = 1000us;
  // The request goes out in two writes and carries a quote and a percent sign, which the
  // printf reproducer must escape.
  r.transcript = {
      event(0us, "main", EventKind::connect, 0, {}, "127.0.0.1:40004 -> 127.0.0.1:8080"),
      event(120us, "main", EventKind::send, 0, "GET /a%20b'c HTTP/1.1\r\n"),
      event(60120us, "main", EventKind::send, 23, "Host: 127.0.0.1:8080\r\n\r\n"),
      event(61000us, "main", EventKind::receive, 0, response),
      event(61100us, "main", EventKind::peer_closed),
  };
  return r;
}

CaseResult error_unreachable() {
  CaseResult r;
  r.info = info("second-client-served", "rfc9112-connections",
                "A stalled client does not block a second one", "9.3", Level::should,
                "cases/rfc9112/connections.yaml", 5);
  r.info.serial = true;
  r.verdict = Verdict::error;
  harness::Reason reason;
  reason.verdict = Verdict::error;
  reason.message = "could not open connection second: connection refused";
  reason.expected = "a connection to 127.0.0.1:8080";
  reason.actual = "ECONNREFUSED after the first connection was accepted";
  r.reasons.push_back(reason);
  r.timings.total = 300us;
  r.transcript = {
      event(0us, "slow", EventKind::connect, 0, {}, "127.0.0.1:40006 -> 127.0.0.1:8080"),
      event(50us, "slow", EventKind::send, 0, "GET / HTTP/1.1\r\nHo"),
      event(250us, "second", EventKind::connect_failed, 0, {}, "connection refused"),
  };
  return r;
}

CaseResult skip_capability() {
  CaseResult r;
  r.info = info("echo-large-body", "rfc9112-message-body", "A 1 MiB body is read completely",
                "6.2", Level::must, "cases/rfc9112/message-body.yaml", 40);
  r.info.capabilities = {"echo"};
  r.verdict = Verdict::skip;
  harness::Reason reason;
  reason.verdict = Verdict::skip;
  reason.message = "the target lacks capability 'echo' (requires: echo)";
  r.reasons.push_back(reason);
  return r;
}

// A plain-TCP tutorial server answering in GBK where UTF-8 was expected; the title is
// Chinese and the reply carries a terminal escape and a NUL, which must never reach a
// terminal or an XML file raw.
CaseResult warn_encoding() {
  CaseResult r;
  r.info.id = "reply-text-utf8";
  r.info.suite = "tcp-reply";
  r.info.title = "回复文本 (reply text) \x1b[2J";
  r.info.ref.level = Level::should;
  r.info.where = harness::SourceLocation{"cases/tcp/reply.yaml", 3, 5};
  r.info.points = 0.5;
  r.verdict = Verdict::warn;
  const std::string reply = "\xc4\xe3\xba\xc3\x00\x1b[31m!\xff\n"s;
  harness::Reason reason;
  reason.verdict = Verdict::warn;
  reason.message = "the reply is not UTF-8 (it decodes as GBK: 你好)";
  reason.expected = "你好 in UTF-8 (\\xe4\\xbd\\xa0\\xe5\\xa5\\xbd)";
  reason.actual = "\xc4\xe3\xba\xc3 then \x1b[31m";
  reason.excerpt = harness::Excerpt{"main", Direction::received, 0, reply, 0};
  r.reasons.push_back(reason);
  r.timings.total = 700us;
  r.transcript = {
      event(0us, "main", EventKind::connect, 0, {}, "127.0.0.1:40008 -> 127.0.0.1:7000"),
      event(80us, "main", EventKind::send, 0, std::string("hello\x00", 6)),
      event(600us, "main", EventKind::receive, 0, reply),
      event(650us, "main", EventKind::peer_reset),
  };
  return r;
}

harness::RunResult run_of(std::vector<CaseResult> results, std::chrono::microseconds took) {
  harness::RunResult run;
  run.target = "127.0.0.1:8080";
  run.started = fixed_start();
  run.finished = run.started + took;
  run.results = std::move(results);
  run.selected = run.results.size();
  run.tally();
  return run;
}

}  // namespace

std::chrono::system_clock::time_point fixed_start() {
  return std::chrono::system_clock::time_point{std::chrono::seconds{1714564800}};
}

harness::RunResult mixed_run() {
  auto run = run_of({passing_get(), warn_kept_open(), fail_bare_lf(), error_unreachable(),
                     skip_capability(), warn_encoding()},
                    1500ms);
  run.profile = "http-origin";
  return run;
}

harness::RunResult all_pass_run() {
  auto a = passing_get();
  auto b = passing_get();
  b.info.id = "get-root-twice";
  b.info.ref.level = Level::should;
  auto c = passing_get();
  c.info.id = "get-root-http10";
  c.info.suite = "rfc9112-version";
  c.info.ref.section = "2.6";
  c.info.ref.level = Level::may;
  return run_of({a, b, c}, 250ms);
}

harness::RunResult empty_run() { return run_of({}, 0ms); }

const harness::CaseResult& find_case(const harness::RunResult& run, const std::string& id) {
  for (const auto& r : run.results) {
    if (r.info.id == id) return r;
  }
  ADD_FAILURE() << "no case " << id;
  return run.results.front();
}

}  // namespace wirecheck::reports::testing
