#include "harness/model/encoding.h"

#include <gtest/gtest.h>

#include "harness/model/bytes.h"

namespace wirecheck::harness {
namespace {

TEST(ModelEncoding, EncodesChineseTextAsGbk) {
  auto bytes = encode_text("ok，问题正在处理中...", "gbk");
  ASSERT_TRUE(bytes);
  EXPECT_EQ(encode_hex(*bytes), "6f6ba3accecacce2d5fdd4dab4a6c0edd6d02e2e2e");
}

TEST(ModelEncoding, DecodesGbkBackToUtf8) {
  auto text = decode_text(*decode_hex("c4e3bac3"), "GBK");
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "你好");
}

TEST(ModelEncoding, Utf8NeedsNoConversion) {
  EXPECT_TRUE(is_utf8("UTF-8"));
  EXPECT_TRUE(is_utf8(""));
  EXPECT_EQ(encode_text("héllo", "utf8"), "héllo");
}

TEST(ModelEncoding, NamesAnUnknownEncoding) {
  ConversionError error;
  EXPECT_FALSE(encode_text("x", "klingon", &error));
  EXPECT_NE(error.message.find("'klingon' is not an encoding iconv knows"), std::string::npos);
  EXPECT_FALSE(encoding_known("klingon"));
  EXPECT_TRUE(encoding_known("gbk"));
}

TEST(ModelEncoding, NamesTheCharacterThatCannotBeEncoded) {
  ConversionError error;
  EXPECT_FALSE(encode_text("hi 😀", "gbk", &error));
  EXPECT_EQ(error.message, "character U+1F600 '😀' cannot be written in gbk");
  EXPECT_EQ(error.offset, 3u);
}

TEST(ModelEncoding, ReportsInvalidInputBytes) {
  ConversionError error;
  EXPECT_FALSE(decode_text("\x81", "gbk", &error));  // a lead byte with nothing after it
  EXPECT_EQ(error.message, "text ends in the middle of a character");
}

}  // namespace
}  // namespace wirecheck::harness
