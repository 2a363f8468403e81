// One run against every hostile target at once: the run ends within its deadlines, memory
// stays bounded (the caps are hit and named), and every case gets a verdict with a reason.
#include "tests/hostile/hostile.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <map>

#include "harness/load/loader.h"
#include "harness/run/runner.h"
#include "tests/harness/run/run_fixture.h"

namespace wirecheck::testing {
namespace {

using harness::Verdict;

struct Expected {
  Verdict verdict;
  std::string message;  // a reason's message contains this ("" for pass)
  std::string actual;   // ... and its `actual` this ("" for any)
};

const std::map<std::string, Expected>& expectations() {
  static const std::map<std::string, Expected> table{
      {"hostile-control", {Verdict::pass, "", ""}},
      {"hostile-silent", {Verdict::fail, "no complete response within 1s", "nothing arrived"}},
      {"hostile-slow",
       {Verdict::fail, "no complete response within 1s", "no complete response head"}},
      {"hostile-reset", {Verdict::fail, "the connection was reset", "the peer reset"}},
      {"hostile-endless-body",
       {Verdict::fail, "larger than the 2 MiB cap on buffered bytes", "and more coming"}},
      {"hostile-endless-headers", {Verdict::fail, "the response cannot be parsed", ""}},
      {"hostile-garbage", {Verdict::fail, "the response cannot be parsed", ""}},
      {"hostile-close",
       {Verdict::fail, "the connection closed without a response", "nothing arrived"}},
      {"hostile-close-expected", {Verdict::pass, "", ""}},
      {"hostile-early", {Verdict::pass, "", ""}},
      {"hostile-early-then-more", {Verdict::fail, "no complete response within 1s", ""}},
      {"hostile-silent-silence", {Verdict::fail, "no complete response within 1s", ""}},
  };
  return table;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

class HostileTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new LoopbackServer(hostile_script());
    auto loaded = harness::load_cases(
        {std::string(WIRECHECK_SOURCE_DIR) + "/tests/data/run-cases/hostile.yaml"});
    ASSERT_TRUE(loaded.ok());
    library_ = new harness::Library(std::move(loaded.library));
    auto options = options_for(server_->port());
    options.jobs = 8;
    options.limits.max_buffered_bytes = size_t{2} << 20;
    run_ = new harness::RunResult(harness::run_cases(library_->cases(), options));
  }
  static void TearDownTestSuite() {
    delete run_;
    delete library_;
    delete server_;
  }

  static const harness::CaseResult* result(const std::string& id) {
    for (const auto& r : run_->results) {
      if (r.info.id == id) return &r;
    }
    return nullptr;
  }

  static LoopbackServer* server_;
  static harness::Library* library_;
  static harness::RunResult* run_;
};

LoopbackServer* HostileTest::server_ = nullptr;
harness::Library* HostileTest::library_ = nullptr;
harness::RunResult* HostileTest::run_ = nullptr;

TEST_F(HostileTest, EveryCaseFinishesWithTheExpectedVerdictAndReason) {
  ASSERT_EQ(run_->results.size(), expectations().size());
  for (const auto& [id, want] : expectations()) {
    const auto* r = result(id);
    ASSERT_NE(r, nullptr) << id;
    EXPECT_EQ(r->verdict, want.verdict) << id << "\n" << dump(*r);
    if (want.verdict == Verdict::pass) continue;
    bool found = false;
    for (const auto& reason : r->reasons) {
      if (reason.message.find(want.message) == std::string::npos) continue;
      if (reason.actual.find(want.actual) == std::string::npos) continue;
      found = true;
      EXPECT_FALSE(reason.expected.empty()) << id;
      EXPECT_FALSE(reason.section.empty()) << id;
      EXPECT_TRUE(reason.where.known()) << id;
    }
    EXPECT_TRUE(found) << id << ": no reason with \"" << want.message << "\" / \"" << want.actual
                       << "\"\n"
                       << dump(*r);
  }
}

TEST_F(HostileTest, EveryNonPassVerdictHasAReason) {
  for (const auto& r : run_->results) {
    if (r.verdict == Verdict::pass) continue;
    ASSERT_FALSE(r.reasons.empty()) << r.info.id;
    for (const auto& reason : r.reasons) {
      EXPECT_FALSE(reason.message.empty()) << r.info.id;
      EXPECT_FALSE(reason.actual.empty()) << r.info.id;
    }
  }
}

TEST_F(HostileTest, ParseErrorsNameTheRfcSectionAndShowTheBytes) {
  for (const char* id : {"hostile-endless-headers", "hostile-garbage"}) {
    const auto* r = result(id);
    ASSERT_NE(r, nullptr);
    ASSERT_FALSE(r->reasons.empty());
    const auto& reason = r->reasons.front();
    EXPECT_EQ(reason.section.rfind("RFC 9112 §", 0), 0u) << id << " " << reason.section;
    ASSERT_TRUE(reason.excerpt.has_value()) << id;
    EXPECT_FALSE(reason.excerpt->bytes.empty());
    EXPECT_LE(reason.excerpt->bytes.size(), 512u);
  }
}

TEST_F(HostileTest, EarlyAnswerIsReadAfterTheWriteGivesUp) {
  const auto* r = result("hostile-early");
  ASSERT_NE(r, nullptr);
  bool write_gave_up = false;
  for (const auto& e : r->transcript) {
    if (e.kind == harness::EventKind::timeout &&
        e.detail.find("write stopped after") != std::string::npos) {
      write_gave_up = true;
    }
  }
  EXPECT_TRUE(write_gave_up) << dump(*r);
  // The response is in the transcript although the request body used up its share.
  std::string received;
  for (const auto& e : r->transcript) {
    if (e.kind == harness::EventKind::receive) received += e.bytes;
  }
  EXPECT_NE(received.find("early"), std::string::npos) << dump(*r);
}

TEST_F(HostileTest, MemoryStaysBounded) {
  // Without the caps, the endless body alone would buffer gigabytes in its 10s; the largest
  // legitimate holdings are the two 32 MiB request bodies and the 2 MiB buffers.
  EXPECT_LT(peak_rss_kib(), 384L * 1024) << "peak RSS " << peak_rss_kib() << " KiB";
  for (const auto& r : run_->results) {
    size_t kept = 0;
    for (const auto& e : r.transcript) kept += e.bytes.size();
    EXPECT_LE(kept, size_t{1} << 20) << r.info.id;
  }
}

}  // namespace
}  // namespace wirecheck::testing
