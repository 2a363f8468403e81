#pragma once
// What a grading run writes into its output directory, every file atomically (a reader sees
// the old file or the whole new one), each student's files as soon as that student is
// graded, so a run that is interrupted still leaves complete files for what finished:
//
//   OUT/gradebook.csv                      one row per student: a column per suite, the total
//   OUT/students/<name>/results.json       Gradescope's results format
//   OUT/students/<name>/feedback.md        what failed, why (the RFC's words), how to reproduce
//   OUT/students/<name>/feedback.html      the HTML report of the student's run
//   OUT/students/<name>/stdout.log, stderr.log   the server's own output (while it runs)
#include <map>
#include <string>
#include <vector>

#include "harness/grade/grade.h"
#include "harness/grade/plan.h"
#include "harness/grade/score.h"
#include "harness/grade/student_grader.h"

namespace wirecheck::harness {

Score score_student(const StudentGrade& grade, const StudentPlan& plan);

// The gradebook (RFC 4180 CSV). Columns: student, profile, one per suite (the plan's suites,
// library order; empty for a suite the student's profile does not grade), total, max,
// passed, warnings, failed, errors, notes (the server's troubles in plain words). Rows can be
// made as students finish, so the file can be rewritten after each one.
std::vector<std::string> gradebook_header(const GradePlan& plan);
std::vector<std::string> gradebook_row(const StudentGrade& grade, const StudentPlan& plan,
                                       const std::vector<std::string>& suites);
std::string csv(const std::vector<std::vector<std::string>>& rows);

// https://gradescope-autograders.readthedocs.io/en/latest/specs/ : score, output (Markdown),
// and one test per case with score, max_score, name, number, output, tags, visibility,
// status.
std::string gradescope_json(const StudentGrade& grade, const StudentPlan& plan);

// For the student: the score, what happened to the server, then the run's Markdown report
// (each problem with the requirement it breaks and a printf | nc line to reproduce it).
std::string feedback_markdown(const StudentGrade& grade, const StudentPlan& plan);
std::string feedback_html(const StudentGrade& grade);

// One line for the console: "alice  87.5 / 100  2 failed, 1 warning  exited with SIGSEGV ...".
std::string summary_line(const StudentGrade& grade, const StudentPlan& plan, size_t name_width);

// Writes the student's results.json, feedback.md and feedback.html. Problems are appended to
// `errors` ("cannot write ...: No space left on device"); false when there was one.
bool write_student_files(const std::string& out_dir, const StudentGrade& grade,
                         const StudentPlan& plan, std::vector<std::string>& errors);
// Rows of an existing OUT/gradebook.csv by student name, when its header is `header` (a
// run that grades some students again keeps the others' rows); empty otherwise.
std::map<std::string, std::string> existing_gradebook_rows(const std::string& out_dir,
                                                           const std::vector<std::string>& header);

// Writes OUT/gradebook.csv: the header, then for each student of the plan (roster order) its
// row in `rows` if it has one, else its line in `kept` if there is one.
bool write_gradebook(const std::string& out_dir, const GradePlan& plan,
                     const std::vector<std::vector<std::string>>& rows,
                     const std::map<std::string, std::string>& kept,
                     std::vector<std::string>& errors);

}  // namespace wirecheck::harness
