#include <gtest/gtest.h>

#include "reports/report.h"

namespace wirecheck::reports {
namespace {

TEST(ParseReportFlag, EveryFormat) {
  for (auto [spec, format] : {std::pair{"console=out.txt", Format::console},
                              std::pair{"junit=out.xml", Format::junit},
                              std::pair{"json=out.json", Format::json},
                              std::pair{"markdown=out.md", Format::markdown},
                              std::pair{"html=out.html", Format::html}}) {
    std::string error;
    auto r = parse_report_flag(spec, &error);
    ASSERT_TRUE(r) << spec << ": " << error;
    EXPECT_EQ(r->format, format);
    EXPECT_EQ(r->path, std::string(spec).substr(std::string(spec).find('=') + 1));
  }
}

TEST(ParseReportFlag, FormatIsCaseInsensitiveAndPathKeptAsIs) {
  auto r = parse_report_flag("JUnit=reports/a=b.xml", nullptr);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->format, Format::junit);
  EXPECT_EQ(r->path, "reports/a=b.xml");
}

TEST(ParseReportFlag, XmlSuggestsJunit) {
  std::string error;
  EXPECT_FALSE(parse_report_flag("xml=out.xml", &error));
  EXPECT_EQ(error,
            "unknown report format 'xml'; did you mean 'junit'? (formats: console, junit, json, "
            "markdown, html)");
}

TEST(ParseReportFlag, UnknownFormatListsTheFormats) {
  std::string error;
  EXPECT_FALSE(parse_report_flag("yaml=out.yaml", &error));
  EXPECT_EQ(error,
            "unknown report format 'yaml' (formats: console, junit, json, markdown, html)");
}

TEST(ParseReportFlag, MissingEqualsSaysWhatIsExpected) {
  std::string error;
  EXPECT_FALSE(parse_report_flag("junit", &error));
  EXPECT_EQ(error, "--report expects FORMAT=FILE (for example junit=report.xml), got 'junit'");
  EXPECT_FALSE(parse_report_flag("out.xml", &error));
  EXPECT_EQ(error, "--report expects FORMAT=FILE (for example junit=report.xml), got 'out.xml'");
  EXPECT_FALSE(parse_report_flag("md", &error));
  EXPECT_EQ(error, "--report expects FORMAT=FILE (for example markdown=report.md), got 'md'");
}

TEST(ParseReportFlag, EmptyPathIsAnError) {
  std::string error;
  EXPECT_FALSE(parse_report_flag("json=", &error));
  EXPECT_EQ(error, "--report json= needs a file name after '='");
}

TEST(ParseReportFlag, ErrorIsOptional) {
  EXPECT_FALSE(parse_report_flag("nope", nullptr));
}

TEST(Format, NamesRoundTrip) {
  for (Format f : {Format::console, Format::junit, Format::json, Format::markdown, Format::html}) {
    EXPECT_EQ(parse_format(to_string(f)), f);
  }
  EXPECT_FALSE(parse_format("xml"));
}

}  // namespace
}  // namespace wirecheck::reports
