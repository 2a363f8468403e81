#include "harness/model/bytes.h"

#include <gtest/gtest.h>

namespace wirecheck::harness {
namespace {

TEST(ModelBytes, EscapesControlAndHighBytes) {
  EXPECT_EQ(escape_bytes(std::string("GET /\r\n\t\\\x00\xff", 11)), "GET /\\r\\n\\t\\\\\\x00\\xff");
  EXPECT_EQ(escape_bytes("say \"hi\""), "say \"hi\"");
  EXPECT_EQ(escape_bytes("say \"hi\"", /*quote=*/true), "say \\\"hi\\\"");
}

TEST(ModelBytes, DecodesHexWithSpacesBetweenPairs) {
  EXPECT_EQ(decode_hex("48 54 54 50"), "HTTP");
  EXPECT_EQ(decode_hex("48545450"), "HTTP");
  EXPECT_EQ(decode_hex("ff00"), std::string("\xff\x00", 2));
  EXPECT_EQ(decode_hex(""), "");
}

TEST(ModelBytes, ReportsWhereHexGoesWrong) {
  size_t at = 99;
  EXPECT_FALSE(decode_hex("48 5g", &at));
  EXPECT_EQ(at, 4u);
  EXPECT_FALSE(decode_hex("485", &at));  // odd number of digits: the lone digit
  EXPECT_EQ(at, 2u);
  EXPECT_FALSE(decode_hex("4 8", &at));  // a pair split by a space
  EXPECT_EQ(at, 1u);
}

TEST(ModelBytes, EncodesHex) { EXPECT_EQ(encode_hex(std::string("\x01\xab", 2)), "01ab"); }

}  // namespace
}  // namespace wirecheck::harness
