// Loader behaviour on small inline case files: escapes, folding, defaults, step forms.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "harness/load/loader.h"
#include "harness/model/bytes.h"
#include "harness/model/variables.h"

namespace wirecheck::harness {
namespace {

std::string file(const std::string& steps, const std::string& extra = "",
                 const std::string& head = "") {
  return "suite: t\nspec: RFC 9112\n" + head + "defaults: { ref: { level: MUST } }\ncases:\n"
         "  - id: c\n    title: T\n" + extra + "    steps:\n" + steps;
}

const Case& only_case(const LoadResult& r) {
  for (const auto& d : r.diagnostics.items()) ADD_FAILURE() << d.to_string();
  if (r.library.case_count() != 1) throw std::runtime_error("expected one case");
  return r.library.suites.at(0).cases.at(0);
}

std::string first_send(const std::string& yaml_steps) {
  LoadResult r = load_cases_text(file(yaml_steps), "t.yaml");
  const Case& c = only_case(r);
  const Send& s = std::get<Send>(c.steps.at(0).action);
  return *render(s.parts.at(0), placeholder_variables({}));
}

TEST(LoadBytes, DoubleQuotedHexEscapesAreBytesNotCodePoints) {
  // YAML alone would turn "\xff" into U+00FF (two bytes in UTF-8).
  EXPECT_EQ(encode_hex(first_send("      - send: \"\\xff\\x00\\x7f\"\n      - expect_close\n")),
            "ff007f");
}

TEST(LoadBytes, EscapesWorkInEveryScalarStyle) {
  EXPECT_EQ(first_send("      - send: 'a\\r\\nb'\n      - expect_close\n"), "a\r\nb");
  EXPECT_EQ(first_send("      - send: a\\tb\n      - expect_close\n"), "a\tb");
  EXPECT_EQ(first_send("      - send: \"q\\\"\\\\\"\n      - expect_close\n"), "q\"\\");
  EXPECT_EQ(first_send("      - send: 'it''s'\n      - expect_close\n"), "it's");
}

TEST(LoadBytes, Utf8TextStaysUtf8) {
  EXPECT_EQ(first_send("      - send: \"é你\"\n      - expect_close\n"), "é你");
}

TEST(LoadBytes, MultiLineDoubleQuotedFoldsLikeYaml) {
  EXPECT_EQ(first_send("      - send: \"one\n          two\n\n          three\\\n          four\"\n"
                       "      - expect_close\n"),
            "one two\nthreefour");
}

TEST(LoadBytes, LiteralBraces) {
  EXPECT_EQ(first_send("      - send: \"\\x7b{not a variable}}\"\n      - expect_close\n"),
            "{{not a variable}}");
  EXPECT_EQ(first_send("      - send: \"a { b } c\"\n      - expect_close\n"), "a { b } c");
}

TEST(LoadBytes, VariablesMayHaveSpacesInside) {
  EXPECT_EQ(first_send("      - send: \"{{ host }}:{{port}}\"\n      - expect_close\n"),
            "127.0.0.1:8080");
}

TEST(LoadBytes, AnchorsAndAliasesReuseBytes) {
  LoadResult r = load_cases_text(
      file("      - send: &req \"GET / HTTP/1.1\\r\\n\\r\\n\"\n      - expect: {status: 200}\n"
           "      - send: *req\n      - expect: {status: 200}\n"),
      "t.yaml");
  const Case& c = only_case(r);
  auto vars = placeholder_variables({});
  EXPECT_EQ(render(std::get<Send>(c.steps[0].action).parts[0], vars), "GET / HTTP/1.1\r\n\r\n");
  EXPECT_EQ(render(std::get<Send>(c.steps[2].action).parts[0], vars), "GET / HTTP/1.1\r\n\r\n");
}

TEST(LoadDefaults, MergeIntoCases) {
  std::string text =
      "suite: t\nspec: RFC 9112\n"
      "defaults:\n  timeout: 2s\n  tags: [a, b]\n  points: 3\n  serial: true\n"
      "  requires: echo\n  ref: { section: \"6.1\", level: SHOULD, text: from defaults }\n"
      "cases:\n"
      "  - id: inherits\n    title: T\n    steps: [expect_close]\n"
      "  - id: overrides\n    title: T\n    tags: [b, c]\n    points: 0.5\n    serial: false\n"
      "    timeout: 100ms\n    requires: [chunked]\n"
      "    ref: { document: RFC 9110, level: MUST }\n    steps: [expect_close]\n";
  LoadResult r = load_cases_text(text, "t.yaml");
  for (const auto& d : r.diagnostics.items()) ADD_FAILURE() << d.to_string();
  ASSERT_EQ(r.library.case_count(), 2u);
  const Case& a = r.library.suites[0].cases[0];
  EXPECT_EQ(a.timeout, Duration(2000));
  EXPECT_EQ(a.tags, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(a.points, 3);
  EXPECT_TRUE(a.serial);
  EXPECT_EQ(a.capabilities, std::vector<std::string>{"echo"});
  EXPECT_EQ(a.ref.document, "RFC 9112");
  EXPECT_EQ(a.ref.section, "6.1");
  EXPECT_EQ(a.ref.level, Level::should);
  EXPECT_EQ(a.ref.text, "from defaults");
  const Case& b = r.library.suites[0].cases[1];
  EXPECT_EQ(b.timeout, Duration(100));
  EXPECT_EQ(b.tags, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(b.points, 0.5);
  EXPECT_FALSE(b.serial);
  EXPECT_EQ(b.capabilities, (std::vector<std::string>{"echo", "chunked"}));
  EXPECT_EQ(b.ref.document, "RFC 9110");
  EXPECT_EQ(b.ref.section, "6.1");
  EXPECT_EQ(b.ref.level, Level::must);
}

TEST(LoadSteps, WordStepsAndReconnect) {
  LoadResult r = load_cases_text(
      file("      - send: x\n      - shutdown\n      - expect_reset\n      - connect\n"
           "      - send: y\n      - expect_close: { state: closed, within: 1s }\n"
           "      - connect: main\n      - abort\n"),
      "t.yaml");
  const Case& c = only_case(r);
  ASSERT_EQ(c.steps.size(), 8u);
  EXPECT_TRUE(std::holds_alternative<ShutdownWrite>(c.steps[1].action));
  EXPECT_EQ(std::get<ExpectClose>(c.steps[2].action).state, ConnectionState::reset);
  EXPECT_TRUE(std::holds_alternative<Connect>(c.steps[3].action));
  EXPECT_EQ(c.steps[3].connection, "main");
  EXPECT_EQ(std::get<ExpectClose>(c.steps[5].action).state, ConnectionState::closed);
  EXPECT_EQ(std::get<ExpectClose>(c.steps[5].action).within, Duration(1000));
  EXPECT_TRUE(std::holds_alternative<Abort>(c.steps[7].action));
}

TEST(LoadSteps, ExpectSilenceLongForm) {
  LoadResult r = load_cases_text(
      file("      - expect_silence: { for: 250ms, allow_close: true }\n"), "t.yaml");
  const Case& c = only_case(r);
  const auto& s = std::get<ExpectSilence>(c.steps[0].action);
  EXPECT_EQ(s.duration, Duration(250));
  EXPECT_TRUE(s.allow_close);
}

TEST(LoadExpect, StatusPatternsReasonAndWarnIf) {
  LoadResult r = load_cases_text(
      file("      - send: x\n"
           "      - expect:\n"
           "          status: [2xx, 404, 301-303]\n"
           "          reason: { contains: Found }\n"
           "          level: SHOULD\n"
           "          warn_if: { status: 204, note: empty }\n"
           "          interim: 100\n"),
      "t.yaml");
  const Case& c = only_case(r);
  const auto& x = std::get<ExpectResponse>(c.steps[1].action);
  ASSERT_TRUE(x.common.status);
  EXPECT_EQ(x.common.status->text, "2xx or 404 or 301-303");
  EXPECT_TRUE(x.common.status->matches(250));
  EXPECT_TRUE(x.common.status->matches(302));
  EXPECT_FALSE(x.common.status->matches(300));
  EXPECT_EQ(x.common.reason->op, StringMatch::Op::contains);
  EXPECT_EQ(x.level, Level::should);
  ASSERT_EQ(x.warn_if.size(), 1u);
  EXPECT_EQ(x.warn_if[0].verdict, Verdict::warn);
  EXPECT_EQ(x.warn_if[0].note, "empty");
  EXPECT_EQ(x.common.interim->mode, InterimPolicy::Mode::expected);
  EXPECT_TRUE(x.common.interim->status->matches(100));
}

TEST(LoadExpect, EmptyMapAcceptsAnyResponse) {
  LoadResult r = load_cases_text(file("      - send: x\n      - expect: {}\n"), "t.yaml");
  EXPECT_TRUE(std::get<ExpectResponse>(only_case(r).steps[1].action).common.empty());
}

TEST(LoadExpect, HeaderValuesAndKeywords) {
  LoadResult r = load_cases_text(
      file("      - send: x\n"
           "      - expect:\n"
           "          headers:\n"
           "            Content-Length: 5\n"
           "            Date: present\n"
           "            X-Literal: { equals: present }\n"
           "            Server: { present: false }\n"
           "            Host: \"{{authority}}\"\n"),
      "t.yaml");
  const auto& h = std::get<ExpectResponse>(only_case(r).steps[1].action).common.headers;
  ASSERT_EQ(h.size(), 5u);
  EXPECT_EQ(h[0].name, "content-length");
  EXPECT_EQ(h[0].op, HeaderCheck::Op::equals);
  EXPECT_EQ(h[0].value.text(), "5");
  EXPECT_EQ(h[1].op, HeaderCheck::Op::present);
  EXPECT_EQ(h[2].op, HeaderCheck::Op::equals);
  EXPECT_EQ(h[2].value.text(), "present");
  EXPECT_EQ(h[3].op, HeaderCheck::Op::absent);
  EXPECT_TRUE(h[4].value.has_variables());
}

TEST(LoadExpect, BodyForms) {
  LoadResult r = load_cases_text(
      file("      - send: x\n"
           "      - expect: { body: { hex: \"00ff\" } }\n"
           "      - send: x\n"
           "      - expect: { body: { text: \"你好\", encoding: gbk } }\n"
           "      - send: x\n"
           "      - expect:\n"
           "          body:\n"
           "            contains: abc\n"
           "            regex: '^a'\n"
           "            length: \">= 3\"\n"
           "            sha256: BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD\n"),
      "t.yaml");
  const Case& c = only_case(r);
  auto vars = placeholder_variables({});
  const auto& hex = std::get<ExpectResponse>(c.steps[1].action).common.body.at(0);
  EXPECT_EQ(render(hex.bytes, vars), std::string("\x00\xff", 2));
  const auto& text = std::get<ExpectResponse>(c.steps[3].action).common.body.at(0);
  EXPECT_EQ(encode_hex(*render(text.bytes, vars)), "c4e3bac3");
  const auto& body = std::get<ExpectResponse>(c.steps[5].action).common.body;
  ASSERT_EQ(body.size(), 4u);
  EXPECT_EQ(body[0].op, BodyCheck::Op::contains);
  EXPECT_EQ(body[1].op, BodyCheck::Op::regex);
  EXPECT_EQ(body[2].length.lo, 3);
  EXPECT_EQ(body[2].length.hi, INT64_MAX);
  EXPECT_EQ(body[3].sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(LoadParameters, DeclaredParametersAreVariables) {
  LoadResult r = load_cases_text(
      file("      - send: \"{{greeting}}\"\n      - expect_close\n", "",
           "parameters:\n  greeting: \"hi\\r\\n\"\n"),
      "t.yaml");
  const Case& c = only_case(r);
  EXPECT_EQ(c.parameters.at("greeting"), "hi\r\n");
  EXPECT_EQ(render(std::get<Send>(c.steps[0].action).parts[0], placeholder_variables(c.parameters)),
            "hi\r\n");
}

TEST(LoadWarnings, AMethodThatIsNotATokenWarnsButLoads) {
  LoadResult r = load_cases_text(
      file("      - send: { request: { method: \"GE T\", target: / } }\n      - expect: {}\n"),
      "t.yaml");
  ASSERT_EQ(r.diagnostics.items().size(), 1u);
  EXPECT_EQ(r.diagnostics.items()[0].to_string(),
            "t.yaml:8:36: warning: method 'GE T' is not a token; the serializer sends it as is");
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.library.case_count(), 1u);
}

TEST(LoadFiles, DirectoriesSkipTargetsProfilesAndOtherFiles) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("wirecheck-load-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "b");
  fs::create_directories(dir / "targets");
  fs::create_directories(dir / "profiles");
  auto write = [](const fs::path& p, const std::string& s) { std::ofstream(p) << s; };
  write(dir / "b" / "z.yaml", "x");
  write(dir / "a.yml", "x");
  write(dir / "notes.txt", "x");
  write(dir / "targets" / "t.yaml", "x");
  write(dir / "profiles" / "p.yaml", "x");
  Diagnostics d;
  auto files = case_files({dir.string()}, d);
  EXPECT_TRUE(d.items().empty());
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(fs::path(files[0]).filename(), "a.yml");
  EXPECT_EQ(fs::path(files[1]).filename(), "z.yaml");
  // A file given twice (directly and through its directory) is read once.
  files = case_files({dir.string(), (dir / "a.yml").string()}, d);
  EXPECT_EQ(files.size(), 2u);
  case_files({(dir / "nope").string()}, d);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].message, "no such file or directory");
  fs::remove_all(dir);
}

// Many files: suites in file order, ids checked across files in that order, diagnostics in
// file order, a file that is not YAML costing only itself.
TEST(LoadFiles, ManyFilesLoadInFileOrder) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("wirecheck-many-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const int kFiles = 24;
  for (int i = 0; i < kFiles; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "f%02d.yaml", i);
    std::string text;
    if (i == 5) {
      text = "suite: s5\ncases: [ {\n";  // not YAML
    } else {
      text = "suite: s" + std::to_string(i) + "\nspec: RFC 9112\n"
             "defaults: { ref: { level: MUST } }\ncases:\n";
      for (int k = 0; k < 3; ++k) {
        char id[32];
        // f17 repeats an id of f03.
        std::snprintf(id, sizeof id, "c%02d-%d", i == 17 && k == 1 ? 3 : i, k);
        if (i == 11 && k == 2) std::snprintf(id, sizeof id, "Bad_Id");
        text += std::string("  - id: ") + id + "\n    title: T\n    steps:\n      - send: x\n"
                "      - expect: { status: 200 }\n";
      }
    }
    std::ofstream(dir / name) << text;
  }
  LoadResult r = load_cases({dir.string()});
  EXPECT_EQ(r.files, static_cast<size_t>(kFiles));
  ASSERT_EQ(r.library.suites.size(), static_cast<size_t>(kFiles - 1));
  for (size_t i = 0; i < r.library.suites.size(); ++i) {
    int n = static_cast<int>(i) < 5 ? static_cast<int>(i) : static_cast<int>(i) + 1;
    EXPECT_EQ(r.library.suites[i].name, "s" + std::to_string(n));
  }
  ASSERT_EQ(r.diagnostics.items().size(), 3u);
  auto file_of = [](const Diagnostic& d) { return fs::path(d.where.file).filename().string(); };
  EXPECT_EQ(file_of(r.diagnostics.items()[0]), "f05.yaml");
  EXPECT_EQ(r.diagnostics.items()[0].message.rfind("invalid YAML", 0), 0u);
  EXPECT_EQ(file_of(r.diagnostics.items()[1]), "f11.yaml");
  EXPECT_EQ(file_of(r.diagnostics.items()[2]), "f17.yaml");
  EXPECT_NE(r.diagnostics.items()[2].message.find("duplicate case id 'c03-1'"), std::string::npos);
  EXPECT_NE(r.diagnostics.items()[2].message.find("f03.yaml"), std::string::npos);
  fs::remove_all(dir);
}

TEST(LoadFiles, DiagnosticsUseTheCompilerFormat) {
  LoadResult r = load_cases_text(file("      - send: x\n      - expect: { stauts: 200 }\n"),
                                 "cases/x.yaml");
  ASSERT_EQ(r.diagnostics.items().size(), 1u);
  EXPECT_EQ(r.diagnostics.items()[0].to_string(),
            "cases/x.yaml:9:19: error: unknown key 'stauts' in expect (did you mean 'status'?)");
  EXPECT_EQ(r.library.case_count(), 0u);
}

}  // namespace
}  // namespace wirecheck::harness
