#include "harness/model/glob.h"

#include <gtest/gtest.h>

namespace wirecheck::harness {
namespace {

TEST(ModelGlob, MatchesLiteralsAndStars) {
  EXPECT_TRUE(glob_match("rfc9112-6.1-te-and-cl", "rfc9112-6.1-te-and-cl"));
  EXPECT_FALSE(glob_match("rfc9112-6.1-te", "rfc9112-6.1-te-and-cl"));
  EXPECT_TRUE(glob_match("rfc9112-6.*", "rfc9112-6.1-te-and-cl"));
  EXPECT_TRUE(glob_match("*te*cl", "rfc9112-6.1-te-and-cl"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_FALSE(glob_match("a*b", "a"));
  EXPECT_TRUE(glob_match("http/*", "http/rfc9112/06.1-transfer-encoding.yaml"));
}

TEST(ModelGlob, MatchesQuestionMarksAndSets) {
  EXPECT_TRUE(glob_match("rfc911?-*", "rfc9110-9.1-unknown-method"));
  EXPECT_TRUE(glob_match("rfc911[02]-*", "rfc9112-2.2-bare-lf"));
  EXPECT_FALSE(glob_match("rfc911[!02]-*", "rfc9112-2.2-bare-lf"));
  EXPECT_TRUE(glob_match("[a-c]x", "bx"));
  EXPECT_FALSE(glob_match("[a-c]x", "dx"));
  EXPECT_TRUE(glob_match("a[", "a["));  // an unclosed set is an ordinary character
}

TEST(ModelGlob, StaysLinearOnPathologicalPatterns) {
  std::string text(2000, 'a');
  EXPECT_FALSE(glob_match("*a*a*a*a*a*a*a*a*b", text));
}

TEST(ModelGlob, KnowsALiteral) {
  EXPECT_TRUE(glob_is_literal("rfc9112-6.1"));
  EXPECT_FALSE(glob_is_literal("rfc9112-*"));
}

}  // namespace
}  // namespace wirecheck::harness
