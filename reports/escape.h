#pragma once
// Every escaping the reporters need, in one place. Bytes from the wire are shown with
// harness::escape_bytes (harness/model/bytes.h); the functions here make other text safe for
// one destination each: a terminal, XML, HTML, Markdown, a POSIX shell.
#include <cstdint>
#include <string>
#include <string_view>

namespace wirecheck::reports {

// Text from results (messages, titles, expected/actual phrases) made safe to print as one
// line: valid UTF-8 is kept (a title may be in Chinese); control characters (C0, DEL, C1),
// bidirectional overrides and bytes that are not UTF-8 become \r \n \t or \xHH, so nothing a
// target sent can move the cursor, recolor a terminal or reorder what people read.
std::string printable(std::string_view text);

// XML character data or an attribute value. `text` is taken through printable() first except
// that, outside attributes, line breaks are kept; so the document is always well-formed
// UTF-8 XML 1.0 whatever bytes the result holds.
std::string xml_escape(std::string_view text, bool attribute);

// HTML element content or a double-quoted attribute value (after printable(), keeping line
// breaks when `multiline`).
std::string html_escape(std::string_view text, bool multiline = false);

// Markdown inline text: printable() and backslash escapes for the punctuation that Markdown
// (GitHub flavoured) would interpret, '|' included so it is safe in a table cell.
std::string markdown_text(std::string_view text);
// An inline code span with a fence longer than any run of backticks inside; '|' escaped for
// table cells when `in_table`.
std::string markdown_code(std::string_view text, bool in_table = false);
// A fence for a fenced code block that `content` cannot close: at least three backticks, one
// more than the longest run inside.
std::string markdown_fence(std::string_view content);

// A word for a POSIX shell: unchanged when it only holds safe characters, else single-quoted.
std::string shell_quote(std::string_view word);

// `bytes` as the format argument of printf(1) inside single quotes, such that
// `printf '<result>'` writes exactly `bytes` in bash, dash and coreutils printf: \r \n \t,
// \\ for a backslash, %% for a percent sign, '\'' for a quote, octal \NNN for every other
// byte outside printable ASCII (POSIX printf knows no \xHH escape), and a leading '-' as \055
// so it is not read as an option.
std::string printf_format(std::string_view bytes);

// RFC 4648 base64 with padding.
std::string base64(std::string_view bytes);

}  // namespace wirecheck::reports
