// Scores and the files a grading run writes, from results made by hand: the arithmetic of
// partial credit and scaling, CSV quoting, the Gradescope fields and the feedback's content.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "harness/grade/outputs.h"
#include "harness/grade/score.h"

namespace wirecheck::harness {
namespace {

CaseResult result(const std::string& id, const std::string& suite, Level level, Verdict v,
                  double points = 1) {
  CaseResult r;
  r.info.id = id;
  r.info.suite = suite;
  r.info.title = "title of " + id;
  r.info.ref.document = "RFC 9112";
  r.info.ref.section = "6.1";
  r.info.ref.level = level;
  r.info.ref.text = "the server MUST do it";
  r.info.points = points;
  r.verdict = v;
  if (v != Verdict::pass) {
    Reason reason;
    reason.verdict = v;
    reason.message = "expected 400, got 200";
    reason.expected = "status 400";
    reason.actual = "status 200";
    r.reasons.push_back(reason);
  }
  return r;
}

PointsPolicy student_policy() {
  PointsPolicy p;
  p.warn_credit = 0.5;
  p.should_weight = 0.5;
  p.scale_to = 100;
  return p;
}

TEST(Score, PartialCreditWeightsAndScaling) {
  RunResult run;
  run.results = {result("a", "s1", Level::must, Verdict::pass),
                 result("b", "s1", Level::must, Verdict::fail),
                 result("c", "s2", Level::should, Verdict::warn),    // 0.5 weight, half credit
                 result("d", "s2", Level::must, Verdict::skip),      // not counted
                 result("e", "s2", Level::must, Verdict::error, 2)};  // 2 points lost
  Score s = score_run(run, student_policy());
  // Possible: 1 + 1 + 0.5 + 2 = 4.5; earned: 1 + 0.25 = 1.25.
  EXPECT_DOUBLE_EQ(s.possible, 100);
  EXPECT_DOUBLE_EQ(s.factor, 100 / 4.5);
  EXPECT_NEAR(s.earned, 1.25 * 100 / 4.5, 1e-9);
  ASSERT_EQ(s.suites.size(), 2u);
  EXPECT_EQ(s.suites[0].suite, "s1");
  EXPECT_NEAR(s.suites[0].earned + s.suites[1].earned, s.earned, 1e-9);
  EXPECT_NEAR(s.suites[0].possible + s.suites[1].possible, 100, 1e-9);
  EXPECT_EQ(points_text(s.earned), "27.78");
}

TEST(Score, UnscaledPoliciesKeepRawPoints) {
  RunResult run;
  run.results = {result("a", "s", Level::must, Verdict::pass, 3),
                 result("b", "s", Level::must, Verdict::warn, 2)};
  PointsPolicy p;
  Score s = score_run(run, p);
  EXPECT_DOUBLE_EQ(s.earned, 4);
  EXPECT_DOUBLE_EQ(s.possible, 5);
  EXPECT_EQ(points_text(4), "4");
  EXPECT_EQ(points_text(87.5), "87.5");
  EXPECT_EQ(points_text(-0.001), "0");
}

TEST(Csv, QuotesAndFormulaGuard) {
  EXPECT_EQ(csv({{"a", "b,c", "say \"hi\""}, {"x\ny", "", "1"}}),
            "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"x\ny\",,1\r\n");
}

struct Fixture {
  Roster roster;
  ProfilePlan profile;
  StudentPlan plan;
  StudentGrade grade;

  Fixture() {
    Student s;
    s.name = "alice";
    s.start = "python3 server.py --port {port}";
    roster.students.push_back(s);
    profile.profile.name = "student-http";
    profile.profile.points = student_policy();
    plan.student = &roster.students[0];
    plan.profile = &profile;
    grade.name = "alice";
    grade.profile = "student-http";
    grade.starts = 2;
    grade.run.target = "alice";
    grade.run.results = {result("ok-case", "rfc9112-a", Level::must, Verdict::pass),
                         result("bad-case", "rfc9112-a", Level::must, Verdict::fail),
                         result("meh-case", "robustness", Level::should, Verdict::warn)};
    grade.run.tally();
    grade.events.push_back(
        "=exited with SIGSEGV (segmentation fault) during case bad-case (last lines of its "
        "stderr: boom); it was started again for the remaining cases");
    grade.retried.push_back({"meh-case", 2, "no complete response within 2s", Verdict::warn});
  }
};

TEST(Gradebook, OneRowPerStudentWithSuiteColumns) {
  Fixture f;
  std::vector<std::string> suites = {"rfc9112-a", "other-suite", "robustness"};
  auto row = gradebook_row(f.grade, f.plan, suites);
  // Possible 2.5, earned 1 + 0.25: the suites are 40 and 10 of 100.
  ASSERT_EQ(row.size(), 2 + suites.size() + 7);
  EXPECT_EQ(row[0], "alice");
  EXPECT_EQ(row[1], "student-http");
  EXPECT_EQ(row[2], "40");
  EXPECT_EQ(row[3], "");  // a suite this student's profile does not grade
  EXPECT_EQ(row[4], "10");
  EXPECT_EQ(row[5], "50");   // total
  EXPECT_EQ(row[6], "100");  // max
  EXPECT_EQ(row[7], "1");    // passed
  EXPECT_EQ(row[8], "1");    // warnings
  EXPECT_EQ(row[9], "1");    // failed
  EXPECT_EQ(row[10], "0");   // errors
  // A note that starts like a formula is defused; retries are listed too.
  EXPECT_EQ(row[11].rfind("'=exited with SIGSEGV", 0), 0u) << row[11];
  EXPECT_NE(row[11].find("; retried meh-case: warn on attempt 2 (first attempt: no complete "
                         "response within 2s)"),
            std::string::npos)
      << row[11];
}

TEST(Gradescope, ResultsJsonHasTheFieldsGradescopeReads) {
  Fixture f;
  auto doc = nlohmann::json::parse(gradescope_json(f.grade, f.plan));
  EXPECT_DOUBLE_EQ(doc["score"].get<double>(), 50);
  EXPECT_EQ(doc["output_format"], "md");
  EXPECT_EQ(doc["visibility"], "visible");
  EXPECT_NE(doc["output"].get<std::string>().find("SIGSEGV"), std::string::npos);
  ASSERT_EQ(doc["tests"].size(), 3u);
  double sum = 0;
  for (const auto& t : doc["tests"]) {
    for (const char* key : {"score", "max_score", "name", "number", "output", "tags", "visibility",
                            "status"}) {
      EXPECT_TRUE(t.contains(key)) << key << " missing in " << t.dump();
    }
    sum += t["score"].get<double>();
  }
  EXPECT_DOUBLE_EQ(sum, 50);
  const auto& bad = doc["tests"][1];
  EXPECT_EQ(bad["name"], "bad-case: title of bad-case");
  EXPECT_EQ(bad["number"], "1.2");
  EXPECT_EQ(bad["status"], "failed");
  EXPECT_DOUBLE_EQ(bad["score"].get<double>(), 0);
  EXPECT_DOUBLE_EQ(bad["max_score"].get<double>(), 40);
  std::string output = bad["output"];
  EXPECT_NE(output.find("expected 400, got 200"), std::string::npos) << output;
  EXPECT_NE(output.find("the server MUST do it"), std::string::npos) << output;
  const auto& meh = doc["tests"][2];
  EXPECT_EQ(meh["number"], "2.1");
  EXPECT_EQ(meh["status"], "passed");
  EXPECT_DOUBLE_EQ(meh["score"].get<double>(), 10);
  EXPECT_EQ(meh["tags"], nlohmann::json::array({"robustness", "SHOULD"}));
  EXPECT_EQ(doc["extra_data"]["retried"][0]["id"], "meh-case");
}

TEST(Feedback, MarkdownSaysTheScoreWhatHappenedAndHowToReproduce) {
  Fixture f;
  std::string md = feedback_markdown(f.grade, f.plan);
  EXPECT_NE(md.find("# Feedback for alice"), std::string::npos);
  EXPECT_NE(md.find("**Score: 50 of 100**"), std::string::npos) << md;
  EXPECT_NE(md.find("Started with `python3 server.py --port {port}` (2 starts)"), std::string::npos)
      << md;
  EXPECT_NE(md.find("exited with SIGSEGV"), std::string::npos);
  EXPECT_NE(md.find("| rfc9112-a | 40 | 80 |"), std::string::npos) << md;
  EXPECT_NE(md.find("the server MUST do it"), std::string::npos) << md;
}

TEST(Feedback, SummaryLine) {
  Fixture f;
  std::string line = summary_line(f.grade, f.plan, 8);
  EXPECT_EQ(line.rfind("alice          50 / 100  1 passed, 1 warning, 1 failed  · =exited with SIGSEGV", 0), 0u)
      << line;
  EXPECT_NE(line.find("(+1 more)"), std::string::npos) << line;
}

}  // namespace
}  // namespace wirecheck::harness
