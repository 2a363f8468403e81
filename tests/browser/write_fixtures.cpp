// Writes the HTML reports the browser tests load, into the directory given (made if missing):
//   one.html      the reporter tests' mixed run (one target, every verdict)
//   many.html     four targets with different case sets (one run empty)
//   hostile.html  two targets whose names, titles, messages and bytes try to become markup
//   big.html      100 targets x 400 cases, verdicts spread by a fixed rule
// Deterministic: the same files on every machine.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "reports/html.h"
#include "sample_results.h"

namespace {

using namespace std::chrono_literals;
using wirecheck::harness::CaseResult;
using wirecheck::harness::Level;
using wirecheck::harness::RunResult;
using wirecheck::harness::Verdict;
namespace testing = wirecheck::reports::testing;

RunResult named(RunResult run, std::string target) {
  run.target = std::move(target);
  return run;
}

std::vector<RunResult> many() {
  auto carol = testing::mixed_run();
  carol.results[1].verdict = Verdict::pass;
  carol.results[1].reasons.clear();
  carol.results[3].verdict = Verdict::fail;
  carol.results.erase(carol.results.begin() + 4);  // carol did not run echo-large-body
  carol.tally();
  return {named(testing::mixed_run(), "alice"), named(testing::all_pass_run(), "bob"),
          named(carol, "carol"), named(testing::empty_run(), "dave")};
}

// Each payload, if it ever became markup, would leave a trace the test looks for: an element
// with id "pwned" or a changed document title.
std::vector<RunResult> hostile() {
  const std::string img = "<img id=pwned src=x onerror=\"document.title='pwned'\">";
  const std::string breakout = "</script><script>document.title='pwned'</script>" + img;
  auto run = testing::mixed_run();
  run.target = "\"><b id=pwned>" + img;
  run.profile = "</title>" + img;
  auto& r = run.results[2];
  r.info.title = breakout;
  r.info.why = "<!-- " + img + " -->";
  r.info.ref.text = "]]>" + img;
  r.info.tags.push_back("<i id=pwned>tag</i>");
  r.info.suite = "suite\"" + img;
  r.reasons[0].message = breakout;
  r.reasons[0].expected = "&lt;img id=pwned&gt;";
  r.reasons[0].actual = img;
  r.reasons[0].excerpt->connection = img;
  r.transcript[1].detail = breakout;
  r.transcript[3].bytes = breakout + "\r\n";
  run.results[3].transcript[0].connection = "<svg id=pwned onload=\"document.title='pwned'\">";
  return {run, named(run, "</script>" + img)};
}

std::vector<RunResult> big() {
  auto sample = testing::mixed_run();
  RunResult base;
  base.started = testing::fixed_start();
  base.finished = base.started + 90s;
  const Level levels[] = {Level::must, Level::should, Level::may};
  for (size_t i = 0; i < 400; ++i) {
    CaseResult r = sample.results[i % sample.results.size()];
    r.info.id = "case-" + std::to_string(i);
    r.info.title = "Generated case number " + std::to_string(i);
    r.info.suite = "suite-" + std::to_string(i % 5);
    r.info.tags = {"tag-" + std::to_string(i % 3)};
    r.info.ref.document = "RFC 9112";
    r.info.ref.section = std::to_string(2 + i / 40) + "." + std::to_string(i % 4);
    r.info.ref.level = levels[i % 3];
    base.results.push_back(std::move(r));
  }
  std::vector<RunResult> runs;
  const Verdict spread[] = {Verdict::pass, Verdict::pass, Verdict::pass, Verdict::warn,
                            Verdict::fail, Verdict::pass, Verdict::error, Verdict::pass,
                            Verdict::skip, Verdict::pass, Verdict::pass};
  for (size_t t = 0; t < 100; ++t) {
    RunResult run = base;
    run.target = "student-" + std::string(t < 10 ? "0" : "") + std::to_string(t);
    for (size_t i = 0; i < run.results.size(); ++i) {
      run.results[i].verdict = spread[(i * 7 + t * 3 + i * t) % 11];
    }
    // Student 99 ran only the first half.
    if (t == 99) run.results.resize(200);
    run.tally();
    runs.push_back(std::move(run));
  }
  return runs;
}

bool write(const std::string& dir, const std::string& name, const std::vector<RunResult>& runs) {
  std::string path = dir + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << wirecheck::reports::render_html(runs);
  out.close();
  if (!out) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  std::string dir = argv[1];
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    std::fprintf(stderr, "cannot create %s: %s\n", dir.c_str(), error.message().c_str());
    return 1;
  }
  bool ok = write(dir, "one.html", {testing::mixed_run()}) && write(dir, "many.html", many()) &&
            write(dir, "hostile.html", hostile()) && write(dir, "big.html", big());
  return ok ? 0 : 1;
}
