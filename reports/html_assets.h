#pragma once
// The HTML report's stylesheet and script, inlined into every page (nothing is fetched). Kept
// in their own files so html.cpp reads as the page's outline.
namespace wirecheck::reports {

extern const char* const kHtmlStyle;   // html_style.cpp
extern const char* const kHtmlScript;  // html_script.cpp

}  // namespace wirecheck::reports
