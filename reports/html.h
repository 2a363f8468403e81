#pragma once
// The HTML report: one self-contained page (inline CSS and script, nothing fetched) for one
// target or many: a summary, a matrix of targets x cases coloured by verdict and grouped by
// RFC section, filters (suite, tag, level, verdict, text), and the detail of any cell on
// click: the requirement, expected vs actual, the reproducer and the wire transcript as
// escaped text with offsets or as hex. The page state (filters, the open cell) lives in the
// URL fragment, so a link such as report.html#verdict=fail&suite=rfc9112-message shows the
// same view to someone else.
//
// The data is embedded as JSON: one small block for the matrix, parsed on load, and one block
// per target with that target's details, parsed the first time one of its cells is opened, so
// a page for 100 targets x 400 cases opens quickly. Every text a target controls reaches the
// page only as JSON inside a <script type="application/json"> block, with '<', '>' and '&'
// written as \u escapes (no "</script>" can end the block), and is put into the document as
// text, never as markup.
#include <cstddef>
#include <string>
#include <vector>

#include "harness/model/result.h"

namespace wirecheck::reports {

struct HtmlOptions {
  // The page's title and heading. Empty: "wirecheck report: <target>" for one target,
  // "wirecheck report: N targets" for several.
  std::string title;
  // Transcript bytes kept per result; the rest is counted and said to be missing. Passing
  // results get a smaller share: people open them less, and a grade over a hundred students
  // mostly passes.
  size_t transcript_bytes = 64 * 1024;
  size_t passing_transcript_bytes = 8 * 1024;
  // Room for the transcripts of passing results in the whole page, counted as they are
  // embedded (base64 and about 80 bytes per event). Past it, passing results (in target
  // order, then case order) carry no transcript and say so: a grade of a hundred students
  // stays megabytes smaller, and results that did not pass keep theirs.
  size_t passing_transcripts_total = 4 * 1024 * 1024;
};

// One column per run, in the order given (a roster's order for `wirecheck grade`). Rows are the
// union of the runs' cases, in the order they first appear; a case a run did not include shows
// as "not run" in its column.
std::string render_html(const std::vector<harness::RunResult>& runs,
                        const HtmlOptions& options = {});

}  // namespace wirecheck::reports
