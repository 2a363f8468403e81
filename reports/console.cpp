// The console report: what a person reads after `wirecheck run`, and what a student fixes
// their server from. Problems first, grouped by the RFC section they are about, then a
// summary small enough to read at a glance.
#include <cstdio>
#include <ostream>
#include <utility>
#include <vector>

#include "reports/detail.h"
#include "reports/escape.h"
#include "reports/format.h"
#include "reports/report.h"
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

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// "FAIL " padded to one width so ids line up.
std::string verdict_label(Verdict v, const Style& style) {
  std::string word = upper(harness::to_string(v));
  word.resize(5, ' ');
  return style.paint(word, tone_of(v));
}

std::string cell(const std::string& s, size_t width) {
  return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

void write_header(std::string& out, const RunResult& run, const Style& style) {
  out += style.paint("wirecheck", Tone::bold) + ": " +
         plural(run.results.size(), "case", "cases");
  if (!run.target.empty()) out += " against " + printable(run.target);
  if (!run.profile.empty()) out += " (profile " + printable(run.profile) + ")";
  out += "\n";
  out += "started " + iso_utc(run.started, false, true) + ", took " +
         human_duration(run_duration(run)) + "\n";
}

void write_case_line(std::string& out, const CaseResult& r, const Style& style) {
  out += "  " + verdict_label(r.verdict, style) + " " + printable(r.info.id);
  if (!r.info.title.empty()) out += " - " + printable(r.info.title);
  out += style.paint("  (" + human_duration(r.timings.total) + ")", Tone::dim);
  out += "\n";
}

void write_problem(std::string& out, const CaseResult& r, const ConsoleOptions& options,
                   const std::string& target, const Style& style) {
  out += verdict_label(r.verdict, style) + " " + style.paint(printable(r.info.id), Tone::bold);
  if (!r.info.title.empty()) out += " - " + printable(r.info.title);
  out += "\n";
  std::string facts = std::string(harness::to_string(r.info.ref.level)) + " · " +
          format_points(r.info.points) + (r.info.points == 1 ? " point" : " points") +
          " · suite " + printable(r.info.suite) + " · " + human_duration(r.timings.total);
  out += "      " + style.paint(facts, Tone::dim) + "\n";
  DetailOptions detail;
  detail.style = style;
  detail.indent = "      ";
  detail.target = target;
  detail.transcript = options.verbose;
  write_case_detail(out, r, detail);
  out += "\n";
}

void write_problems(std::string& out, const RunResult& run, std::string_view heading,
                    bool (*keep)(const CaseResult&), const ConsoleOptions& options,
                    const std::string& target, const Style& style) {
  auto groups = group_by_section(run.results, keep);
  if (groups.empty()) return;
  size_t n = 0;
  for (const auto& g : groups) n += g.cases.size();
  out += style.paint(std::string(heading) + " (" + std::to_string(n) + ")", Tone::bold) + "\n\n";
  for (const auto& g : groups) {
    std::string title = "=== " + printable(g.title) + " (" +
                        plural(g.cases.size(), "case", "cases") + ") ===";
    out += style.paint(title, Tone::bold) + "\n\n";
    for (const CaseResult* r : g.cases) write_problem(out, *r, options, target, style);
  }
}

void write_summary(std::string& out, const RunResult& run, bool strict, const Style& style) {
  out += style.paint("Summary", Tone::bold) + "\n";
  constexpr size_t kLabel = 8;
  constexpr size_t kCol = 7;
  out += std::string(kLabel, ' ');
  for (Verdict v : kVerdicts) out += cell(std::string(harness::to_string(v)), kCol);
  out += cell("total", kCol) + "\n";
  auto row = [&](std::string label, const harness::VerdictCounts& counts) {
    label.resize(kLabel, ' ');
    out += "  " + label.substr(0, kLabel - 2);
    for (Verdict v : kVerdicts) {
      std::string n = cell(std::to_string(counts[v]), kCol);
      out += counts[v] > 0 && v != Verdict::pass ? style.paint(n, tone_of(v)) : n;
    }
    out += cell(std::to_string(counts.total()), kCol) + "\n";
  };
  for (Level level : kLevels) {
    auto it = run.by_level.find(level);
    row(std::string(harness::to_string(level)), it == run.by_level.end() ? harness::VerdictCounts{} : it->second);
  }
  row("all", run.counts);
  out += "\n";

  const auto& c = run.counts;
  if (c.total() == 0) {
    out += "No cases ran: nothing matched the selection.\n";
    return;
  }
  // "FAILED: 1 failed, 1 error of 6 cases (2 warnings, 1 skipped)"
  // "PASSED: 5 of 6 cases (1 warning, 1 skipped)"
  auto list = [](std::vector<std::pair<size_t, std::string>> items) {
    std::string text;
    for (const auto& [n, words] : items) {
      if (n == 0) continue;
      if (!text.empty()) text += ", ";
      text += std::to_string(n) + " " + words;
    }
    return text;
  };
  std::string warnings = c.warn == 1 ? "warning" : "warnings";
  std::string head;
  std::string notes;
  if (run.failed(strict)) {
    head = style.paint("FAILED", Tone::fail) + ": " +
           list({{c.fail, "failed"},
                 {c.error, c.error == 1 ? "error" : "errors"},
                 {strict ? c.warn : 0, warnings + " (--strict)"}});
    notes = list({{strict ? 0 : c.warn, warnings}, {c.skip, "skipped"}});
  } else {
    head = style.paint("PASSED", Tone::pass) + ": " + std::to_string(c.pass + c.warn);
    notes = list({{c.warn, warnings}, {c.skip, "skipped"}});
  }
  out += head + " of " + plural(c.total(), "case", "cases");
  if (!notes.empty()) out += " (" + notes + ")";
  out += "\n";
  if (run.interrupted) {
    out += style.paint("INTERRUPTED", Tone::fail) + ": " + interrupted_note(run) + "\n";
  }
}

std::string render_console(const RunResult& run, const ConsoleOptions& options) {
  Style style{options.color};
  std::string target = options.target.empty() ? run.target : options.target;
  std::string out;
  write_header(out, run, style);
  out += "\n";

  if (options.verbose && !run.results.empty()) {
    out += style.paint("Cases", Tone::bold) + "\n";
    for (const auto& r : run.results) write_case_line(out, r, style);
    out += "\n";
  }

  // Failures first: they are what a person must fix; warnings are advice.
  write_problems(out, run, "Failures and errors", is_failure, options, target, style);
  write_problems(out, run, "Warnings", is_warning, options, target, style);

  if (run.counts.skip > 0) {
    out += style.paint("Skipped", Tone::bold) + "\n";
    for (const auto& r : run.results) {
      if (r.verdict != Verdict::skip) continue;
      out += "  " + verdict_label(r.verdict, style) + " " + printable(r.info.id) + ": " +
             headline(r) + "\n";
    }
    out += "\n";
  }

  write_summary(out, run, options.strict, style);
  return out;
}

}  // namespace

void print_console(const RunResult& result, std::ostream& out, const ConsoleOptions& options) {
  out << render_console(result, options);
  out.flush();
}

std::string render_console_text(const RunResult& result) {
  return render_console(result, ConsoleOptions{});
}

}  // namespace wirecheck::reports
