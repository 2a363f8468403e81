#include "reports/reproducer.h"

#include <gtest/gtest.h>

#include "sample_results.h"

namespace wirecheck::reports {
namespace {

using testing::find_case;
using testing::mixed_run;

TEST(ParseEndpoint, Forms) {
  auto v4 = parse_endpoint("127.0.0.1:8080");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, "8080");
  auto v6 = parse_endpoint("[::1]:8080");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, "8080");
  EXPECT_TRUE(parse_endpoint("localhost:80"));
  EXPECT_FALSE(parse_endpoint("reference server"));
  EXPECT_FALSE(parse_endpoint("host"));
  EXPECT_FALSE(parse_endpoint("host:http"));
  EXPECT_FALSE(parse_endpoint("[::1]8080"));
  EXPECT_FALSE(parse_endpoint("a;rm -rf /:80"));
}

TEST(Reproducer, RunLineNamesFileIdAndTarget) {
  auto run = mixed_run();
  auto r = make_reproducer(find_case(run, "response-line-endings"), "127.0.0.1:8080");
  EXPECT_EQ(r.run,
            "wirecheck run cases/rfc9112/message.yaml --id response-line-endings "
            "--target 127.0.0.1:8080");
}

TEST(Reproducer, PrintfLineJoinsTheWritesOfAConnection) {
  auto run = mixed_run();
  auto r = make_reproducer(find_case(run, "response-line-endings"), "[::1]:8080");
  ASSERT_EQ(r.lines.size(), 2u);
  EXPECT_EQ(r.lines[0],
            "printf 'GET /a%%20b'\\''c HTTP/1.1\\r\\nHost: 127.0.0.1:8080\\r\\n\\r\\n' | nc ::1 8080");
  EXPECT_EQ(r.lines[1], "# the case sent this in 2 writes; nc sends it in one");
  EXPECT_NE(r.run.find("--target '[::1]:8080'"), std::string::npos) << r.run;
}

TEST(Reproducer, OneLinePerConnection) {
  auto run = mixed_run();
  auto r = make_reproducer(find_case(run, "second-client-served"), "127.0.0.1:8080");
  // Only "slow" sent anything; "second" never connected.
  ASSERT_EQ(r.lines.size(), 1u);
  EXPECT_EQ(r.lines[0], "printf 'GET / HTTP/1.1\\r\\nHo' | nc 127.0.0.1 8080");
}

TEST(Reproducer, WithoutAHostPortTargetUsesPlaceholders) {
  auto run = mixed_run();
  auto r = make_reproducer(find_case(run, "get-root"), "reference server");
  EXPECT_EQ(r.run, "wirecheck run cases/rfc9112/message.yaml --id get-root");
  ASSERT_EQ(r.lines.size(), 2u);
  EXPECT_EQ(r.lines[0].rfind("# HOST PORT", 0), 0u) << r.lines[0];
  EXPECT_NE(r.lines[1].find("| nc HOST PORT"), std::string::npos) << r.lines[1];
}

TEST(Reproducer, TooManyBytesAreNotPutOnACommandLine) {
  harness::CaseResult c;
  c.info.id = "big";
  harness::TranscriptEvent e;
  e.kind = harness::EventKind::send;
  e.connection = "main";
  e.bytes = std::string(kMaxReproducerBytes + 1, 'a');
  c.transcript.push_back(e);
  auto r = make_reproducer(c, "127.0.0.1:1");
  ASSERT_EQ(r.lines.size(), 1u);
  EXPECT_EQ(r.lines[0].rfind("# 2049 bytes sent", 0), 0u) << r.lines[0];
}

TEST(Reproducer, SeveralConnectionsAreLabelled) {
  harness::CaseResult c;
  c.info.id = "two";
  for (std::string name : {"a", "b"}) {
    harness::TranscriptEvent e;
    e.kind = harness::EventKind::send;
    e.connection = name;
    e.bytes = name;
    c.transcript.push_back(e);
  }
  auto r = make_reproducer(c, "127.0.0.1:1");
  ASSERT_EQ(r.lines.size(), 4u);
  EXPECT_EQ(r.lines[0], "# connection a (the case used 2 connections at once)");
  EXPECT_EQ(r.lines[1], "printf 'a' | nc 127.0.0.1 1");
  EXPECT_EQ(r.lines[3], "printf 'b' | nc 127.0.0.1 1");
}

}  // namespace
}  // namespace wirecheck::reports
