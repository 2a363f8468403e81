#include "reports/excerpt.h"

#include <gtest/gtest.h>

namespace wirecheck::reports {
namespace {

TEST(ExcerptLines, SplitsAfterEachLfWithStreamOffsets) {
  auto lines = excerpt_lines("HTTP/1.1 200 OK\r\nA: b\n\r\n", 100, std::nullopt);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].offset, 100u);
  EXPECT_EQ(lines[0].text, "HTTP/1.1 200 OK\\r\\n");
  EXPECT_EQ(lines[1].offset, 117u);
  EXPECT_EQ(lines[1].text, "A: b\\n");
  EXPECT_EQ(lines[2].offset, 122u);
  EXPECT_EQ(lines[2].text, "\\r\\n");
  for (const auto& l : lines) EXPECT_FALSE(l.mark_column);
}

TEST(ExcerptLines, CaretCoversTheWholeEscapeOfTheMarkedByte) {
  // The LF at stream offset 21 is the offending byte: it is shown as "\n", two columns.
  auto lines = excerpt_lines("HTTP/1.1 200 OK\r\nA: b\n", 0, 21);
  ASSERT_EQ(lines.size(), 2u);
  ASSERT_TRUE(lines[1].mark_column);
  EXPECT_EQ(*lines[1].mark_column, 4u);
  EXPECT_EQ(lines[1].mark_width, 2u);
  EXPECT_FALSE(lines[0].mark_column);
}

TEST(ExcerptLines, MarkAfterTheLastByteIsShownAtTheEnd) {
  auto lines = excerpt_lines("abc", 10, 13);
  ASSERT_EQ(lines.size(), 1u);
  ASSERT_TRUE(lines[0].mark_column);
  EXPECT_EQ(*lines[0].mark_column, 3u);
}

TEST(ExcerptLines, MarkAfterAFinalLfGetsItsOwnLine) {
  auto lines = excerpt_lines("ab\n", 0, 3);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].offset, 3u);
  EXPECT_EQ(lines[1].text, "");
  EXPECT_EQ(*lines[1].mark_column, 0u);
}

TEST(ExcerptLines, WrapsLongLinesWithoutSplittingAnEscape) {
  std::string bytes(30, 'a');
  bytes += "\xff\xff";
  auto lines = excerpt_lines(bytes, 0, std::nullopt, 32);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, std::string(30, 'a'));  // "\xff" would pass 32 columns
  EXPECT_EQ(lines[1].offset, 30u);
  EXPECT_EQ(lines[1].text, "\\xff\\xff");
}

TEST(WriteExcerpt, HeadingNamesDirectionConnectionRangeAndProblem) {
  harness::Excerpt e{"slow", harness::Direction::received, 17, "Content-Length: 10\n", 35};
  std::string out;
  write_excerpt(out, e, "  ", Style{});
  EXPECT_EQ(out,
            "  received on slow, bytes 17-35, the problem at byte 35:\n"
            "    17 | Content-Length: 10\\n\n"
            "       |                   ^^\n");
}

TEST(WriteExcerpt, SaysWhenNothingArrived) {
  harness::Excerpt e{"main", harness::Direction::received, 0, "", 0};
  std::string out;
  write_excerpt(out, e, "", Style{});
  EXPECT_EQ(out, "received on main: nothing, at byte 0:\n");
}

TEST(WriteExcerpt, SaysWhenTheMarkIsOutsideTheBytes) {
  harness::Excerpt e{"main", harness::Direction::sent, 0, "GET", 99};
  std::string out;
  write_excerpt(out, e, "", Style{});
  EXPECT_NE(out.find("the problem at byte 99 (outside these bytes)"), std::string::npos) << out;
  EXPECT_EQ(out.find('^'), std::string::npos) << out;
}

TEST(WriteTranscript, ShowsEveryEventAndCapsBytes) {
  std::vector<harness::TranscriptEvent> events(3);
  events[0].kind = harness::EventKind::connect;
  events[0].connection = "main";
  events[0].detail = "a -> b";
  events[1].kind = harness::EventKind::receive;
  events[1].connection = "main";
  events[1].at = std::chrono::microseconds{1500};
  events[1].bytes = std::string(100, 'x');
  events[2].kind = harness::EventKind::peer_reset;
  events[2].connection = "main";
  std::string out;
  write_transcript(out, events, true, "", Style{}, 40);
  EXPECT_NE(out.find("main  connect: a -> b"), std::string::npos) << out;
  EXPECT_NE(out.find("+1.500 ms  main  receive, 100 bytes at 0"), std::string::npos) << out;
  EXPECT_NE(out.find("... 60 more bytes"), std::string::npos) << out;
  EXPECT_NE(out.find("peer_reset"), std::string::npos) << out;
  EXPECT_NE(out.find("size cap"), std::string::npos) << out;
}

TEST(Style, ColorOnlyWhenAsked) {
  EXPECT_EQ(Style{false}.paint("x", Tone::fail), "x");
  EXPECT_EQ(Style{true}.paint("x", Tone::fail), "\x1b[1;31mx\x1b[0m");
}

}  // namespace
}  // namespace wirecheck::reports
