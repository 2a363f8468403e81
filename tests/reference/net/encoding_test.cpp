#include "reference/net/encoding.h"

#include <gtest/gtest.h>

namespace wirecheck::net {
namespace {

TEST(Encoding, GbkRoundTrip) {
  const std::string text = "你好服务端，我是客户端小黑!";
  auto gbk = encode_text(text, "gbk");
  ASSERT_TRUE(gbk) << gbk.error();
  EXPECT_NE(gbk.value(), text);
  EXPECT_EQ(gbk->substr(0, 2), "\xC4\xE3");  // 你 in GBK
  auto back = decode_text(gbk.value(), "GBK");
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(back.value(), text);
}

TEST(Encoding, Utf8IsPassedThroughButChecked) {
  EXPECT_EQ(encode_text("héllo", "utf-8").value(), "héllo");
  EXPECT_FALSE(encode_text("\xff", "UTF-8"));
  EXPECT_FALSE(decode_text("\xc3", "utf8"));
}

TEST(Encoding, UnknownEncodingIsAnError) {
  EXPECT_FALSE(encoding_supported("no-such-encoding"));
  auto r = encode_text("x", "no-such-encoding");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("no-such-encoding"), std::string::npos);
  EXPECT_TRUE(encoding_supported("GBK"));
}

TEST(Encoding, InvalidInputNamesTheOffset) {
  auto r = decode_text(std::string("ab\x81", 3), "GBK");  // a lead byte with nothing after it
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("2"), std::string::npos) << r.error();
  auto bad = decode_text(std::string("ab\xff\x01", 4), "GBK");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find("0xFF"), std::string::npos) << bad.error();
}

TEST(Encoding, LossyDecodeShowsBadBytes) {
  EXPECT_EQ(decode_text_lossy(std::string("a\xff" "b", 3), "UTF-8"), "a\\xFFb");
  EXPECT_EQ(decode_text_lossy("\xC4\xE3", "GBK"), "你");
}

TEST(Utf8, Validation) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("你好 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE4\xBD"));          // truncated
  EXPECT_FALSE(is_valid_utf8("\x80"));
}

}  // namespace
}  // namespace wirecheck::net
