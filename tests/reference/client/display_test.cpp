#include <gtest/gtest.h>

#include "reference/client/display.h"
#include "reference/client/form.h"

namespace wirecheck::client {
namespace {

TEST(Display, EscapeBytes) {
  EXPECT_EQ(escape_bytes(std::string("GET /\r\n\t\\\x01\xff", 11)), "GET /\\r\\n\\t\\\\\\x01\\xFF");
}

TEST(Display, HexDump) {
  std::string dump = hex_dump("HTTP/1.1 200 OK\r\nX");
  EXPECT_EQ(dump,
            "00000000  48 54 54 50 2f 31 2e 31  20 32 30 30 20 4f 4b 0d  |HTTP/1.1 200 OK.|\n"
            "00000010  0a 58                                             |.X|\n");
  EXPECT_EQ(hex_dump(""), "");
}

TEST(Form, MultipartBody) {
  auto f = multipart_form({{"name", "小黑"}, {"q\"x", "1"}});
  EXPECT_EQ(f.content_type, "multipart/form-data; boundary=wirecheck-form-boundary");
  EXPECT_EQ(f.body,
            "--wirecheck-form-boundary\r\n"
            "Content-Disposition: form-data; name=\"name\"\r\n\r\n小黑\r\n"
            "--wirecheck-form-boundary\r\n"
            "Content-Disposition: form-data; name=\"q%22x\"\r\n\r\n1\r\n"
            "--wirecheck-form-boundary--\r\n");
}

TEST(Form, BoundaryAvoidsTheValues) {
  auto f = multipart_form({{"a", "has --wirecheck-form-boundary inside"}});
  EXPECT_NE(f.content_type, "multipart/form-data; boundary=wirecheck-form-boundary");
  std::string boundary = f.content_type.substr(f.content_type.find('=') + 1);
  EXPECT_EQ(f.body.find("has --" + boundary), std::string::npos);
}

}  // namespace
}  // namespace wirecheck::client
