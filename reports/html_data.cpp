// The JSON behind the HTML page.
//
// matrix:
//   schema   "wirecheck-html/1"
//   title    the page title
//   targets  [{name, profile, started, took, failed, counts: {pass, warn, fail, error, skip, total}}]
//   cases    [{id, suite, title, section, level, tags, points, where, why, requirement, requires}]
//            section is the group title ("RFC 9112 §6.1" or "suite <name>")
//   groups   [{title, cases: [index into cases]}], in the order their first case appears
//   suites   suite names in case order; tags: every tag, sorted; levels: MUST SHOULD MAY
//   cells    one string per target, one letter per case (p w f e s, '.' not run)
// details (one block per target): [null | {verdict, headline, time, reasons, reproduce,
//   transcript, truncated, hidden}] indexed like `cases`, where
//   reasons    [{verdict, message, expected, actual, section, where,
//                excerpt: {connection, direction, offset, bytes (base64), length, mark}}]
//   reproduce  {run, lines}
//   transcript [{at (µs), connection, kind, offset, length, bytes (base64), detail}]; bytes
//              beyond the report's share are left out (length says how many there were)
//   truncated  the run itself dropped transcript bytes; hidden: bytes this report left out
//   left_out   a passing result's transcript (this many bytes) left out whole: the report's
//              share for passing transcripts was used up
#include "reports/html_data.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "harness/model/steps.h"
#include "reports/detail.h"
#include "reports/escape.h"
#include "reports/excerpt.h"
#include "reports/format.h"
#include "reports/reproducer.h"

namespace wirecheck::reports {
namespace {

using json = nlohmann::ordered_json;
using harness::CaseResult;
using harness::RunResult;
using harness::Verdict;

constexpr Verdict kVerdicts[] = {Verdict::pass, Verdict::warn, Verdict::fail, Verdict::error,
                                 Verdict::skip};

std::string vname(Verdict v) { return std::string(harness::to_string(v)); }

json counts_json(const harness::VerdictCounts& counts) {
  json j;
  for (Verdict v : kVerdicts) j[vname(v)] = counts[v];
  j["total"] = counts.total();
  return j;
}

// Rows of the matrix: every case id once, with the info of its first appearance.
struct CaseIndex {
  std::vector<const harness::CaseInfo*> infos;
  std::map<std::string, size_t> by_id;

  explicit CaseIndex(const std::vector<const RunResult*>& runs) {
    for (const RunResult* run : runs) {
      for (const auto& r : run->results) {
        if (by_id.emplace(r.info.id, infos.size()).second) infos.push_back(&r.info);
      }
    }
  }
};

json case_json(const harness::CaseInfo& info) {
  json j;
  j["id"] = printable(info.id);
  j["suite"] = printable(info.suite);
  j["title"] = printable(info.title);
  j["section"] = printable(section_title(info));
  j["level"] = harness::to_string(info.ref.level);
  json tags = json::array();
  for (const auto& t : info.tags) tags.push_back(printable(t));
  j["tags"] = std::move(tags);
  j["points"] = info.points;
  j["where"] = printable(info.where.to_string());
  j["why"] = printable(info.why);
  j["requirement"] = printable(info.ref.text);
  json requires_ = json::array();
  for (const auto& c : info.capabilities) requires_.push_back(printable(c));
  j["requires"] = std::move(requires_);
  return j;
}

json excerpt_json(const harness::Excerpt& e) {
  json j;
  j["connection"] = printable(e.connection.empty() ? std::string(harness::kMainConnection)
                                                   : e.connection);
  j["direction"] = direction_name(e.direction);
  j["offset"] = e.offset;
  j["bytes"] = base64(e.bytes);
  j["length"] = e.bytes.size();
  j["mark"] = e.mark ? json(*e.mark) : json(nullptr);
  return j;
}

json reason_json(const harness::Reason& reason) {
  json j;
  j["verdict"] = vname(reason.verdict);
  j["message"] = printable(reason.message);
  if (!reason.expected.empty()) j["expected"] = printable(reason.expected);
  if (!reason.actual.empty()) j["actual"] = printable(reason.actual);
  if (!reason.section.empty()) j["section"] = printable(reason.section);
  if (reason.where.known()) j["where"] = printable(reason.where.to_string());
  if (reason.excerpt) j["excerpt"] = excerpt_json(*reason.excerpt);
  return j;
}

uint64_t transcript_size(const CaseResult& r) {
  uint64_t n = 0;
  for (const auto& e : r.transcript) n += e.bytes.size();
  return n;
}

// What a transcript of `r` adds to the page, near enough: base64 of the bytes kept, the
// details, and the keys and numbers of each event.
uint64_t embedded_size(const CaseResult& r, size_t kept_bytes) {
  uint64_t n = (kept_bytes + 2) / 3 * 4;
  for (const auto& e : r.transcript) n += 80 + e.detail.size();
  return n;
}

// `passing_left`: what remains of HtmlOptions::passing_transcripts_total.
json detail_json(const CaseResult& r, const std::string& target, const HtmlOptions& options,
                 size_t& passing_left) {
  json j;
  j["verdict"] = vname(r.verdict);
  j["time"] = human_duration(r.timings.total);
  if (r.verdict != Verdict::pass) j["headline"] = headline(r);
  if (!r.reasons.empty()) {
    json reasons = json::array();
    for (const auto& reason : r.reasons) reasons.push_back(reason_json(reason));
    j["reasons"] = std::move(reasons);
  }
  if (r.verdict != Verdict::pass && r.verdict != Verdict::skip) {
    Reproducer rep = make_reproducer(r, target);
    json lines = json::array();
    for (const auto& line : rep.lines) lines.push_back(printable(line));
    j["reproduce"] = json{{"run", printable(rep.run)}, {"lines", std::move(lines)}};
  }
  if (!r.transcript.empty() && r.verdict == Verdict::pass) {
    uint64_t share = embedded_size(
        r, static_cast<size_t>(std::min<uint64_t>(transcript_size(r), options.passing_transcript_bytes)));
    if (share > passing_left) {
      j["left_out"] = transcript_size(r);
      return j;
    }
    passing_left -= static_cast<size_t>(share);
  }
  if (!r.transcript.empty()) {
    size_t room = r.verdict == Verdict::pass ? options.passing_transcript_bytes
                                             : options.transcript_bytes;
    uint64_t hidden = 0;
    json events = json::array();
    for (const auto& e : r.transcript) {
      json ev;
      ev["at"] = e.at.count();
      ev["connection"] = printable(e.connection.empty() ? std::string(harness::kMainConnection)
                                                        : e.connection);
      ev["kind"] = event_name(e.kind);
      if (e.kind == harness::EventKind::send || e.kind == harness::EventKind::receive) {
        size_t keep = std::min(room, e.bytes.size());
        room -= keep;
        hidden += e.bytes.size() - keep;
        ev["offset"] = e.offset;
        ev["length"] = e.bytes.size();
        ev["bytes"] = base64(std::string_view(e.bytes).substr(0, keep));
      }
      if (!e.detail.empty()) ev["detail"] = printable(e.detail);
      events.push_back(std::move(ev));
    }
    j["transcript"] = std::move(events);
    if (r.transcript_truncated) j["truncated"] = true;
    if (hidden > 0) j["hidden"] = hidden;
  }
  return j;
}

// Text fields went through printable(), so they are valid UTF-8 already; `replace` only guards
// against a field that was missed.
std::string dump(const json& j) {
  return script_safe(j.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace

char verdict_letter(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass: return 'p';
    case Verdict::warn: return 'w';
    case Verdict::fail: return 'f';
    case Verdict::error: return 'e';
    case Verdict::skip: return 's';
  }
  return kNotRun;
}

std::string script_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (char c : text) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

std::string default_html_title(const std::vector<const RunResult*>& runs) {
  if (runs.size() == 1) {
    return runs.front()->target.empty() ? "wirecheck report"
                                        : "wirecheck report: " + printable(runs.front()->target);
  }
  return "wirecheck report: " + std::to_string(runs.size()) + " targets";
}

HtmlData build_html_data(const std::vector<const RunResult*>& runs, const HtmlOptions& options) {
  CaseIndex index(runs);
  const size_t n = index.infos.size();

  json matrix;
  matrix["schema"] = "wirecheck-html/1";
  matrix["title"] = options.title.empty() ? default_html_title(runs) : printable(options.title);

  json targets = json::array();
  for (const RunResult* run_ptr : runs) {
    const RunResult& run = *run_ptr;
    json t;
    t["name"] = printable(run.target);
    t["profile"] = printable(run.profile);
    t["started"] = iso_utc(run.started, false, true);
    t["took"] = human_duration(run_duration(run));
    t["failed"] = run.failed();
    t["counts"] = counts_json(run.counts);
    targets.push_back(std::move(t));
  }
  matrix["targets"] = std::move(targets);

  json cases = json::array();
  std::vector<std::string> group_titles;
  std::map<std::string, std::vector<size_t>> group_rows;
  std::vector<std::string> suites;
  std::set<std::string> tags;
  for (size_t i = 0; i < n; ++i) {
    const auto& info = *index.infos[i];
    json c = case_json(info);
    std::string title = c["section"].get<std::string>();
    auto [it, fresh] = group_rows.try_emplace(title);
    if (fresh) group_titles.push_back(title);
    it->second.push_back(i);
    std::string suite = c["suite"].get<std::string>();
    if (std::find(suites.begin(), suites.end(), suite) == suites.end()) suites.push_back(suite);
    for (const auto& t : c["tags"]) tags.insert(t.get<std::string>());
    cases.push_back(std::move(c));
  }
  matrix["cases"] = std::move(cases);
  json groups = json::array();
  for (const auto& title : group_titles) {
    groups.push_back(json{{"title", title}, {"cases", group_rows[title]}});
  }
  matrix["groups"] = std::move(groups);
  matrix["suites"] = suites;
  matrix["tags"] = tags;
  matrix["levels"] = json::array({"MUST", "SHOULD", "MAY"});

  HtmlData data;
  size_t passing_left = options.passing_transcripts_total;
  json cells = json::array();
  for (const RunResult* run_ptr : runs) {
    const RunResult& run = *run_ptr;
    std::string letters(n, kNotRun);
    std::vector<const CaseResult*> by_row(n, nullptr);
    for (const auto& r : run.results) {
      size_t row = index.by_id.at(r.info.id);
      // A run that holds one id twice shows its first result, like every other report's
      // lookup by id.
      if (by_row[row]) continue;
      by_row[row] = &r;
      letters[row] = verdict_letter(r.verdict);
    }
    cells.push_back(std::move(letters));
    json details = json::array();
    for (const CaseResult* r : by_row) {
      details.push_back(r ? detail_json(*r, run.target, options, passing_left) : json(nullptr));
    }
    data.details.push_back(dump(details));
  }
  matrix["cells"] = std::move(cells);
  data.matrix = dump(matrix);
  return data;
}

}  // namespace wirecheck::reports
