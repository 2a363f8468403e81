#include "harness/grade/outputs.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include <nlohmann/json.hpp>

#include "reports/detail.h"
#include "reports/escape.h"
#include "reports/report.h"

namespace wirecheck::harness {
namespace {

using nlohmann::ordered_json;

// Spreadsheets run a cell that starts with one of these as a formula.
std::string csv_text(const std::string& text) {
  if (!text.empty() && std::string("=+-@\t\r").find(text.front()) != std::string::npos) {
    return "'" + text;
  }
  return text;
}

std::string counts_text(const VerdictCounts& c) {
  std::string out = std::to_string(c.pass) + " passed";
  auto add = [&](size_t n, const char* one, const char* many) {
    if (n) out += ", " + std::to_string(n) + " " + (n == 1 ? one : many);
  };
  add(c.warn, "warning", "warnings");
  add(c.fail, "failed", "failed");
  add(c.error, "error", "errors");
  add(c.skip, "skipped", "skipped");
  return out;
}

std::string retried_text(const RetriedCase& r) {
  return "retried " + r.id + ": " + std::string(to_string(r.final_verdict)) + " on attempt " +
         std::to_string(r.attempts) + " (first attempt: " + r.first_failure + ")";
}

std::vector<std::string> notes_of(const StudentGrade& grade) {
  std::vector<std::string> notes = grade.events;
  for (const auto& r : grade.retried) notes.push_back(retried_text(r));
  return notes;
}

// Four decimals: the tests of a results.json add up to its score however many there are.
double rounded(double points) {
  double r = std::round(points * 10000) / 10000;
  return r == 0 ? 0 : r;
}

std::string case_output(const CaseResult& r) {
  if (r.verdict == Verdict::pass && r.reasons.empty()) return "passed";
  std::string out = std::string(to_string(r.verdict)) + ": " + reports::headline(r) + "\n";
  reports::DetailOptions options;
  options.indent = "  ";
  reports::write_case_detail(out, r, options);
  return out;
}

}  // namespace

Score score_student(const StudentGrade& grade, const StudentPlan& plan) {
  return score_run(grade.run, plan.profile->profile.points);
}

std::vector<std::string> gradebook_header(const GradePlan& plan) {
  std::vector<std::string> header = {"student", "profile"};
  for (const auto& suite : plan.suites()) header.push_back(suite);
  for (const char* column : {"total", "max", "passed", "warnings", "failed", "errors", "notes"}) {
    header.emplace_back(column);
  }
  return header;
}

std::vector<std::string> gradebook_row(const StudentGrade& grade, const StudentPlan& plan,
                                       const std::vector<std::string>& suites) {
  Score s = score_student(grade, plan);
  std::vector<std::string> row = {csv_text(grade.name), csv_text(grade.profile)};
  for (const auto& suite : suites) {
    std::string cell;
    for (const auto& ss : s.suites) {
      if (ss.suite == suite) cell = points_text(ss.earned);
    }
    row.push_back(cell);
  }
  const VerdictCounts& c = grade.run.counts;
  row.push_back(points_text(s.earned));
  row.push_back(points_text(s.possible));
  for (size_t n : {c.pass, c.warn, c.fail, c.error}) row.push_back(std::to_string(n));
  std::string notes;
  for (const auto& n : notes_of(grade)) notes += (notes.empty() ? "" : "; ") + n;
  row.push_back(csv_text(reports::printable(notes)));
  return row;
}

std::string csv(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      const std::string& cell = row[i];
      if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        out += cell;
        continue;
      }
      out += '"';
      for (char ch : cell) {
        if (ch == '"') out += '"';
        out += ch;
      }
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

std::string gradescope_json(const StudentGrade& grade, const StudentPlan& plan) {
  const PointsPolicy& policy = plan.profile->profile.points;
  Score s = score_student(grade, plan);
  ordered_json doc;
  doc["score"] = rounded(s.earned);
  std::string output = "**" + points_text(s.earned) + " of " + points_text(s.possible) +
                       " points** (profile `" + grade.profile + "`): " +
                       counts_text(grade.run.counts) + ".";
  for (const auto& n : notes_of(grade)) output += "\n\n- " + reports::markdown_text(n);
  output += "\n\nEach test below says what was sent, what came back and why it matters; "
            "feedback.md has the same with a command to reproduce each problem.";
  doc["output"] = output;
  doc["output_format"] = "md";
  doc["test_output_format"] = "text";
  doc["visibility"] = "visible";
  doc["stdout_visibility"] = "hidden";
  ordered_json tests = ordered_json::array();
  std::map<std::string, int> suite_numbers;
  std::map<std::string, int> case_numbers;
  for (const auto& r : grade.run.results) {
    auto [it, inserted] =
        suite_numbers.try_emplace(r.info.suite, static_cast<int>(suite_numbers.size()) + 1);
    int number = ++case_numbers[r.info.suite];
    ordered_json t;
    t["score"] = rounded(s.earned_by(r, policy));
    t["max_score"] = rounded(s.possible_for(r, policy));
    t["name"] = r.info.id + ": " + r.info.title;
    t["number"] = std::to_string(it->second) + "." + std::to_string(number);
    t["output"] = case_output(r);
    ordered_json tags = ordered_json::array();
    tags.push_back(r.info.suite);
    tags.push_back(std::string(to_string(r.info.ref.level)));
    for (const auto& tag : r.info.tags) tags.push_back(tag);
    t["tags"] = tags;
    t["visibility"] = "visible";
    t["status"] = (r.verdict == Verdict::pass || r.verdict == Verdict::warn ||
                   r.verdict == Verdict::skip)
                      ? "passed"
                      : "failed";
    t["extra_data"] = {{"verdict", std::string(to_string(r.verdict))},
                       {"requirement", r.info.ref.to_string()}};
    tests.push_back(std::move(t));
  }
  doc["tests"] = std::move(tests);
  ordered_json retried = ordered_json::array();
  for (const auto& r : grade.retried) {
    retried.push_back({{"id", r.id},
                       {"attempts", r.attempts},
                       {"first_failure", r.first_failure},
                       {"verdict", std::string(to_string(r.final_verdict))}});
  }
  doc["extra_data"] = {{"student", grade.name},
                       {"profile", grade.profile},
                       {"address", grade.address},
                       {"max_score", rounded(s.possible)},
                       {"events", grade.events},
                       {"retried", retried},
                       {"starts", grade.starts},
                       {"seconds", static_cast<double>(grade.elapsed.count()) / 1000.0}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string feedback_markdown(const StudentGrade& grade, const StudentPlan& plan) {
  Score s = score_student(grade, plan);
  std::string out = "# Feedback for " + reports::markdown_text(grade.name) + "\n\n";
  out += "**Score: " + points_text(s.earned) + " of " + points_text(s.possible) +
         "** (profile " + reports::markdown_code(grade.profile) + "): " +
         counts_text(grade.run.counts) + ".\n\n";
  out += "## Your server\n\n";
  if (plan.student->started()) {
    out += "- Started with " + reports::markdown_code(plan.student->start) + " (" +
           std::to_string(grade.starts) + (grade.starts == 1 ? " start" : " starts") + ")";
    if (grade.ready_time.count() > 0) {
      out += "; it accepted connections " + points_text(static_cast<double>(grade.ready_time.count()) / 1000.0) +
             " s after the first start";
    }
    out += ".\n";
  } else {
    out += "- Tested at " + reports::markdown_code(plan.student->target) + ".\n";
  }
  for (const auto& e : grade.events) out += "- " + reports::markdown_text(e) + "\n";
  for (const auto& r : grade.retried) out += "- " + reports::markdown_text(retried_text(r)) + "\n";
  if (grade.events.empty()) out += "- Nothing unusual: it kept running and answering.\n";
  out += "\n## Points by suite\n\n| Suite | Points | Of |\n| :-- | --: | --: |\n";
  for (const auto& ss : s.suites) {
    out += "| " + reports::markdown_text(ss.suite) + " | " + points_text(ss.earned) + " | " +
           points_text(ss.possible) + " |\n";
  }
  out += "| **Total** | **" + points_text(s.earned) + "** | **" + points_text(s.possible) +
         "** |\n\n";
  out += "To reproduce a problem, start your server and run the `printf ... | nc HOST PORT` "
         "line given with it, with HOST and PORT where your server listens.\n\n";
  out += reports::render(grade.run, reports::Format::markdown);
  return out;
}

std::string feedback_html(const StudentGrade& grade) {
  return reports::render(grade.run, reports::Format::html);
}

std::string summary_line(const StudentGrade& grade, const StudentPlan& plan, size_t name_width) {
  Score s = score_student(grade, plan);
  std::string name = grade.name;
  if (name.size() < name_width) name.resize(name_width, ' ');
  std::string points = points_text(s.earned) + " / " + points_text(s.possible);
  if (points.size() < 13) points.insert(0, 13 - points.size(), ' ');
  std::string line = name + "  " + points + "  " + counts_text(grade.run.counts);
  auto notes = notes_of(grade);
  if (!notes.empty()) {
    std::string first = reports::printable(notes.front());
    if (first.size() > 110) first = first.substr(0, 107) + "...";
    line += "  · " + first;
    if (notes.size() > 1) line += " (+" + std::to_string(notes.size() - 1) + " more)";
  }
  return line;
}

bool write_student_files(const std::string& out_dir, const StudentGrade& grade,
                         const StudentPlan& plan, std::vector<std::string>& errors) {
  namespace fs = std::filesystem;
  fs::path dir = student_dir(out_dir, grade.name);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    errors.push_back("cannot create " + dir.string() + ": " + ec.message());
    return false;
  }
  bool ok = true;
  auto write = [&](const char* name, const std::string& content) {
    std::string error;
    if (!reports::write_file_atomically((dir / name).string(), content, &error)) {
      errors.push_back(error);
      ok = false;
    }
  };
  write("results.json", gradescope_json(grade, plan));
  write("feedback.md", feedback_markdown(grade, plan));
  write("feedback.html", feedback_html(grade));
  return ok;
}

std::map<std::string, std::string> existing_gradebook_rows(const std::string& out_dir,
                                                           const std::vector<std::string>& header) {
  std::map<std::string, std::string> rows;
  std::ifstream in(std::filesystem::path(out_dir) / "gradebook.csv", std::ios::binary);
  if (!in) return rows;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Names hold no commas or quotes and notes no line breaks, so rows are lines and a row's
  // first field is its student.
  std::string expected = csv({header});
  if (text.compare(0, expected.size(), expected) != 0) return rows;
  size_t at = expected.size();
  while (at < text.size()) {
    size_t end = text.find("\r\n", at);
    if (end == std::string::npos) break;
    std::string line = text.substr(at, end - at);
    rows.emplace(line.substr(0, line.find(',')), line);
    at = end + 2;
  }
  return rows;
}

bool write_gradebook(const std::string& out_dir, const GradePlan& plan,
                     const std::vector<std::vector<std::string>>& rows,
                     const std::map<std::string, std::string>& kept,
                     std::vector<std::string>& errors) {
  std::string text = csv({gradebook_header(plan)});
  for (size_t i = 0; i < plan.students.size(); ++i) {
    if (i < rows.size() && !rows[i].empty()) {
      text += csv({rows[i]});
    } else if (auto it = kept.find(plan.students[i].student->name); it != kept.end()) {
      text += it->second + "\r\n";
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  std::string error;
  std::string path = (std::filesystem::path(out_dir) / "gradebook.csv").string();
  if (!reports::write_file_atomically(path, text, &error)) {
    errors.push_back(error);
    return false;
  }
  return true;
}

}  // namespace wirecheck::harness
