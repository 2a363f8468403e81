// Every file in tests/data/bad-cases is a case file with one kind of mistake. It ends with the
// diagnostics the loader must report, each as "# expect: LINE:COLUMN: SEVERITY: MESSAGE"; the
// test loads the file (or the directory, for mistakes that span files) and compares the full
// list: the message text and the position, nothing missing, nothing extra.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "harness/load/loader.h"

namespace fs = std::filesystem;

namespace wirecheck::harness {
namespace {

const fs::path kDir = WIRECHECK_BAD_CASES_DIR;

std::vector<std::string> entries() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kDir)) {
    if (e.is_directory() || e.path().extension() == ".yaml") out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The "# expect:" lines of `file`, each prefixed with the file's name as the loader prints it.
std::vector<std::string> expectations(const std::string& file) {
  std::vector<std::string> out;
  std::ifstream in(kDir / file);
  std::string line;
  const std::string marker = "# expect: ";
  while (std::getline(in, line)) {
    if (line.rfind(marker, 0) == 0) out.push_back(file + ":" + line.substr(marker.size()));
  }
  return out;
}

class BadCaseFile : public testing::TestWithParam<std::string> {};

TEST_P(BadCaseFile, ReportsExactlyTheExpectedDiagnostics) {
  // Relative paths, so the messages (and "first defined at ...") do not depend on where the
  // checkout is.
  fs::current_path(kDir);
  const std::string& entry = GetParam();
  std::vector<std::string> expected;
  if (fs::is_directory(entry)) {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(entry)) files.push_back(e.path().generic_string());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      auto more = expectations(f);
      expected.insert(expected.end(), more.begin(), more.end());
    }
  } else {
    expected = expectations(entry);
  }
  ASSERT_FALSE(expected.empty()) << entry << " has no '# expect:' line";

  LoadResult result = load_cases({entry});
  std::vector<std::string> actual;
  for (const auto& d : result.diagnostics.items()) actual.push_back(d.to_string());
  std::sort(expected.begin(), expected.end());
  std::sort(actual.begin(), actual.end());
  EXPECT_EQ(actual, expected);
  EXPECT_FALSE(result.ok());
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(LoadBadCases, BadCaseFile, testing::ValuesIn(entries()), test_name);

TEST(LoadBadCases, CoverAtLeastThirtyKindsOfMistake) { EXPECT_GE(entries().size(), 30u); }

}  // namespace
}  // namespace wirecheck::harness
