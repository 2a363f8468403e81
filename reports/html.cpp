// The HTML report's page: the outline and the summary are written here as HTML (readable
// without the script), the matrix and the details are built by the page's script from the
// embedded JSON (html_data.cpp), styled by html_style.cpp and driven by html_script.cpp.
#include "reports/html.h"

#include <algorithm>

#include "reports/escape.h"
#include "reports/format.h"
#include "reports/html_assets.h"
#include "reports/html_data.h"
#include "reports/renderers.h"

namespace wirecheck::reports {
namespace {

using harness::Level;
using harness::RunResult;
using harness::Verdict;
using harness::VerdictCounts;

constexpr Verdict kVerdicts[] = {Verdict::pass, Verdict::warn, Verdict::fail, Verdict::error,
                                 Verdict::skip};
constexpr Level kLevels[] = {Level::must, Level::should, Level::may};

// Past this many targets the per-target table starts folded: the matrix is what people scan.
// Open, it scrolls within a box of about ten lines.
constexpr size_t kOpenTargetTable = 24;

// Nothing may be fetched, whatever ends up in the page; scripts and styles are inline.
constexpr const char* kPolicy =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'";

std::string vname(Verdict v) { return std::string(harness::to_string(v)); }

std::string verdict_chip(Verdict v) {
  return "<span class=\"chip v-" + vname(v) + "\">" + vname(v) + "</span>";
}

void write_cards(std::string& out, const VerdictCounts& cells) {
  out += "<div class=\"cards\">\n";
  for (Verdict v : kVerdicts) {
    out += "<button type=\"button\" class=\"card v-" + vname(v) + "\" data-verdict=\"" +
           vname(v) + "\" title=\"show only " + vname(v) + "\"><b>" +
           std::to_string(cells[v]) + "</b>" + vname(v) + "</button>\n";
  }
  out += "</div>\n";
}

// One target: verdicts by requirement level.
void write_level_table(std::string& out, const RunResult& run) {
  out += "<table class=\"summary\">\n<tr><th>level</th>";
  for (Verdict v : kVerdicts) out += "<th>" + verdict_chip(v) + "</th>";
  out += "<th>total</th></tr>\n";
  auto row = [&](const std::string& label, const VerdictCounts& c) {
    out += "<tr><th>" + label + "</th>";
    for (Verdict v : kVerdicts) out += "<td class=\"n\">" + std::to_string(c[v]) + "</td>";
    out += "<td class=\"n\">" + std::to_string(c.total()) + "</td></tr>\n";
  };
  for (Level level : kLevels) {
    auto it = run.by_level.find(level);
    row(std::string(harness::to_string(level)),
        it == run.by_level.end() ? VerdictCounts{} : it->second);
  }
  row("all", run.counts);
  out += "</table>\n";
}

std::string bar(const VerdictCounts& c) {
  std::string out = "<div class=\"bar\" aria-hidden=\"true\">";
  if (c.total() > 0) {
    for (Verdict v : kVerdicts) {
      if (c[v] == 0) continue;
      double share = 100.0 * static_cast<double>(c[v]) / static_cast<double>(c.total());
      out += "<span class=\"b-" + vname(v) + "\" style=\"width:" + format_points(share) + "%\"></span>";
    }
  }
  return out + "</div>";
}

// One profile for every run (a grade, usually), said once in the meta line; or none.
std::string common_profile(const std::vector<const RunResult*>& runs) {
  if (runs.empty()) return "";
  for (const RunResult* run : runs) {
    if (run->profile != runs.front()->profile) return "";
  }
  return runs.front()->profile;
}

// Several targets: one line each, in the order given.
void write_target_table(std::string& out, const std::vector<const RunResult*>& runs) {
  bool profiles = common_profile(runs).empty();
  out += std::string("<details class=\"targets-list\"") +
         (runs.size() <= kOpenTargetTable ? " open" : "") + "><summary>" +
         std::to_string(runs.size()) + " targets</summary>\n<div class=\"targets-box\">"
         "<table class=\"targets\">\n"
         "<tr><th>target</th>" + (profiles ? "<th>profile</th>" : "");
  for (Verdict v : kVerdicts) out += "<th>" + verdict_chip(v) + "</th>";
  out += "<th>total</th><th></th><th>result</th></tr>\n";
  for (size_t i = 0; i < runs.size(); ++i) {
    const RunResult& run = *runs[i];
    out += "<tr data-t=\"" + std::to_string(i) + "\"><td>" + html_escape(run.target) + "</td>";
    if (profiles) out += "<td>" + html_escape(run.profile) + "</td>";
    for (Verdict v : kVerdicts) out += "<td class=\"n\">" + std::to_string(run.counts[v]) + "</td>";
    out += "<td class=\"n\">" + std::to_string(run.counts.total()) + "</td><td>" + bar(run.counts) +
           "</td><td>" + verdict_chip(run.failed() ? Verdict::fail : Verdict::pass) + "</td></tr>\n";
  }
  out += "</table></div>\n</details>\n";
}

std::string meta_line(const std::vector<const RunResult*>& runs, size_t case_count) {
  std::string out;
  if (runs.size() == 1) {
    const RunResult& run = *runs.front();
    if (!run.profile.empty()) out += "profile " + html_escape(run.profile) + " · ";
    out += std::to_string(run.results.size()) + (run.results.size() == 1 ? " case" : " cases") +
           " · started " + iso_utc(run.started, false, true) + " · took " +
           human_duration(run_duration(run)) + " · " +
           (run.failed() ? "<span class=\"chip v-fail\">failed</span>"
                         : "<span class=\"chip v-pass\">passed</span>");
    return out;
  }
  size_t failed = 0;
  for (const RunResult* run : runs) failed += run->failed() ? 1 : 0;
  std::string profile = common_profile(runs);
  if (!profile.empty()) out += "profile " + html_escape(profile) + " · ";
  out += std::to_string(runs.size()) + " targets · " + std::to_string(case_count) +
         (case_count == 1 ? " case" : " cases");
  if (!runs.empty()) {
    auto first = runs.front()->started;
    for (const RunResult* run : runs) first = std::min(first, run->started);
    out += " · started " + iso_utc(first, false, true);
  }
  out += " · " + std::to_string(failed) + " of " + std::to_string(runs.size()) + " failed";
  return out;
}

std::string render_page(const std::vector<const RunResult*>& runs, const HtmlOptions& options) {
  HtmlData data = build_html_data(runs, options);
  std::string title = options.title.empty() ? default_html_title(runs) : printable(options.title);

  VerdictCounts cells;
  size_t case_count = 0;
  {
    // The matrix's row count: distinct ids over all runs.
    std::vector<std::string> ids;
    for (const RunResult* run : runs) {
      for (Verdict v : kVerdicts) cells[v] += run->counts[v];
      for (const auto& r : run->results) ids.push_back(r.info.id);
    }
    std::sort(ids.begin(), ids.end());
    case_count = static_cast<size_t>(std::unique(ids.begin(), ids.end()) - ids.begin());
  }

  std::string out;
  out.reserve(data.matrix.size() + 64 * 1024);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"";
  out += kPolicy;
  out += "\">\n<meta name=\"generator\" content=\"wirecheck\">\n<title>" + html_escape(title) +
         "</title>\n<style>";
  out += kHtmlStyle;
  out += "</style>\n</head>\n<body>\n<header class=\"top\">\n<h1>" + html_escape(title) +
         "</h1>\n<p class=\"meta\">" + meta_line(runs, case_count) + "</p>\n</header>\n";

  out += "<section id=\"wc-summary\">\n";
  write_cards(out, cells);
  if (runs.size() == 1) {
    write_level_table(out, *runs.front());
  } else if (runs.size() > 1) {
    write_target_table(out, runs);
  }
  out += "</section>\n";

  out += "<section id=\"wc-filters\" class=\"filters\"><noscript>The matrix, the filters and the "
         "case details are drawn by the page's script; with scripts off only the summary above "
         "shows. The data is in the JSON blocks of this file.</noscript></section>\n"
         "<div id=\"wc-status\"></div>\n"
         "<div id=\"wc-matrix-wrap\"><table id=\"wc-matrix\"></table>"
         "<p id=\"wc-empty\" class=\"empty\" hidden>No case matches these filters.</p></div>\n"
         "<aside id=\"wc-detail\" hidden></aside>\n"
         "<pre id=\"wc-errors\" hidden></pre>\n";

  out += "<script type=\"application/json\" id=\"wc-data\">";
  out += data.matrix;
  out += "</script>\n";
  for (size_t i = 0; i < data.details.size(); ++i) {
    out += "<script type=\"application/json\" id=\"wc-d-" + std::to_string(i) + "\">";
    out += data.details[i];
    out += "</script>\n";
  }
  out += "<script>";
  out += kHtmlScript;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace

std::string render_html(const std::vector<RunResult>& runs, const HtmlOptions& options) {
  std::vector<const RunResult*> pointers;
  pointers.reserve(runs.size());
  for (const auto& run : runs) pointers.push_back(&run);
  return render_page(pointers, options);
}

std::string render_html(const RunResult& run) { return render_page({&run}, HtmlOptions{}); }

}  // namespace wirecheck::reports
