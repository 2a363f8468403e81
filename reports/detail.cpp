#include "reports/detail.h"

#include "reports/escape.h"
#include "reports/excerpt.h"
#include "reports/reproducer.h"

namespace wirecheck::reports {

std::string section_title(const harness::CaseInfo& info) {
  std::string ref = info.ref.to_string();
  if (!ref.empty()) return ref;
  return "suite " + info.suite;
}

std::string headline(const harness::CaseResult& result) {
  for (const auto& reason : result.reasons) {
    if (!reason.message.empty()) return printable(reason.message);
  }
  switch (result.verdict) {
    case harness::Verdict::pass: return "passed";
    case harness::Verdict::warn: return "passed with a warning (no reason recorded)";
    case harness::Verdict::fail: return "failed (no reason recorded)";
    case harness::Verdict::error: return "could not run (no reason recorded)";
    case harness::Verdict::skip: return "skipped (no reason recorded)";
  }
  return "";
}

void write_case_detail(std::string& out, const harness::CaseResult& result,
                       const DetailOptions& options) {
  const auto& info = result.info;
  const Style& style = options.style;
  const std::string& in = options.indent;

  if (info.where.known() || !info.where.file.empty()) {
    out += in + "defined at " + printable(info.where.to_string()) + "\n";
  }
  if (!info.why.empty()) out += in + "why: " + printable(info.why) + "\n";
  if (!info.ref.text.empty()) {
    std::string ref = info.ref.to_string();
    out += in + "requirement (" + (ref.empty() ? std::string() : printable(ref) + ", ") +
           std::string(harness::to_string(info.ref.level)) + "): \"" + printable(info.ref.text) +
           "\"\n";
  }

  if (result.reasons.empty() && result.verdict != harness::Verdict::pass) {
    out += in + "1. " + headline(result) + "\n";
  }
  std::string reason_indent = in + "     ";
  for (size_t i = 0; i < result.reasons.size(); ++i) {
    const auto& reason = result.reasons[i];
    std::string number = std::to_string(i + 1) + ".";
    out += in + number + std::string(number.size() < 5 ? 5 - number.size() : 1, ' ');
    if (reason.verdict != result.verdict) {
      out += style.paint("[" + std::string(harness::to_string(reason.verdict)) + "]",
                         tone_of(reason.verdict)) + " ";
    }
    out += printable(reason.message.empty() ? std::string("(no message)") : reason.message);
    out += '\n';
    if (!reason.expected.empty()) {
      out += reason_indent + "expected: " + style.paint(printable(reason.expected), Tone::expected) + "\n";
    }
    if (!reason.actual.empty()) {
      out += reason_indent + "actual:   " + style.paint(printable(reason.actual), Tone::actual) + "\n";
    }
    std::string see;
    // A reason citing another section than the case's own is worth pointing out.
    if (!reason.section.empty() && reason.section != info.ref.to_string()) {
      see += "see " + printable(reason.section);
    }
    if (reason.where.known()) {
      if (!see.empty()) see += "; ";
      see += "checked at " + printable(reason.where.to_string());
    }
    if (!see.empty()) out += reason_indent + see + "\n";
    if (reason.excerpt) write_excerpt(out, *reason.excerpt, reason_indent, style);
  }

  if (options.reproducer && result.verdict != harness::Verdict::skip) {
    Reproducer r = make_reproducer(result, options.target);
    out += in + "reproduce:\n";
    out += in + "  " + r.run + "\n";
    for (const auto& line : r.lines) out += in + "  " + line + "\n";
  }
  if (options.transcript && !result.transcript.empty()) {
    out += in + "transcript (times since the case started):\n";
    write_transcript(out, result.transcript, result.transcript_truncated, in + "  ", style,
                     options.transcript_bytes);
  }
}

}  // namespace wirecheck::reports
