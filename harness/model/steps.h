#pragma once
// The steps of a case: what to do on which connection, in order.
//
// For the runner:
//   - Every step names its connection (`on:` in YAML, default "main"). "main" connects
//     implicitly before its first step; other names are opened by a Connect step. After Close,
//     Abort or an ExpectClose, a Connect on the same name opens a fresh connection. The loader
//     has checked this order, so a runner may trust it.
//   - Bytes come from render(payload, variables) (payload.h); a RequestSpec is rendered by the
//     reference serializer (reference/http).
//   - Deadlines: a step's own `within`/duration, else the case timeout; all scaled by
//     --timeout-scale.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "harness/model/duration.h"
#include "harness/model/level.h"
#include "harness/model/matchers.h"
#include "harness/model/payload.h"
#include "harness/model/source_location.h"
#include "harness/model/template.h"

namespace wirecheck::harness {

inline constexpr const char* kMainConnection = "main";

struct HeaderField {
  Template name;
  Template value;
  SourceLocation where;
};

struct Chunk {
  Payload data;
  Template extensions;  // written after the size as is, e.g. ";name=value"
  SourceLocation where;
};

// A request built field by field and rendered by the reference serializer. Headers are sent
// in the order given, duplicates included.
struct RequestSpec {
  Template method;   // default "GET"
  Template target;   // required
  Template version;  // default "HTTP/1.1"
  std::vector<HeaderField> headers;
  std::optional<Payload> body;  // sent as is after the head (with Content-Length, see below)
  bool chunked = false;         // the body is `chunks`, then the last chunk and `trailers`
  std::vector<Chunk> chunks;
  std::vector<HeaderField> trailers;
  // Unless switched off: a "Host: {{authority}}" field first when `headers` has no Host, and
  // "Content-Length: <n>" (for `body`) or "Transfer-Encoding: chunked" (for `chunks`) when
  // `headers` has neither Content-Length nor Transfer-Encoding.
  bool add_host = true;
  bool add_framing = true;
  SourceLocation where;
};

// Opens the step's connection.
struct Connect {};

// Writes bytes. `parts` are written one write each with `gap` between them; a `request` is
// written as one write, or, with a gap, as head, each chunk, and the last chunk with trailers.
struct Send {
  std::vector<Payload> parts;
  std::optional<RequestSpec> request;
  Duration gap{0};
};

struct Pause {
  Duration duration{0};
};

// Half-close: shutdown(SHUT_WR). Reading continues.
struct ShutdownWrite {};

// Close with RST (SO_LINGER 0).
struct Abort {};

// Orderly close from our side.
struct Close {};

// Reads one HTTP response and checks it. It matches when `common` matches and, if `any_of` is
// not empty, at least one alternative matches; the verdict is the first matching
// alternative's. A response that matches one of `warn_if` gets warn whether or not it matched
// the rest (behaviour the RFC permits but discourages). The case's level caps the verdict of an
// unmet expectation (level.h failure_verdict); `level` overrides the case's level for this step.
struct ExpectResponse {
  ResponseMatch common;
  std::vector<Alternative> any_of;
  std::vector<Alternative> warn_if;
  std::optional<Level> level;
  // The method of the request this response answers (HEAD responses have no body). Empty:
  // the runner takes it from the requests sent on this connection, in order.
  std::string request_method;
};

// Plain TCP (or raw looks at an HTTP stream): reads bytes and checks them. With `data`, reads
// until as many bytes as expected arrived (or close/timeout), compares them and consumes them.
// With `regex`, reads until the regex is found in what arrived (decoded from `encoding` to
// UTF-8 first when one is given) and consumes up to the end of the match. Bytes not consumed
// stay for the next step on the connection.
struct ExpectData {
  std::optional<Payload> data;
  std::string regex;
  Template encoding;  // for regex only (data carries its own)
  std::optional<Duration> within;
  std::optional<ConnectionState> connection;  // after the data
};

// The peer ends the connection. Bytes arriving first fail the step unless `allow_data`.
struct ExpectClose {
  ConnectionState state = ConnectionState::closed_or_reset;
  std::optional<Duration> within;
  bool allow_data = false;
};

// Nothing arrives for `duration` (a server waiting for the rest of a request). A close in that
// time fails the step unless `allow_close`.
struct ExpectSilence {
  Duration duration{0};
  bool allow_close = false;
};

using Action = std::variant<Connect, Send, Pause, ShutdownWrite, Abort, Close, ExpectResponse,
                            ExpectData, ExpectClose, ExpectSilence>;

struct Step {
  std::string connection = kMainConnection;
  Action action;
  SourceLocation where;
};

// The YAML key of a step's action: "connect", "send", "pause", "shutdown", "abort", "close",
// "expect", "expect" (data), "expect_close", "expect_silence".
std::string_view step_name(const Action& action);

}  // namespace wirecheck::harness
