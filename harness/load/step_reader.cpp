// The steps of a case, and the order in which they use connections.
#include <algorithm>
#include <map>

#include "harness/load/readers.h"
#include "harness/load/suggest.h"

namespace wirecheck::harness {
namespace {

const std::vector<std::string>& step_keys() {
  static const std::vector<std::string> keys{
      "connect", "send",         "pause",        "shutdown",      "abort",
      "close",   "expect",       "expect_close", "expect_reset",  "expect_silence"};
  return keys;
}

// Steps that take no argument may be written as a bare word: `- close`.
const std::vector<std::string>& word_steps() {
  static const std::vector<std::string> words{"connect", "shutdown", "abort", "close",
                                              "expect_close", "expect_reset"};
  return words;
}

bool valid_connection_name(std::string_view n) {
  return !n.empty() && n.size() <= 64 && std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// Tracks each named connection through the steps, so a case that uses a connection before
// opening it, after closing it, or expects an answer to nothing is caught when loaded.
class ConnectionOrder {
 public:
  explicit ConnectionOrder(Reader& r) : r_(r) {}

  void step(const Step& s) {
    if (std::holds_alternative<Pause>(s.action)) return;
    State& c = state_[s.connection];
    int line = s.where.line;
    const std::string& name = s.connection;
    if (std::holds_alternative<Connect>(s.action)) {
      if (c.phase == Phase::open) {
        r_.error(s.where, "connection '" + name + "' is already open (since line " +
                              std::to_string(c.opened) + ")");
      }
      c = State{Phase::open, line};
      return;
    }
    if (c.phase == Phase::unopened) {
      if (name != kMainConnection) {
        r_.error(s.where, "connection '" + name + "' is not open: add '- connect: " + name +
                              "' before this step");
      }
      c = State{Phase::open, line};
    } else if (c.phase == Phase::ended) {
      r_.error(s.where, "connection '" + name + "' was closed at line " + std::to_string(c.ended) +
                            ": add '- connect: " + name + "' to open a new one");
      c = State{Phase::open, line};
    }
    if (std::holds_alternative<Send>(s.action)) {
      if (c.shut) {
        r_.error(s.where, "nothing can be sent on '" + name + "' after 'shutdown: write' at line " +
                              std::to_string(c.shut));
      }
      c.sent = true;
    } else if (std::holds_alternative<ShutdownWrite>(s.action)) {
      if (c.shut) {
        r_.error(s.where, "connection '" + name + "' was already shut down at line " +
                              std::to_string(c.shut));
      }
      c.shut = line;
    } else if (std::holds_alternative<ExpectResponse>(s.action)) {
      if (!c.sent) {
        r_.error(s.where, "expect on connection '" + name + "' before anything was sent on it: "
                          "a server answers requests (use expect_silence or expect_close to "
                          "check one that waits)");
      }
    } else if (std::holds_alternative<Close>(s.action) || std::holds_alternative<Abort>(s.action) ||
               std::holds_alternative<ExpectClose>(s.action)) {
      c.phase = Phase::ended;
      c.ended = line;
    }
  }

 private:
  enum class Phase { unopened, open, ended };
  struct State {
    Phase phase = Phase::unopened;
    int opened = 0;
    int ended = 0;
    int shut = 0;
    bool sent = false;
  };
  Reader& r_;
  std::map<std::string, State> state_;
};

std::optional<Action> read_action(Reader& r, const Entry& e, std::string& connection) {
  const std::string& k = e.key;
  if (k == "connect") {
    if (!e.value.IsNull()) {
      auto name = r.string(e);
      if (!name) return std::nullopt;
      if (!valid_connection_name(*name)) {
        r.error(r.loc(e), "bad connection name '" + *name + "': use a-z 0-9 _ -");
        return std::nullopt;
      }
      connection = *name;
    }
    return Connect{};
  }
  if (k == "send") return read_send(r, e);
  if (k == "pause") {
    auto d = r.duration(e);
    if (!d) return std::nullopt;
    return Pause{*d};
  }
  if (k == "shutdown") {
    if (e.value.IsNull()) return ShutdownWrite{};
    auto w = r.word(e, {"write"});
    if (!w) return std::nullopt;
    return ShutdownWrite{};
  }
  if (k == "abort" || k == "close") {
    if (!e.value.IsNull()) {
      auto b = r.boolean(e);
      if (!b) return std::nullopt;
      if (!*b) {
        r.error(r.loc(e), "'" + k + ": false' does nothing; remove the step");
        return std::nullopt;
      }
    }
    if (k == "abort") return Abort{};
    return Close{};
  }
  if (k == "expect") return read_expect(r, e);
  if (k == "expect_close" || k == "expect_reset") {
    ExpectClose x;
    if (k == "expect_reset") x.state = ConnectionState::reset;
    if (e.value.IsNull()) return x;
    std::vector<std::string> keys{"within", "allow_data"};
    if (k == "expect_close") keys.push_back("state");
    auto entries = r.map(e, k, keys);
    if (!entries) return std::nullopt;
    bool ok = true;
    for (const auto& f : *entries) {
      if (f.key == "within") {
        if (auto d = r.duration(f)) x.within = *d; else ok = false;
      } else if (f.key == "allow_data") {
        if (auto b = r.boolean(f)) x.allow_data = *b; else ok = false;
      } else if (f.key == "state") {
        std::optional<std::string> w;
        if (f.value.IsScalar() && f.value.Scalar() == "closed-or-reset") {
          w = "closed_or_reset";
        } else {
          w = r.word(f, {"closed", "reset", "closed_or_reset"});
        }
        if (!w) {
          ok = false;
        } else {
          x.state = *w == "closed"  ? ConnectionState::closed
                    : *w == "reset" ? ConnectionState::reset
                                    : ConnectionState::closed_or_reset;
        }
      }
    }
    if (!ok) return std::nullopt;
    return x;
  }
  if (k == "expect_silence") {
    ExpectSilence x;
    if (e.value.IsMap()) {
      auto entries = r.map(e, "expect_silence", {"for", "allow_close"});
      if (!entries) return std::nullopt;
      const Entry* d = r.require(*entries, "for", "expect_silence", r.loc(e));
      if (!d) return std::nullopt;
      auto dur = r.duration(*d);
      if (!dur) return std::nullopt;
      x.duration = *dur;
      if (const Entry* a = find(*entries, "allow_close")) {
        auto b = r.boolean(*a);
        if (!b) return std::nullopt;
        x.allow_close = *b;
      }
      return x;
    }
    auto d = r.duration(e);
    if (!d) return std::nullopt;
    x.duration = *d;
    return x;
  }
  return std::nullopt;
}

std::optional<Step> read_step(Reader& r, const Entry& item) {
  Step step;
  step.where = r.loc(item);
  if (item.value.IsScalar()) {
    const std::string& w = item.value.Scalar();
    if (std::find(word_steps().begin(), word_steps().end(), w) == word_steps().end()) {
      std::string hint = did_you_mean(w, step_keys());
      if (std::find(step_keys().begin(), step_keys().end(), w) != step_keys().end()) {
        r.error(step.where, "step '" + w + "' needs a value ('- " + w + ": ...')");
      } else {
        r.error(step.where, "unknown step '" + w + "'" + hint);
      }
      return std::nullopt;
    }
    Entry e{w, item.value, YAML::Node(YAML::NodeType::Null)};
    auto action = read_action(r, e, step.connection);
    if (!action) return std::nullopt;
    step.action = std::move(*action);
    return step;
  }
  if (!item.value.IsMap()) {
    r.error(step.where, "a step must be a map such as '- send: ...', found " +
                            Reader::describe(item.value));
    return std::nullopt;
  }
  std::vector<std::string> keys = step_keys();
  keys.push_back("on");
  auto entries = r.map(item, "step", keys);
  if (!entries) return std::nullopt;
  const Entry* action = nullptr;
  const Entry* on = nullptr;
  bool ok = true;
  for (const auto& f : *entries) {
    if (f.key == "on") {
      on = &f;
      continue;
    }
    if (action) {
      r.error(r.key_loc(f), "a step does one thing: '" + f.key + "' and '" + action->key +
                                "' need a step each");
      ok = false;
      continue;
    }
    action = &f;
  }
  if (!action) {
    // Unknown keys were reported already; only complain when nothing was misspelled.
    if (ok && entries->size() == item.value.size()) {
      r.error(step.where, "step has no action: give one of " + one_of(step_keys()));
    }
    return std::nullopt;
  }
  if (on) {
    auto name = r.string(*on);
    if (!name) return std::nullopt;
    if (!valid_connection_name(*name)) {
      r.error(r.loc(*on), "bad connection name '" + *name + "': use a-z 0-9 _ -");
      return std::nullopt;
    }
    if (action->key == "connect" || action->key == "pause") {
      r.error(r.key_loc(*on), "'on' does not apply to " + action->key +
                                  (action->key == "connect" ? " (write '- connect: name')" : ""));
      return std::nullopt;
    }
    step.connection = *name;
  }
  auto a = read_action(r, *action, step.connection);
  if (!a || !ok) return std::nullopt;
  step.action = std::move(*a);
  return step;
}

}  // namespace

std::optional<std::vector<Step>> read_steps(Reader& r, const Entry& steps) {
  auto items = r.list(steps);
  if (!items) return std::nullopt;
  std::vector<Step> out;
  bool ok = true;
  ConnectionOrder order(r);
  size_t errors_before = r.diagnostics().errors();
  for (const auto& item : *items) {
    auto s = read_step(r, item);
    if (!s) {
      ok = false;
      continue;
    }
    // After a step that could not be read, the order of the rest proves nothing.
    if (ok) order.step(*s);
    out.push_back(std::move(*s));
  }
  if (r.diagnostics().errors() > errors_before) ok = false;
  if (ok) {
    bool checks = std::any_of(out.begin(), out.end(), [](const Step& s) {
      return std::holds_alternative<ExpectResponse>(s.action) ||
             std::holds_alternative<ExpectData>(s.action) ||
             std::holds_alternative<ExpectClose>(s.action) ||
             std::holds_alternative<ExpectSilence>(s.action);
    });
    if (!checks) {
      r.error(r.key_loc(steps), "the steps check nothing: add an expect, expect_close or "
                            "expect_silence step");
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace wirecheck::harness
