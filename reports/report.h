#pragma once
// Rendering run results for people and for machines. The reporters see the result types of
// harness/model and nothing else: no sockets, no parser. Every format renders from a
// RunResult alone, so the same run can be written in several formats at once and a report
// never depends on the clock or the machine it was written on (times come from the result).
#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "harness/model/result.h"

namespace wirecheck::reports {

enum class Format { console, junit, json, markdown, html };

std::string_view to_string(Format format);  // "console", "junit", ...
// Case-insensitive; nullopt for anything else (including aliases such as "xml").
std::optional<Format> parse_format(std::string_view name);

// One `--report FORMAT=FILE`.
struct ReportRequest {
  Format format = Format::console;
  std::string path;
};

// "junit=out.xml" -> {junit, "out.xml"}. On a missing '=', an unknown format (with a hint for
// the usual mix-ups: xml -> junit, md -> markdown) or an empty path returns nullopt and, when
// `error` is given, sets it to a sentence that says what was expected.
std::optional<ReportRequest> parse_report_flag(std::string_view spec, std::string* error);

// The whole report as text. Console is rendered without color, against the result's target.
std::string render(const harness::RunResult& result, Format format);

// Writes `content` to a temporary file in the directory of `path`, fsyncs it, renames it over
// `path` and fsyncs the directory, so a reader sees either the old file or the complete new
// one. On failure nothing is left behind, an existing file at `path` is untouched, and `error`
// (when given) says what failed, naming the path and the system's reason.
bool write_file_atomically(const std::string& path, std::string_view content, std::string* error);

struct ConsoleOptions {
  bool color = false;    // ANSI colors; only when asked (the caller decides about TTYs, NO_COLOR)
  bool verbose = false;  // every case on a line, and the whole transcript of each non-pass case
  // The target as the user gave it (`--target`), for the reproducer lines. Empty: the
  // result's target, when it is a host:port.
  std::string target;
  // --strict: warnings fail the run, and the verdict line says so.
  bool strict = false;
};

// The report for people: problems grouped by RFC section with expected vs actual, the
// offending bytes escaped with offsets, the requirement, a reproducer; then a summary.
void print_console(const harness::RunResult& result, std::ostream& out,
                   const ConsoleOptions& options);

// A live one-line progress display while cases run: rewritten in place (\r) on a terminal,
// silent otherwise. Safe to call from the runner's worker threads.
class Progress {
 public:
  // Writes to std::cerr, so the report on stdout stays clean when redirected.
  Progress(size_t total, bool tty);
  Progress(size_t total, bool tty, std::ostream& out);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void finished(const harness::CaseResult& result);
  // Clears the line so what is printed next starts on a clean one. Idempotent.
  void done();

 private:
  void draw_locked(std::string_view last_id);

  std::mutex mutex_;
  std::ostream* out_;
  size_t total_;
  bool tty_;
  bool done_ = false;
  harness::VerdictCounts counts_;
  size_t drawn_width_ = 0;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace wirecheck::reports
