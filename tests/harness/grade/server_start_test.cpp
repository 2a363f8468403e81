// Starting a student's server: readiness by probing (a slow start is fine, never listening is
// said in words), an early exit with its stderr, and a port taken meanwhile retried.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <variant>

#include "harness/grade/server_start.h"
#include "reference/net/tcp.h"

namespace wirecheck::harness {
namespace {

namespace fs = std::filesystem;

const std::string kServer = std::string(WIRECHECK_SOURCE_DIR) + "/tests/students/tcp_reply.py";

class ServerStartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("wirecheck-start-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    student_.name = "s";
    student_.dir = dir_.string();
    student_.limits.ready = Duration(20'000);  // generous: only the never-listens test waits
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::variant<StartedServer, StartFailure> start(const std::string& command) {
    student_.start = command;
    StartRequest r;
    r.student = &student_;
    r.stdout_path = (dir_ / "stdout.log").string();
    r.stderr_path = (dir_ / "stderr.log").string();
    return start_server(r);
  }

  fs::path dir_;
  Student student_;
};

TEST_F(ServerStartTest, AServerThatListensLateIsWaitedFor) {
  auto r = start("sleep 1; exec python3 " + kServer + " --port {port}");
  ASSERT_TRUE(std::holds_alternative<StartedServer>(r)) << std::get<StartFailure>(r).message;
  auto& s = std::get<StartedServer>(r);
  EXPECT_GE(s.took.count(), 1000);
  auto c = net::connect(net::Address::loopback_v4(s.port.port()),
                        net::Deadline::after(std::chrono::seconds(10)));
  EXPECT_TRUE(c.status.ok()) << c.message;
}

TEST_F(ServerStartTest, NeverListeningIsSaidWithThePortAndTheDeadline) {
  student_.limits.ready = Duration(1500);
  auto r = start("echo 'loading the configuration' >&2; exec sleep 300");
  ASSERT_TRUE(std::holds_alternative<StartFailure>(r));
  const std::string& m = std::get<StartFailure>(r).message;
  EXPECT_TRUE(m.rfind("never listened on port ", 0) == 0) << m;
  EXPECT_NE(m.find(" within 1.5 s (last lines of its stderr: loading the configuration)"),
            std::string::npos)
      << m;
}

TEST_F(ServerStartTest, AnEarlyExitIsSaidWithItsStatusAndStderr) {
  auto r = start("echo 'Traceback (most recent call last):' >&2; echo 'NameError: name x' >&2; exit 1");
  ASSERT_TRUE(std::holds_alternative<StartFailure>(r));
  const std::string& m = std::get<StartFailure>(r).message;
  EXPECT_TRUE(m.rfind("exited with status 1 before it listened on port ", 0) == 0) << m;
  EXPECT_NE(m.find("(last lines of its stderr: Traceback (most recent call last): | NameError: name x)"),
            std::string::npos)
      << m;
}

TEST_F(ServerStartTest, APortTakenMeanwhileIsRetriedOnAnother) {
  // The first start reports the port in use (as a server does when another program got there
  // first); the second starts properly.
  auto r = start("if [ ! -e tried ]; then touch tried; "
                 "echo 'OSError: [Errno 98] Address already in use' >&2; exit 1; fi; "
                 "exec python3 " + kServer + " --port {port}");
  ASSERT_TRUE(std::holds_alternative<StartedServer>(r)) << std::get<StartFailure>(r).message;
  auto& s = std::get<StartedServer>(r);
  ASSERT_EQ(s.notes.size(), 1u);
  EXPECT_NE(s.notes[0].find("was taken by another program before the server bound it"),
            std::string::npos)
      << s.notes[0];
}

TEST_F(ServerStartTest, PlaceholdersAreFilledAndEachStartIsMarkedInTheLogs) {
  student_.docroot = "/srv/a site";
  auto r = start("echo {name} {docroot} >&2; exec python3 " + kServer + " --port {port}");
  ASSERT_TRUE(std::holds_alternative<StartedServer>(r)) << std::get<StartFailure>(r).message;
  std::get<StartedServer>(r).process->stop(std::chrono::seconds(5));
  std::ifstream in(dir_ / "stderr.log");
  std::string first, second;
  std::getline(in, first);
  std::getline(in, second);
  EXPECT_TRUE(first.rfind("==> wirecheck: start 1 on port ", 0) == 0) << first;
  EXPECT_EQ(second, "s /srv/a site");
}

}  // namespace
}  // namespace wirecheck::harness

namespace wirecheck::harness {
namespace {

TEST(ExecForm, SimpleCommandsAreExecutedInPlaceOfTheShell) {
  EXPECT_EQ(exec_form("python3 server.py --port 8080"), "exec python3 server.py --port 8080");
  EXPECT_EQ(exec_form("  $BIN/server --port 1 2>&1 >log"), "exec $BIN/server --port 1 2>&1 >log");
  EXPECT_EQ(exec_form("java -jar 'a;b.jar' \"x|y\""), "exec java -jar 'a;b.jar' \"x|y\"");
  for (const char* kept : {"cd src && ./server", "make; ./server", "./server | tee log",
                           "./server &", "PORT=1 ./server", "(./server)", "exec ./server",
                           "if true; then ./server; fi", "./server $(cat port)"}) {
    EXPECT_EQ(exec_form(kept), kept);
  }
}

}  // namespace
}  // namespace wirecheck::harness
