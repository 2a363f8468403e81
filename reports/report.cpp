#include "reports/report.h"

#include <string>

#include "reports/escape.h"
#include "reports/renderers.h"

namespace wirecheck::reports {
namespace {

constexpr Format kFormats[] = {Format::console, Format::junit, Format::json, Format::markdown,
                               Format::html};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string format_list() {
  std::string out;
  for (Format f : kFormats) {
    if (!out.empty()) out += ", ";
    out += to_string(f);
  }
  return out;
}

// Names people reach for that mean one of ours; suggested, not accepted, so a report is
// always named the one way.
std::optional<Format> alias(std::string_view name) {
  std::string n = lower(name);
  if (n == "xml" || n == "junit-xml" || n == "junitxml") return Format::junit;
  if (n == "md" || n == "gfm" || n == "github") return Format::markdown;
  if (n == "htm") return Format::html;
  if (n == "text" || n == "txt") return Format::console;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Format format) {
  switch (format) {
    case Format::console: return "console";
    case Format::junit: return "junit";
    case Format::json: return "json";
    case Format::markdown: return "markdown";
    case Format::html: return "html";
  }
  return "console";
}

std::optional<Format> parse_format(std::string_view name) {
  std::string n = lower(name);
  for (Format f : kFormats) {
    if (n == to_string(f)) return f;
  }
  return std::nullopt;
}

std::optional<ReportRequest> parse_report_flag(std::string_view spec, std::string* error) {
  auto fail = [&](std::string message) -> std::optional<ReportRequest> {
    if (error) *error = std::move(message);
    return std::nullopt;
  };
  size_t eq = spec.find('=');
  if (eq == std::string_view::npos) {
    std::string hint;
    if (parse_format(spec) || alias(spec)) {
      Format f = parse_format(spec) ? *parse_format(spec) : *alias(spec);
      hint = " (for example " + std::string(to_string(f)) + "=report" +
             (f == Format::junit ? ".xml" : f == Format::json ? ".json" : f == Format::markdown ? ".md"
                                  : f == Format::html ? ".html" : ".txt") + ")";
    } else {
      hint = " (for example junit=report.xml)";
    }
    return fail("--report expects FORMAT=FILE" + hint + ", got '" + printable(spec) + "'");
  }
  std::string_view name = spec.substr(0, eq);
  std::string_view path = spec.substr(eq + 1);
  std::optional<Format> format = parse_format(name);
  if (!format) {
    std::string message = "unknown report format '" + printable(name) + "'";
    if (auto a = alias(name)) message += "; did you mean '" + std::string(to_string(*a)) + "'?";
    message += " (formats: " + format_list() + ")";
    return fail(message);
  }
  if (path.empty()) {
    return fail("--report " + std::string(to_string(*format)) + "= needs a file name after '='");
  }
  return ReportRequest{*format, std::string(path)};
}

std::string render(const harness::RunResult& result, Format format) {
  switch (format) {
    case Format::console: return render_console_text(result);
    case Format::junit: return render_junit(result);
    case Format::json: return render_json(result);
    case Format::markdown: return render_markdown(result);
    case Format::html: return render_html(result);
  }
  return render_console_text(result);
}

}  // namespace wirecheck::reports
