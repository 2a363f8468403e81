// What `wirecheck grade tests/data/rosters/students.yaml` wrote (the grade.roster.run fixture
// runs it once): each test student loses exactly the cases its mistake should cost, its total
// follows from those losses, and what went wrong with its server is said in plain words. That
// roster grades a frozen copy of the case library (tests/data/rosters/cases/README.md), so
// these expectations hold while the library grows.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;

const std::string kOut = WIRECHECK_GRADE_OUT;

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<std::string> split(const std::string& line) {
  // The test roster's cells hold no quotes; a quoted cell holds commas only.
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += c;
    }
  }
  cells.push_back(cell);
  return cells;
}

struct Gradebook {
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;

  static Gradebook load(const std::string& out) {
    Gradebook g;
    std::string text = read(out + "/gradebook.csv");
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      auto cells = split(line);
      if (g.header.empty()) {
        g.header = cells;
        continue;
      }
      std::map<std::string, std::string> row;
      for (size_t i = 0; i < cells.size() && i < g.header.size(); ++i) row[g.header[i]] = cells[i];
      g.rows.push_back(row);
    }
    return g;
  }

  const std::map<std::string, std::string>* row(const std::string& student) const {
    for (const auto& r : rows) {
      if (r.at("student") == student) return &r;
    }
    return nullptr;
  }
};

struct Student {
  json results;
  std::string feedback;
  std::map<std::string, std::string> not_passed;  // case id -> verdict
  std::vector<std::string> events;
  const std::map<std::string, std::string>* row = nullptr;
};

const Gradebook& gradebook(const std::string& out) {
  static std::map<std::string, Gradebook> books;
  auto it = books.find(out);
  if (it == books.end()) it = books.emplace(out, Gradebook::load(out)).first;
  return it->second;
}

Student load(const std::string& name, const std::string& out = kOut) {
  Student s;
  std::string dir = out + "/students/" + name;
  std::string text = read(dir + "/results.json");
  EXPECT_FALSE(text.empty()) << "no " << dir << "/results.json: did grade.roster.run run?";
  if (text.empty()) return s;
  s.results = json::parse(text);
  s.feedback = read(dir + "/feedback.md");
  for (const auto& t : s.results["tests"]) {
    std::string verdict = t["extra_data"]["verdict"];
    if (verdict != "pass") {
      std::string name_field = t["name"];
      s.not_passed[name_field.substr(0, name_field.find(':'))] = verdict;
    }
  }
  for (const auto& e : s.results["extra_data"]["events"]) s.events.push_back(e);
  s.row = gradebook(out).row(name);
  EXPECT_TRUE(s.row) << name << " has no row in the gradebook";
  return s;
}

std::string two_decimals(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", std::round(v * 100) / 100);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

// The losses, the total they leave (a warning earns half its points under both profiles),
// and the same total in results.json and the gradebook.
void expect_graded(const Student& s, const std::map<std::string, std::string>& lost) {
  EXPECT_EQ(s.not_passed, lost);
  double max = 0;
  double expected = 0;
  double sum = 0;
  for (const auto& t : s.results["tests"]) {
    double m = t["max_score"];
    std::string verdict = t["extra_data"]["verdict"];
    max += m;
    expected += verdict == "pass" ? m : verdict == "warn" ? m / 2 : 0;
    sum += t["score"].get<double>();
  }
  double score = s.results["score"];
  EXPECT_NEAR(score, expected, 0.01);
  EXPECT_NEAR(sum, score, 0.01);
  EXPECT_NEAR(s.results["extra_data"]["max_score"].get<double>(), max, 0.01);
  ASSERT_TRUE(s.row);
  EXPECT_EQ(s.row->at("total"), two_decimals(expected));
  EXPECT_EQ(s.row->at("max"), two_decimals(max));
}

bool any_event_matches(const Student& s, const std::string& pattern) {
  std::regex re(pattern);
  for (const auto& e : s.events) {
    if (std::regex_search(e, re)) return true;
  }
  return false;
}

std::string events_of(const Student& s) {
  std::string out;
  for (const auto& e : s.events) out += "  " + e + "\n";
  return out.empty() ? "  (no events)\n" : out;
}

TEST(GradedRoster, GradebookHasARowPerStudentInRosterOrder) {
  const Gradebook& g = gradebook(kOut);
  ASSERT_FALSE(g.header.empty()) << "no gradebook.csv in " << kOut;
  EXPECT_EQ(g.header.front(), "student");
  EXPECT_EQ(g.header[1], "profile");
  for (const char* suite : {"rfc9112-message-body-length", "robustness-concurrency", "tcp-reply"}) {
    EXPECT_NE(std::find(g.header.begin(), g.header.end(), suite), g.header.end()) << suite;
  }
  EXPECT_EQ(std::vector<std::string>(g.header.end() - 7, g.header.end()),
            (std::vector<std::string>{"total", "max", "passed", "warnings", "failed", "errors",
                                      "notes"}));
  std::vector<std::string> names;
  for (const auto& r : g.rows) names.push_back(r.at("student"));
  EXPECT_EQ(names, (std::vector<std::string>{
                       "http-correct", "http-correct-cpp", "binds-late", "single-threaded",
                       "truncated-body", "no-content-length", "ok-for-missing",
                       "crash-on-disconnect", "busy-loop", "never-binds", "unreachable",
                       "tcp-correct", "tcp-wrong-encoding"}));
  std::string console = read(kOut + "/console.txt");
  EXPECT_NE(console.find("graded 13 of 13 students"), std::string::npos) << console;
}

TEST(GradedRoster, CorrectServersGetFullMarks) {
  for (const char* name : {"http-correct", "http-correct-cpp", "tcp-correct"}) {
    SCOPED_TRACE(name);
    Student s = load(name);
    expect_graded(s, {});
    EXPECT_TRUE(s.events.empty()) << events_of(s);
    ASSERT_TRUE(s.row);
    EXPECT_EQ(s.row->at("total"), s.row->at("max"));
  }
  EXPECT_EQ(load("http-correct").row->at("total"), "100");
  EXPECT_EQ(load("tcp-correct").row->at("total"), "5");  // tcp-reply does not scale
}

TEST(GradedRoster, AServerThatListensLateIsWaitedForNotPenalised) {
  Student s = load("binds-late");
  expect_graded(s, {});
  EXPECT_EQ(s.row->at("total"), "100");
  EXPECT_GE(s.results["extra_data"]["starts"].get<int>(), 1);
}

TEST(GradedRoster, SingleThreadedServerLosesTheStalledClientCase) {
  Student s = load("single-threaded");
  expect_graded(s, {{"robustness-stalled-client-does-not-block", "warn"}});
  EXPECT_TRUE(s.events.empty()) << events_of(s);  // it recovers once the stalled client leaves
}

TEST(GradedRoster, BodyTruncatedAtOneReadLosesTheCasesThatSendTheBodyLater) {
  Student s = load("truncated-body");
  expect_graded(s, {{"rfc9110-10.1.1-100-continue", "fail"}, {"rfc9112-6.3-incomplete-body", "fail"}});
}

TEST(GradedRoster, MissingContentLengthLosesFramingAndPersistence) {
  Student s = load("no-content-length");
  expect_graded(s, {{"rfc9110-9.3.2-head-has-no-content", "fail"},
                    {"rfc9110-15.5.5-missing-resource", "warn"},
                    {"rfc9110-8.6-one-framing", "fail"},
                    {"rfc9112-3.2-structured-get", "fail"},
                    {"rfc9112-6.3-body-from-file", "fail"},
                    {"rfc9112-9.3-persistent-by-default", "fail"},
                    {"rfc9112-9.3.2-pipelined-pair", "fail"}});
}

TEST(GradedRoster, OkForAMissingFileLosesThe404Cases) {
  Student s = load("ok-for-missing");
  expect_graded(s, {{"rfc9110-15.5.5-missing-resource", "warn"},
                    {"rfc9112-9.3-persistent-by-default", "fail"},
                    {"rfc9112-9.3.2-pipelined-pair", "fail"}});
}

TEST(GradedRoster, ACrashCostsTheCaseItHappenedInAndTheServerIsRestarted) {
  Student s = load("crash-on-disconnect");
  expect_graded(s, {{"rfc9112-6.3-incomplete-body", "fail"}, {"robustness-client-abort", "fail"}});
  for (const char* id : {"rfc9112-6.3-incomplete-body", "robustness-client-abort"}) {
    EXPECT_TRUE(any_event_matches(
        s, std::string("^exited with SIGSEGV \\(segmentation fault\\) during case ") + id +
               " \\(last lines of its stderr: .*client on fd [0-9]+ left after [0-9]+ bytes; "
               "parsing what arrived\\)(; it was started again for the remaining cases)?$"))
        << id << "\n" << events_of(s);
  }
  // More starts than a correct server (one per suite): the rest of a suite after a crash runs
  // on a fresh server.
  EXPECT_GT(s.results["extra_data"]["starts"].get<int>(),
            load("http-correct").results["extra_data"]["starts"].get<int>());
  EXPECT_NE(s.feedback.find("exited with SIGSEGV"), std::string::npos);
}

TEST(GradedRoster, AServerThatHangsIsSaidToHaveStoppedRespondingAndIsReplaced) {
  Student s = load("busy-loop");
  expect_graded(s, {{"rfc9112-6.3-incomplete-body", "fail"},
                    {"robustness-stalled-client-does-not-block", "warn"}});
  EXPECT_TRUE(any_event_matches(
      s, "^stopped responding after case rfc9112-6.3-incomplete-body \\([a-z0-9.-]+ got no "
         "answer within [0-9.]+ s\\); it was started again for the remaining cases$"))
      << events_of(s);
}

TEST(GradedRoster, AServerThatNeverListensCostsEveryCaseAndSaysWhy) {
  Student s = load("never-binds");
  ASSERT_EQ(s.not_passed.size(), 37u);
  for (const auto& [id, verdict] : s.not_passed) EXPECT_EQ(verdict, "error") << id;
  EXPECT_EQ(s.row->at("total"), "0");
  EXPECT_EQ(s.results["score"].get<double>(), 0);
  ASSERT_EQ(s.events.size(), 1u) << events_of(s);
  EXPECT_TRUE(any_event_matches(s, "^never listened on port [0-9]+ within 10 s \\(last "
                                   "lines of its stderr: starting up\\.\\.\\.\\)$"))
      << events_of(s);
  EXPECT_NE(s.row->at("notes").find("never listened on port"), std::string::npos);
  EXPECT_EQ(s.results["tests"][0]["output"].get<std::string>().rfind(
                "error: not run: the server never listened on port ", 0),
            0u);
  // One start only: a server that never listens is not started again for every suite.
  EXPECT_EQ(s.results["extra_data"]["starts"].get<int>(), 1);
}

TEST(GradedRoster, AnUnreachableTargetCostsEveryCaseAndSaysWhy) {
  Student s = load("unreachable");
  ASSERT_EQ(s.not_passed.size(), 37u);
  EXPECT_EQ(s.row->at("total"), "0");
  EXPECT_TRUE(any_event_matches(s, "^cannot be reached at 127\\.0\\.0\\.1:1: .*connection refused"))
      << events_of(s);
}

TEST(GradedRoster, AServerReplyingInTheWrongEncodingFailsTheTcpReplyCases) {
  Student s = load("tcp-wrong-encoding");
  expect_graded(s, {{"tcp-reply-basic", "fail"},
                    {"tcp-reply-two-messages", "fail"},
                    {"tcp-reply-reverse-order-clients", "fail"},
                    {"tcp-reply-survives-silent-client", "fail"},
                    {"tcp-reply-no-greeting", "warn"}});
  EXPECT_TRUE(s.events.empty()) << events_of(s);
}

TEST(GradedRoster, FeedbackExplainsAndShowsHowToReproduce) {
  Student s = load("ok-for-missing");
  EXPECT_NE(s.feedback.find("# Feedback for ok-for-missing"), std::string::npos);
  EXPECT_NE(s.feedback.find("**Score: " + s.row->at("total") + " of 100**"), std::string::npos);
  // The requirement's own words and a line to send the same bytes by hand.
  EXPECT_NE(s.feedback.find("The 404 (Not Found) status code indicates"), std::string::npos);
  EXPECT_NE(s.feedback.find("printf 'GET /no-such-page.html HTTP/1.1\\r\\nHost: "), std::string::npos);
  EXPECT_NE(s.feedback.find("| nc HOST PORT"), std::string::npos);
  std::string html = read(kOut + "/students/ok-for-missing/feedback.html");
  EXPECT_NE(html.find("rfc9110-15.5.5-missing-resource"), std::string::npos);
}

}  // namespace
