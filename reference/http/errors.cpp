#include "reference/http/errors.h"

#include <array>

namespace wirecheck::http {
namespace {

struct ErrorInfo {
  std::string_view name;
  std::string_view section;
  int status;
  std::string_view reason;
};

constexpr std::array kErrorTable = {
    ErrorInfo{"none", "", 0, "no error"},
#define WIRECHECK_HTTP_ERROR_INFO(code, section, status, reason) \
  ErrorInfo{#code, section, status, reason},
    WIRECHECK_HTTP_ERRORS(WIRECHECK_HTTP_ERROR_INFO)
#undef WIRECHECK_HTTP_ERROR_INFO
};

const ErrorInfo& info(ErrorCode code) {
  auto index = static_cast<size_t>(code);
  return index < kErrorTable.size() ? kErrorTable[index] : kErrorTable[0];
}

}  // namespace

std::string_view name(ErrorCode code) { return info(code).name; }
std::string_view section(ErrorCode code) { return info(code).section; }
std::string_view reason(ErrorCode code) { return info(code).reason; }
int suggested_status(ErrorCode code) { return info(code).status; }

bool parse_error_code(std::string_view text, ErrorCode& out) {
  for (size_t i = 0; i < kErrorTable.size(); ++i) {
    if (kErrorTable[i].name == text) {
      out = static_cast<ErrorCode>(i);
      return true;
    }
  }
  return false;
}

std::string describe(const Error& error) {
  std::string text;
  switch (error.code) {
    case ErrorCode::body_truncated:
      text = "Content-Length is " + std::to_string(error.expected) +
             " but the connection closed after " + std::to_string(error.actual) + " body bytes";
      break;
    case ErrorCode::too_many_fields:
      text = "more than " + std::to_string(error.expected) + " field lines";
      break;
    case ErrorCode::conflicting_content_length:
      text = "Content-Length values disagree (" + std::to_string(error.expected) + " and " +
             std::to_string(error.actual) + ")";
      break;
    default:
      if (error.line > 0) {
        // "line 3 ends in LF, not CRLF" reads better than "line ends in LF ..., line 3".
        std::string_view r = reason(error.code);
        if (r.substr(0, 5) == "line ") {
          text = "line " + std::to_string(error.line) + std::string(r.substr(4));
        } else {
          text = "line " + std::to_string(error.line) + ": " + std::string(r);
        }
      } else {
        text = std::string(reason(error.code));
      }
  }
  text += " (";
  text += section(error.code);
  text += ") at byte ";
  text += std::to_string(error.offset);
  return text;
}

}  // namespace wirecheck::http
