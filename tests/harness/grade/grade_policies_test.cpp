// Grading policies and limits end to end, through the library: the wall-time and process
// limits the watchdog enforces, retries only when the roster allows them (and reported),
// how often servers start under each restart policy, and an interrupted grading keeping only
// what finished. Students are the tcp-reply tutorial servers of tests/students/ graded with
// the tcp-reply profile (five cases) of the frozen library in tests/data/rosters/cases.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <regex>
#include <spawn.h>
#include <string>
#include <thread>

#include "harness/grade/free_port.h"
#include "harness/grade/grade.h"
#include "harness/grade/process.h"
#include "harness/grade/roster_loader.h"

extern char** environ;

namespace wirecheck::harness {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

const std::string kSource = WIRECHECK_SOURCE_DIR;
const std::string kReply = "python3 " + kSource + "/tests/students/tcp_reply.py --port {port}";
const std::string kMisbehaving =
    "python3 " + kSource + "/tests/students/tcp_misbehaving.py --port {port} --mode ";

// Command lines of the processes running now that contain `needle`.
std::vector<std::string> processes_with(const std::string& needle) {
  std::vector<std::string> found;
  DIR* proc = ::opendir("/proc");
  if (!proc) return found;
  while (dirent* e = ::readdir(proc)) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    // A process may exit while we read its cmdline (read() then fails with ESRCH): read with
    // plain POSIX calls and take whatever arrived.
    std::string cmdline;
    int fd = ::open((std::string("/proc/") + e->d_name + "/cmdline").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    char buf[4096];
    for (ssize_t got; (got = ::read(fd, buf, sizeof buf)) > 0;) cmdline.append(buf, static_cast<size_t>(got));
    ::close(fd);
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    if (cmdline.find(needle) != std::string::npos) found.push_back(cmdline);
  }
  ::closedir(proc);
  return found;
}

// Waits (boundedly) until no process's command line contains `needle`.
bool none_left(const std::string& needle) {
  for (int i = 0; i < 500; ++i) {
    if (processes_with(needle).empty()) return true;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return false;
}

class GradePolicies : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("wirecheck-grade-policies-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // `body` is the roster after its common head (cases and profile).
  std::string write_roster(const std::string& body) {
    std::string path = (dir_ / "roster.yaml").string();
    // The frozen copy of the library the self-test roster uses: five tcp-reply cases.
    std::ofstream(path) << "cases: " << kSource << "/tests/data/rosters/cases\nprofile: tcp-reply\n"
                        << body;
    return path;
  }

  GradeRun grade_roster(const std::string& body, GradeOptions options = {}) {
    Diagnostics d;
    auto roster = load_roster(write_roster(body), d);
    std::string messages;
    for (const auto& item : d.items()) messages += item.to_string() + "\n";
    EXPECT_TRUE(roster) << messages;
    if (!roster) return {};
    plan_ = plan_grading(std::move(*roster), d);
    EXPECT_TRUE(plan_) << messages;
    if (!plan_) return {};
    options.out_dir = (dir_ / "out").string();
    return grade(*plan_, options);
  }

  static std::string events(const StudentGrade& g) {
    std::string out;
    for (const auto& e : g.events) out += "  " + e + "\n";
    return out.empty() ? "  (none)\n" : out;
  }

  fs::path dir_;
  std::unique_ptr<GradePlan> plan_;
};

TEST_F(GradePolicies, TheWallTimeLimitEndsAStudentsGradingAndSaysSo) {
  GradeRun run = grade_roster("students:\n  - name: silent\n    start: " + kMisbehaving +
                              "silent\n    limits: { wall: 2s }\n");
  ASSERT_EQ(run.students.size(), 1u);
  ASSERT_TRUE(run.students[0]);
  const StudentGrade& g = *run.students[0];
  ASSERT_EQ(g.run.results.size(), 5u);  // every case has a result, run or not
  ASSERT_EQ(g.events.size(), 1u) << events(g);
  EXPECT_EQ(g.events[0], "the wall-time limit of 2 s for grading this student ran out");
  size_t not_run = 0;
  for (const auto& r : g.run.results) {
    EXPECT_NE(r.verdict, Verdict::pass) << r.info.id;
    if (!r.reasons.empty() && r.reasons[0].message.rfind("not run: the wall-time limit of 2 s", 0) == 0) {
      ++not_run;
    }
  }
  EXPECT_GE(not_run, 1u);
  EXPECT_TRUE(none_left("--mode silent")) << "the silent server outlived its grading";
}

TEST_F(GradePolicies, TheProcessLimitStopsAServerThatForksWithoutEnd) {
  GradeRun run = grade_roster("students:\n  - name: forker\n    start: " + kMisbehaving +
                              "forker\n    limits: { processes: 3 }\n");
  ASSERT_TRUE(run.students.size() == 1 && run.students[0]);
  const StudentGrade& g = *run.students[0];
  std::regex stopped(
      "^started [0-9]+ processes \\(the limit is 3\\) and was stopped during (or right after )?"
      "case tcp-reply-[a-z-]+ \\(last lines of its stderr: listening, mode forker\\)"
      "(; it was started again for the remaining cases)?$");
  bool found = false;
  for (const auto& e : g.events) found = found || std::regex_search(e, stopped);
  EXPECT_TRUE(found) << events(g);
  EXPECT_TRUE(none_left("--mode forker")) << "children of the forking server were left running";
}

TEST_F(GradePolicies, WithoutARetryPolicyASlowFirstAnswerCostsTheCase) {
  GradeRun run = grade_roster("students:\n  - name: flaky\n    start: " + kMisbehaving + "flaky\n");
  ASSERT_TRUE(run.students.size() == 1 && run.students[0]);
  const StudentGrade& g = *run.students[0];
  ASSERT_FALSE(g.run.results.empty());
  EXPECT_EQ(g.run.results[0].info.id, "tcp-reply-basic");
  EXPECT_EQ(g.run.results[0].verdict, Verdict::fail);
  EXPECT_TRUE(g.retried.empty());
}

TEST_F(GradePolicies, ARetryAllowedByThePolicyIsUsedAndReported) {
  GradeRun run = grade_roster("policy: { retries: 1 }\nstudents:\n  - name: flaky\n    start: " +
                              kMisbehaving + "flaky\n");
  ASSERT_TRUE(run.students.size() == 1 && run.students[0]);
  const StudentGrade& g = *run.students[0];
  const CaseResult& basic = g.run.results[0];
  EXPECT_EQ(basic.info.id, "tcp-reply-basic");
  EXPECT_EQ(basic.verdict, Verdict::pass);
  ASSERT_EQ(g.retried.size(), 1u);
  EXPECT_EQ(g.retried[0].id, "tcp-reply-basic");
  EXPECT_EQ(g.retried[0].attempts, 2u);
  EXPECT_EQ(g.retried[0].final_verdict, Verdict::pass);
  ASSERT_FALSE(basic.reasons.empty());
  EXPECT_EQ(basic.reasons.back().message.rfind(
                "run 2 times (the roster's policy allows 1 retry after a timeout); the first "
                "attempt failed: ",
                0),
            0u)
      << basic.reasons.back().message;
}

TEST_F(GradePolicies, TheRestartPolicyDecidesHowOftenTheServerStarts) {
  auto starts = [&](const std::string& policy) {
    GradeRun run = grade_roster(policy + "students:\n  - name: s\n    start: " + kReply + "\n");
    EXPECT_TRUE(run.students.size() == 1 && run.students[0]) << policy;
    if (run.students.empty() || !run.students[0]) return 0u;
    for (const auto& r : run.students[0]->run.results) {
      EXPECT_EQ(r.verdict, Verdict::pass) << policy << r.info.id;
    }
    return run.students[0]->starts;
  };
  EXPECT_EQ(starts(""), 1u);  // per suite: the profile has one suite
  EXPECT_EQ(starts("policy: { restart: case }\n"), 5u);
  EXPECT_EQ(starts("policy: { restart: once }\n"), 1u);
  EXPECT_EQ(starts("policy: { restart: once, fresh: [tcp-reply-survives-*] }\n"), 2u);
}

TEST_F(GradePolicies, AnInterruptedGradingKeepsOnlyWhatFinished) {
  std::atomic<bool> stop{false};
  GradeOptions options;
  options.jobs = 1;
  options.stop = &stop;
  std::atomic<int> cases{0};
  std::vector<std::string> finished;
  options.on_finished = [&](size_t, const StudentGrade& g) { finished.push_back(g.name); };
  // Stop in the middle of the second student.
  options.on_case = [&](const CaseResult&) {
    if (++cases == 7) stop.store(true);
  };
  GradeRun run = grade_roster("students:\n  - name: first\n    start: " + kReply +
                                  "\n  - name: second\n    start: " + kReply +
                                  "\n  - name: third\n    start: " + kReply + "\n",
                              options);
  EXPECT_TRUE(run.interrupted);
  ASSERT_EQ(run.students.size(), 3u);
  EXPECT_TRUE(run.students[0]);
  EXPECT_FALSE(run.students[1]);  // stopped half-way: no partial grade
  EXPECT_FALSE(run.students[2]);  // never started
  EXPECT_EQ(finished, std::vector<std::string>{"first"});
  EXPECT_TRUE(none_left(kSource + "/tests/students/tcp_reply.py --port"));
}

TEST_F(GradePolicies, AServerThatCannotStartAgainCostsTheRemainingCasesAndSaysWhy) {
  // Starts once; every later start fails (the way a server fails that leaves a lock file).
  GradeRun run = grade_roster(
      "policy: { restart: case }\nstudents:\n  - name: once\n    start: \"if [ -e started ]; "
      "then echo 'lock file present: already running?' >&2; exit 3; fi; touch started; exec " +
      kReply + "\"\n");
  ASSERT_TRUE(run.students.size() == 1 && run.students[0]);
  const StudentGrade& g = *run.students[0];
  ASSERT_EQ(g.run.results.size(), 5u);
  EXPECT_EQ(g.run.results[0].verdict, Verdict::pass);
  std::regex failed("^exited with status 3 before it listened on port [0-9]+ \\(last "
                    "lines of its stderr: lock file present: already running\\?\\) when it was "
                    "started again \\(a fresh server for each case\\)$");
  ASSERT_EQ(g.events.size(), 1u) << events(g);
  EXPECT_TRUE(std::regex_search(g.events[0], failed)) << events(g);
  for (size_t i = 1; i < g.run.results.size(); ++i) {
    EXPECT_EQ(g.run.results[i].verdict, Verdict::error);
    EXPECT_EQ(g.run.results[i].reasons[0].message, "not run: the server " + g.events[0]);
  }
  EXPECT_EQ(g.starts, 2u);  // not tried again for every remaining case
}

TEST_F(GradePolicies, ATargetThatStopsAnsweringCannotBeRestartedSoTheRestIsNotRun) {
  // A server the grader does not start: the test starts it.
  auto port = take_free_port();
  ASSERT_TRUE(port);
  SpawnSpec spec;
  spec.command = "exec " + std::string(kMisbehaving) + "silent";
  spec.command.replace(spec.command.find("{port}"), 6, std::to_string(*port));
  spec.dir = dir_.string();
  spec.stdout_path = (dir_ / "target.out").string();
  spec.stderr_path = (dir_ / "target.err").string();
  std::string error;
  auto server = ServerProcess::spawn(spec, &error);
  ASSERT_TRUE(server) << error;
  bool listening = false;
  for (int i = 0; i < 1000 && !listening; ++i) {
    std::ifstream in(dir_ / "target.err");
    std::string line;
    listening = static_cast<bool>(std::getline(in, line));
    if (!listening) std::this_thread::sleep_for(milliseconds(10));
  }
  ASSERT_TRUE(listening);
  GradeRun run = grade_roster("students:\n  - name: remote\n    target: 127.0.0.1:" +
                              std::to_string(*port) + "\n");
  server->stop(milliseconds(1000));
  ASSERT_TRUE(run.students.size() == 1 && run.students[0]);
  const StudentGrade& g = *run.students[0];
  ASSERT_EQ(g.events.size(), 1u) << events(g);
  EXPECT_TRUE(std::regex_search(
      g.events[0], std::regex("^stopped responding after case tcp-reply-basic \\(tcp-reply-basic "
                              "got no answer within [0-9.]+ s\\); the grader did not start it, "
                              "so it cannot restart it$")))
      << events(g);
  ASSERT_EQ(g.run.results.size(), 5u);
  EXPECT_EQ(g.run.results[0].verdict, Verdict::fail);
  for (size_t i = 1; i < 5; ++i) EXPECT_EQ(g.run.results[i].verdict, Verdict::error);
  EXPECT_EQ(g.starts, 0u);
}

// The command line: SIGINT in the middle of a run leaves the files of the students graded
// before it, a gradebook with exactly those, and no server running.
TEST_F(GradePolicies, AnInterruptedCommandWritesWhatFinished) {
  std::string roster = write_roster("students:\n  - name: quick\n    start: " + kReply +
                                    "\n  - name: slow\n    start: " + kMisbehaving + "silent\n");
  std::string out = (dir_ / "cli-out").string();
  std::vector<std::string> args = {WIRECHECK_BINARY, "grade", roster, "--out", out, "--jobs", "1",
                                   "--quiet"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(::posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ), 0);
  // The slow student starts once the quick one is written; then interrupt.
  fs::path quick = fs::path(out) / "students" / "quick" / "results.json";
  bool written = false;
  for (int i = 0; i < 6000 && !written; ++i) {
    written = fs::exists(quick) && !processes_with("--mode silent").empty();
    if (!written) std::this_thread::sleep_for(milliseconds(10));
  }
  EXPECT_TRUE(written);
  ::kill(pid, SIGINT);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGINT);
  EXPECT_TRUE(fs::exists(quick));
  EXPECT_FALSE(fs::exists(fs::path(out) / "students" / "slow" / "results.json"));
  std::ifstream in(fs::path(out) / "gradebook.csv");
  std::string header, row, extra;
  std::getline(in, header);
  std::getline(in, row);
  EXPECT_EQ(row.rfind("quick,tcp-reply,5,5,5,", 0), 0u) << row;
  EXPECT_FALSE(std::getline(in, extra)) << extra;
  EXPECT_TRUE(none_left("--mode silent")) << "the slow student's server outlived the grader";
}

}  // namespace
}  // namespace wirecheck::harness
