#pragma once
// One renderer per format, each in its own file; render() (report.cpp) picks one.
#include <string>

#include "harness/model/result.h"

namespace wirecheck::reports {

std::string render_console_text(const harness::RunResult& result);  // console.cpp
std::string render_junit(const harness::RunResult& result);         // junit.cpp
std::string render_json(const harness::RunResult& result);          // json.cpp
std::string render_markdown(const harness::RunResult& result);      // markdown.cpp
std::string render_html(const harness::RunResult& result);          // html.cpp

}  // namespace wirecheck::reports
