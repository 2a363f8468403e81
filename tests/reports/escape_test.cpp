#include "reports/escape.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace wirecheck::reports {
namespace {

std::string all_bytes() {
  std::string s;
  for (int b = 0; b < 256; ++b) s += static_cast<char>(b);
  return s;
}

TEST(Printable, KeepsUtf8AndEscapesControls) {
  EXPECT_EQ(printable("你好 ok"), "你好 ok");
  EXPECT_EQ(printable("a\r\nb\tc"), "a\\r\\nb\\tc");
  EXPECT_EQ(printable(std::string("\x00\x1b[31m", 6)), "\\x00\\x1b[31m");
  EXPECT_EQ(printable("\x7f"), "\\x7f");
}

TEST(Printable, EscapesInvalidUtf8ByteByByte) {
  EXPECT_EQ(printable("\xff\xfe"), "\\xff\\xfe");
  EXPECT_EQ(printable("\xc4\xe3"), "\\xc4\\xe3");           // GBK, not UTF-8
  EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");           // overlong '/'
  EXPECT_EQ(printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
  EXPECT_EQ(printable("\xe4\xbd"), "\\xe4\\xbd");           // cut short
}

TEST(Printable, EscapesC1AndBidiControls) {
  EXPECT_EQ(printable("\xc2\x9b" "31m"), "\\xc2\\x9b31m");  // CSI as one code point
  EXPECT_EQ(printable("a\xe2\x80\xae" "b"), "a\\xe2\\x80\\xaeb");  // RIGHT-TO-LEFT OVERRIDE
}

TEST(XmlEscape, EscapesMarkupAndKeepsLinesOnlyInText) {
  EXPECT_EQ(xml_escape("a<b>&\"'", true), "a&lt;b&gt;&amp;&quot;&apos;");
  EXPECT_EQ(xml_escape("a<b>&\"'", false), "a&lt;b&gt;&amp;\"'");
  EXPECT_EQ(xml_escape("one\ntwo", false), "one\ntwo");
  EXPECT_EQ(xml_escape("one\ntwo", true), "one\\ntwo");
  EXPECT_EQ(xml_escape(std::string("\x00", 1), false), "\\x00");
}

TEST(HtmlEscape, EscapesMarkup) {
  EXPECT_EQ(html_escape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(html_escape("a\nb", true), "a\nb");
  EXPECT_EQ(html_escape("a\nb", false), "a\\nb");
}

TEST(Markdown, TextEscapesPunctuationAndPipes) {
  EXPECT_EQ(markdown_text("*a* | [b](c) <d>"), "\\*a\\* \\| \\[b\\]\\(c\\) \\<d\\>");
}

TEST(Markdown, CodeSpanOutlastsBackticks) {
  EXPECT_EQ(markdown_code("a"), "`a`");
  EXPECT_EQ(markdown_code("a`b"), "``a`b``");
  EXPECT_EQ(markdown_code("`x`"), "`` `x` ``");
  EXPECT_EQ(markdown_code("a|b", true), "`a\\|b`");
  EXPECT_EQ(markdown_fence("x"), "```");
  EXPECT_EQ(markdown_fence("a ```` b"), "`````");
}

TEST(ShellQuote, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(shell_quote("cases/rfc9112/message.yaml"), "cases/rfc9112/message.yaml");
  EXPECT_EQ(shell_quote("[::1]:8080"), "'[::1]:8080'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote(""), "''");
}

TEST(Base64, Rfc4648Vectors) {
  // RFC 4648 §10.
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64("foob"), "Zm9vYg==");
  EXPECT_EQ(base64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64("\xff\xfe\x00"), "//4=");  // stops at the NUL: two bytes
}

TEST(PrintfFormat, EscapesForTheShell) {
  EXPECT_EQ(printf_format("GET / HTTP/1.1\r\n"), "GET / HTTP/1.1\\r\\n");
  EXPECT_EQ(printf_format("100%"), "100%%");
  EXPECT_EQ(printf_format("it's"), "it'\\''s");
  EXPECT_EQ(printf_format("-x"), "\\055x");
  EXPECT_EQ(printf_format("\xff"), "\\377");
}

// The reproducer is only worth printing if the shell really writes the same bytes back:
// every byte value, through dash (/bin/sh), bash and coreutils' printf binary.
struct Shell {
  std::string name;
  std::string shell;
  std::string printf_command;
};

class PrintfRoundTrip : public ::testing::TestWithParam<Shell> {};

TEST_P(PrintfRoundTrip, ShellWritesTheSameBytes) {
  const Shell& p = GetParam();
  if (::access(p.shell.c_str(), X_OK) != 0) GTEST_SKIP() << p.shell << " not installed";
  std::string bytes = "-" + all_bytes() + "'%s%%\\x41\\";
  auto dir = std::filesystem::temp_directory_path();
  std::string stem = "wirecheck-printf-" + p.name + "-" + std::to_string(::getpid());
  auto script = dir / (stem + ".sh");
  auto output = dir / (stem + ".out");
  std::ofstream(script, std::ios::binary)
      << p.printf_command << " '" << printf_format(bytes) << "' > '" << output.string() << "'\n";
  int status = std::system((p.shell + " '" + script.string() + "'").c_str());
  std::ifstream in(output, std::ios::binary);
  std::ostringstream got;
  got << in.rdbuf();
  std::filesystem::remove(script);
  std::filesystem::remove(output);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << p.name << " failed";
  EXPECT_EQ(got.str(), bytes);
}

INSTANTIATE_TEST_SUITE_P(Shells, PrintfRoundTrip,
                         ::testing::Values(Shell{"dash", "/bin/sh", "printf"},
                                           Shell{"bash", "/bin/bash", "printf"},
                                           Shell{"coreutils", "/bin/sh", "env printf"}),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace wirecheck::reports
