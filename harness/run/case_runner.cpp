#include "harness/run/case_runner.h"

#include <algorithm>
#include <map>
#include <memory>
#include <thread>

#include "harness/model/bytes.h"
#include "harness/model/duration.h"
#include "harness/model/encoding.h"
#include "harness/model/variables.h"
#include "harness/run/excerpt.h"
#include "harness/run/request_render.h"
#include "harness/run/response_checks.h"
#include "harness/run/response_reader.h"
#include "harness/run/session.h"
#include "harness/run/text_match.h"
#include "harness/run/transcript.h"
#include "reference/http/errors.h"
#include "reference/net/encoding.h"
#include "reference/net/tcp.h"

namespace wirecheck::harness {
namespace {

using std::chrono::steady_clock;

template <class... F>
struct Overload : F... {
  using F::operator()...;
};
template <class... F>
Overload(F...) -> Overload<F...>;

std::string human_bytes(uint64_t n) {
  if (n >= (uint64_t{1} << 20) && n % (uint64_t{1} << 20) == 0) {
    return std::to_string(n >> 20) + " MiB";
  }
  return std::to_string(n) + " bytes";
}

// The less severe of an alternative's own verdict and what the level allows.
Verdict capped(Verdict own, Verdict cap) {
  if (own == Verdict::pass) return own;
  return worse(own, cap) == own ? cap : own;
}

// What a step's execution means for the rest of the case.
enum class Next : uint8_t {
  go_on,
  stop,         // the connection is in no state for more steps (no response, a timeout, ...)
  interrupted,  // the run is being stopped
};

class CaseRunner {
 public:
  CaseRunner(const Case& c, const RunOptions& options, const std::vector<net::Address>& addresses)
      : case_(c),
        options_(options),
        addresses_(addresses),
        recorder_(options.limits.max_transcript_bytes, options.limits.max_transcript_events),
        level_cap_(failure_verdict(c.ref.level)) {
    result_.info = c;
    const Profile* profile = options.profile ? &*options.profile : nullptr;
    vars_ = make_variables(options.host, options.port, options.target, c, profile);
  }

  CaseOutcome run() {
    for (const auto& capability : case_.capabilities) {
      if (options_.target.has(capability)) continue;
      Reason r;
      r.verdict = Verdict::skip;
      r.message = "the target lacks the capability '" + capability + "' this case requires";
      r.expected = "a target with '" + capability + "'";
      r.actual = "target '" + options_.target.name + "' without it";
      r.where = case_.where;
      r.section = case_.ref.to_string();
      result_.reasons.push_back(std::move(r));
      result_.verdict = Verdict::skip;
      return finish();
    }

    size_t index = 0;
    for (const Step& step : case_.steps) {
      if (stopping()) {
        interrupted_ = true;
        break;
      }
      Next next = run_step(step);
      ++index;
      if (next == Next::interrupted) {
        interrupted_ = true;
        break;
      }
      if (next == Next::stop) {
        if (index < case_.steps.size()) {
          recorder_.add("", EventKind::note,
                        std::to_string(case_.steps.size() - index) +
                            " remaining step(s) not run: the case cannot go on after this one");
        }
        break;
      }
    }
    for (auto& [name, session] : sessions_) {
      if (!session->closed_here()) session->close();
    }
    return finish();
  }

 private:
  bool stopping() const { return options_.stop && options_.stop->load(); }

  std::chrono::milliseconds scaled(Duration d) const {
    return std::chrono::milliseconds(
        static_cast<int64_t>(static_cast<double>(d.count()) * options_.timeout_scale + 0.5));
  }
  net::Deadline deadline_after(Duration d) const {
    return net::Deadline::after_unscaled(scaled(d));
  }
  net::Deadline step_deadline(std::optional<Duration> within = std::nullopt) const {
    return deadline_after(within.value_or(case_.timeout));
  }

  Reason& add_reason(Verdict v, std::string message, std::string expected, std::string actual,
                     const SourceLocation& where, std::optional<Excerpt> excerpt = std::nullopt,
                     std::string section = {}) {
    Reason r;
    r.verdict = v;
    r.message = std::move(message);
    r.expected = std::move(expected);
    r.actual = std::move(actual);
    r.section = section.empty() ? case_.ref.to_string() : std::move(section);
    r.where = where;
    r.excerpt = std::move(excerpt);
    result_.reasons.push_back(std::move(r));
    return result_.reasons.back();
  }

  CaseOutcome finish() {
    result_.timings.total = recorder_.elapsed();
    for (auto& [name, session] : sessions_) remember_first_byte(*session);
    if (first_byte_) {
      result_.timings.first_byte =
          std::chrono::duration_cast<std::chrono::microseconds>(*first_byte_ - recorder_.started());
    }
    if (result_.verdict != Verdict::skip) {
      Verdict v = Verdict::pass;
      for (const auto& r : result_.reasons) v = worse(v, r.verdict);
      result_.verdict = v;
    }
    result_.transcript = recorder_.take();
    result_.transcript_truncated = recorder_.truncated();
    return {std::move(result_), interrupted_};
  }

  void remember_first_byte(const Session& s) {
    if (auto fb = s.first_byte(); fb && (!first_byte_ || *fb < *first_byte_)) first_byte_ = fb;
  }

  // ---------------------------------------------------------------------------------------
  // Connections

  Session* open(const std::string& name, const SourceLocation& where) {
    if (auto it = sessions_.find(name); it != sessions_.end()) {
      remember_first_byte(*it->second);
      if (!it->second->closed_here()) it->second->close();
      sessions_.erase(it);
    }
    net::Deadline deadline = deadline_after(options_.connect_timeout);
    net::ConnectResult last;
    if (addresses_.empty()) {
      last.message = "the target's address is unknown";
    }
    for (const auto& address : addresses_) {
      last = net::connect(address, deadline, net::ConnectOptions{.no_delay = true});
      if (last.status.ok() || last.status.outcome == net::Outcome::timeout) break;
    }
    if (!last.status.ok() || !last.connection) {
      recorder_.add(name, EventKind::connect_failed, last.message);
      add_reason(Verdict::error, "cannot open connection '" + name + "'",
                 "a connection to " + target_label(), last.message, where);
      return nullptr;
    }
    recorder_.add(name, EventKind::connect,
                  last.connection->local().to_string() + " -> " + last.connection->peer_name());
    if (!result_.timings.connect) result_.timings.connect = recorder_.elapsed();
    auto session = std::make_unique<Session>(name, std::move(last.connection), recorder_,
                                             options_.limits, options_.stop);
    Session* raw = session.get();
    sessions_[name] = std::move(session);
    return raw;
  }

  std::string target_label() const {
    return host_for_url(options_.host) + ":" + std::to_string(options_.port);
  }

  // The step's connection; "main" opens on first use.
  Session* session_for(const Step& step) {
    auto it = sessions_.find(step.connection);
    if (it != sessions_.end() && !it->second->closed_here()) return it->second.get();
    if (step.connection == kMainConnection && it == sessions_.end()) {
      return open(step.connection, step.where);
    }
    add_reason(Verdict::error, "connection '" + step.connection + "' is not open",
               "an open connection for step '" + std::string(step_name(step.action)) + "'",
               it == sessions_.end() ? "never opened" : "closed by an earlier step", step.where);
    return nullptr;
  }

  // Sleeps, waking early when the run is stopped. Returns false when stopped.
  bool sleep_for(Duration d) {
    auto until = steady_clock::now() + d;
    while (steady_clock::now() < until) {
      if (stopping()) return false;
      auto left = until - steady_clock::now();
      std::this_thread::sleep_for(
          std::min<steady_clock::duration>(left, std::chrono::milliseconds(50)));
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------
  // Steps

  Next run_step(const Step& step) {
    return std::visit(
        Overload{
            [&](const Connect&) {
              return open(step.connection, step.where) ? Next::go_on : Next::stop;
            },
            [&](const Send& a) { return send(step, a); },
            [&](const Pause& a) { return sleep_for(a.duration) ? Next::go_on : Next::interrupted; },
            [&](const ShutdownWrite&) {
              Session* s = session_for(step);
              if (!s) return Next::stop;
              s->shutdown_write();
              return Next::go_on;
            },
            [&](const Abort&) { return end_connection(step, true); },
            [&](const Close&) { return end_connection(step, false); },
            [&](const ExpectResponse& a) { return expect_response(step, a); },
            [&](const ExpectData& a) { return expect_data(step, a); },
            [&](const ExpectClose& a) { return expect_close(step, a); },
            [&](const ExpectSilence& a) { return expect_silence(step, a); },
        },
        step.action);
  }

  Next end_connection(const Step& step, bool reset) {
    Session* s = session_for(step);
    if (!s) return Next::stop;
    if (reset) {
      s->abort();
    } else {
      s->close();
    }
    return Next::go_on;
  }

  Next send(const Step& step, const Send& a) {
    std::vector<std::string> writes;
    RenderError error;
    if (a.request) {
      auto pieces = render_request(*a.request, vars_, &error);
      if (!pieces) return render_failed(step, error);
      if (a.gap.count() > 0 || pieces->size() == 1) {
        writes = std::move(*pieces);
      } else {
        writes.emplace_back();
        for (auto& p : *pieces) writes.back() += p;
      }
    } else {
      for (const auto& part : a.parts) {
        auto bytes = render(part, vars_, &error);
        if (!bytes) return render_failed(step, error);
        writes.push_back(std::move(*bytes));
      }
    }
    Session* s = session_for(step);
    if (!s) return Next::stop;
    for (size_t i = 0; i < writes.size(); ++i) {
      if (i > 0 && a.gap.count() > 0 && !sleep_for(a.gap)) return Next::interrupted;
      // A failed write is recorded, not judged: a server may rightly answer and close before
      // reading everything, and the expectations that follow say whether that was right.
      net::IoResult r = s->send(writes[i], step_deadline());
      if (!r.ok()) break;
    }
    return Next::go_on;
  }

  Next render_failed(const Step& step, const RenderError& error) {
    // A resource the target file removes ({{path.X}} with `X: ~`) makes the case inapplicable,
    // not broken: it is skipped, as a missing capability is, unless something already failed.
    for (const auto& resource : known_resources()) {
      bool lacking = vars_.count("path." + resource) == 0 &&
                     error.message.find("'path." + resource + "'") != std::string::npos;
      bool judged = false;
      for (const auto& r : result_.reasons) judged |= r.verdict != Verdict::pass;
      if (lacking && !judged) {
        add_reason(Verdict::skip,
                   "the target lacks the resource '" + resource + "' ({{path." + resource +
                       "}}) this case uses",
                   "a target with '" + resource + "'",
                   "target '" + options_.target.name + "' without it", step.where);
        result_.verdict = Verdict::skip;
        return Next::stop;
      }
    }
    add_reason(Verdict::error, "cannot render the bytes to send: " + error.message, "bytes to send",
               "none", error.where.known() ? error.where : step.where);
    return Next::stop;
  }

  // What the connection does after a response or data: reads until quiet for the open-check
  // time, a close, a reset, the cap or the deadline. Bytes that arrive stay unread.
  void observe_after(Session& s, net::Deadline deadline, ConnectionState* state,
                     std::string* detail) {
    auto describe_end = [&](ReadEnd e) {
      uint64_t extra = s.unread().size();
      std::string more = extra ? " after " + std::to_string(extra) + " more bytes" : "";
      switch (e) {
        case ReadEnd::closed:
          *state = ConnectionState::closed;
          *detail = "the peer closed it" + more;
          return true;
        case ReadEnd::reset:
          *state = ConnectionState::reset;
          *detail = "the peer reset it" + more;
          return true;
        case ReadEnd::error:
          *state = ConnectionState::reset;
          *detail = s.end_detail() + more;
          return true;
        default:
          return false;
      }
    };
    if (s.at_end()) {
      describe_end(s.end());
      return;
    }
    for (;;) {
      net::Deadline quiet = net::Deadline::earliest(deadline, deadline_after(options_.open_check));
      ReadEnd e = s.fill(quiet);
      if (e == ReadEnd::data) continue;
      if (describe_end(e)) return;
      *state = ConnectionState::open;
      uint64_t extra = s.unread().size();
      if (e == ReadEnd::cap) {
        *detail = "still sending when the " + human_bytes(s.cap()) + " buffer cap was reached";
      } else if (extra > 0) {
        *detail = std::to_string(extra) + " more bytes, then no close within " +
                  format_duration(scaled(options_.open_check));
      } else {
        *detail = "no data and no close within " + format_duration(scaled(options_.open_check));
      }
      return;
    }
  }

  // The reason for a response that did not arrive whole. Returns the step's Next.
  Next response_missing(const Step& step, Session& s, const ObservedResponse& r, Verdict verdict) {
    const ObservedMessage& m = r.final;
    uint64_t got = s.unread_offset() - r.started_at;
    std::string what;
    if (!r.received_any) {
      what = "nothing arrived";
    } else if (m.head_complete) {
      what = std::to_string(got) + " bytes: " + m.status_line() + " and " +
             std::to_string(m.body.size()) + " body bytes";
    } else {
      what = std::to_string(got) + " bytes, no complete response head";
    }
    std::optional<Excerpt> excerpt;
    if (r.received_any) {
      std::optional<uint64_t> mark;
      if (r.error) mark = r.error.offset;
      excerpt = received_excerpt(s, r.started_at, s.unread_offset() + s.unread().size(),
                                 mark ? mark : std::optional<uint64_t>(s.unread_offset()));
    }
    std::string expected = "a complete response";
    switch (r.end) {
      case ResponseEnd::timeout:
        add_reason(verdict, "no complete response within " + format_duration(scaled(case_.timeout)),
                   expected, what + ", then nothing more before the deadline", step.where, excerpt);
        break;
      case ResponseEnd::closed: {
        std::string message = r.received_any ? "the connection closed in the middle of the response"
                                             : "the connection closed without a response";
        std::string section;
        if (r.error) {
          message += ": " + http::describe(r.error);
          section = std::string(http::section(r.error.code));
        }
        add_reason(verdict, message, expected, what + ", then the peer closed the connection",
                   step.where, excerpt, section);
        break;
      }
      case ResponseEnd::reset:
        add_reason(verdict,
                   r.received_any ? "the connection was reset in the middle of the response"
                                  : "the connection was reset without a response",
                   expected, what + ", then the peer reset the connection", step.where, excerpt);
        break;
      case ResponseEnd::io_error:
        add_reason(verdict, "reading the response failed: " + s.end_detail(), expected, what,
                   step.where, excerpt);
        break;
      case ResponseEnd::cap:
        add_reason(verdict,
                   "the response is larger than the " + human_bytes(s.cap()) +
                       " cap on buffered bytes; reading stopped there",
                   "a complete response within " + human_bytes(s.cap()), what + " and more coming",
                   step.where, excerpt);
        break;
      case ResponseEnd::parse_error:
        add_reason(verdict, "the response cannot be parsed: " + http::describe(r.error),
                   "an HTTP/1.1 response", what, step.where, excerpt,
                   std::string(http::section(r.error.code)));
        break;
      case ResponseEnd::stopped:
        return Next::interrupted;
      case ResponseEnd::complete:
        break;
    }
    return Next::stop;
  }

  void add_violations(Session& s, const ObservedMessage& m, const SourceLocation& where) {
    for (const auto& v : m.violations) {
      add_reason(Verdict::fail, "the response breaks HTTP/1.1: " + http::describe(v),
                 "a response without this violation", std::string(http::reason(v.code)), where,
                 received_excerpt(s, m.begin, m.end, v.offset), std::string(http::section(v.code)));
    }
  }

  void add_findings(const std::vector<Finding>& findings, Verdict verdict, const Step& step,
                    const std::string& prefix = {}) {
    for (const auto& f : findings) {
      add_reason(f.harness_error ? Verdict::error : verdict, prefix + f.message, f.expected,
                 f.actual, f.where.known() ? f.where : step.where, f.excerpt);
    }
  }

  Next expect_response(const Step& step, const ExpectResponse& a) {
    Session* s = session_for(step);
    if (!s) return Next::stop;
    s->compact();
    Verdict cap = failure_verdict(a.level.value_or(case_.ref.level));
    std::string method = s->methods().take();
    if (!a.request_method.empty()) method = a.request_method;
    auto sent_at = s->last_activity();
    Duration limit = case_.timeout;
    if (a.common.within && *a.common.within > limit) limit = *a.common.within;
    net::Deadline deadline = deadline_after(limit);

    ObservedResponse r = read_response(*s, method, deadline);
    for (const auto& m : r.interim) {
      add_violations(*s, m, step.where);
      recorder_.add(
          s->name(), EventKind::note,
          "interim response " + std::to_string(m.status) + " at offset " + std::to_string(m.begin));
    }
    if (r.end != ResponseEnd::complete) {
      add_violations(*s, r.final, step.where);
      return response_missing(step, *s, r, cap);
    }
    add_violations(*s, r.final, step.where);

    AfterResponse after;
    bool after_known = false;
    auto get_after = [&]() -> const AfterResponse& {
      if (after_known) return after;
      after_known = true;
      observe_after(*s, deadline, &after.state, &after.detail);
      after.extra_from = s->unread_offset();
      after.extra_bytes = s->unread().size();
      after.responses = 1 + count_responses(s->unread(), s->methods(), 0);
      return after;
    };
    ResponseContext ctx{
        r,
        *s,
        vars_,
        get_after,
        std::chrono::duration_cast<std::chrono::microseconds>(r.completed - sent_at),
        options_.timeout_scale};

    add_findings(check_response(a.common, ctx), cap, step);

    if (!a.any_of.empty()) {
      std::vector<std::vector<Finding>> misses;
      const Alternative* chosen = nullptr;
      size_t chosen_index = 0;
      for (size_t i = 0; i < a.any_of.size(); ++i) {
        auto findings = check_response(a.any_of[i].match, ctx);
        if (findings.empty()) {
          chosen = &a.any_of[i];
          chosen_index = i;
          break;
        }
        misses.push_back(std::move(findings));
      }
      if (chosen) {
        Verdict v = capped(chosen->verdict, cap);
        if (v != Verdict::pass) {
          add_reason(v,
                     "the response matched alternative " + std::to_string(chosen_index + 1) +
                         ", which earns " + std::string(to_string(v)) +
                         (chosen->note.empty() ? "" : ": " + chosen->note),
                     describe(a.any_of.front().match), describe(chosen->match),
                     chosen->where.known() ? chosen->where : step.where,
                     received_excerpt(*s, r.final.begin, r.final.head_end));
        }
      } else {
        std::string expected;
        for (size_t i = 0; i < a.any_of.size(); ++i) {
          if (i) expected += "; or ";
          expected += describe(a.any_of[i].match);
        }
        add_reason(
            cap,
            "the response matched none of the " + std::to_string(a.any_of.size()) + " alternatives",
            expected, summarize(r), step.where,
            received_excerpt(*s, r.final.begin, r.final.head_end));
        for (size_t i = 0; i < misses.size(); ++i) {
          add_findings(misses[i], cap, step, "alternative " + std::to_string(i + 1) + ": ");
        }
      }
    }

    for (const auto& w : a.warn_if) {
      if (!check_response(w.match, ctx).empty()) continue;
      add_reason(Verdict::warn,
                 "permitted, but discouraged" + (w.note.empty() ? "" : ": " + w.note),
                 "not " + describe(w.match), summarize(r), w.where.known() ? w.where : step.where,
                 received_excerpt(*s, r.final.begin, r.final.head_end));
    }
    return Next::go_on;
  }

  // How a read that needed more bytes ended, for `actual`.
  std::string ended_how(const Session& s, ReadEnd e) const {
    switch (e) {
      case ReadEnd::timeout:
        return "then nothing more before the deadline";
      case ReadEnd::closed:
        return "then the peer closed the connection";
      case ReadEnd::reset:
        return "then the peer reset the connection";
      case ReadEnd::cap:
        return "then the " + human_bytes(s.cap()) + " buffer cap was reached";
      case ReadEnd::error:
        return "then " + s.end_detail();
      default:
        return "";
    }
  }

  Next expect_data(const Step& step, const ExpectData& a) {
    Session* s = session_for(step);
    if (!s) return Next::stop;
    s->compact();
    net::Deadline deadline = step_deadline(a.within);
    Duration limit = a.within.value_or(case_.timeout);
    uint64_t start = s->unread_offset();

    if (a.data) {
      RenderError error;
      auto want = render(*a.data, vars_, &error);
      if (!want) return render_failed(step, error);
      ReadEnd e = ReadEnd::data;
      while (s->unread().size() < want->size()) {
        e = s->fill(deadline);
        if (e == ReadEnd::stopped) return Next::interrupted;
        if (e != ReadEnd::data) break;
      }
      std::string_view got = s->unread().substr(0, want->size());
      std::string encoding;
      if (a.data->form == Payload::Form::text && !a.data->encoding.empty()) {
        encoding = expand(a.data->encoding, vars_).value_or("");
      }
      // Text is shown as text (decoded), with the bytes beside it when they differ.
      auto show = [&](std::string_view bytes) {
        if (a.data->form != Payload::Form::text) return quote_bytes(bytes);
        if (encoding.empty() || is_utf8(encoding)) return quote_text(bytes);
        return "text " + quote_text(net::decode_text_lossy(bytes, encoding)) + " in " + encoding +
               " (" + quote_bytes(bytes) + ")";
      };
      if (got.size() < want->size()) {
        std::string actual = got.empty() ? std::string("nothing") : show(got);
        add_reason(level_cap_,
                   "expected " + std::to_string(want->size()) + " bytes; " +
                       std::to_string(got.size()) + " arrived",
                   show(*want), actual + ", " + ended_how(*s, e), step.where,
                   received_excerpt(*s, start, start + got.size()));
        s->consume(got.size());
        return Next::stop;
      }
      if (got != *want) {
        size_t diff = 0;
        while (got[diff] == (*want)[diff]) ++diff;
        add_reason(level_cap_,
                   "the bytes received differ from those expected at byte " + std::to_string(diff),
                   show(*want), show(got), step.where,
                   received_excerpt(*s, start, start + got.size(), start + diff));
      }
      s->consume(want->size());
    } else if (!a.regex.empty()) {
      std::string encoding = expand(a.encoding, vars_).value_or("");
      auto text_of = [&](std::string_view bytes) {
        return encoding.empty() || is_utf8(encoding) ? std::string(bytes)
                                                     : net::decode_text_lossy(bytes, encoding);
      };
      ReadEnd e = ReadEnd::data;
      bool found = false;
      for (;;) {
        std::string text = text_of(s->unread());
        if (!s->unread().empty() && search_text(a.regex, text)) {
          found = true;
          break;
        }
        e = s->fill(deadline);
        if (e == ReadEnd::stopped) return Next::interrupted;
        if (e != ReadEnd::data) break;
      }
      if (!found) {
        std::string got = text_of(s->unread());
        add_reason(
            level_cap_,
            "no text matching /" + a.regex + "/ arrived within " + format_duration(scaled(limit)),
            "text matching /" + a.regex + "/" +
                (encoding.empty() ? "" : " (decoded from " + encoding + ")"),
            (got.empty() ? std::string("nothing") : quote_text(got)) + ", " + ended_how(*s, e),
            step.where, received_excerpt(*s, start, s->unread_offset() + s->unread().size()));
        s->consume(s->unread().size());
        return Next::stop;
      }
      s->consume(s->unread().size());
    }

    if (a.connection) {
      ConnectionState state = ConnectionState::open;
      std::string detail;
      observe_after(*s, deadline, &state, &detail);
      bool ok = *a.connection == state || (*a.connection == ConnectionState::closed_or_reset &&
                                           state != ConnectionState::open);
      if (!ok) {
        add_reason(level_cap_, "unexpected connection state after the data",
                   "connection " + std::string(to_string(*a.connection)),
                   "connection " + std::string(to_string(state)) + " (" + detail + ")", step.where);
      }
    }
    return Next::go_on;
  }

  Next expect_close(const Step& step, const ExpectClose& a) {
    Session* s = session_for(step);
    if (!s) return Next::stop;
    s->compact();
    net::Deadline deadline = step_deadline(a.within);
    Duration limit = a.within.value_or(case_.timeout);
    uint64_t data_bytes = 0;
    ReadEnd e = s->at_end() ? s->end() : ReadEnd::data;
    for (;;) {
      if (!s->unread().empty()) {
        if (!a.allow_data) {
          add_reason(level_cap_, "bytes arrived where the connection should have ended",
                     "the peer ends the connection",
                     std::to_string(s->unread().size()) + " bytes: " + quote_bytes(s->unread()),
                     step.where,
                     received_excerpt(*s, s->unread_offset(),
                                      s->unread_offset() + s->unread().size(), s->unread_offset()));
          s->consume(s->unread().size());
          return Next::stop;
        }
        data_bytes += s->unread().size();
        s->consume(s->unread().size());
        s->compact();
      }
      if (s->at_end()) {
        e = s->end();
        break;
      }
      e = s->fill(deadline);
      if (e == ReadEnd::stopped) return Next::interrupted;
      if (e != ReadEnd::data) break;
    }
    std::string after_data =
        data_bytes ? " after " + std::to_string(data_bytes) + " bytes" : std::string();
    ConnectionState state;
    switch (e) {
      case ReadEnd::closed:
        state = ConnectionState::closed;
        break;
      case ReadEnd::reset:
      case ReadEnd::error:
        state = ConnectionState::reset;
        break;
      case ReadEnd::cap:
      case ReadEnd::timeout:
      default:
        add_reason(level_cap_, "the connection stayed open",
                   "the peer " +
                       std::string(a.state == ConnectionState::reset ? "resets" : "closes") +
                       " the connection within " + format_duration(scaled(limit)),
                   "still open" + after_data + " when the deadline passed", step.where);
        return Next::stop;
    }
    bool ok = a.state == state ||
              (a.state == ConnectionState::closed_or_reset && state != ConnectionState::open);
    if (!ok) {
      add_reason(level_cap_, "the connection ended the other way",
                 "connection " + std::string(to_string(a.state)),
                 "connection " + std::string(to_string(state)) + after_data, step.where);
    }
    return Next::go_on;
  }

  Next expect_silence(const Step& step, const ExpectSilence& a) {
    Session* s = session_for(step);
    if (!s) return Next::stop;
    s->compact();
    std::string expected = "nothing for " + format_duration(a.duration);
    auto data_reason = [&](const std::string& when) {
      add_reason(level_cap_, "bytes arrived " + when, expected,
                 std::to_string(s->unread().size()) + " bytes: " + quote_bytes(s->unread()),
                 step.where,
                 received_excerpt(*s, s->unread_offset(), s->unread_offset() + s->unread().size(),
                                  s->unread_offset()));
    };
    if (!s->unread().empty()) {
      data_reason("before the silence began (left over from earlier steps)");
      return Next::go_on;
    }
    // The silence measures the peer, so it is not scaled.
    net::Deadline until = net::Deadline::after_unscaled(a.duration);
    ReadEnd e = s->fill(until);
    switch (e) {
      case ReadEnd::timeout:
        return Next::go_on;
      case ReadEnd::stopped:
        return Next::interrupted;
      case ReadEnd::data:
        data_reason("during the silence");
        return Next::go_on;
      case ReadEnd::closed:
      case ReadEnd::reset:
      case ReadEnd::error:
        if (a.allow_close) return Next::go_on;
        add_reason(level_cap_,
                   std::string("the connection ") +
                       (e == ReadEnd::closed ? "closed" : "was reset") + " during the silence",
                   expected + ", the connection open",
                   e == ReadEnd::closed ? "the peer closed the connection" : s->end_detail(),
                   step.where);
        return Next::stop;
      case ReadEnd::cap:
        break;
    }
    return Next::go_on;
  }

  const Case& case_;
  const RunOptions& options_;
  const std::vector<net::Address>& addresses_;
  Recorder recorder_;
  Verdict level_cap_;
  Variables vars_;
  CaseResult result_;
  std::map<std::string, std::unique_ptr<Session>> sessions_;
  std::optional<steady_clock::time_point> first_byte_;
  bool interrupted_ = false;
};

}  // namespace

CaseOutcome execute_case(const Case& c, const RunOptions& options,
                         const std::vector<net::Address>& addresses) {
  return CaseRunner(c, options, addresses).run();
}

}  // namespace wirecheck::harness
