// JUnit XML as CI systems read it (Jenkins, GitLab, GitHub test reporters): one <testcase>
// per case, the suite as classname, facts as properties, and the explanation a person needs
// inside <failure>/<error>. A warning passes (CI must stay green) but says so in
// <system-out> and in the `verdict` property. Checked against tests/data/reports/junit.xsd.
#include <chrono>

#include "reports/detail.h"
#include "reports/escape.h"
#include "reports/excerpt.h"
#include "reports/format.h"
#include "reports/renderers.h"

namespace wirecheck::reports {
namespace {

using harness::CaseResult;
using harness::RunResult;
using harness::Verdict;

struct SuiteGroup {
  std::string name;
  std::vector<const CaseResult*> cases;
  harness::VerdictCounts counts;
  std::chrono::microseconds time{0};
};

std::vector<SuiteGroup> group_by_suite(const RunResult& run) {
  std::vector<SuiteGroup> groups;
  for (const auto& r : run.results) {
    SuiteGroup* g = nullptr;
    for (auto& candidate : groups) {
      if (candidate.name == r.info.suite) g = &candidate;
    }
    if (!g) {
      groups.push_back(SuiteGroup{r.info.suite, {}, {}, {}});
      g = &groups.back();
    }
    g->cases.push_back(&r);
    ++g->counts[r.verdict];
    g->time += r.timings.total;
  }
  return groups;
}

std::string attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + xml_escape(value, true) + "\"";
}

std::string counts_attrs(const harness::VerdictCounts& c) {
  // Warnings pass in CI; only fail and error turn it red.
  return attr("tests", std::to_string(c.total())) + attr("failures", std::to_string(c.fail)) +
         attr("errors", std::to_string(c.error)) + attr("skipped", std::to_string(c.skip));
}

void property(std::string& out, std::string_view indent, std::string_view name,
              std::string_view value) {
  out += std::string(indent) + "<property" + attr("name", name) + attr("value", value) + "/>\n";
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string failure_message(const CaseResult& r) {
  std::string message = headline(r);
  if (r.reasons.size() > 1) {
    message += " (and " + std::to_string(r.reasons.size() - 1) + " more)";
  }
  return message;
}

void write_testcase(std::string& out, const CaseResult& r, const std::string& target) {
  const auto& info = r.info;
  out += "    <testcase" + attr("name", info.id) + attr("classname", info.suite) +
         attr("time", decimal_seconds(r.timings.total));
  if (!info.where.file.empty()) out += attr("file", info.where.file);
  if (info.where.known()) out += attr("line", std::to_string(info.where.line));
  out += ">\n";

  out += "      <properties>\n";
  const std::string in = "        ";
  if (!info.title.empty()) property(out, in, "title", info.title);
  std::string ref = info.ref.to_string();
  if (!ref.empty()) property(out, in, "rfc", ref);
  property(out, in, "level", harness::to_string(info.ref.level));
  if (!info.tags.empty()) property(out, in, "tags", join(info.tags, ","));
  property(out, in, "points", format_points(info.points));
  property(out, in, "verdict", harness::to_string(r.verdict));
  out += "      </properties>\n";

  DetailOptions detail;
  detail.target = target;
  std::string text;
  switch (r.verdict) {
    case Verdict::pass: break;
    case Verdict::skip:
      out += "      <skipped" + attr("message", headline(r)) + "/>\n";
      break;
    case Verdict::fail:
    case Verdict::error: {
      write_case_detail(text, r, detail);
      const char* element = r.verdict == Verdict::fail ? "failure" : "error";
      out += std::string("      <") + element + attr("message", failure_message(r)) +
             attr("type", harness::to_string(r.verdict)) + ">" + xml_escape(text, false) +
             "</" + element + ">\n";
      break;
    }
    case Verdict::warn:
      text = "warning: " + failure_message(r) + "\n";
      write_case_detail(text, r, detail);
      break;
  }
  if (r.verdict == Verdict::fail || r.verdict == Verdict::error || r.verdict == Verdict::warn) {
    std::string system_out = r.verdict == Verdict::warn ? text + "\n" : std::string();
    if (!r.transcript.empty()) {
      system_out += "transcript (times since the case started):\n";
      write_transcript(system_out, r.transcript, r.transcript_truncated, "  ", Style{});
    }
    if (!system_out.empty()) {
      out += "      <system-out>" + xml_escape(system_out, false) + "</system-out>\n";
    }
  }
  out += "    </testcase>\n";
}

}  // namespace

std::string render_junit(const RunResult& run) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  // Timestamps are UTC without a zone suffix: the form Ant and Surefire write, which every
  // JUnit reader parses.
  std::string timestamp = iso_utc(run.started, false, false);
  out += "<testsuites" + attr("name", "wirecheck") + counts_attrs(run.counts) +
         attr("time", decimal_seconds(run_duration(run))) + attr("timestamp", timestamp) + ">\n";
  for (const auto& g : group_by_suite(run)) {
    out += "  <testsuite" + attr("name", g.name) + counts_attrs(g.counts) +
           attr("time", decimal_seconds(g.time)) + attr("timestamp", timestamp) + ">\n";
    if (!run.target.empty() || !run.profile.empty()) {
      out += "    <properties>\n";
      if (!run.target.empty()) property(out, "      ", "target", run.target);
      if (!run.profile.empty()) property(out, "      ", "profile", run.profile);
      out += "    </properties>\n";
    }
    for (const CaseResult* r : g.cases) write_testcase(out, *r, run.target);
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace wirecheck::reports
