#pragma once
// The data the HTML page renders from, as JSON texts ready to sit inside
// <script type="application/json"> blocks (schema "wirecheck-html/1"; the fields are listed
// in html_data.cpp). Internal to reports/: html.cpp places the blocks, the tests parse them
// back. The page's script is the only reader, so the names can change with it.
#include <string>
#include <string_view>
#include <vector>

#include "harness/model/result.h"
#include "reports/html.h"

namespace wirecheck::reports {

struct HtmlData {
  // The matrix: targets with their counts, the cases (id, suite, title, section, level, tags,
  // requirement), the groups by RFC section, and one verdict letter per target and case.
  std::string matrix;
  // Per run, in order: the result of every case (null where the run lacks it) with reasons,
  // excerpts, the reproducer and the transcript, bytes as base64.
  std::vector<std::string> details;
};

// Pointers, so the one-target report does not copy its run (transcripts can be megabytes).
HtmlData build_html_data(const std::vector<const harness::RunResult*>& runs,
                         const HtmlOptions& options);

// The letters of the matrix's `cells` strings: p w f e s, and '.' for a case a run lacks.
char verdict_letter(harness::Verdict verdict);
inline constexpr char kNotRun = '.';

// `json` with '<', '>' and '&' written as \u003c \u003e \u0026, which JSON allows anywhere
// (they only occur inside strings), so "</script>" or "<!--" can never appear in the block.
std::string script_safe(std::string_view json);

// The page's title when HtmlOptions::title is empty.
std::string default_html_title(const std::vector<const harness::RunResult*>& runs);

}  // namespace wirecheck::reports
