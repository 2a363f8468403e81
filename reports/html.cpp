// The HTML report, first version: one self-contained page (no scripts, no network) with the
// summary and every case in a table grouped by RFC section; non-pass cases unfold to the same
// explanation the console prints and their transcript. The interactive report (targets x
// cases matrix, filters, hex view) grows from here.
#include "reports/detail.h"
#include "reports/escape.h"
#include "reports/excerpt.h"
#include "reports/format.h"
#include "reports/renderers.h"

namespace wirecheck::reports {
namespace {

using harness::CaseResult;
using harness::Level;
using harness::RunResult;
using harness::Verdict;

constexpr Verdict kVerdicts[] = {Verdict::pass, Verdict::warn, Verdict::fail, Verdict::error,
                                 Verdict::skip};
constexpr Level kLevels[] = {Level::must, Level::should, Level::may};

constexpr const char* kStyle = R"(body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1f2328}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;margin:.6em 0}th,td{border:1px solid #d0d7de;padding:.25em .6em;text-align:left;vertical-align:top}
td.n{text-align:right}pre{background:#f6f8fa;padding:.6em;overflow-x:auto;font-size:12.5px}
.v{font-weight:600;text-transform:uppercase}.pass{color:#1a7f37}.warn{color:#9a6700}.fail{color:#cf222e}.error{color:#8250df}.skip{color:#57606a}
.muted{color:#57606a})";

std::string verdict_span(Verdict v) {
  std::string name(harness::to_string(v));
  return "<span class=\"v " + name + "\">" + name + "</span>";
}

void write_summary(std::string& out, const RunResult& run) {
  out += "<table class=\"summary\">\n<tr><th>Level</th>";
  for (Verdict v : kVerdicts) out += "<th>" + verdict_span(v) + "</th>";
  out += "<th>total</th></tr>\n";
  auto row = [&](const std::string& label, const harness::VerdictCounts& c) {
    out += "<tr><th>" + label + "</th>";
    for (Verdict v : kVerdicts) out += "<td class=\"n\">" + std::to_string(c[v]) + "</td>";
    out += "<td class=\"n\">" + std::to_string(c.total()) + "</td></tr>\n";
  };
  for (Level level : kLevels) {
    auto it = run.by_level.find(level);
    row(std::string(harness::to_string(level)),
        it == run.by_level.end() ? harness::VerdictCounts{} : it->second);
  }
  row("all", run.counts);
  out += "</table>\n";
}

void write_case_rows(std::string& out, const CaseResult& r, const std::string& target) {
  const auto& info = r.info;
  out += "<tr id=\"case-" + html_escape(info.id) + "\"><td>" + verdict_span(r.verdict) +
         "</td><td><code>" + html_escape(info.id) + "</code></td><td>" + html_escape(info.title) +
         "</td><td>" + std::string(harness::to_string(info.ref.level)) + "</td><td class=\"n\">" +
         format_points(info.points) + "</td><td class=\"n\">" + human_duration(r.timings.total) +
         "</td></tr>\n";
  if (r.verdict == Verdict::pass) return;
  DetailOptions detail;
  detail.target = target;
  detail.reproducer = r.verdict != Verdict::skip;
  std::string text;
  write_case_detail(text, r, detail);
  out += "<tr><td></td><td colspan=\"5\"><details" +
         std::string(r.verdict == Verdict::fail || r.verdict == Verdict::error ? " open" : "") +
         "><summary>" + html_escape(headline(r)) + "</summary>\n<pre>" + html_escape(text, true) +
         "</pre>\n";
  if (!r.transcript.empty()) {
    std::string transcript;
    write_transcript(transcript, r.transcript, r.transcript_truncated, "", Style{});
    out += "<details><summary>transcript</summary>\n<pre>" + html_escape(transcript, true) +
           "</pre></details>\n";
  }
  out += "</details></td></tr>\n";
}

}  // namespace

std::string render_html(const RunResult& run) {
  std::string title = "wirecheck report";
  if (!run.target.empty()) title += ": " + run.target;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                    html_escape(title) + "</title>\n<style>\n" + kStyle + "\n</style>\n</head>\n<body>\n";
  out += "<h1>" + html_escape(title) + "</h1>\n<p class=\"muted\">";
  if (!run.profile.empty()) out += "profile " + html_escape(run.profile) + " · ";
  out += std::to_string(run.results.size()) + " cases · started " +
         iso_utc(run.started, false, true) + " · took " + human_duration(run_duration(run)) +
         " · " + (run.failed() ? "<span class=\"v fail\">failed</span>" : "<span class=\"v pass\">passed</span>") +
         "</p>\n";
  write_summary(out, run);
  auto groups = group_by_section(run.results, [](const CaseResult&) { return true; });
  for (const auto& g : groups) {
    out += "<h2>" + html_escape(g.title) + "</h2>\n<table class=\"cases\">\n"
           "<tr><th>verdict</th><th>case</th><th>title</th><th>level</th><th>points</th><th>time</th></tr>\n";
    for (const CaseResult* r : g.cases) write_case_rows(out, *r, run.target);
    out += "</table>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace wirecheck::reports
