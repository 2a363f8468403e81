#include "harness/model/tag_expr.h"

#include <gtest/gtest.h>

namespace wirecheck::harness {
namespace {

bool eval(const char* expr, std::vector<std::string> tags) {
  auto e = TagExpr::parse(expr);
  EXPECT_TRUE(e) << expr;
  return e && e->matches(tags);
}

TEST(ModelTagExpr, MatchesOneTag) {
  EXPECT_TRUE(eval("smuggling", {"framing", "smuggling"}));
  EXPECT_FALSE(eval("smuggling", {"framing"}));
}

TEST(ModelTagExpr, NotBindsTighterThanAndTighterThanOr) {
  // a or b and not c == a or (b and (not c))
  EXPECT_TRUE(eval("a or b and not c", {"a", "c"}));
  EXPECT_FALSE(eval("a or b and not c", {"b", "c"}));
  EXPECT_TRUE(eval("a or b and not c", {"b"}));
  EXPECT_FALSE(eval("(a or b) and not c", {"a", "c"}));
  EXPECT_TRUE(eval("not not a", {"a"}));
  EXPECT_TRUE(eval("smuggling and not slow", {"smuggling"}));
  EXPECT_FALSE(eval("smuggling and not slow", {"smuggling", "slow"}));
}

TEST(ModelTagExpr, AcceptsTagCharacters) {
  EXPECT_TRUE(eval("rfc:9112 and x-y_z.1", {"rfc:9112", "x-y_z.1"}));
  EXPECT_TRUE(valid_tag("expect-continue"));
  EXPECT_FALSE(valid_tag("and"));
  EXPECT_FALSE(valid_tag("a b"));
  EXPECT_FALSE(valid_tag(""));
}

TEST(ModelTagExpr, ListsTheTagsItMentions) {
  auto e = TagExpr::parse("a and (b or not a)");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->tags(), (std::vector<std::string>{"a", "b"}));
}

struct BadExpr {
  const char* text;
  const char* message;
  size_t column;
};

class ModelTagExprErrors : public testing::TestWithParam<BadExpr> {};

TEST_P(ModelTagExprErrors, SayWhatAndWhere) {
  TagExprError error;
  EXPECT_FALSE(TagExpr::parse(GetParam().text, &error));
  EXPECT_EQ(error.message, GetParam().message);
  EXPECT_EQ(error.column, GetParam().column);
}

INSTANTIATE_TEST_SUITE_P(
    ModelTagExpr, ModelTagExprErrors,
    testing::Values(BadExpr{"", "empty tag expression", 1},
                    BadExpr{"a and", "expected a tag after 'and', found the end", 6},
                    BadExpr{"a or or b", "expected a tag after 'or', found 'or'", 6},
                    BadExpr{"(a or b", "'(' at column 1 is never closed", 8},
                    BadExpr{"a)", "')' without a matching '('", 2},
                    BadExpr{"a b", "expected 'and', 'or' or the end, found 'b'", 3},
                    BadExpr{"a & b", "expected 'and', 'or' or the end, found '&'", 3},
                    BadExpr{"not", "expected a tag after 'not', found the end", 4},
                    BadExpr{"!a",
                            "'!' cannot appear in a tag expression (tags hold letters, digits "
                            "and _ . : -)",
                            1}));

}  // namespace
}  // namespace wirecheck::harness
