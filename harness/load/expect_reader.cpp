// `expect:` steps: one HTTP response (status, headers, body, framing, connection state ...,
// with any_of alternatives and warn_if), or raw bytes on a plain TCP connection.
#include <algorithm>

#include "harness/load/readers.h"
#include "harness/load/suggest.h"
#include "harness/model/level.h"

namespace wirecheck::harness {
namespace {

const std::vector<std::string>& match_keys() {
  static const std::vector<std::string> keys{
      "status",         "reason",     "version", "headers",   "body",    "framing",
      "unambiguous",    "no_extra_bytes", "connection", "within", "responses", "interim"};
  return keys;
}

const std::vector<std::string>& data_keys() {
  static const std::vector<std::string> keys{"bytes", "hex",   "file",   "text",
                                             "encoding", "times", "regex"};
  return keys;
}

std::vector<std::string> with(std::vector<std::string> base, std::initializer_list<const char*> more) {
  for (const char* k : more) base.emplace_back(k);
  return base;
}

bool field_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::optional<StringMatch> read_string_match(Reader& r, const Entry& e) {
  StringMatch m;
  m.where = r.loc(e);
  if (e.value.IsScalar()) {
    m.value = e.value.Scalar();
    return m;
  }
  auto entries = r.map(e, Reader::name(e), {"equals", "contains", "regex"});
  if (!entries) return std::nullopt;
  if (entries->size() != 1) {
    r.error(r.loc(e), Reader::name(e) + " takes one of 'equals', 'contains' or 'regex'");
    return std::nullopt;
  }
  const Entry& f = entries->front();
  if (f.key == "regex") {
    auto re = r.regex(f);
    if (!re) return std::nullopt;
    m.op = StringMatch::Op::regex;
    m.value = *re;
    return m;
  }
  auto s = r.string(f);
  if (!s) return std::nullopt;
  m.op = f.key == "equals" ? StringMatch::Op::equals : StringMatch::Op::contains;
  m.value = *s;
  return m;
}

bool read_header_checks(Reader& r, const Entry& e, std::vector<HeaderCheck>& out) {
  if (!e.value.IsMap()) {
    r.error(r.loc(e), "'headers' must be a map of field names to checks, found " +
                          Reader::describe(e.value));
    return false;
  }
  bool ok = true;
  std::vector<std::pair<std::string, int>> seen;
  for (auto it = e.value.begin(); it != e.value.end(); ++it) {
    if (!it->first.IsScalar()) {
      r.error(r.loc(it->first), "field names must be strings, found " + Reader::describe(it->first));
      ok = false;
      continue;
    }
    Entry h{it->first.Scalar(), it->first, it->second};
    std::string name = lower(h.key);
    if (name.empty() || !std::all_of(name.begin(), name.end(), field_name_char)) {
      r.error(r.key_loc(h), "'" + h.key + "' is not a field name (a token: letters, digits and "
                            "!#$%&'*+-.^_`|~)");
      ok = false;
      continue;
    }
    auto dup = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == name; });
    if (dup != seen.end()) {
      r.error(r.key_loc(h), "field '" + h.key + "' is checked twice (first at line " +
                                std::to_string(dup->second) + "); combine the checks in one map");
      ok = false;
      continue;
    }
    seen.emplace_back(name, r.key_loc(h).line);
    HeaderCheck base;
    base.name = name;
    base.where = r.key_loc(h);
    if (h.value.IsNull()) {
      r.error(r.key_loc(h), "field '" + h.key + "' needs a check: a value, present, absent, or a "
                            "map of equals, contains, includes, regex, count");
      ok = false;
      continue;
    }
    if (h.value.IsScalar()) {
      const std::string& v = h.value.Scalar();
      HeaderCheck c = base;
      if (h.value.Tag() == "?" && (v == "present" || v == "absent")) {
        c.op = v == "present" ? HeaderCheck::Op::present : HeaderCheck::Op::absent;
      } else {
        auto t = r.templ(h);
        if (!t) {
          ok = false;
          continue;
        }
        c.op = HeaderCheck::Op::equals;
        c.value = std::move(*t);
      }
      out.push_back(std::move(c));
      continue;
    }
    auto checks = r.map(h, "the checks of field '" + h.key + "'",
                        {"present", "absent", "equals", "contains", "includes", "regex", "count"});
    if (!checks) {
      ok = false;
      continue;
    }
    if (h.value.size() == 0) {
      r.error(r.loc(h), "field '" + h.key + "' has an empty map of checks");
      ok = false;
    }
    for (const auto& c : *checks) {
      HeaderCheck check = base;
      check.where = r.key_loc(c);
      if (c.key == "present" || c.key == "absent") {
        auto b = r.boolean(c);
        if (!b) {
          ok = false;
          continue;
        }
        bool present = (c.key == "present") == *b;
        check.op = present ? HeaderCheck::Op::present : HeaderCheck::Op::absent;
      } else if (c.key == "regex") {
        auto re = r.regex(c);
        if (!re) {
          ok = false;
          continue;
        }
        check.op = HeaderCheck::Op::regex;
        check.pattern = *re;
      } else if (c.key == "count") {
        auto range = r.range(c);
        if (!range) {
          ok = false;
          continue;
        }
        check.op = HeaderCheck::Op::count;
        check.count = *range;
      } else {
        auto t = r.templ(c);
        if (!t) {
          ok = false;
          continue;
        }
        check.op = c.key == "equals"     ? HeaderCheck::Op::equals
                   : c.key == "contains" ? HeaderCheck::Op::contains
                                         : HeaderCheck::Op::includes;
        check.value = std::move(*t);
      }
      out.push_back(std::move(check));
    }
  }
  return ok;
}

bool read_body_checks(Reader& r, const Entry& e, std::vector<BodyCheck>& out) {
  if (e.value.IsScalar()) {
    auto p = r.payload(e);
    if (!p) return false;
    BodyCheck c;
    c.bytes = std::move(*p);
    c.where = r.loc(e);
    out.push_back(std::move(c));
    return true;
  }
  static const std::vector<std::string> ops{"equals", "contains", "regex", "length", "sha256"};
  auto entries = r.map(e, "body", with(ops, {"bytes", "hex", "file", "text", "encoding", "times"}));
  if (!entries) return false;
  bool form = has_payload_key(*entries);
  bool ok = true;
  if (form) {
    for (const auto& f : *entries) {
      if (std::find(ops.begin(), ops.end(), f.key) != ops.end()) {
        r.error(r.key_loc(f), "'" + f.key + "' cannot be combined with the body's bytes (write "
                              "them under 'equals' instead)");
        return false;
      }
    }
    auto p = r.payload(*entries, r.loc(e));
    if (!p) return false;
    BodyCheck c;
    c.bytes = std::move(*p);
    c.where = r.loc(e);
    out.push_back(std::move(c));
    return true;
  }
  if (entries->empty()) {
    r.error(r.loc(e), "'body' has an empty map of checks");
    return false;
  }
  for (const auto& f : *entries) {
    BodyCheck c;
    c.where = r.key_loc(f);
    if (f.key == "equals" || f.key == "contains") {
      auto p = r.payload(f);
      if (!p) {
        ok = false;
        continue;
      }
      c.op = f.key == "equals" ? BodyCheck::Op::equals : BodyCheck::Op::contains;
      c.bytes = std::move(*p);
    } else if (f.key == "regex") {
      auto re = r.regex(f);
      if (!re) {
        ok = false;
        continue;
      }
      c.op = BodyCheck::Op::regex;
      c.pattern = *re;
    } else if (f.key == "length") {
      auto range = r.range(f);
      if (!range) {
        ok = false;
        continue;
      }
      c.op = BodyCheck::Op::length;
      c.length = *range;
    } else if (f.key == "sha256") {
      auto s = r.string(f);
      if (!s) {
        ok = false;
        continue;
      }
      std::string h = lower(*s);
      bool hex = h.size() == 64 && std::all_of(h.begin(), h.end(), [](char x) {
                   return (x >= '0' && x <= '9') || (x >= 'a' && x <= 'f');
                 });
      if (!hex) {
        r.error(r.loc(f), "'sha256' must be 64 hex digits, found " + std::to_string(s->size()) +
                              " characters");
        ok = false;
        continue;
      }
      c.op = BodyCheck::Op::sha256;
      c.sha256 = h;
    } else {
      // A payload key alone (encoding, times) without bytes.
      r.error(r.key_loc(f), "'" + f.key + "' needs 'bytes', 'hex', 'file' or 'text' beside it");
      ok = false;
    }
    out.push_back(std::move(c));
  }
  return ok;
}

std::optional<ConnectionState> read_connection(Reader& r, const Entry& e) {
  if (e.value.IsScalar() && e.value.Scalar() == "closed-or-reset") {
    return ConnectionState::closed_or_reset;
  }
  auto w = r.word(e, {"open", "closed", "reset", "closed_or_reset"});
  if (!w) return std::nullopt;
  if (*w == "open") return ConnectionState::open;
  if (*w == "closed") return ConnectionState::closed;
  if (*w == "reset") return ConnectionState::reset;
  return ConnectionState::closed_or_reset;
}

// The ResponseMatch keys of `entries` into `m`; other keys are the caller's.
bool read_match(Reader& r, const Entries& entries, const SourceLocation& where, ResponseMatch& m) {
  m.where = where;
  bool ok = true;
  for (const auto& f : entries) {
    if (f.key == "status") {
      if (auto s = r.status(f)) m.status = std::move(*s); else ok = false;
    } else if (f.key == "reason" || f.key == "version") {
      auto s = read_string_match(r, f);
      if (!s) {
        ok = false;
      } else {
        (f.key == "reason" ? m.reason : m.version) = std::move(*s);
      }
    } else if (f.key == "headers") {
      ok = read_header_checks(r, f, m.headers) && ok;
    } else if (f.key == "body") {
      ok = read_body_checks(r, f, m.body) && ok;
    } else if (f.key == "framing") {
      auto words = r.strings(f, /*allow_single=*/true);
      if (!words) {
        ok = false;
        continue;
      }
      static const std::vector<std::string> names{"content-length", "chunked", "close-delimited",
                                                  "none"};
      for (const auto& w : *words) {
        auto it = std::find(names.begin(), names.end(), w);
        if (it == names.end()) {
          r.error(r.loc(f), "bad framing '" + w + "': use " + one_of(names) + did_you_mean(w, names));
          ok = false;
          continue;
        }
        m.framing.push_back(static_cast<Framing>(it - names.begin()));
      }
    } else if (f.key == "unambiguous" || f.key == "no_extra_bytes") {
      auto b = r.boolean(f);
      if (!b) {
        ok = false;
        continue;
      }
      (f.key == "unambiguous" ? m.unambiguous : m.no_extra_bytes) = *b;
    } else if (f.key == "connection") {
      if (auto c = read_connection(r, f)) m.connection = *c; else ok = false;
    } else if (f.key == "within") {
      if (auto d = r.duration(f)) m.within = *d; else ok = false;
    } else if (f.key == "responses") {
      if (auto c = r.range(f)) m.responses = *c; else ok = false;
    } else if (f.key == "interim") {
      InterimPolicy policy;
      const std::string& v = f.value.IsScalar() ? f.value.Scalar() : std::string();
      if (f.value.IsScalar() && (v == "allowed" || v == "expected" || v == "forbidden")) {
        policy.mode = v == "allowed"    ? InterimPolicy::Mode::allowed
                      : v == "expected" ? InterimPolicy::Mode::expected
                                        : InterimPolicy::Mode::forbidden;
      } else if (auto s = r.status(f)) {
        bool interim_only = std::all_of(s->ranges.begin(), s->ranges.end(),
                                        [](const IntRange& x) { return x.lo >= 100 && x.hi <= 199; });
        if (!interim_only) {
          r.error(r.loc(f), "'interim' statuses are 1xx, found " + s->text);
          ok = false;
          continue;
        }
        policy.mode = InterimPolicy::Mode::expected;
        policy.status = std::move(*s);
      } else {
        ok = false;
        continue;
      }
      m.interim = std::move(policy);
    }
  }
  return ok;
}

std::optional<Alternative> read_alternative(Reader& r, const Entry& e, bool warn_if) {
  std::vector<std::string> keys = warn_if ? with(match_keys(), {"note"})
                                          : with(match_keys(), {"verdict", "note"});
  auto entries = r.map(e, warn_if ? "warn_if" : "an any_of alternative", keys);
  if (!entries) return std::nullopt;
  Alternative alt;
  alt.where = r.loc(e);
  alt.verdict = warn_if ? Verdict::warn : Verdict::pass;
  bool ok = read_match(r, *entries, alt.where, alt.match);
  if (const Entry* v = find(*entries, "verdict")) {
    if (auto w = r.word(*v, {"pass", "warn", "fail"})) {
      alt.verdict = *parse_verdict(*w);
    } else {
      ok = false;
    }
  }
  if (const Entry* n = find(*entries, "note")) {
    if (auto s = r.string(*n)) alt.note = *s; else ok = false;
  }
  if (ok && alt.match.empty()) {
    r.error(alt.where, std::string(warn_if ? "warn_if" : "an any_of alternative") +
                           " checks nothing: give it a status, headers, connection, ...");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return alt;
}

std::optional<Action> read_data(Reader& r, const Entries& entries, const SourceLocation& where) {
  ExpectData d;
  bool ok = true;
  const Entry* regex = find(entries, "regex");
  bool bytes = has_payload_key(entries);
  if (regex && bytes) {
    r.error(r.key_loc(*regex), "'regex' cannot be combined with expected bytes; use one");
    return std::nullopt;
  }
  for (const auto& f : entries) {
    if (f.key == "within") {
      if (auto v = r.duration(f)) d.within = *v; else ok = false;
    } else if (f.key == "connection") {
      if (auto c = read_connection(r, f)) d.connection = *c; else ok = false;
    } else if (f.key == "times" && regex) {
      r.error(r.key_loc(f), "'times' applies to expected bytes, not to 'regex'");
      ok = false;
    }
  }
  if (regex) {
    auto re = r.regex(*regex);
    if (!re) return std::nullopt;
    d.regex = *re;
    if (const Entry* enc = find(entries, "encoding")) {
      auto t = r.templ(*enc);
      if (!t) return std::nullopt;
      d.encoding = std::move(*t);
    }
  } else {
    Entries payload;
    for (const auto& f : entries) {
      if (f.key != "within" && f.key != "connection") payload.push_back(f);
    }
    auto p = r.payload(payload, where);
    if (!p) return std::nullopt;
    d.data = std::move(*p);
  }
  if (!ok) return std::nullopt;
  return d;
}

}  // namespace

std::optional<Action> read_expect(Reader& r, const Entry& e) {
  if (!e.value.IsMap()) {
    r.error(r.loc(e), "expect must be a map of checks, found " + Reader::describe(e.value) +
                          " (write {} to accept any well-formed response)");
    return std::nullopt;
  }
  std::vector<std::string> keys =
      with(match_keys(), {"any_of", "warn_if", "level", "request_method", "bytes", "hex", "file",
                          "text", "encoding", "times", "regex"});
  auto entries = r.map(e, "expect", keys);
  if (!entries) return std::nullopt;
  SourceLocation where = r.loc(e);

  const Entry* data_key = nullptr;
  for (const auto& f : *entries) {
    if (f.key == "bytes" || f.key == "hex" || f.key == "file" || f.key == "text" || f.key == "regex") {
      data_key = &f;
      break;
    }
  }
  if (data_key) {
    bool ok = true;
    for (const auto& f : *entries) {
      bool shared = f.key == "within" || f.key == "connection";
      bool data = std::find(data_keys().begin(), data_keys().end(), f.key) != data_keys().end();
      if (!shared && !data) {
        r.error(r.key_loc(f), "'" + f.key + "' checks an HTTP response, but this expect reads raw "
                              "bytes ('" + data_key->key + "'); split them into two steps");
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return read_data(r, *entries, where);
  }
  for (const auto& f : *entries) {
    if (f.key == "encoding" || f.key == "times") {
      r.error(r.key_loc(f), "'" + f.key + "' needs 'bytes', 'hex', 'file' or 'text' beside it");
      return std::nullopt;
    }
  }

  ExpectResponse x;
  bool ok = read_match(r, *entries, where, x.common);
  if (const Entry* any = find(*entries, "any_of")) {
    if (auto items = r.list(*any)) {
      for (const auto& item : *items) {
        if (auto alt = read_alternative(r, item, false)) {
          x.any_of.push_back(std::move(*alt));
        } else {
          ok = false;
        }
      }
    } else {
      ok = false;
    }
  }
  if (const Entry* w = find(*entries, "warn_if")) {
    std::vector<Entry> items;
    if (w->value.IsSequence()) {
      if (auto l = r.list(*w)) items = *l; else ok = false;
    } else {
      items.push_back(*w);
    }
    for (const auto& item : items) {
      if (auto alt = read_alternative(r, item, true)) {
        x.warn_if.push_back(std::move(*alt));
      } else {
        ok = false;
      }
    }
  }
  if (const Entry* l = find(*entries, "level")) {
    std::optional<Level> level;
    if (l->value.IsScalar()) level = parse_level(l->value.Scalar());
    if (level) {
      x.level = level;
    } else {
      r.error(r.loc(*l), "bad level " + Reader::describe(l->value) + ": use MUST, SHOULD or MAY");
      ok = false;
    }
  }
  if (const Entry* m = find(*entries, "request_method")) {
    auto s = r.string(*m);
    if (s && !s->empty() && std::all_of(s->begin(), s->end(), field_name_char)) {
      x.request_method = *s;
    } else {
      if (s) r.error(r.loc(*m), "'request_method' must be a method name such as HEAD");
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return x;
}

}  // namespace wirecheck::harness
