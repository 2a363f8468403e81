// Rosters: what a valid one turns into, and that every mistake in one is reported with the
// file, line and column it was written at.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "harness/grade/placeholders.h"
#include "harness/grade/roster_loader.h"

namespace wirecheck::harness {
namespace {

namespace fs = std::filesystem;

// The rosters are read as if they were files in tests/data/rosters, so relative paths find
// the docroot and the case library there.
const std::string kDir = std::string(WIRECHECK_SOURCE_DIR) + "/tests/data/rosters";
const std::string kFile = kDir + "/inline.yaml";

std::optional<Roster> load(const std::string& text, Diagnostics& d) {
  return load_roster_text(text, kFile, d);
}

std::string all_messages(const Diagnostics& d) {
  std::string out;
  for (const auto& item : d.items()) out += item.to_string() + "\n";
  return out;
}

// The diagnostic at `line`:`column`, or "" with the whole list in the failure message.
std::string message_at(const Diagnostics& d, int line, int column) {
  for (const auto& item : d.items()) {
    if (item.where.line == line && item.where.column == column) return item.message;
  }
  ADD_FAILURE() << "no diagnostic at " << line << ":" << column << "; got:\n" << all_messages(d);
  return "";
}

TEST(RosterLoader, ReadsStudentsDefaultsAndPolicy) {
  Diagnostics d;
  auto roster = load(R"(roster: lab3
cases: ../../../cases
profile: student-http
policy: { restart: case, fresh: [robustness-*], retries: 1, health: rfc9112-3.2-structured-get }
limits: { cpu: 10s, processes: 16 }
defaults:
  docroot: www
  env: { MODE: strict, LANG: C }
students:
  - name: alice
    start: python3 server.py --port {port} --root {docroot}
    env: { MODE: lenient, EXTRA: "{port}" }
    limits: { memory: 100MiB, wall: 2s }
  - name: bob.b-2
    target: 127.0.0.1:8080
    profile: tcp-reply
)",
                     d);
  ASSERT_TRUE(roster) << all_messages(d);
  EXPECT_EQ(d.items().size(), 0u) << all_messages(d);
  EXPECT_EQ(roster->name, "lab3");
  ASSERT_EQ(roster->cases.size(), 1u);
  EXPECT_EQ(fs::canonical(roster->cases[0]), fs::canonical(std::string(WIRECHECK_SOURCE_DIR) + "/cases"));
  EXPECT_EQ(roster->policy.restart, RestartPolicy::each_case);
  EXPECT_EQ(roster->policy.fresh, std::vector<std::string>{"robustness-*"});
  EXPECT_EQ(roster->policy.retries, 1u);
  EXPECT_EQ(roster->policy.health, std::vector<std::string>{"rfc9112-3.2-structured-get"});

  ASSERT_EQ(roster->students.size(), 2u);
  const Student& alice = roster->students[0];
  EXPECT_EQ(alice.name, "alice");
  EXPECT_TRUE(alice.started());
  EXPECT_EQ(alice.start, "python3 server.py --port {port} --root {docroot}");
  EXPECT_EQ(fs::path(alice.dir), fs::absolute(kDir).lexically_normal());
  EXPECT_EQ(fs::path(alice.docroot), fs::absolute(kDir + "/www").lexically_normal());
  ASSERT_EQ(alice.env.size(), 3u);  // the defaults' two, MODE replaced, EXTRA added
  EXPECT_EQ(alice.env[0].name, "MODE");
  EXPECT_EQ(alice.env[0].value, "lenient");
  EXPECT_EQ(alice.env[1].name, "LANG");
  EXPECT_EQ(alice.env[2].name, "EXTRA");
  EXPECT_EQ(alice.env[2].value, "{port}");
  EXPECT_EQ(alice.limits.cpu, Duration(10'000));
  EXPECT_EQ(alice.limits.processes, 16u);
  EXPECT_EQ(alice.limits.memory, uint64_t{100} << 20);
  EXPECT_EQ(alice.limits.wall, Duration(2000));
  EXPECT_EQ(alice.limits.open_files, StudentLimits{}.open_files);  // untouched: the default
  EXPECT_EQ(alice.profile_name, "student-http");
  EXPECT_EQ(fs::path(alice.profile_file).filename(), "student-http.yaml");

  const Student& bob = roster->students[1];
  EXPECT_FALSE(bob.started());
  EXPECT_EQ(bob.target, "127.0.0.1:8080");
  EXPECT_EQ(bob.profile_name, "tcp-reply");
  EXPECT_EQ(fs::path(bob.profile_file).filename(), "tcp-reply.yaml");
}

TEST(RosterLoader, EveryMistakeIsReportedWhereItWasWritten) {
  Diagnostics d;
  auto roster = load(R"(cases: ../../../cases
profile: student-http
policy: { restart: sometimes }
limits: { memory: 12 parsecs }
students:
  - name: alice
    strat: python3 server.py
  - name: bob
    target: 127.0.0.1:80
    start: python3 server.py --port {port}
  - name: carol
  - name: alice
    start: python3 server.py --port {prot}
  - name: dave
    start: python3 server.py
    dir: no-such-folder
  - name: erin
    start: python3 server.py
    profile: no-such-profile
  - name: frank
    target: localhost
  - name: "../grace"
    start: x
)",
                     d);
  EXPECT_FALSE(roster);
  EXPECT_EQ(message_at(d, 3, 20), "bad value 'sometimes' for 'restart': use 'suite', 'case' or 'once'");
  EXPECT_EQ(message_at(d, 4, 19),
            "bad size '12 parsecs' for 'memory': use one of the units B, KB, MB, GB, KiB, MiB, GiB");
  EXPECT_EQ(message_at(d, 7, 5), "unknown key 'strat' in a student (did you mean 'start'?)");
  EXPECT_EQ(message_at(d, 9, 13),
            "student 'bob' has both 'target' and 'start': give the address of a running server "
            "or the command that starts one, not both");
  EXPECT_EQ(message_at(d, 11, 5),
            "student 'carol' has neither 'target' (host:port of a running server) nor 'start' "
            "(the command that starts it)");
  EXPECT_EQ(message_at(d, 12, 11), "duplicate student name 'alice' (first at line 6)");
  EXPECT_EQ(message_at(d, 13, 37),
            "unknown placeholder {prot} (did you mean 'port'?) (known here: {port}, {host}, "
            "{dir}, {docroot}, {name})");
  EXPECT_EQ(message_at(d, 16, 10),
            "the directory " + (fs::path(kDir) / "no-such-folder").lexically_normal().string() +
                " of student 'dave' is not a directory");
  EXPECT_EQ(message_at(d, 19, 14),
            "no such profile 'no-such-profile' (looked for a file, and for "
            "profiles/no-such-profile.yaml beside the cases)");
  EXPECT_EQ(message_at(d, 21, 13), "bad target 'localhost': missing port in \"localhost\" (expected HOST:PORT)");
  EXPECT_EQ(message_at(d, 22, 11),
            "bad student name '../grace': use letters, digits, '.', '_' and '-' (it names a "
            "folder)");
  // One message per mistake: a student with a bad key or placeholder is not also said to
  // lack a start command.
  EXPECT_EQ(d.errors(), 11u) << all_messages(d);
  for (const auto& item : d.items()) {
    EXPECT_EQ(item.where.file, kFile);
    EXPECT_EQ(item.severity, Severity::error);
  }
}

TEST(RosterLoader, RequiresStudentsAndAProfile) {
  Diagnostics d;
  EXPECT_FALSE(load("cases: ../../../cases\nprofile: student-http\n", d));
  EXPECT_EQ(message_at(d, 1, 1), "the roster is missing required key 'students'");

  Diagnostics d2;
  EXPECT_FALSE(load("cases: ../../../cases\nstudents:\n  - name: a\n    target: 127.0.0.1:9\n", d2));
  EXPECT_EQ(message_at(d2, 3, 5),
            "no profile for student 'a': set 'profile' at the top of the roster or for the "
            "student");
}

TEST(RosterLoader, InvalidYamlIsADiagnostic) {
  Diagnostics d;
  EXPECT_FALSE(load("students: [\n  - name: a\n", d));
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_NE(d.items()[0].message.find("invalid YAML"), std::string::npos);
  EXPECT_GT(d.items()[0].where.line, 0);
}

TEST(RosterLoader, DirectoriesMayNameTheStudent) {
  Diagnostics d;
  auto roster = load(R"(cases: ../../../cases
profile: student-http
defaults:
  dir: "{name}"
  start: ./run --port {port}
students:
  - name: www
  - name: missing-student
)",
                     d);
  EXPECT_FALSE(roster);
  // "www" exists beside the roster; the second student's folder does not, and the message
  // points at the default that named it.
  ASSERT_EQ(d.errors(), 1u) << all_messages(d);
  EXPECT_EQ(message_at(d, 4, 8),
            "the directory " + (fs::path(kDir) / "missing-student").lexically_normal().string() +
                " of student 'missing-student' is not a directory");
}

TEST(RosterLoader, TheAnnotatedExampleIsValid) {
  Diagnostics d;
  auto roster = load_roster(kDir + "/example.yaml", d);
  ASSERT_TRUE(roster) << all_messages(d);
  EXPECT_EQ(d.items().size(), 0u) << all_messages(d);
  ASSERT_EQ(roster->students.size(), 4u);
  EXPECT_EQ(roster->students[0].start,
            "python3 ../../students/http_server.py --port {port} --root {docroot}");
  EXPECT_EQ(roster->students[1].limits.memory, uint64_t{2} << 30);
  EXPECT_EQ(roster->students[1].env.size(), 2u);
  EXPECT_FALSE(roster->students[2].started());
  EXPECT_EQ(roster->students[3].profile_name, "tcp-reply");
  EXPECT_EQ(roster->policy.fresh, std::vector<std::string>{"robustness-*"});
}

TEST(ParseSize, UnitsAndMistakes) {
  EXPECT_EQ(parse_size("4096"), 4096u);
  EXPECT_EQ(parse_size("512MiB"), uint64_t{512} << 20);
  EXPECT_EQ(parse_size("1 GiB"), uint64_t{1} << 30);
  EXPECT_EQ(parse_size("2KB"), 2000u);
  EXPECT_EQ(parse_size("3MB"), 3'000'000u);
  std::string error;
  EXPECT_FALSE(parse_size("MiB", &error));
  EXPECT_EQ(error, "it must start with a whole number, as in 512MiB");
  EXPECT_FALSE(parse_size("10 mb", &error));
  EXPECT_EQ(error, "use one of the units B, KB, MB, GB, KiB, MiB, GiB");
  EXPECT_FALSE(parse_size("0", &error));
  EXPECT_FALSE(parse_size("99999999999999999999GiB", &error));
}

TEST(Placeholders, FoundExceptShellSyntax) {
  auto uses = find_placeholders("run {port} ${HOME} {a,b} {docroot}{x}");
  ASSERT_EQ(uses.size(), 3u);
  EXPECT_EQ(uses[0].name, "port");
  EXPECT_EQ(uses[0].offset, 4u);
  EXPECT_EQ(uses[1].name, "docroot");
  EXPECT_EQ(uses[2].name, "x");
}

TEST(Placeholders, ValuesAreQuotedForTheShell) {
  PlaceholderValues values = {{"port", "40123"}, {"docroot", "/srv/my site"}, {"name", "o'neil"}};
  EXPECT_EQ(expand_placeholders("srv --port {port} --root {docroot} # {name} {other} ${HOME}",
                                values, /*shell=*/true),
            "srv --port 40123 --root '/srv/my site' # 'o'\\''neil' {other} ${HOME}");
  EXPECT_EQ(expand_placeholders("{docroot}/index.html", values, /*shell=*/false),
            "/srv/my site/index.html");
}

}  // namespace
}  // namespace wirecheck::harness
