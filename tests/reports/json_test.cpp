// The JSON report read back as a program would: schema fields, counts, and exact bytes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "reports/report.h"
#include "base64_decode.h"
#include "sample_results.h"

namespace wirecheck::reports {
namespace {

using json = nlohmann::json;
using testing::decode_base64;

json parsed(const harness::RunResult& run) { return json::parse(render(run, Format::json)); }

TEST(JsonReport, SchemaAndSummary) {
  json j = parsed(testing::mixed_run());
  EXPECT_EQ(j["schema"], "wirecheck-report/1");
  EXPECT_EQ(j["target"], "127.0.0.1:8080");
  EXPECT_EQ(j["profile"], "http-origin");
  EXPECT_EQ(j["started"], "2024-05-01T12:00:00.000Z");
  EXPECT_EQ(j["finished"], "2024-05-01T12:00:01.500Z");
  EXPECT_EQ(j["duration_us"], 1500000);
  EXPECT_EQ(j["summary"]["counts"]["fail"], 1);
  EXPECT_EQ(j["summary"]["counts"]["warn"], 2);
  EXPECT_EQ(j["summary"]["counts"]["total"], 6);
  EXPECT_EQ(j["summary"]["by_level"]["MUST"]["total"], 4);
  EXPECT_EQ(j["summary"]["by_level"]["MAY"]["total"], 0);
  EXPECT_EQ(j["summary"]["failed"], true);
  EXPECT_EQ(j["cases"].size(), 6u);
}

TEST(JsonReport, CasesKeepLibraryOrderAndTheirFacts) {
  json j = parsed(testing::mixed_run());
  const json& c = j["cases"][2];
  EXPECT_EQ(c["id"], "response-line-endings");
  EXPECT_EQ(c["verdict"], "fail");
  EXPECT_EQ(c["ref"]["section"], "2.2");
  EXPECT_EQ(c["ref"]["level"], "MUST");
  EXPECT_EQ(c["where"]["line"], 31);
  EXPECT_EQ(c["reasons"].size(), 2u);
  EXPECT_EQ(c["reasons"][0]["excerpt"]["mark"], 35);
  EXPECT_EQ(c["reasons"][0]["excerpt"]["direction"], "received");
  EXPECT_EQ(c["timings"]["first_byte_us"], 1000);
  EXPECT_TRUE(j["cases"][4]["timings"]["connect_us"].is_null());
  EXPECT_EQ(c["transcript"]["events"][1]["kind"], "send");
}

TEST(JsonReport, Base64CarriesTheExactBytes) {
  auto run = testing::mixed_run();
  json j = parsed(run);
  for (size_t i = 0; i < run.results.size(); ++i) {
    const auto& events = run.results[i].transcript;
    const json& jevents = j["cases"][i]["transcript"]["events"];
    ASSERT_EQ(jevents.size(), events.size());
    for (size_t k = 0; k < events.size(); ++k) {
      if (!jevents[k].contains("bytes")) continue;
      EXPECT_EQ(decode_base64(jevents[k]["bytes"]["base64"]), events[k].bytes);
      EXPECT_EQ(jevents[k]["bytes"]["length"], events[k].bytes.size());
    }
  }
}

TEST(JsonReport, TextThatIsNotUtf8DoesNotBreakTheDocument) {
  auto run = testing::mixed_run();
  run.results[0].reasons.push_back(harness::Reason{});
  run.results[0].reasons.back().message = "bad \xff byte";
  json j;
  ASSERT_NO_THROW(j = parsed(run));
  EXPECT_EQ(j["cases"][0]["reasons"][0]["message"], "bad \xef\xbf\xbd byte");
}

TEST(JsonReport, EmptyRun) {
  json j = parsed(testing::empty_run());
  EXPECT_TRUE(j["cases"].is_array());
  EXPECT_TRUE(j["cases"].empty());
  EXPECT_EQ(j["summary"]["failed"], false);
}

}  // namespace
}  // namespace wirecheck::reports
