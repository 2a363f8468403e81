// The JUnit report validated by xmllint against tests/data/reports/junit.xsd, and the schema
// shown to reject what CI readers would choke on (so a pass means something).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "reports/report.h"
#include "sample_results.h"

namespace wirecheck::reports::testing {
namespace {

struct Validation {
  int status = -1;
  std::string output;
};

class JunitSchema : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("wirecheck-junit-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Validation validate(const std::string& name, const std::string& xml) {
    auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << xml;
    std::string command = "xmllint --noout --schema '" + std::string(WIRECHECK_JUNIT_XSD) + "' '" +
                          path.string() + "' 2>&1";
    Validation v;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return v;
    char buf[512];
    while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) v.output.append(buf, n);
    int status = ::pclose(pipe);
    v.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return v;
  }

  // xmllint exits 3 when a document fails validation; other codes mean the schema itself or
  // the document's XML is broken, which must not count as "rejected".
  void expect_rejected(const std::string& name, const std::string& xml) {
    auto v = validate(name, xml);
    EXPECT_EQ(v.status, 3) << v.output;
    EXPECT_NE(v.output.find("fails to validate"), std::string::npos) << v.output;
  }

  std::filesystem::path dir_;
};

TEST_F(JunitSchema, XmllintIsAvailable) {
  // Without xmllint every other test here would fail for the wrong reason.
  ASSERT_EQ(std::system("xmllint --version >/dev/null 2>&1"), 0)
      << "xmllint not found (Debian package libxml2-utils)";
}

TEST_F(JunitSchema, MixedRunIsValid) {
  auto v = validate("mixed.xml", render(mixed_run(), Format::junit));
  EXPECT_EQ(v.status, 0) << v.output;
}

TEST_F(JunitSchema, AllPassRunIsValid) {
  auto v = validate("all-pass.xml", render(all_pass_run(), Format::junit));
  EXPECT_EQ(v.status, 0) << v.output;
}

TEST_F(JunitSchema, EmptyRunIsValid) {
  auto v = validate("empty.xml", render(empty_run(), Format::junit));
  EXPECT_EQ(v.status, 0) << v.output;
}

// Every byte value in every text field: the document stays well-formed UTF-8 XML.
TEST_F(JunitSchema, HostileBytesStayValid) {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  auto run = mixed_run();
  for (auto& r : run.results) {
    r.info.title = all;
    r.info.suite += all;
    r.info.ref.text = all;
    r.info.tags.push_back(all);
    for (auto& reason : r.reasons) {
      reason.message = all;
      reason.expected = all;
      reason.actual = all;
    }
    for (auto& e : r.transcript) e.detail = all;
  }
  run.target = all;
  auto v = validate("hostile.xml", render(run, Format::junit));
  EXPECT_EQ(v.status, 0) << v.output;
}

TEST_F(JunitSchema, RejectsTestcaseWithoutName) {
  expect_rejected("bad-name.xml",
                  "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase classname=\"s\"/>"
                  "</testsuite></testsuites>");
}

TEST_F(JunitSchema, RejectsOutcomeBeforeProperties) {
  expect_rejected("bad-order.xml",
                  "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase name=\"c\">"
                  "<failure message=\"m\"/><properties><property name=\"a\" value=\"b\"/>"
                  "</properties></testcase></testsuite></testsuites>");
}

TEST_F(JunitSchema, RejectsNegativeCountsAndTimeWithUnits) {
  expect_rejected("bad-count.xml",
                  "<testsuites><testsuite name=\"s\" tests=\"-1\"/></testsuites>");
  expect_rejected("bad-time.xml",
                  "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase name=\"c\" "
                  "time=\"5ms\"/></testsuite></testsuites>");
}

TEST_F(JunitSchema, RejectsUnknownElements) {
  expect_rejected("bad-element.xml",
                  "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase name=\"c\">"
                  "<flakyFailure/></testcase></testsuite></testsuites>");
}

TEST_F(JunitSchema, RejectsSkippedTogetherWithFailure) {
  expect_rejected("bad-outcome.xml",
                  "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase name=\"c\">"
                  "<skipped/><failure/></testcase></testsuite></testsuites>");
}

}  // namespace
}  // namespace wirecheck::reports::testing
