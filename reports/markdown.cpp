// Markdown for a GitHub Actions job summary ($GITHUB_STEP_SUMMARY): a summary table people
// see first, then each problem folded in a <details> block with the same explanation the
// console prints. GitHub caps a step summary at 1 MiB, so details stop at a budget and say
// how many were left out rather than having the whole summary rejected.
#include <iterator>

#include "reports/detail.h"
#include "reports/escape.h"
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
constexpr size_t kBudget = 900 * 1024;

std::string_view icon(Verdict v) {
  switch (v) {
    case Verdict::pass: return "✅";
    case Verdict::warn: return "⚠️";
    case Verdict::fail: return "❌";
    case Verdict::error: return "💥";
    case Verdict::skip: return "⏭️";
  }
  return "";
}

std::string outcome(const RunResult& run) {
  const auto& c = run.counts;
  std::string out;
  auto add = [&](size_t n, std::string_view one, std::string_view many) {
    if (n == 0) return;
    if (!out.empty()) out += ", ";
    out += plural(n, one, many);
  };
  add(c.fail, "failed", "failed");
  add(c.error, "error", "errors");
  add(c.warn, "warning", "warnings");
  add(c.skip, "skipped", "skipped");
  if (c.total() == 0) return "no cases ran";
  std::string head = run.failed() ? std::string(icon(Verdict::fail)) + " failed"
                                  : std::string(icon(Verdict::pass)) + " passed";
  std::string passed = plural(c.pass, "passed", "passed");
  return head + ": " + passed + (out.empty() ? "" : ", " + out);
}

void write_table(std::string& out, const RunResult& run) {
  out += "| Level |";
  for (Verdict v : kVerdicts) out += " " + std::string(icon(v)) + " " + std::string(harness::to_string(v)) + " |";
  out += " Total |\n| :-- |";
  for (size_t i = 0; i < std::size(kVerdicts); ++i) out += " --: |";
  out += " --: |\n";
  auto row = [&](const std::string& label, const harness::VerdictCounts& counts, bool bold) {
    std::string b = bold ? "**" : "";
    out += "| " + b + label + b + " |";
    for (Verdict v : kVerdicts) out += " " + b + std::to_string(counts[v]) + b + " |";
    out += " " + b + std::to_string(counts.total()) + b + " |\n";
  };
  for (Level level : kLevels) {
    auto it = run.by_level.find(level);
    row(std::string(harness::to_string(level)),
        it == run.by_level.end() ? harness::VerdictCounts{} : it->second, false);
  }
  row("All", run.counts, true);
}

std::string details_block(const CaseResult& r, const std::string& target) {
  std::string summary = std::string(icon(r.verdict)) + " <b>" +
                        std::string(harness::to_string(r.verdict)) + "</b> <code>" +
                        html_escape(r.info.id) + "</code>";
  if (!r.info.title.empty()) summary += " " + html_escape(r.info.title);
  summary += " — " + html_escape(headline(r));
  summary += " <i>(" + std::string(harness::to_string(r.info.ref.level)) + ")</i>";

  DetailOptions detail;
  detail.target = target;
  std::string text;
  write_case_detail(text, r, detail);
  std::string fence = markdown_fence(text);
  // The blank lines matter: without them GitHub does not render Markdown inside <details>.
  return "<details>\n<summary>" + summary + "</summary>\n\n" + fence + "text\n" + text + fence +
         "\n\n</details>\n\n";
}

void write_problems(std::string& out, const RunResult& run, std::string_view heading,
                    bool (*keep)(const CaseResult&), size_t& left_out) {
  auto groups = group_by_section(run.results, keep);
  if (groups.empty()) return;
  size_t n = 0;
  for (const auto& g : groups) n += g.cases.size();
  out += "### " + std::string(heading) + " (" + std::to_string(n) + ")\n\n";
  for (const auto& g : groups) {
    out += "#### " + markdown_text(g.title) + "\n\n";
    for (const CaseResult* r : g.cases) {
      std::string block = details_block(*r, run.target);
      if (out.size() + block.size() > kBudget) {
        ++left_out;
        continue;
      }
      out += block;
    }
  }
}

}  // namespace

std::string render_markdown(const RunResult& run) {
  std::string out = "## wirecheck: " + outcome(run) + "\n\n";
  std::string facts;
  if (!run.target.empty()) facts += "Target " + markdown_code(run.target) + " · ";
  if (!run.profile.empty()) facts += "profile " + markdown_code(run.profile) + " · ";
  facts += plural(run.results.size(), "case", "cases") + " in " +
           human_duration(run_duration(run)) + " · started " + iso_utc(run.started, false, true);
  out += facts + "\n\n";
  if (run.interrupted) {
    out += "**Interrupted:** " + interrupted_note(run) + ".\n\n";
  }
  write_table(out, run);
  out += "\n";

  size_t left_out = 0;
  write_problems(out, run, "Failures and errors", is_failure, left_out);
  write_problems(out, run, "Warnings", is_warning, left_out);

  if (run.counts.skip > 0) {
    out += "### Skipped (" + std::to_string(run.counts.skip) + ")\n\n| Case | Reason |\n| :-- | :-- |\n";
    for (const auto& r : run.results) {
      if (r.verdict != Verdict::skip) continue;
      std::string row = "| " + markdown_code(r.info.id, true) + " | " + markdown_text(headline(r)) + " |\n";
      if (out.size() + row.size() > kBudget) {
        ++left_out;
        continue;
      }
      out += row;
    }
    out += "\n";
  }
  if (left_out > 0) {
    out += "_" + plural(left_out, "more case is", "more cases are") +
           " not shown: a job summary is limited to 1 MiB. The JUnit and JSON reports have "
           "them all._\n";
  }
  return out;
}

}  // namespace wirecheck::reports
