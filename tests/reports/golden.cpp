#include "golden.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace wirecheck::reports::testing {
namespace {

bool updating() {
  const char* v = std::getenv("WIRECHECK_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

std::string read_file(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = static_cast<bool>(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

std::string line_at(const std::string& text, size_t n) {
  std::istringstream in(text);
  std::string line;
  for (size_t i = 0; i <= n && std::getline(in, line); ++i) {
    if (i == n) return line;
  }
  return "(end of text)";
}

}  // namespace

std::string golden_path(const std::string& name) {
  return std::string(WIRECHECK_REPORTS_GOLDEN_DIR) + "/" + name;
}

std::string check_golden(const std::string& name, const std::string& actual) {
  std::string path = golden_path(name);
  if (updating()) {
    write_file(path, actual);
    return {};
  }
  bool ok = false;
  std::string expected = read_file(path, &ok);
  if (!ok) {
    return "missing golden file " + path +
           " (create it with WIRECHECK_UPDATE_GOLDEN=1 and review it)";
  }
  if (expected == actual) return {};
  std::string actual_path = std::string(WIRECHECK_REPORTS_ACTUAL_DIR) + "/" + name;
  write_file(actual_path, actual);
  size_t line = 0;
  size_t i = 0;
  while (i < expected.size() && i < actual.size() && expected[i] == actual[i]) {
    if (expected[i] == '\n') ++line;
    ++i;
  }
  return "differs from " + path + " at line " + std::to_string(line + 1) + "\n  expected: " +
         line_at(expected, line) + "\n  actual:   " + line_at(actual, line) +
         "\n  see: diff -u " + path + " " + actual_path +
         "\n  accept with WIRECHECK_UPDATE_GOLDEN=1 after reviewing";
}

}  // namespace wirecheck::reports::testing
