#include "harness/model/selection.h"

#include <gtest/gtest.h>

#include <set>

namespace wirecheck::harness {
namespace {

Case make_case(std::string id, std::string doc, std::string section, Level level,
               std::vector<std::string> tags = {}, std::string suite = "s") {
  Case c;
  c.id = std::move(id);
  c.suite = std::move(suite);
  c.ref.document = std::move(doc);
  c.ref.section = std::move(section);
  c.ref.level = level;
  c.tags = std::move(tags);
  return c;
}

Library library() {
  Library lib;
  Suite s;
  s.name = "s";
  s.cases.push_back(make_case("rfc9112-6.1-te-and-cl", "RFC 9112", "6.1", Level::must,
                              {"framing", "smuggling"}));
  s.cases.push_back(make_case("rfc9112-6.10-x", "RFC 9112", "6.10", Level::should, {"framing"}));
  s.cases.push_back(make_case("rfc9112-6.1.2-y", "RFC 9112", "6.1.2", Level::may, {"slow"}));
  s.cases.push_back(make_case("rfc9110-9.1-unknown", "RFC 9110", "9.1", Level::should, {}));
  s.cases.push_back(make_case("tcp-reply-basic", "wirecheck tcp-reply", "", Level::must, {"tcp"},
                              "tcp-reply"));
  lib.suites.push_back(std::move(s));
  return lib;
}

std::vector<std::string> ids(const std::vector<const Case*>& cases) {
  std::vector<std::string> out;
  for (const auto* c : cases) out.push_back(c->id);
  return out;
}

TEST(ModelSelection, EmptySelectsEverythingInOrder) {
  Selection s;
  EXPECT_EQ(ids(s.apply(library())),
            (std::vector<std::string>{"rfc9112-6.1-te-and-cl", "rfc9112-6.10-x", "rfc9112-6.1.2-y",
                                      "rfc9110-9.1-unknown", "tcp-reply-basic"}));
}

TEST(ModelSelection, IdGlobsAreAlternatives) {
  Selection s;
  s.ids = {"rfc9110-*", "tcp-*"};
  EXPECT_EQ(ids(s.apply(library())),
            (std::vector<std::string>{"rfc9110-9.1-unknown", "tcp-reply-basic"}));
}

TEST(ModelSelection, SectionsMatchWholeComponents) {
  Selection s;
  s.sections = {*parse_section_filter("9112:6.1")};
  EXPECT_EQ(ids(s.apply(library())),
            (std::vector<std::string>{"rfc9112-6.1-te-and-cl", "rfc9112-6.1.2-y"}));
  s.sections = {*parse_section_filter("rfc9110")};
  EXPECT_EQ(ids(s.apply(library())), (std::vector<std::string>{"rfc9110-9.1-unknown"}));
  s.sections = {*parse_section_filter("6.10")};
  EXPECT_EQ(ids(s.apply(library())), (std::vector<std::string>{"rfc9112-6.10-x"}));
}

TEST(ModelSelection, SectionFilterSyntax) {
  auto f = parse_section_filter("RFC9112:§6.1");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->document, "9112");
  EXPECT_EQ(f->section, "6.1");
  f = parse_section_filter("9112");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->document, "9112");
  EXPECT_EQ(f->section, "");
  f = parse_section_filter("A.2");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->document, "");
  EXPECT_EQ(f->section, "A.2");
  std::string error;
  EXPECT_FALSE(parse_section_filter("9112:6..1", &error));
  EXPECT_EQ(error, "a section is RFC:SECTION, as in 9112:6.1");
  EXPECT_FALSE(parse_section_filter("rfcabc", &error));
  EXPECT_FALSE(parse_section_filter("6 1", &error));
}

TEST(ModelSelection, TagsAndLevelsCombine) {
  Selection s;
  s.tags = TagExpr::parse("framing and not smuggling");
  EXPECT_EQ(ids(s.apply(library())), (std::vector<std::string>{"rfc9112-6.10-x"}));
  s.tags.reset();
  s.levels = {Level::must, Level::may};
  EXPECT_EQ(ids(s.apply(library())),
            (std::vector<std::string>{"rfc9112-6.1-te-and-cl", "rfc9112-6.1.2-y",
                                      "tcp-reply-basic"}));
}

TEST(ModelSelection, ShardSyntax) {
  auto s = parse_shard("2/4");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->index, 2u);
  EXPECT_EQ(s->count, 4u);
  std::string error;
  EXPECT_FALSE(parse_shard("0/4", &error));
  EXPECT_EQ(error, "a shard K/N needs 1 <= K <= N");
  EXPECT_FALSE(parse_shard("5/4", &error));
  EXPECT_FALSE(parse_shard("2", &error));
  EXPECT_EQ(error, "a shard is K/N with whole numbers, as in 2/4");
}

TEST(ModelSelection, ShardsPartitionAndDependOnlyOnTheId) {
  std::vector<std::string> all;
  for (int i = 0; i < 400; ++i) all.push_back("case-" + std::to_string(i));
  std::set<std::string> seen;
  for (unsigned k = 1; k <= 4; ++k) {
    size_t in = 0;
    for (const auto& id : all) {
      if (in_shard(id, {k, 4})) {
        EXPECT_TRUE(seen.insert(id).second) << id << " is in two shards";
        ++in;
      }
    }
    // A hash, not a position: every shard gets a fair share of 400 ids.
    EXPECT_GT(in, 50u);
  }
  EXPECT_EQ(seen.size(), all.size());
  // The FNV-1a value is part of the contract: shards must not move between releases.
  EXPECT_EQ(stable_hash(""), 14695981039346656037ull);
  EXPECT_EQ(stable_hash("a"), 0xaf63dc4c8601ec8cull);
}

TEST(ModelSelection, ProfilesScopeBySuiteAndTags) {
  Profile p;
  p.suites = {"tcp-*"};
  Selection s;
  s.profile = p;
  EXPECT_EQ(ids(s.apply(library())), (std::vector<std::string>{"tcp-reply-basic"}));
  p.suites.clear();
  p.tags = TagExpr::parse("not slow");
  s.profile = p;
  EXPECT_EQ(s.apply(library()).size(), 4u);
}

}  // namespace
}  // namespace wirecheck::harness
