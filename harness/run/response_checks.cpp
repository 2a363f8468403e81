#include "harness/run/response_checks.h"

#include <algorithm>

#include "harness/model/duration.h"
#include "harness/run/excerpt.h"
#include "harness/run/sha256.h"
#include "harness/run/text_match.h"

namespace wirecheck::harness {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_list(std::string_view value) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t comma = value.find(',', start);
    std::string_view member = trim(value.substr(start, comma - start));
    if (!member.empty()) out.push_back(member);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string describe(const StringMatch& m) {
  switch (m.op) {
    case StringMatch::Op::equals:
      return quote_bytes(m.value);
    case StringMatch::Op::contains:
      return "containing " + quote_bytes(m.value);
    case StringMatch::Op::regex:
      return "matching /" + m.value + "/";
  }
  return quote_bytes(m.value);
}

std::string status_phrase(const StatusPattern& p) {
  if (!p.text.empty()) return "status " + p.text;
  std::string out = "status ";
  for (size_t i = 0; i < p.ranges.size(); ++i) {
    if (i) out += " or ";
    out += p.ranges[i].to_string();
  }
  return out;
}

struct Fields {
  const std::vector<FieldLine>& lines;

  std::vector<const FieldLine*> named(std::string_view lower_name) const {
    std::vector<const FieldLine*> out;
    for (const auto& f : lines) {
      if (lower(f.name) == lower_name) out.push_back(&f);
    }
    return out;
  }
  static std::string combined(const std::vector<const FieldLine*>& found) {
    std::string out;
    for (size_t i = 0; i < found.size(); ++i) {
      if (i) out += ", ";
      out += found[i]->value;
    }
    return out;
  }
};

class Checker {
 public:
  explicit Checker(const ResponseContext& ctx) : ctx_(ctx), msg_(ctx.response.final) {}

  std::vector<Finding> run(const ResponseMatch& m) {
    if (m.interim) check_interim(*m.interim, m.where);
    if (m.status) check_status(*m.status, m.where);
    if (m.reason) check_reason(*m.reason);
    if (m.version) check_version(*m.version);
    for (const auto& h : m.headers) check_header(h);
    for (const auto& b : m.body) check_body(b);
    if (!m.framing.empty()) check_framing(m.framing, m.where);
    if (m.unambiguous) check_unambiguous(m.where);
    if (m.within) check_within(*m.within, m.where);
    if (m.connection) check_connection(*m.connection, m.where);
    if (m.no_extra_bytes) check_no_extra(m.where);
    if (m.responses) check_responses(*m.responses, m.where);
    return std::move(findings_);
  }

 private:
  Finding& add(std::string message, std::string expected, std::string actual,
               const SourceLocation& where) {
    Finding f;
    f.message = std::move(message);
    f.expected = std::move(expected);
    f.actual = std::move(actual);
    f.where = where;
    findings_.push_back(std::move(f));
    return findings_.back();
  }

  std::optional<Excerpt> head_excerpt(std::optional<uint64_t> mark = std::nullopt) const {
    return received_excerpt(ctx_.session, msg_.begin, msg_.head_end, mark);
  }
  std::optional<Excerpt> status_line_excerpt() const {
    uint64_t start = 0;
    std::string_view bytes = ctx_.session.held(msg_.begin, msg_.head_end, &start);
    size_t eol = bytes.find('\n');
    uint64_t end = eol == std::string_view::npos ? msg_.head_end : start + eol + 1;
    return received_excerpt(ctx_.session, msg_.begin, end);
  }
  std::optional<Excerpt> body_excerpt(std::optional<uint64_t> mark = std::nullopt) const {
    return received_excerpt(ctx_.session, msg_.head_end, msg_.end, mark, 256);
  }

  void check_interim(const InterimPolicy& policy, const SourceLocation& where) {
    const auto& interim = ctx_.response.interim;
    std::string actual = interim.empty()
                             ? "no interim response"
                             : std::to_string(interim.size()) + " interim response(s), the first " +
                                   std::to_string(interim.front().status);
    switch (policy.mode) {
      case InterimPolicy::Mode::allowed:
        break;
      case InterimPolicy::Mode::forbidden:
        if (!interim.empty()) {
          add("an interim (1xx) response arrived before the final one", "no interim response",
              actual, where)
              .excerpt = received_excerpt(ctx_.session, interim.front().begin, interim.front().end);
        }
        break;
      case InterimPolicy::Mode::expected: {
        bool ok = false;
        for (const auto& m : interim) {
          if (!policy.status || policy.status->matches(m.status)) ok = true;
        }
        if (!ok) {
          std::string expected = "an interim (1xx) response";
          if (policy.status) expected += " with " + status_phrase(*policy.status);
          add("no matching interim response before the final one", expected, actual, where)
              .excerpt = status_line_excerpt();
        }
        break;
      }
    }
  }

  void check_status(const StatusPattern& p, const SourceLocation& where) {
    if (p.matches(msg_.status)) return;
    add("unexpected status", status_phrase(p), "status " + std::to_string(msg_.status), where)
        .excerpt = status_line_excerpt();
  }

  void check_reason(const StringMatch& m) {
    if (m.matches(msg_.reason)) return;
    add("unexpected reason phrase", "reason " + describe(m), "reason " + quote_bytes(msg_.reason),
        m.where)
        .excerpt = status_line_excerpt();
  }

  void check_version(const StringMatch& m) {
    std::string v = msg_.version();
    if (m.matches(v)) return;
    add("unexpected HTTP version", "version " + describe(m), "version " + v, m.where).excerpt =
        status_line_excerpt();
  }

  std::optional<std::string> expand_or_report(const Template& t, const SourceLocation& where) {
    ExpandError error;
    auto v = expand(t, ctx_.vars, &error);
    if (!v) {
      Finding& f = add(error.message, "a value for the variable", "none", where);
      f.harness_error = true;
    }
    return v;
  }

  void check_header(const HeaderCheck& h) {
    Fields fields{msg_.fields};
    auto found = fields.named(h.name);
    std::string combined = Fields::combined(found);
    std::string field = h.name;
    std::string actual =
        found.empty() ? "no " + field + " field" : field + ": " + quote_bytes(combined);
    auto excerpt = [&]() {
      if (found.empty()) return head_excerpt();
      return head_excerpt(found.front()->offset);
    };
    switch (h.op) {
      case HeaderCheck::Op::present:
        if (!found.empty()) return;
        add("a header field is missing", "the " + field + " field", actual, h.where).excerpt =
            head_excerpt();
        return;
      case HeaderCheck::Op::absent:
        if (found.empty()) return;
        add("a header field is present that should not be", "no " + field + " field", actual,
            h.where)
            .excerpt = excerpt();
        return;
      case HeaderCheck::Op::count: {
        auto n = static_cast<int64_t>(found.size());
        if (h.count.contains(n)) return;
        add("unexpected number of " + field + " field lines",
            h.count.to_string() + " " + field + " field line(s)",
            std::to_string(n) + " " + field + " field line(s)", h.where)
            .excerpt = excerpt();
        return;
      }
      case HeaderCheck::Op::regex: {
        if (!found.empty() && search_bytes(h.pattern, combined)) return;
        add("a header field does not match", field + " matching /" + h.pattern + "/", actual,
            h.where)
            .excerpt = excerpt();
        return;
      }
      default:
        break;
    }
    auto value = expand_or_report(h.value, h.where);
    if (!value) return;
    bool ok = false;
    std::string expected;
    switch (h.op) {
      case HeaderCheck::Op::equals:
        ok = !found.empty() && combined == *value;
        expected = field + ": " + quote_bytes(*value);
        break;
      case HeaderCheck::Op::contains:
        ok = !found.empty() && combined.find(*value) != std::string::npos;
        expected = field + " containing " + quote_bytes(*value);
        break;
      case HeaderCheck::Op::includes: {
        std::string want = lower(trim(*value));
        for (auto member : split_list(combined)) {
          if (lower(member) == want) ok = true;
        }
        expected = field + " listing " + quote_bytes(*value);
        break;
      }
      default:
        break;
    }
    if (ok) return;
    add("a header field does not match", expected, actual, h.where).excerpt = excerpt();
  }

  // The wire offset of body byte `i`, when the body is not chunked.
  std::optional<uint64_t> body_wire_offset(size_t i) const {
    if (msg_.head.body == http::BodyKind::chunked) return std::nullopt;
    return msg_.head_end + i;
  }

  void check_body(const BodyCheck& b) {
    const std::string& body = msg_.body;
    // quote_bytes names the length itself when it cuts.
    auto phrase = [](std::string_view bytes) {
      return "body " + quote_bytes(bytes, 60) +
             (bytes.size() <= 60 ? " (" + std::to_string(bytes.size()) + " bytes)" : "");
    };
    std::string actual = phrase(body);
    switch (b.op) {
      case BodyCheck::Op::equals:
      case BodyCheck::Op::contains: {
        RenderError error;
        auto want = render(b.bytes, ctx_.vars, &error);
        if (!want) {
          Finding& f = add(error.message, "bytes to compare the body with", "none", b.where);
          f.harness_error = true;
          return;
        }
        if (b.op == BodyCheck::Op::contains) {
          if (body.find(*want) != std::string::npos) return;
          add("the body does not contain the expected bytes",
              "body containing " + quote_bytes(*want, 60), actual, b.where)
              .excerpt = body_excerpt();
          return;
        }
        if (body == *want) return;
        size_t diff = 0;
        while (diff < body.size() && diff < want->size() && body[diff] == (*want)[diff]) ++diff;
        add("the body differs from the expected bytes at byte " + std::to_string(diff),
            phrase(*want), actual, b.where)
            .excerpt = body_excerpt(body_wire_offset(diff));
        return;
      }
      case BodyCheck::Op::regex: {
        if (search_bytes(b.pattern, body)) return;
        add("the body does not match", "body matching /" + b.pattern + "/", actual, b.where)
            .excerpt = body_excerpt();
        return;
      }
      case BodyCheck::Op::length: {
        auto n = static_cast<int64_t>(body.size());
        if (b.length.contains(n)) return;
        add("unexpected body length", "a body of " + b.length.to_string() + " bytes",
            "a body of " + std::to_string(n) + " bytes", b.where)
            .excerpt = body_excerpt();
        return;
      }
      case BodyCheck::Op::sha256: {
        std::string digest = sha256_hex(body);
        if (digest == lower(b.sha256)) return;
        add("the body's SHA-256 differs", "sha256 " + b.sha256,
            "sha256 " + digest + " of " + std::to_string(body.size()) + " bytes", b.where)
            .excerpt = body_excerpt();
        return;
      }
    }
  }

  void check_framing(const std::vector<Framing>& allowed, const SourceLocation& where) {
    Framing actual = framing_of(ctx_.response);
    if (std::find(allowed.begin(), allowed.end(), actual) != allowed.end()) return;
    std::string expected = "framing ";
    for (size_t i = 0; i < allowed.size(); ++i) {
      if (i) expected += " or ";
      expected += to_string(allowed[i]);
    }
    add("the response is framed differently", expected, "framing " + std::string(to_string(actual)),
        where)
        .excerpt = head_excerpt();
  }

  void check_unambiguous(const SourceLocation& where) {
    Fields fields{msg_.fields};
    auto cl = fields.named("content-length");
    auto te = fields.named("transfer-encoding");
    if (!te.empty() && !cl.empty()) {
      add("the response's length is ambiguous (RFC 9112 §6.1)",
          "Transfer-Encoding or Content-Length, not both",
          "both Transfer-Encoding and Content-Length", where)
          .excerpt = head_excerpt(cl.front()->offset);
      return;
    }
    if (cl.size() > 1 || (cl.size() == 1 && cl.front()->value.find(',') != std::string::npos)) {
      add("the response's length is ambiguous (RFC 9112 §6.3)", "one Content-Length value",
          "Content-Length " + quote_bytes(Fields::combined(cl)), where)
          .excerpt = head_excerpt(cl.back()->offset);
      return;
    }
    if (!te.empty()) {
      // The views split_list returns point into `combined`: it must outlive them.
      const std::string combined = Fields::combined(te);
      auto codings = split_list(combined);
      std::string last =
          codings.empty() ? "" : lower(trim(codings.back().substr(0, codings.back().find(';'))));
      if (last != "chunked") {
        add("the response's length is ambiguous (RFC 9112 §6.1)",
            "chunked as the final transfer coding",
            "Transfer-Encoding " + quote_bytes(combined), where)
            .excerpt = head_excerpt(te.front()->offset);
      }
    }
  }

  void check_within(Duration limit, const SourceLocation& where) {
    auto scaled = std::chrono::duration_cast<std::chrono::microseconds>(limit * ctx_.timeout_scale);
    if (ctx_.elapsed <= scaled) return;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(ctx_.elapsed);
    add("the response was slow", "the complete response within " + format_duration(limit),
        "it took " + format_duration(ms), where);
  }

  void check_connection(ConnectionState want, const SourceLocation& where) {
    const AfterResponse& a = ctx_.after();
    bool ok = want == a.state ||
              (want == ConnectionState::closed_or_reset &&
               (a.state == ConnectionState::closed || a.state == ConnectionState::reset));
    if (ok) return;
    add("unexpected connection state after the response",
        "connection " + std::string(to_string(want)),
        "connection " + std::string(to_string(a.state)) + " (" + a.detail + ")", where)
        .excerpt = received_excerpt(ctx_.session, msg_.begin, msg_.end + a.extra_bytes, msg_.end);
  }

  void check_no_extra(const SourceLocation& where) {
    const AfterResponse& a = ctx_.after();
    if (a.extra_bytes == 0) return;
    add("bytes followed the response", "nothing after the response",
        std::to_string(a.extra_bytes) + " more bytes", where)
        .excerpt =
        received_excerpt(ctx_.session, a.extra_from, a.extra_from + a.extra_bytes, a.extra_from);
  }

  void check_responses(const IntRange& want, const SourceLocation& where) {
    const AfterResponse& a = ctx_.after();
    if (want.contains(a.responses)) return;
    Finding& f =
        add("unexpected number of responses on the connection", want.to_string() + " response(s)",
            std::to_string(a.responses) + " response(s)", where);
    if (a.extra_bytes > 0) {
      f.excerpt =
          received_excerpt(ctx_.session, a.extra_from, a.extra_from + a.extra_bytes, a.extra_from);
    }
  }

  const ResponseContext& ctx_;
  const ObservedMessage& msg_;
  std::vector<Finding> findings_;
};

}  // namespace

std::vector<Finding> check_response(const ResponseMatch& match, const ResponseContext& ctx) {
  return Checker(ctx).run(match);
}

bool needs_after(const ResponseMatch& match) {
  return match.connection.has_value() || match.no_extra_bytes || match.responses.has_value();
}

Framing framing_of(const ObservedResponse& response) {
  const ObservedMessage& m = response.final;
  switch (m.head.body) {
    case http::BodyKind::content_length:
      return Framing::content_length;
    case http::BodyKind::chunked:
      return Framing::chunked;
    case http::BodyKind::close_delimited:
      return Framing::close_delimited;
    case http::BodyKind::none:
      break;
  }
  // "Content-Length: 0" frames an empty body; a response that cannot have one has none.
  bool bodiless = response.method == "HEAD" || (m.status >= 100 && m.status < 200) ||
                  m.status == 204 || m.status == 304;
  if (!bodiless && m.head.has_content_length) return Framing::content_length;
  return Framing::none;
}

std::string summarize(const ObservedResponse& response) {
  const ObservedMessage& m = response.final;
  std::string out = "status " + std::to_string(m.status);
  out += ", framing " + std::string(to_string(framing_of(response)));
  out += ", " + std::to_string(m.body.size()) + "-byte body";
  return out;
}

std::string describe(const ResponseMatch& match) {
  std::vector<std::string> parts;
  if (match.status) parts.push_back(status_phrase(*match.status));
  if (match.reason) parts.push_back("reason " + describe(*match.reason));
  if (match.version) parts.push_back("version " + describe(*match.version));
  for (const auto& h : match.headers) {
    parts.push_back(h.name + " " + std::string(to_string(h.op)) +
                    (h.value.empty() ? "" : " " + quote_bytes(h.value.text())));
  }
  for (const auto& b : match.body) parts.push_back("body " + std::string(to_string(b.op)));
  if (!match.framing.empty()) {
    std::string f = "framing ";
    for (size_t i = 0; i < match.framing.size(); ++i) {
      if (i) f += " or ";
      f += to_string(match.framing[i]);
    }
    parts.push_back(f);
  }
  if (match.unambiguous) parts.push_back("unambiguous framing");
  if (match.no_extra_bytes) parts.push_back("no extra bytes");
  if (match.connection) parts.push_back("connection " + std::string(to_string(*match.connection)));
  if (match.within) parts.push_back("within " + format_duration(*match.within));
  if (match.responses) parts.push_back(match.responses->to_string() + " response(s)");
  if (parts.empty()) return "any response";
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += ", ";
    out += parts[i];
  }
  return out;
}

}  // namespace wirecheck::harness
