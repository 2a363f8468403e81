// The JSON report, schema "wirecheck-report/1" (docs/report-json.md): everything a program
// needs to grade, chart or diff runs, including every transcript byte. Bytes appear twice:
// `escaped` for people and `base64` for programs, which must use base64.
#include <nlohmann/json.hpp>

#include "reports/escape.h"
#include "reports/excerpt.h"
#include "reports/format.h"
#include "reports/renderers.h"

#include "harness/model/bytes.h"

namespace wirecheck::reports {
namespace {

using json = nlohmann::ordered_json;
using harness::CaseResult;
using harness::Level;
using harness::RunResult;
using harness::Verdict;

constexpr Verdict kVerdicts[] = {Verdict::pass, Verdict::warn, Verdict::fail, Verdict::error,
                                 Verdict::skip};
constexpr Level kLevels[] = {Level::must, Level::should, Level::may};

json bytes_json(std::string_view bytes) {
  json j;
  j["length"] = bytes.size();
  j["escaped"] = harness::escape_bytes(bytes);
  j["base64"] = base64(bytes);
  return j;
}

json location_json(const harness::SourceLocation& where) {
  if (where.file.empty() && !where.known()) return nullptr;
  json j;
  j["file"] = where.file;
  j["line"] = where.line;
  j["column"] = where.column;
  return j;
}

json counts_json(const harness::VerdictCounts& counts) {
  json j;
  for (Verdict v : kVerdicts) j[std::string(harness::to_string(v))] = counts[v];
  j["total"] = counts.total();
  return j;
}

json optional_us(const std::optional<std::chrono::microseconds>& d) {
  if (!d) return nullptr;
  return d->count();
}

json reason_json(const harness::Reason& reason) {
  json j;
  j["verdict"] = harness::to_string(reason.verdict);
  j["message"] = reason.message;
  j["expected"] = reason.expected;
  j["actual"] = reason.actual;
  j["section"] = reason.section;
  j["where"] = location_json(reason.where);
  if (reason.excerpt) {
    const auto& e = *reason.excerpt;
    json x;
    x["connection"] = e.connection;
    x["direction"] = direction_name(e.direction);
    x["offset"] = e.offset;
    x["bytes"] = bytes_json(e.bytes);
    x["mark"] = e.mark ? json(*e.mark) : json(nullptr);
    j["excerpt"] = std::move(x);
  } else {
    j["excerpt"] = nullptr;
  }
  return j;
}

json case_json(const CaseResult& r) {
  const auto& info = r.info;
  json j;
  j["id"] = info.id;
  j["suite"] = info.suite;
  j["title"] = info.title;
  j["why"] = info.why;
  j["ref"] = json{{"document", info.ref.document},
                  {"section", info.ref.section},
                  {"level", harness::to_string(info.ref.level)},
                  {"text", info.ref.text}};
  j["tags"] = info.tags;
  j["points"] = info.points;
  j["serial"] = info.serial;
  j["requires"] = info.capabilities;
  j["where"] = location_json(info.where);
  j["verdict"] = harness::to_string(r.verdict);
  json reasons = json::array();
  for (const auto& reason : r.reasons) reasons.push_back(reason_json(reason));
  j["reasons"] = std::move(reasons);
  j["timings"] = json{{"total_us", r.timings.total.count()},
                      {"connect_us", optional_us(r.timings.connect)},
                      {"first_byte_us", optional_us(r.timings.first_byte)}};
  json events = json::array();
  for (const auto& e : r.transcript) {
    json ev;
    ev["at_us"] = e.at.count();
    ev["connection"] = e.connection;
    ev["kind"] = event_name(e.kind);
    if (e.kind == harness::EventKind::send || e.kind == harness::EventKind::receive) {
      ev["offset"] = e.offset;
      ev["bytes"] = bytes_json(e.bytes);
    }
    ev["detail"] = e.detail;
    events.push_back(std::move(ev));
  }
  // Not an initializer list: those copy, and a transcript can be megabytes.
  json transcript;
  transcript["truncated"] = r.transcript_truncated;
  transcript["events"] = std::move(events);
  j["transcript"] = std::move(transcript);
  return j;
}

}  // namespace

std::string render_json(const RunResult& run) {
  json j;
  j["schema"] = "wirecheck-report/1";
  j["target"] = run.target;
  j["profile"] = run.profile;
  j["started"] = iso_utc(run.started, true, true);
  j["finished"] = iso_utc(run.finished, true, true);
  j["duration_us"] = run_duration(run).count();

  json summary;
  summary["counts"] = counts_json(run.counts);
  json by_level;
  for (Level level : kLevels) {
    auto it = run.by_level.find(level);
    by_level[std::string(harness::to_string(level))] =
        counts_json(it == run.by_level.end() ? harness::VerdictCounts{} : it->second);
  }
  summary["by_level"] = std::move(by_level);
  summary["failed"] = run.failed();
  // A CI job reading the report must be able to tell a short run from a complete one.
  summary["selected"] = run.selected;
  summary["interrupted"] = run.interrupted;
  j["summary"] = std::move(summary);

  json cases = json::array();
  for (const auto& r : run.results) cases.push_back(case_json(r));
  j["cases"] = std::move(cases);

  // Text fields hold whatever the run produced; bytes that are not UTF-8 become U+FFFD rather
  // than aborting the report (wire bytes are exact in `base64`).
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace wirecheck::reports
