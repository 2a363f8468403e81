#pragma once
// What the differential target compares: the messages each parser saw, how each run ended, and
// the rule that decides whether a difference is a bug or one of the reviewed known differences.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz/event_log.h"
#include "reference/http/errors.h"

namespace wcfuzz {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Message {
  std::string method;
  std::string target;
  int major = -1;
  int minor = -1;
  Fields fields;
  Fields trailers;
  std::string body;
  bool head_complete = false;
  bool complete = false;
  bool keep_alive = true;
  bool upgrade = false;
};

struct Run {
  std::vector<Message> messages;
  bool error = false;   // stopped on an error (not merely out of input, not paused)
  bool paused = false;  // llhttp paused for an upgrade or the HTTP/2 preface
  wirecheck::http::Error our_error;  // ours
  int llhttp_errno = 0;              // llhttp
  std::string llhttp_reason;
  uint64_t llhttp_offset = 0;
};

inline std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// One disagreement, with everything a known-difference rule may look at.
struct Disagreement {
  enum class Kind {
    only_ours_complete,    // we completed message `index`, llhttp did not
    only_llhttp_complete,  // llhttp completed message `index`, we did not
    content,               // both completed it and saw different things
  };
  Kind kind;
  size_t index;
  std::string what;  // for content: which part differs
  std::string_view input;
  const Run& ours;
  const Run& theirs;

  // Our message `index`, possibly incomplete (an empty one when we never began it).
  const Message& our_message() const {
    static const Message none;
    return index < ours.messages.size() ? ours.messages[index] : none;
  }
  const Message& llhttp_message() const {
    static const Message none;
    return index < theirs.messages.size() ? theirs.messages[index] : none;
  }
  bool we_rejected(wirecheck::http::ErrorCode code) const {
    return kind == Kind::only_llhttp_complete && ours.error && ours.our_error.code == code;
  }
  bool llhttp_rejected(int errno_value) const {
    return kind == Kind::only_ours_complete && theirs.error && theirs.llhttp_errno == errno_value;
  }
};

struct KnownDifference {
  const char* id;      // as listed in fuzz/differential_allowlist.md
  const char* rfc;     // the section that backs our side
  bool (*applies)(const Disagreement&);
};

inline std::string describe_run(const char* who, const Run& run) {
  std::string out = std::string(who) + ":\n";
  for (size_t i = 0; i < run.messages.size(); ++i) {
    const Message& m = run.messages[i];
    out += "  message " + std::to_string(i) + (m.complete ? " (complete)" : " (incomplete)") +
           ": " + escape(m.method) + " " + escape(m.target) + " " + std::to_string(m.major) +
           "." + std::to_string(m.minor) + (m.keep_alive ? "" : " close") +
           (m.upgrade ? " upgrade" : "") + "\n";
    for (const auto& [n, v] : m.fields) out += "    " + escape(n) + ": " + escape(v) + "\n";
    if (!m.body.empty()) out += "    body: " + escape(m.body) + "\n";
    for (const auto& [n, v] : m.trailers) out += "    trailer " + escape(n) + ": " + escape(v) + "\n";
  }
  if (run.error && run.our_error) out += "  error: " + wirecheck::http::describe(run.our_error) + "\n";
  if (run.error && run.llhttp_errno != 0) {
    out += "  error: " + std::to_string(run.llhttp_errno) + " " + run.llhttp_reason + " at byte " +
           std::to_string(run.llhttp_offset) + "\n";
  }
  if (run.paused) out += "  paused (upgrade)\n";
  return out;
}

inline std::string content_difference(const Message& a, const Message& b) {
  if (a.method != b.method) return "method";
  if (a.target != b.target) return "target";
  if (a.major != b.major || a.minor != b.minor) return "version";
  if (a.fields != b.fields) return "fields";
  if (a.trailers != b.trailers) return "trailers";
  if (a.body != b.body) return "body";
  return {};
}

// Aborts on the first disagreement that no known difference explains.
inline void compare(std::string_view input, const Run& ours, const Run& theirs,
                    const std::vector<KnownDifference>& known) {
  const size_t n = std::max(ours.messages.size(), theirs.messages.size());
  for (size_t i = 0; i < n; ++i) {
    const bool a = i < ours.messages.size() && ours.messages[i].complete;
    const bool b = i < theirs.messages.size() && theirs.messages[i].complete;
    if (!a && !b) return;  // only complete messages are compared
    Disagreement d{Disagreement::Kind::content, i, {}, input, ours, theirs};
    if (a && b) {
      d.what = content_difference(ours.messages[i], theirs.messages[i]);
      if (d.what.empty()) {
        const Message& m = ours.messages[i];
        const Message& l = theirs.messages[i];
        if (!m.keep_alive || !l.keep_alive || m.upgrade || l.upgrade || m.method == "CONNECT") {
          return;
        }
        continue;
      }
    } else {
      d.kind = a ? Disagreement::Kind::only_ours_complete : Disagreement::Kind::only_llhttp_complete;
      d.what = a ? "we accepted a message llhttp did not complete"
                 : "llhttp accepted a message we did not complete";
    }
    for (const KnownDifference& k : known) {
      if (k.applies(d)) return;  // the streams part ways here; nothing after is comparable
    }
    fail("our parser and llhttp disagree on message " + std::to_string(i) + ": " + d.what,
         "input: " + escape(input) + "\n" + describe_run("ours", ours) +
             describe_run("llhttp", theirs));
  }
}

}  // namespace wcfuzz
