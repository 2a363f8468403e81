// The runner as a whole: skips, probes, parallel runs in a stable order, serial cases,
// stopping, transcripts and their caps.
#include "harness/run/runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "reference/net/listener.h"
#include "tests/harness/run/responder.h"

namespace wirecheck::testing {
namespace {

using harness::EventKind;
using harness::Verdict;
using std::chrono::milliseconds;

std::string many_cases(int n, const std::string& extra = {}) {
  std::string yaml = "suite: many\nspec: RFC 9112\ndefaults: { ref: { level: MUST } }\ncases:\n";
  for (int i = 0; i < n; ++i) {
    std::string id = "case-" + std::to_string(i);
    yaml += "  - id: " + id + "\n    title: case " + std::to_string(i) + "\n" + extra +
            "    steps:\n" + get("/echo?" + id) +
            "      - expect: { status: 200, body: { contains: \"" + id + " \" } }\n";
  }
  return yaml;
}

TEST(RunnerTest, MissingCapabilityIsASkipWithTheReason) {
  auto server = table_server({});
  auto options = options_for(server->port());
  options.target.name = "plain";
  options.target.capabilities.clear();
  auto r = run_yaml(
      one_case(get("/") + "      - expect: { status: 200 }\n", "    requires: [echo]\n"), options);
  EXPECT_EQ(r.verdict, Verdict::skip) << dump(r);
  ASSERT_EQ(r.reasons.size(), 1u);
  EXPECT_EQ(r.reasons.front().message, "the target lacks the capability 'echo' this case requires");
  EXPECT_EQ(server->accepted(), 0);
}

// cases/SCHEMA.md: "A case that names a resource the target lacks ... is skipped with the
// reason."
TEST(RunnerTest, AResourceTheTargetLacksSkipsTheCase) {
  auto server = table_server({});
  auto options = options_for(server->port());
  options.target.resources.erase("echo");
  auto r = run_yaml(one_case("      - send: \"GET {{path.echo}} HTTP/1.1\\r\\n\\r\\n\"\n"
                             "      - expect: { status: 200 }\n"),
                    options);
  EXPECT_EQ(r.verdict, Verdict::skip) << dump(r);
  EXPECT_TRUE(has_reason(r, "the target lacks the resource 'echo'")) << dump(r);
}

TEST(RunnerTest, ProbeNamesAnUnreachableTarget) {
  uint16_t port = 0;
  {
    // A port that was free a moment ago and has nothing listening now.
    auto l = net::Listener::bind("127.0.0.1:0");
    ASSERT_TRUE(l.ok());
    port = l->port();
  }
  auto options = options_for(port);
  auto probe = harness::probe_target(options);
  EXPECT_FALSE(probe.ok);
  EXPECT_NE(probe.message.find("127.0.0.1:" + std::to_string(port)), std::string::npos)
      << probe.message;
  EXPECT_NE(probe.message.find("refused"), std::string::npos) << probe.message;

  auto server = table_server({});
  EXPECT_TRUE(harness::probe_target(options_for(server->port())).ok);
}

TEST(RunnerTest, ProbeNamesAnUnresolvableHost) {
  auto options = options_for(80);
  options.host = "no-such-host.invalid";
  auto probe = harness::probe_target(options);
  EXPECT_FALSE(probe.ok);
  EXPECT_NE(probe.message.find("no-such-host.invalid"), std::string::npos) << probe.message;
}

TEST(RunnerTest, ParallelResultsKeepTheLibraryOrder) {
  auto server = table_server({});
  harness::Library lib = load_yaml(many_cases(24));
  auto options = options_for(server->port());
  options.jobs = 6;
  std::mutex m;
  std::vector<std::string> finished;
  options.on_finished = [&](const harness::CaseResult& r) {
    std::lock_guard<std::mutex> lock(m);
    finished.push_back(r.info.id);
  };
  auto run = harness::run_cases(lib.cases(), options);
  ASSERT_EQ(run.results.size(), 24u);
  for (int i = 0; i < 24; ++i) {
    EXPECT_EQ(run.results[static_cast<size_t>(i)].info.id, "case-" + std::to_string(i));
    EXPECT_EQ(run.results[static_cast<size_t>(i)].verdict, Verdict::pass)
        << dump(run.results[static_cast<size_t>(i)]);
  }
  EXPECT_EQ(run.counts.pass, 24u);
  EXPECT_EQ(finished.size(), 24u);
  EXPECT_FALSE(run.failed());
  EXPECT_EQ(run.target, "127.0.0.1:" + std::to_string(server->port()));
}

TEST(RunnerTest, SerialCasesRunAlone) {
  // The server counts connections open at once; each case holds its connection a while.
  std::atomic<int> open{0};
  std::atomic<int> most{0};
  std::atomic<int> serial_overlap{0};
  LoopbackServer server([&](Peer& peer) {
    int now = ++open;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::string request = peer.read_head();
    bool serial = request.find("serial") != std::string::npos;
    if (serial) {
      // Long enough for any parallel case still running to be seen.
      peer.pause(milliseconds(60));
      if (open.load() > 1) ++serial_overlap;
    } else {
      // A parallel case waits (bounded) for a second connection, so the overlap is certain
      // when the runner runs cases at once, however loaded the machine.
      for (int i = 0; i < 500 && most.load() < 2; ++i) peer.pause(milliseconds(10));
    }
    // Counted out before answering, so the next case cannot see this one as still open.
    --open;
    peer.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    peer.close();
  });
  std::string yaml = "suite: mixed\nspec: RFC 9112\ndefaults: { ref: { level: MUST } }\ncases:\n";
  for (int i = 0; i < 12; ++i) {
    bool serial = i % 4 == 0;
    std::string id = std::string(serial ? "serial-" : "parallel-") + std::to_string(i);
    yaml += "  - id: " + id + "\n    title: t\n" + (serial ? "    serial: true\n" : "") +
            "    steps:\n" + get("/" + id) + "      - expect: { status: 200 }\n";
  }
  harness::Library lib = load_yaml(yaml);
  auto options = options_for(server.port());
  options.jobs = 4;
  auto run = harness::run_cases(lib.cases(), options);
  ASSERT_EQ(run.results.size(), 12u);
  for (size_t i = 0; i < run.results.size(); ++i) {
    EXPECT_EQ(run.results[i].verdict, Verdict::pass) << dump(run.results[i]);
  }
  EXPECT_EQ(run.results[0].info.id, "serial-0");
  EXPECT_EQ(run.results[1].info.id, "parallel-1");
  EXPECT_EQ(serial_overlap.load(), 0);
  EXPECT_GT(most.load(), 1) << "the parallel cases never overlapped";
}

TEST(RunnerTest, StoppingKeepsOnlyFinishedCases) {
  auto server = table_server({});
  harness::Library lib = load_yaml(many_cases(30));
  auto options = options_for(server->port());
  options.jobs = 2;
  std::atomic<bool> stop{false};
  options.stop = &stop;
  std::atomic<int> seen{0};
  options.on_finished = [&](const harness::CaseResult&) {
    if (++seen == 3) stop = true;
  };
  auto run = harness::run_cases(lib.cases(), options);
  EXPECT_GE(run.results.size(), 3u);
  EXPECT_LT(run.results.size(), 30u);
  for (const auto& r : run.results) EXPECT_EQ(r.verdict, Verdict::pass) << dump(r);
  // Still in library order, without gaps being filled by anything unfinished.
  for (size_t i = 1; i < run.results.size(); ++i) {
    EXPECT_LT(std::stoi(run.results[i - 1].info.id.substr(5)),
              std::stoi(run.results[i].info.id.substr(5)));
  }
}

TEST(RunnerTest, StoppingInterruptsALongWait) {
  LoopbackServer server([](Peer& peer) { peer.drain(std::chrono::seconds(20)); });
  std::string yaml = one_case(get("/") + "      - expect: { status: 200 }\n");
  yaml.replace(yaml.find("timeout: 2s"), 11, "timeout: 60s");
  harness::Library lib = load_yaml(yaml);
  auto options = options_for(server.port());
  std::atomic<bool> stop{false};
  options.stop = &stop;
  std::thread stopper([&] {
    std::this_thread::sleep_for(milliseconds(300));
    stop = true;
  });
  auto run = harness::run_cases(lib.cases(), options);
  stopper.join();
  // The case did not finish, so it is not reported (and the run did not wait 60s: if it had,
  // the CTest timeout would end this test).
  EXPECT_TRUE(run.results.empty());
}

TEST(RunnerTest, TranscriptHasEveryEventWithOffsets) {
  auto server = table_server({{"/", {"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"}}});
  auto r = run_yaml(one_case(get("/") + "      - expect: { status: 200 }\n"
                                        "      - close\n"),
                    server->port());
  ASSERT_EQ(r.verdict, Verdict::pass) << dump(r);
  std::vector<EventKind> kinds;
  for (const auto& e : r.transcript) kinds.push_back(e.kind);
  ASSERT_GE(kinds.size(), 4u) << dump(r);
  EXPECT_EQ(kinds.front(), EventKind::connect);
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), EventKind::send), kinds.end());
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), EventKind::receive), kinds.end());
  EXPECT_EQ(kinds.back(), EventKind::close);
  std::string received;
  for (const auto& e : r.transcript) {
    if (e.kind == EventKind::receive) {
      EXPECT_EQ(e.offset, received.size());
      received += e.bytes;
    }
  }
  EXPECT_EQ(received, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  for (size_t i = 1; i < r.transcript.size(); ++i) {
    EXPECT_LE(r.transcript[i - 1].at, r.transcript[i].at);
  }
  EXPECT_TRUE(r.timings.connect.has_value());
  EXPECT_TRUE(r.timings.first_byte.has_value());
  EXPECT_FALSE(r.transcript_truncated);
}

TEST(RunnerTest, TranscriptCapDropsBytesAndSaysSo) {
  std::string big(100 * 1024, 'z');
  auto server = table_server(
      {{"/big",
        {"HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(big.size()) + "\r\n\r\n" + big}}});
  auto options = options_for(server->port());
  options.limits.max_transcript_bytes = 1000;
  auto r = run_yaml(
      one_case(get("/big") + "      - expect: { status: 200, body: { length: 102400 } }\n"),
      options);
  EXPECT_EQ(r.verdict, Verdict::pass) << dump(r);
  EXPECT_TRUE(r.transcript_truncated);
  size_t kept = 0;
  for (const auto& e : r.transcript) kept += e.bytes.size();
  EXPECT_LE(kept, 1000u);  // 500 each way
  ASSERT_FALSE(r.transcript.empty());
  EXPECT_NE(r.transcript.back().detail.find("not kept"), std::string::npos);
}

TEST(RunnerTest, BufferCapStopsAnOversizedResponse) {
  std::string big(300 * 1024, 'z');
  auto server = table_server(
      {{"/big",
        {"HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(big.size()) + "\r\n\r\n" + big}}});
  auto options = options_for(server->port());
  options.limits.max_buffered_bytes = 64 * 1024;
  auto r = run_yaml(one_case(get("/big") + "      - expect: { status: 200 }\n"), options);
  EXPECT_EQ(r.verdict, Verdict::fail) << dump(r);
  EXPECT_TRUE(has_reason(r, "larger than the 65536 bytes cap on buffered bytes")) << dump(r);
}

TEST(RunnerTest, ConnectionRefusedMidRunIsAnError) {
  uint16_t port = 0;
  {
    auto l = net::Listener::bind("127.0.0.1:0");
    ASSERT_TRUE(l.ok());
    port = l->port();
  }
  auto r = run_yaml(one_case(get("/") + "      - expect: { status: 200 }\n"), port);
  EXPECT_EQ(r.verdict, Verdict::error) << dump(r);
  EXPECT_TRUE(has_reason(r, "cannot open connection 'main'")) << dump(r);
}

TEST(RunnerTest, ServerThatClosesAtAccept) {
  LoopbackServer server([](Peer& peer) { peer.close(); });
  auto r = run_yaml(one_case(get("/") + "      - expect: { status: 200 }\n"), server.port());
  EXPECT_EQ(r.verdict, Verdict::fail) << dump(r);
  EXPECT_TRUE(has_reason(r, "without a response")) << dump(r);
}

}  // namespace
}  // namespace wirecheck::testing
