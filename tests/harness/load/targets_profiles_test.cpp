// Target files and profiles: the sample ones load, and mistakes in them are reported.
#include <gtest/gtest.h>

#include "harness/load/loader.h"
#include "harness/model/target.h"

namespace wirecheck::harness {
namespace {

const std::string kCases = std::string(WIRECHECK_SOURCE_DIR) + "/cases";

std::vector<std::string> messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& item : d.items()) out.push_back(item.to_string());
  return out;
}

TEST(LoadTargets, TheReferenceFileSaysWhatTheDefaultsAre) {
  Diagnostics d;
  auto t = load_target(kCases + "/targets/reference.yaml", d);
  EXPECT_TRUE(messages(d).empty());
  ASSERT_TRUE(t);
  Target ref = reference_target();
  EXPECT_EQ(t->name, "reference");
  EXPECT_EQ(t->resources, ref.resources);
  EXPECT_EQ(t->capabilities, ref.capabilities);
}

TEST(LoadTargets, ResourcesMergeOverTheDefaultsAndNullRemovesOne) {
  Diagnostics d;
  auto t = load_target(kCases + "/targets/nginx.yaml", d);
  EXPECT_TRUE(messages(d).empty());
  ASSERT_TRUE(t);
  EXPECT_EQ(t->resources.count("echo"), 0u);
  EXPECT_EQ(t->resources.at("post"), "/post");
  EXPECT_EQ(t->resources.at("missing"), "/no-such-page");
  EXPECT_EQ(t->capabilities, std::set<std::string>{"chunked"});
  EXPECT_FALSE(t->has("echo"));

  auto partial = load_target_text("target: tiny\nresources: { ok: /index.html }\n", "tiny.yaml", d);
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->resources.at("ok"), "/index.html");
  EXPECT_EQ(partial->resources.at("echo"), "/echo");
  EXPECT_EQ(partial->capabilities, reference_target().capabilities);
}

TEST(LoadTargets, ReportsUnknownResourcesAndCapabilities) {
  Diagnostics d;
  auto t = load_target_text(
      "target: t\nresources:\n  okay: /\n  weird-thing: /x\ncapabilities: [echo, telepathy]\n",
      "t.yaml", d);
  EXPECT_FALSE(t);
  EXPECT_EQ(messages(d),
            (std::vector<std::string>{
                "t.yaml:3:3: error: unknown resource 'okay' (did you mean 'ok'?)",
                "t.yaml:4:3: error: unknown resource 'weird-thing' (known: 'ok', 'missing', "
                "'echo', 'post', 'no_content', 'not_modified', 'redirect' or 'interim')",
                "t.yaml:5:22: error: unknown capability 'telepathy' (known: 'echo', 'reflect', "
                "'chunked', 'delay' or 'status')"}));
}

TEST(LoadTargets, NeedsAName) {
  Diagnostics d;
  EXPECT_FALSE(load_target_text("resources: {}\n", "t.yaml", d));
  EXPECT_EQ(messages(d), (std::vector<std::string>{
                             "t.yaml:1:1: error: the target file is missing required key 'target'"}));
}

TEST(LoadProfiles, SampleProfilesLoad) {
  Diagnostics d;
  auto student = load_profile(kCases + "/profiles/student-http.yaml", d);
  auto tcp = load_profile(kCases + "/profiles/tcp-reply.yaml", d);
  EXPECT_TRUE(messages(d).empty());
  ASSERT_TRUE(student && tcp);
  EXPECT_EQ(student->name, "student-http");
  EXPECT_EQ(student->paths, std::vector<std::string>{"student/*"});
  ASSERT_TRUE(student->tags);
  EXPECT_EQ(student->tags->text(), "not slow");
  EXPECT_DOUBLE_EQ(student->points.warn_credit, 0.5);
  EXPECT_DOUBLE_EQ(student->points.should_weight, 0.5);
  EXPECT_DOUBLE_EQ(student->points.may_weight, 0.25);
  EXPECT_EQ(student->points.scale_to, 100);
  EXPECT_EQ(student->root, kCases);
  EXPECT_EQ(tcp->suites, std::vector<std::string>{"tcp-reply"});
  EXPECT_EQ(tcp->parameters.at("reply.encoding"), "gbk");
  EXPECT_EQ(tcp->parameters.at("reply.text"), "ok，问题正在处理中...");
}

TEST(LoadProfiles, ATagExpressionErrorPointsIntoTheExpression) {
  Diagnostics d;
  auto p = load_profile_text("profile: p\ntags: \"slow and (fast or\"\n", "profiles/p.yaml", d);
  EXPECT_FALSE(p);
  EXPECT_EQ(messages(d), (std::vector<std::string>{
                             "profiles/p.yaml:2:25: error: bad tag expression: expected a tag "
                             "after 'or', found the end"}));
}

TEST(LoadProfiles, ReportsBadPointsPolicy) {
  Diagnostics d;
  auto p = load_profile_text(
      "profile: p\npoints: { warn_credit: 2, weights: { must: 1, shuold: 1 } }\n", "p.yaml", d);
  EXPECT_FALSE(p);
  EXPECT_EQ(messages(d),
            (std::vector<std::string>{
                "p.yaml:2:24: error: 'warn_credit' is a share of the points, from 0 to 1",
                "p.yaml:2:47: error: unknown key 'shuold' in weights (did you mean 'should'?)"}));
}

}  // namespace
}  // namespace wirecheck::harness
