#include "harness/model/variables.h"

#include <gtest/gtest.h>

namespace wirecheck::harness {
namespace {

TEST(ModelVariables, BuiltinsComeFromTheAddressAndTheTarget) {
  Case c;
  Variables v = make_variables("127.0.0.1", 8080, reference_target(), c, nullptr);
  EXPECT_EQ(v["host"], "127.0.0.1");
  EXPECT_EQ(v["port"], "8080");
  EXPECT_EQ(v["authority"], "127.0.0.1:8080");
  EXPECT_EQ(v["path.ok"], "/");
  EXPECT_EQ(v["path.missing"], "/no-such-page");
  EXPECT_EQ(v["path.echo"], "/echo");
  EXPECT_EQ(v["path.post"], "/echo");
}

TEST(ModelVariables, Ipv6HostsAreBracketed) {
  Case c;
  Variables v = make_variables("::1", 80, reference_target(), c, nullptr);
  EXPECT_EQ(v["host"], "[::1]");
  EXPECT_EQ(v["authority"], "[::1]:80");
}

TEST(ModelVariables, TargetThenProfileOverrideDeclaredParametersOnly) {
  Case c;
  c.parameters = {{"reply.text", "default"}, {"reply.encoding", "gbk"}};
  Target t = reference_target();
  t.parameters = {{"reply.text", "from target"}};
  Profile p;
  p.parameters = {{"reply.encoding", "utf-8"}, {"undeclared", "x"}};
  Variables v = make_variables("h", 1, t, c, &p);
  EXPECT_EQ(v["reply.text"], "from target");
  EXPECT_EQ(v["reply.encoding"], "utf-8");
  EXPECT_EQ(v.count("undeclared"), 0u);
}

TEST(ModelVariables, AMissingResourceHasNoVariable) {
  Target t = reference_target();
  t.resources.erase("echo");
  Case c;
  Variables v = make_variables("h", 1, t, c, nullptr);
  EXPECT_EQ(v.count("path.echo"), 0u);
}

TEST(ModelVariables, ParameterNames) {
  EXPECT_TRUE(valid_parameter_name("reply.text"));
  EXPECT_TRUE(valid_parameter_name("greeting"));
  EXPECT_FALSE(valid_parameter_name("path.mine"));
  EXPECT_FALSE(valid_parameter_name("host"));
  EXPECT_FALSE(valid_parameter_name("Reply"));
  EXPECT_FALSE(valid_parameter_name("a..b"));
  EXPECT_FALSE(valid_parameter_name("a."));
}

}  // namespace
}  // namespace wirecheck::harness
