// The error table (errors.h) is the single source of the codes' names, RFC sections, reasons and
// suggested statuses; these tests hold every row to that promise.
#include "reference/http/errors.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace wirecheck::http {
namespace {

std::vector<ErrorCode> all_codes() {
  return {
#define WIRECHECK_HTTP_ERROR_LIST(code, section, status, reason) ErrorCode::code,
      WIRECHECK_HTTP_ERRORS(WIRECHECK_HTTP_ERROR_LIST)
#undef WIRECHECK_HTTP_ERROR_LIST
  };
}

TEST(ErrorTable, EveryCodeHasNameSectionAndReason) {
  for (ErrorCode code : all_codes()) {
    SCOPED_TRACE(std::string(name(code)));
    EXPECT_FALSE(name(code).empty());
    EXPECT_EQ(section(code).substr(0, 4), "RFC ") << section(code);
    EXPECT_FALSE(reason(code).empty());
  }
}

TEST(ErrorTable, NamesAreUniqueAndRoundTrip) {
  std::set<std::string_view> names;
  for (ErrorCode code : all_codes()) {
    EXPECT_TRUE(names.insert(name(code)).second) << "duplicate name " << name(code);
    ErrorCode back = ErrorCode::none;
    ASSERT_TRUE(parse_error_code(name(code), back)) << name(code);
    EXPECT_EQ(back, code) << name(code);
  }
}

TEST(ErrorTable, UnknownNamesAreRejected) {
  ErrorCode out = ErrorCode::bare_lf;
  EXPECT_FALSE(parse_error_code("no_such_error", out));
  EXPECT_FALSE(parse_error_code("", out));
  EXPECT_FALSE(parse_error_code("BARE_LF", out));
}

TEST(ErrorTable, SuggestedStatusesAreClientOrServerErrors) {
  for (ErrorCode code : all_codes()) {
    int status = suggested_status(code);
    if (code == ErrorCode::tunnel) {
      EXPECT_EQ(status, 0);
    } else {
      EXPECT_GE(status, 400) << name(code);
      EXPECT_LT(status, 600) << name(code);
    }
  }
  EXPECT_EQ(suggested_status(ErrorCode::start_line_too_long), 414);
  EXPECT_EQ(suggested_status(ErrorCode::too_many_fields), 431);
  EXPECT_EQ(suggested_status(ErrorCode::unsupported_transfer_coding), 501);
}

TEST(ErrorDescribe, BodyTruncatedNamesBothNumbers) {
  Error e;
  e.code = ErrorCode::body_truncated;
  e.offset = 40;
  e.expected = 10;
  e.actual = 7;
  std::string text = describe(e);
  EXPECT_NE(text.find("10"), std::string::npos) << text;
  EXPECT_NE(text.find('7'), std::string::npos) << text;
}

TEST(ErrorDescribe, CarriesSectionAndOffset) {
  Error e;
  e.code = ErrorCode::bare_lf;
  e.offset = 57;
  e.line = 3;
  std::string text = describe(e);
  EXPECT_NE(text.find("RFC 9112 §2.2"), std::string::npos) << text;
  EXPECT_NE(text.find("57"), std::string::npos) << text;
  EXPECT_NE(text.find('3'), std::string::npos) << text;
}

TEST(ErrorDescribe, EveryCodeDescribesItsReason) {
  for (ErrorCode code : all_codes()) {
    Error e;
    e.code = code;
    e.offset = 12345;
    std::string text = describe(e);
    EXPECT_NE(text.find(std::string(section(code))), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace wirecheck::http
