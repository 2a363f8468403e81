// Students' servers as processes: output captured, how they ended said in words, limits set
// in the child, and stopping reaches the whole process group. Real processes (/bin/sh and
// python3), with generous deadlines: nothing here measures speed.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>

#include "harness/grade/free_port.h"
#include "harness/grade/process.h"

namespace wirecheck::harness {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;

class ProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("wirecheck-process-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  SpawnSpec spec(const std::string& command) {
    SpawnSpec s;
    s.command = command;
    s.dir = dir_.string();
    s.stdout_path = (dir_ / "stdout.log").string();
    s.stderr_path = (dir_ / "stderr.log").string();
    return s;
  }

  std::unique_ptr<ServerProcess> start(const SpawnSpec& s) {
    std::string error;
    auto p = ServerProcess::spawn(s, &error);
    EXPECT_TRUE(p) << error;
    return p;
  }

  std::string read(const std::string& name) {
    std::ifstream in(dir_ / name);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

  fs::path dir_;
};

TEST_F(ProcessTest, OutputGoesToTheFilesAndTheEnvironmentAndDirectoryApply) {
  auto s = spec("echo out; echo err >&2; echo \"$GREETING\"; pwd");
  s.env.push_back({"GREETING", "hello from the roster"});
  auto p = start(s);
  ASSERT_TRUE(p);
  auto status = p->wait_for(seconds(30));
  ASSERT_TRUE(status);
  EXPECT_FALSE(status->signaled);
  EXPECT_EQ(status->code, 0);
  EXPECT_EQ(status->describe(), "exited normally (status 0)");
  EXPECT_EQ(read("stdout.log"), "out\nhello from the roster\n" + fs::canonical(dir_).string() + "\n");
  EXPECT_EQ(read("stderr.log"), "err\n");
}

TEST_F(ProcessTest, ACrashIsNamedWithItsSignalAndTheTailOfStderr) {
  auto p = start(spec("echo 'parsing the request' >&2; echo 'about to crash' >&2; kill -SEGV $$"));
  ASSERT_TRUE(p);
  auto status = p->wait_for(seconds(30));
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->signaled);
  EXPECT_EQ(status->signal, SIGSEGV);
  EXPECT_TRUE(status->crashed());
  EXPECT_EQ(status->describe(), "exited with SIGSEGV (segmentation fault)");
  EXPECT_EQ(file_tail(p->stderr_path(), p->stderr_offset()),
            "parsing the request | about to crash");
}

TEST_F(ProcessTest, TheTailStartsAtThisStartAndKeepsTheLastLines) {
  { std::ofstream(dir_ / "stderr.log") << "an earlier start\n"; }
  auto p = start(spec("for i in 1 2 3 4 5 6; do echo line $i >&2; done; printf 'bell\\a\\n' >&2"));
  ASSERT_TRUE(p);
  ASSERT_TRUE(p->wait_for(seconds(30)));
  EXPECT_EQ(file_tail(p->stderr_path(), p->stderr_offset()),
            "line 4 | line 5 | line 6 | bell\\x07");
}

TEST_F(ProcessTest, StopSendsTermThenKillsTheWholeGroup) {
  // The shell ignores SIGTERM; its background child would outlive it without a group kill.
  auto p = start(spec("trap '' TERM; sleep 300 & echo $! > child.pid; wait"));
  ASSERT_TRUE(p);
  for (int i = 0; i < 300 && read("child.pid").empty(); ++i) std::this_thread::sleep_for(milliseconds(10));
  pid_t child = std::stoi(read("child.pid"));
  ASSERT_EQ(::kill(child, 0), 0);
  auto status = p->stop(milliseconds(200));
  EXPECT_TRUE(status.signaled);
  EXPECT_EQ(status.signal, SIGKILL);
  EXPECT_FALSE(status.crashed());
  // The child was in the group: it is gone too (reaped by init, so poll for a while).
  bool gone = false;
  for (int i = 0; i < 500 && !gone; ++i) {
    gone = ::kill(child, 0) != 0;
    if (!gone) std::this_thread::sleep_for(milliseconds(10));
  }
  EXPECT_TRUE(gone) << "pid " << child << " outlived the group kill";
}

TEST_F(ProcessTest, AServerThatHonoursTermIsNotKilled) {
  auto p = start(spec("exec python3 -c 'import time; time.sleep(300)'"));
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->wait_for(milliseconds(200)));  // still running
  auto status = p->stop(seconds(30));
  EXPECT_TRUE(status.signaled);
  EXPECT_EQ(status.signal, SIGTERM);
}

TEST_F(ProcessTest, CpuTimeLimitStopsABusyLoop) {
  auto s = spec("exec python3 -c 'while True: pass'");
  s.limits.cpu_seconds = 1;
  auto p = start(s);
  ASSERT_TRUE(p);
  auto status = p->wait_for(seconds(60));  // one CPU second, however loaded the machine
  ASSERT_TRUE(status) << "the busy loop was not stopped by its CPU limit";
  EXPECT_TRUE(status->signaled);
  EXPECT_EQ(status->signal, SIGXCPU);
  EXPECT_EQ(status->describe(&p->limits()),
            "used up its CPU time limit of 1 s and was killed (SIGXCPU)");
}

TEST_F(ProcessTest, MemoryLimitMakesLargeAllocationsFail) {
  auto s = spec("exec python3 -c 'x = bytearray(512 * 1024 * 1024)'");
  s.limits.memory_bytes = uint64_t{256} << 20;
  auto p = start(s);
  ASSERT_TRUE(p);
  auto status = p->wait_for(seconds(60));
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->crashed());
  EXPECT_NE(file_tail(p->stderr_path(), p->stderr_offset()).find("MemoryError"), std::string::npos);
}

TEST_F(ProcessTest, OpenFilesLimitApplies) {
  auto s = spec("exec python3 -c 'import resource; print(resource.getrlimit(resource.RLIMIT_NOFILE)[0]); "
                "fs = [open(\"/dev/null\") for _ in range(100)]'");
  s.limits.open_files = 32;
  auto p = start(s);
  ASSERT_TRUE(p);
  auto status = p->wait_for(seconds(60));
  ASSERT_TRUE(status);
  EXPECT_EQ(read("stdout.log"), "32\n");
  EXPECT_EQ(status->code, 1);
  EXPECT_NE(file_tail(p->stderr_path(), p->stderr_offset()).find("Too many open files"),
            std::string::npos);
}

TEST_F(ProcessTest, OutputLimitStopsAFloodOfOutput) {
  // head keeps the default action for SIGXFSZ (python ignores it and gets EFBIG instead).
  auto s = spec("exec head -c 4000000 /dev/zero");
  s.limits.output_bytes = uint64_t{1} << 20;
  auto p = start(s);
  ASSERT_TRUE(p);
  auto status = p->wait_for(seconds(60));
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->signaled);
  EXPECT_EQ(status->signal, SIGXFSZ);
  EXPECT_EQ(status->describe(&p->limits()),
            "wrote more than its output limit of 1 MiB and was killed (SIGXFSZ)");
  EXPECT_LE(fs::file_size(dir_ / "stdout.log"), uint64_t{1} << 20);
}

TEST_F(ProcessTest, IgnoredSignalsAreNotPassedOn) {
  // The grader ignores SIGPIPE, and an ignored signal stays ignored across exec: a student's
  // server must get the default action back. grep reports its own ignored-signal mask.
  ::signal(SIGPIPE, SIG_IGN);
  auto q = start(spec("grep SigIgn /proc/self/status > ignored.txt"));
  ASSERT_TRUE(q);
  ASSERT_TRUE(q->wait_for(seconds(30)));
  std::string line = read("ignored.txt");
  ASSERT_FALSE(line.empty());
  unsigned long long mask = std::stoull(line.substr(line.find(':') + 1), nullptr, 16);
  EXPECT_EQ(mask & (1ull << (SIGPIPE - 1)), 0u) << line;
}

TEST_F(ProcessTest, AMissingDirectoryIsSaidInWords) {
  auto s = spec("true");
  s.dir = (dir_ / "no-such-dir").string();
  std::string error;
  EXPECT_FALSE(ServerProcess::spawn(s, &error));
  EXPECT_EQ(error, "cannot enter the directory " + s.dir + ": No such file or directory");
}

TEST_F(ProcessTest, ProcessesOfASessionAreCounted) {
  auto p = start(spec("for i in 1 2 3 4; do sleep 300 & done; echo started > ready.txt; wait"));
  ASSERT_TRUE(p);
  for (int i = 0; i < 500 && read("ready.txt").empty(); ++i) std::this_thread::sleep_for(milliseconds(10));
  auto count = count_session_processes(p->pid());
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 5u);  // the shell and its four sleeps
  p->stop(milliseconds(100));
  EXPECT_EQ(count_session_processes(p->pid()).value_or(99), 0u);
}

TEST(FreePort, PortsHeldAreNotHandedOutAgain) {
  std::vector<PortLease> leases;
  std::set<uint16_t> seen;
  for (int i = 0; i < 50; ++i) {
    auto port = take_free_port();
    ASSERT_TRUE(port);
    EXPECT_TRUE(seen.insert(*port).second) << "port " << *port << " handed out twice";
    leases.emplace_back(*port);
  }
}

TEST(SignalName, NamesAndDescriptions) {
  EXPECT_EQ(signal_name(SIGSEGV), "SIGSEGV (segmentation fault)");
  EXPECT_EQ(signal_name(SIGABRT), "SIGABRT (aborted)");
  EXPECT_EQ(ExitStatus({false, 3, 0}).describe(), "exited with status 3");
}

}  // namespace
}  // namespace wirecheck::harness
