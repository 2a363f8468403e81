// A sample of cases against nginx on loopback, started by this test with the configuration in
// tests/harness/run/nginx/ (a temporary prefix, one worker, a free port, no access log). The
// verdicts nginx earns are checked against tests/data/run-cases/nginx/expected-verdicts.txt,
// one test per case. Without nginx installed the tests are skipped.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "harness/load/loader.h"
#include "harness/run/runner.h"
#include "reference/net/tcp.h"
#include "tests/harness/run/run_fixture.h"

namespace wirecheck::testing {
namespace {

using harness::Verdict;

const std::string kData = std::string(WIRECHECK_SOURCE_DIR) + "/tests/data/run-cases/nginx";

struct Golden {
  std::string id;
  Verdict verdict = Verdict::pass;
  std::string phrase;
};

void PrintTo(const Golden& g, std::ostream* os) {
  *os << g.id;
}

std::vector<Golden> read_golden() {
  std::vector<Golden> out;
  std::ifstream in(kData + "/expected-verdicts.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    Golden g;
    std::string verdict;
    fields >> g.id >> verdict;
    std::getline(fields >> std::ws, g.phrase);
    auto v = harness::parse_verdict(verdict);
    if (!v) continue;
    g.verdict = *v;
    out.push_back(std::move(g));
  }
  return out;
}

struct Nginx {
  uint16_t port = 0;
  pid_t pid = 0;
  std::string prefix;
  std::string problem;  // why it is not running
  bool missing = false;
};

// Reads one line from `fd`, giving up after `limit`.
std::string read_line(int fd, std::chrono::milliseconds limit) {
  std::string line;
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char c = 0;
    if (::read(fd, &c, 1) != 1) break;
    if (c == '\n') return line;
    line += c;
  }
  return line;
}

bool accepts(uint16_t port) {
  auto c = net::connect(net::Address::loopback_v4(port),
                        net::Deadline::after_unscaled(std::chrono::milliseconds(500)));
  return c.status.ok();
}

// Bounded: SIGTERM, then SIGKILL after 5s; the prefix goes too.
void stop_nginx(Nginx& n) {
  if (n.pid > 0) {
    ::kill(n.pid, SIGTERM);
    int status = 0;
    pid_t done = 0;
    for (int i = 0; i < 100 && done == 0; ++i) {
      done = ::waitpid(n.pid, &status, WNOHANG);
      if (done == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (done == 0) {
      ::kill(n.pid, SIGKILL);
      ::waitpid(n.pid, &status, 0);
    }
    n.pid = 0;
  }
  std::error_code ec;
  if (!n.prefix.empty()) std::filesystem::remove_all(n.prefix, ec);
}

// start-nginx.sh --foreground becomes nginx in a child of this process, which dies with us.
Nginx start_once() {
  Nginx n;
  std::string script =
      std::string(WIRECHECK_SOURCE_DIR) + "/tests/harness/run/nginx/start-nginx.sh";
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    n.problem = "pipe failed";
    return n;
  }
  pid_t pid = ::fork();
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    ::dup2(fds[1], STDOUT_FILENO);
    ::execl("/bin/bash", "bash", script.c_str(), "--foreground", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  std::string line = read_line(fds[0], std::chrono::seconds(20));
  ::close(fds[0]);
  n.pid = pid;
  std::istringstream fields(line);
  unsigned port = 0;
  fields >> port >> n.prefix;
  if (port == 0) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    n.pid = 0;
    n.missing = WIFEXITED(status) && WEXITSTATUS(status) == 77;
    n.problem = n.missing ? "nginx is not installed" : "start-nginx.sh printed no port";
    return n;
  }
  n.port = static_cast<uint16_t>(port);
  for (int i = 0; i < 100; ++i) {
    if (accepts(n.port)) return n;
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      n.pid = 0;
      n.problem = "nginx exited at start (see " + n.prefix + "/error.log)";
      n.port = 0;
      return n;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  n.problem = "nginx did not accept connections within 5s";
  n.port = 0;
  stop_nginx(n);
  return n;
}

// The port can be taken between choosing it and nginx binding it: a few tries.
Nginx start_nginx() {
  Nginx n;
  for (int attempt = 0; attempt < 3; ++attempt) {
    n = start_once();
    if (n.port != 0 || n.missing) return n;
    std::error_code ec;
    if (!n.prefix.empty()) std::filesystem::remove_all(n.prefix, ec);
  }
  return n;
}

// nginx starts once per test program; each test runs its own case, so `ctest -R <id>` runs
// one case against a fresh nginx.
class NginxSample : public ::testing::TestWithParam<Golden> {
 protected:
  static void SetUpTestSuite() {
    nginx_ = new Nginx(start_nginx());
    if (nginx_->port == 0) return;
    harness::Diagnostics d;
    auto target = harness::load_target(kData + "/nginx-target.yaml", d);
    auto loaded = harness::load_cases({kData + "/sample.yaml"});
    if (!target || !loaded.ok()) {
      nginx_->problem = "the sample or target file does not load";
      return;
    }
    library_ = new harness::Library(std::move(loaded.library));
    options_ = new harness::RunOptions(options_for(nginx_->port));
    options_->target = *target;
  }
  static void TearDownTestSuite() {
    stop_nginx(*nginx_);
    delete options_;
    delete library_;
    delete nginx_;
    options_ = nullptr;
    library_ = nullptr;
    nginx_ = nullptr;
  }
  void SetUp() override {
    if (nginx_->missing) GTEST_SKIP() << nginx_->problem;
    ASSERT_TRUE(options_ != nullptr) << nginx_->problem;
  }

  static Nginx* nginx_;
  static harness::Library* library_;
  static harness::RunOptions* options_;
};

Nginx* NginxSample::nginx_ = nullptr;
harness::Library* NginxSample::library_ = nullptr;
harness::RunOptions* NginxSample::options_ = nullptr;

TEST_P(NginxSample, Verdict) {
  const Golden& g = GetParam();
  const harness::Case* c = library_->find(g.id);
  ASSERT_NE(c, nullptr) << g.id << " is not in sample.yaml";
  harness::CaseResult r = harness::run_case(*c, *options_);
  EXPECT_EQ(harness::to_string(r.verdict), harness::to_string(g.verdict)) << dump(r);
  if (g.verdict != Verdict::pass) {
    EXPECT_TRUE(has_reason(r, g.phrase)) << "no reason holds \"" << g.phrase << "\"\n" << dump(r);
  }
}

std::string test_name(const ::testing::TestParamInfo<Golden>& param) {
  std::string name = param.param.id;
  for (char& c : name) {
    if (c == '-' || c == '.') c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, NginxSample, ::testing::ValuesIn(read_golden()), test_name);

TEST(NginxSampleFiles, EveryCaseHasAnExpectedVerdict) {
  auto golden = read_golden();
  EXPECT_GE(golden.size(), 30u);
  auto loaded = harness::load_cases({kData + "/sample.yaml"});
  ASSERT_TRUE(loaded.ok());
  std::map<std::string, bool> known;
  for (const auto& g : golden) known[g.id] = true;
  for (const auto* c : loaded.library.cases()) {
    EXPECT_TRUE(known.count(c->id)) << c->id << " is missing from expected-verdicts.txt";
  }
  EXPECT_EQ(loaded.library.case_count(), golden.size());
}

}  // namespace
}  // namespace wirecheck::testing
