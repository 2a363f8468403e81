#include "harness/model/payload.h"
#include "harness/model/template.h"

#include <gtest/gtest.h>

#include "harness/model/bytes.h"

namespace wirecheck::harness {
namespace {

Template host_template() {
  Template t;
  t.parts.push_back({false, "Host: ", {"x.yaml", 3, 9}});
  t.parts.push_back({true, "authority", {"x.yaml", 3, 15}});
  t.parts.push_back({false, "\r\n", {"x.yaml", 3, 28}});
  return t;
}

TEST(ModelTemplate, ExpandsVariables) {
  auto out = expand(host_template(), {{"authority", "127.0.0.1:8080"}});
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "Host: 127.0.0.1:8080\r\n");
  EXPECT_TRUE(host_template().has_variables());
  EXPECT_EQ(host_template().text(), "Host: {{authority}}\r\n");
}

TEST(ModelTemplate, NamesAVariableWithoutValueAndWhereItWasWritten) {
  ExpandError error;
  EXPECT_FALSE(expand(host_template(), {}, &error));
  EXPECT_EQ(error.message, "variable 'authority' has no value");
  EXPECT_EQ(error.where.to_string(), "x.yaml:3:15");
}

TEST(ModelPayload, RendersRepetitions) {
  Payload p = Payload::bytes("ab");
  p.times = 3;
  EXPECT_EQ(render(p, {}), "ababab");
}

TEST(ModelPayload, RendersTextInItsEncoding) {
  Payload p;
  p.form = Payload::Form::text;
  p.content.parts.push_back({true, "reply.text", {}});
  p.encoding.parts.push_back({true, "reply.encoding", {}});
  auto out = render(p, {{"reply.text", "你好"}, {"reply.encoding", "gbk"}});
  ASSERT_TRUE(out);
  EXPECT_EQ(encode_hex(*out), "c4e3bac3");
}

TEST(ModelPayload, ReportsAnEncodingThatFails) {
  Payload p;
  p.form = Payload::Form::text;
  p.content = Template::literal("😀");
  p.encoding = Template::literal("gbk");
  p.where = {"x.yaml", 7, 15};
  RenderError error;
  EXPECT_FALSE(render(p, {}, &error));
  EXPECT_EQ(error.message, "character U+1F600 '😀' cannot be written in gbk");
  EXPECT_EQ(error.where.line, 7);
}

TEST(ModelPayload, RefusesToExceedTheSizeCap) {
  Payload p = Payload::bytes(std::string(1024, 'a'));
  p.times = 1u << 20;  // 1 GiB
  RenderError error;
  EXPECT_FALSE(render(p, {}, &error));
  EXPECT_NE(error.message.find("limit"), std::string::npos);
}

}  // namespace
}  // namespace wirecheck::harness
