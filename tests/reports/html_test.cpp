// The HTML report's structure: a self-contained page whose embedded JSON reads back to the
// results it came from, with every text a target controls kept out of the markup. What the
// page's script does with it is tested in a real browser (tests/browser/).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "reports/escape.h"
#include "reports/html.h"
#include "reports/report.h"
#include "base64_decode.h"
#include "sample_results.h"

namespace wirecheck::reports {
namespace {

using json = nlohmann::json;
using testing::decode_base64;
using namespace std::chrono_literals;
using harness::CaseResult;
using harness::RunResult;
using harness::Verdict;

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The text of <script type="application/json" id="ID">...</script>, or "" (and a failure).
std::string block(const std::string& html, const std::string& id) {
  std::string open = "<script type=\"application/json\" id=\"" + id + "\">";
  size_t begin = html.find(open);
  if (begin == std::string::npos) {
    ADD_FAILURE() << "no JSON block " << id;
    return {};
  }
  begin += open.size();
  size_t end = html.find("</script>", begin);
  if (end == std::string::npos) {
    ADD_FAILURE() << "JSON block " << id << " is not closed";
    return {};
  }
  return html.substr(begin, end - begin);
}

json parse_block(const std::string& html, const std::string& id) {
  std::string text = block(html, id);
  json j = json::parse(text, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << "block " << id << " is not JSON";
  return j;
}

size_t index_of(const json& cases, const std::string& id) {
  for (size_t i = 0; i < cases.size(); ++i) {
    if (cases[i]["id"] == id) return i;
  }
  ADD_FAILURE() << "no case " << id;
  return 0;
}

RunResult renamed(RunResult run, std::string target) {
  run.target = std::move(target);
  return run;
}

TEST(Html, OneTargetFormIsTheListFormWithOneRun) {
  auto run = testing::mixed_run();
  EXPECT_EQ(render(run, Format::html), render_html(std::vector<RunResult>{run}));
}

TEST(Html, SelfContained) {
  std::string html = render(testing::mixed_run(), Format::html);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  // Nothing is fetched, and the page says so to the browser as well.
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none';"), std::string::npos);
  for (std::string outside : {"http://", "https://", "src=", "href=", "<link", "@import", "url("}) {
    EXPECT_EQ(html.find(outside), std::string::npos) << outside;
  }
  // One JSON block for the matrix, one per target, then the script, last in the body.
  EXPECT_EQ(count(html, "<script"), 3u);
  EXPECT_LT(html.find("id=\"wc-data\""), html.find("id=\"wc-d-0\""));
  EXPECT_LT(html.find("id=\"wc-d-0\""), html.rfind("<script>"));
  EXPECT_NE(html.find("</script>\n</body>\n</html>\n"), std::string::npos);
}

TEST(Html, MatrixDataReadsBack) {
  auto run = testing::mixed_run();
  std::string html = render(run, Format::html);
  json m = parse_block(html, "wc-data");
  EXPECT_EQ(m["schema"], "wirecheck-html/1");
  EXPECT_EQ(m["title"], "wirecheck report: 127.0.0.1:8080");
  ASSERT_EQ(m["targets"].size(), 1u);
  const json& t = m["targets"][0];
  EXPECT_EQ(t["name"], "127.0.0.1:8080");
  EXPECT_EQ(t["profile"], "http-origin");
  EXPECT_EQ(t["started"], "2024-05-01T12:00:00Z");
  EXPECT_EQ(t["took"], "1.50 s");
  EXPECT_EQ(t["failed"], true);
  EXPECT_EQ(t["counts"], (json{{"pass", 1}, {"warn", 2}, {"fail", 1}, {"error", 1}, {"skip", 1}, {"total", 6}}));

  ASSERT_EQ(m["cases"].size(), run.results.size());
  for (size_t i = 0; i < run.results.size(); ++i) {
    EXPECT_EQ(m["cases"][i]["id"], run.results[i].info.id);
  }
  const json& lf = m["cases"][index_of(m["cases"], "response-line-endings")];
  EXPECT_EQ(lf["suite"], "rfc9112-message");
  EXPECT_EQ(lf["section"], "RFC 9112 §2.2");
  EXPECT_EQ(lf["level"], "MUST");
  EXPECT_EQ(lf["tags"], json::array({"framing"}));
  EXPECT_EQ(lf["where"], "cases/rfc9112/message.yaml:31:7");
  EXPECT_EQ(lf["requirement"], "A sender MUST NOT generate a bare CR ... and MUST use CRLF as the line terminator");
  const json& te = m["cases"][index_of(m["cases"], "te-and-cl-conflict")];
  EXPECT_EQ(te["why"], "A message with both is a request-smuggling vector.");
  EXPECT_EQ(te["points"], 2);
  EXPECT_EQ(m["cases"][index_of(m["cases"], "echo-large-body")]["requires"], json::array({"echo"}));
  // Titles are shown as printable() shows them everywhere: the escape byte of "\x1b[2J" named.
  EXPECT_EQ(m["cases"][index_of(m["cases"], "reply-text-utf8")]["title"], "回复文本 (reply text) \\x1b[2J");

  // Verdict letters in case order: pass warn fail error skip warn.
  EXPECT_EQ(m["cells"], json::array({"pwfesw"}));
  EXPECT_EQ(m["suites"], json::array({"rfc9112-message", "rfc9112-message-body", "rfc9112-connections", "tcp-reply"}));
  EXPECT_EQ(m["tags"], json::array({"basics", "framing", "smuggling"}));
  EXPECT_EQ(m["levels"], json::array({"MUST", "SHOULD", "MAY"}));
}

TEST(Html, RowsAreGroupedBySectionInLibraryOrder) {
  json m = parse_block(render(testing::mixed_run(), Format::html), "wc-data");
  std::vector<std::string> titles;
  size_t rows = 0;
  for (const auto& g : m["groups"]) {
    titles.push_back(g["title"]);
    for (const auto& c : g["cases"]) {
      EXPECT_EQ(m["cases"][c.get<size_t>()]["section"], g["title"]);
      ++rows;
    }
  }
  EXPECT_EQ(titles, (std::vector<std::string>{"RFC 9112 §3", "RFC 9112 §6.1", "RFC 9112 §2.2",
                                              "RFC 9112 §9.3", "RFC 9112 §6.2", "suite tcp-reply"}));
  EXPECT_EQ(rows, m["cases"].size());
}

TEST(Html, DetailsReadBackWithExactBytes) {
  auto run = testing::mixed_run();
  std::string html = render(run, Format::html);
  json m = parse_block(html, "wc-data");
  json d = parse_block(html, "wc-d-0");
  ASSERT_EQ(d.size(), m["cases"].size());

  const CaseResult& fail = testing::find_case(run, "response-line-endings");
  const json& f = d[index_of(m["cases"], "response-line-endings")];
  EXPECT_EQ(f["verdict"], "fail");
  EXPECT_EQ(f["headline"], "line 2 of the response ends in LF, not CRLF");
  EXPECT_EQ(f["time"], "4.2 ms");
  ASSERT_EQ(f["reasons"].size(), 2u);
  const json& r = f["reasons"][0];
  EXPECT_EQ(r["message"], "line 2 of the response ends in LF, not CRLF");
  EXPECT_EQ(r["expected"], "\\r\\n");
  EXPECT_EQ(r["actual"], "\\n");
  EXPECT_EQ(r["section"], "RFC 9112 §2.2");
  EXPECT_EQ(r["where"], "cases/rfc9112/message.yaml:36:9");
  EXPECT_EQ(r["excerpt"]["connection"], "main");
  EXPECT_EQ(r["excerpt"]["direction"], "received");
  EXPECT_EQ(r["excerpt"]["offset"], 0);
  EXPECT_EQ(r["excerpt"]["mark"], 35);
  EXPECT_EQ(decode_base64(r["excerpt"]["bytes"]), fail.reasons[0].excerpt->bytes);
  EXPECT_EQ(r["excerpt"]["length"], fail.reasons[0].excerpt->bytes.size());
  // The reproducer is the one the other reports print.
  ASSERT_TRUE(f.contains("reproduce"));
  EXPECT_EQ(f["reproduce"]["run"].get<std::string>().rfind("wirecheck run ", 0), 0u);
  EXPECT_FALSE(f["reproduce"]["lines"].empty());

  ASSERT_EQ(f["transcript"].size(), fail.transcript.size());
  for (size_t i = 0; i < fail.transcript.size(); ++i) {
    const auto& e = fail.transcript[i];
    const json& j = f["transcript"][i];
    EXPECT_EQ(j["at"], e.at.count());
    EXPECT_EQ(j["connection"], "main");
    if (e.kind == harness::EventKind::send || e.kind == harness::EventKind::receive) {
      EXPECT_EQ(decode_base64(j["bytes"]), e.bytes) << i;
      EXPECT_EQ(j["length"], e.bytes.size());
      EXPECT_EQ(j["offset"], e.offset);
    } else {
      EXPECT_FALSE(j.contains("bytes")) << i;
    }
  }
  EXPECT_EQ(f["transcript"][0]["kind"], "connect");
  EXPECT_EQ(f["transcript"][0]["detail"], "127.0.0.1:40004 -> 127.0.0.1:8080");
  EXPECT_EQ(f["transcript"][4]["kind"], "peer_closed");

  const json& pass = d[index_of(m["cases"], "get-root")];
  EXPECT_EQ(pass["verdict"], "pass");
  EXPECT_FALSE(pass.contains("headline"));
  EXPECT_FALSE(pass.contains("reproduce"));
  EXPECT_EQ(pass["transcript"].size(), 4u);
  const json& skip = d[index_of(m["cases"], "echo-large-body")];
  EXPECT_EQ(skip["verdict"], "skip");
  EXPECT_FALSE(skip.contains("reproduce"));
  EXPECT_EQ(skip["reasons"][0]["message"], "the target lacks capability 'echo' (requires: echo)");

  // Bytes that are not UTF-8 travel exactly in base64; the text fields name them.
  const CaseResult& gbk = testing::find_case(run, "reply-text-utf8");
  const json& g = d[index_of(m["cases"], "reply-text-utf8")];
  EXPECT_EQ(decode_base64(g["reasons"][0]["excerpt"]["bytes"]), gbk.reasons[0].excerpt->bytes);
  EXPECT_EQ(g["reasons"][0]["actual"], printable(gbk.reasons[0].actual));
  EXPECT_EQ(decode_base64(g["transcript"][1]["bytes"]), std::string("hello\0", 6));
}

TEST(Html, SeveralTargetsShareRowsAndMarkWhatOneDidNotRun) {
  auto a = renamed(testing::mixed_run(), "alice");
  auto b = renamed(testing::all_pass_run(), "bob");
  auto c = renamed(testing::empty_run(), "carol");
  std::string html = render_html({a, b, c});
  json m = parse_block(html, "wc-data");
  EXPECT_EQ(m["title"], "wirecheck report: 3 targets");
  ASSERT_EQ(m["targets"].size(), 3u);
  EXPECT_EQ(m["targets"][1]["name"], "bob");
  EXPECT_EQ(m["targets"][1]["failed"], false);
  // alice's six cases, then bob's two that alice lacks.
  ASSERT_EQ(m["cases"].size(), 8u);
  EXPECT_EQ(m["cases"][6]["id"], "get-root-twice");
  EXPECT_EQ(m["cases"][7]["id"], "get-root-http10");
  EXPECT_EQ(m["cells"], json::array({"pwfesw..", "p.....pp", "........"}));
  json bob = parse_block(html, "wc-d-1");
  ASSERT_EQ(bob.size(), 8u);
  EXPECT_EQ(bob[0]["verdict"], "pass");
  EXPECT_TRUE(bob[1].is_null());
  EXPECT_EQ(bob[7]["verdict"], "pass");
  json carol = parse_block(html, "wc-d-2");
  EXPECT_EQ(carol, json(std::vector<json>(8, nullptr)));
  EXPECT_EQ(count(html, "<script type=\"application/json\""), 4u);
  // The summary lists the targets in the order given, with their counts.
  size_t alice = html.find("<tr data-t=\"0\"><td>alice</td>");
  size_t bob_row = html.find("<tr data-t=\"1\"><td>bob</td>");
  EXPECT_NE(alice, std::string::npos);
  EXPECT_LT(alice, bob_row);
  EXPECT_NE(html.find("3 targets · 8 cases"), std::string::npos);
  EXPECT_NE(html.find("1 of 3 failed"), std::string::npos);
}

TEST(Html, TitleOption) {
  HtmlOptions options;
  options.title = "Assignment 2 <final>";
  std::string html = render_html({testing::mixed_run()}, options);
  EXPECT_NE(html.find("<title>Assignment 2 &lt;final&gt;</title>"), std::string::npos);
  EXPECT_EQ(parse_block(html, "wc-data")["title"], "Assignment 2 <final>");
}

// Everything a target (or a case file) controls, built to break out of each context the page
// has: the JSON block, an HTML comment, attributes, the markup itself.
TEST(Html, HostileTextStaysText) {
  const std::string breakout = "</script><script>alert(1)</script><!--<img src=x onerror=alert(2)>";
  auto run = testing::mixed_run();
  run.target = "\"><img id=pwned src=x onerror=alert(3)>";
  run.profile = "</title><script>alert(4)</script>";
  auto& r = run.results[2];
  r.info.title = breakout;
  r.info.id = "id-</script>";
  r.info.tags.push_back("<b>tag</b>");
  r.info.suite = "suite'\"&amp;";
  r.info.why = "]]> --> </style>";
  r.reasons[0].message = breakout;
  r.reasons[0].expected = "&lt;not decoded&gt;";
  r.reasons[0].actual = "\xe2\x80\xae reversed \xe2\x80\xa8 line separator";
  r.transcript[1].detail = "</script>";
  r.transcript[3].bytes = "</script><script>alert(5)</script>";
  run.results[3].transcript[0].connection = "<svg onload=alert(6)>";

  std::string html = render_html({run, renamed(run, "</script>")});
  // Only the page's own script elements, and no markup from the data anywhere.
  EXPECT_EQ(count(html, "<script"), 4u);
  EXPECT_EQ(count(html, "</script>"), 4u);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<!--"), std::string::npos);
  EXPECT_EQ(html.find("<b>tag"), std::string::npos);
  EXPECT_EQ(html.find("</title><script>"), std::string::npos);
  // In the summary the names are HTML-escaped ...
  EXPECT_NE(html.find("&quot;&gt;&lt;img id=pwned"), std::string::npos);
  EXPECT_NE(html.find("&lt;/title&gt;&lt;script&gt;"), std::string::npos);
  // ... and in the JSON they are \u escapes that read back to the exact text.
  for (std::string id : {"wc-data", "wc-d-0", "wc-d-1"}) {
    std::string text = block(html, id);
    EXPECT_EQ(text.find('<'), std::string::npos) << id;
    EXPECT_EQ(text.find('>'), std::string::npos) << id;
    EXPECT_EQ(text.find('&'), std::string::npos) << id;
  }
  json m = parse_block(html, "wc-data");
  EXPECT_EQ(m["targets"][0]["name"], run.target);
  EXPECT_EQ(m["targets"][1]["name"], "</script>");
  EXPECT_EQ(m["targets"][0]["profile"], run.profile);
  EXPECT_EQ(m["cases"][2]["title"], breakout);
  EXPECT_EQ(m["cases"][2]["id"], "id-</script>");
  EXPECT_EQ(m["cases"][2]["suite"], "suite'\"&amp;");
  EXPECT_EQ(m["cases"][2]["why"], "]]> --> </style>");
  EXPECT_EQ(m["tags"].front(), "<b>tag</b>");  // sorted: '<' before letters
  json d = parse_block(html, "wc-d-0");
  EXPECT_EQ(d[2]["reasons"][0]["message"], breakout);
  EXPECT_EQ(d[2]["reasons"][0]["expected"], "&lt;not decoded&gt;");
  // A right-to-left override could reorder what people read: it is named, not applied.
  EXPECT_EQ(d[2]["reasons"][0]["actual"], "\\xe2\\x80\\xae reversed \xe2\x80\xa8 line separator");
  EXPECT_EQ(d[2]["transcript"][1]["detail"], "</script>");
  EXPECT_EQ(decode_base64(d[2]["transcript"][3]["bytes"]), "</script><script>alert(5)</script>");
  EXPECT_EQ(d[3]["transcript"][0]["connection"], "<svg onload=alert(6)>");
}

TEST(Html, TranscriptBytesBeyondTheShareAreCountedNotKept) {
  auto run = testing::mixed_run();
  const std::string big(100 * 1024, 'x');
  run.results[2].transcript[3].bytes = big;  // fail
  run.results[0].transcript[2].bytes = big;  // pass
  HtmlOptions options;
  options.transcript_bytes = 10000;
  options.passing_transcript_bytes = 100;
  std::string html = render_html({run}, options);
  json d = parse_block(html, "wc-d-0");

  // The fail case sent 23 + 24 bytes before the big receive.
  const json& fail = d[2];
  EXPECT_EQ(fail["transcript"][3]["length"], big.size());
  EXPECT_EQ(decode_base64(fail["transcript"][3]["bytes"]).size(), 10000u - 47u);
  EXPECT_EQ(fail["hidden"], big.size() - (10000 - 47));
  EXPECT_FALSE(fail.contains("truncated"));

  // The passing case keeps 100 bytes: its 40-byte request and 60 of the response.
  const json& pass = d[0];
  EXPECT_EQ(decode_base64(pass["transcript"][1]["bytes"]).size(), 40u);
  EXPECT_EQ(decode_base64(pass["transcript"][2]["bytes"]), big.substr(0, 60));
  EXPECT_EQ(pass["hidden"], big.size() - 60);
}

TEST(Html, PassingTranscriptsShareOneBudget) {
  HtmlOptions options;
  // get-root's transcript: 80 bytes in base64 (108) and 4 events with 33 bytes of details,
  // 461 bytes in the page: one fits.
  options.passing_transcripts_total = 700;
  auto run = testing::mixed_run();
  std::string html = render_html({renamed(run, "alice"), renamed(run, "bob")}, options);
  json alice = parse_block(html, "wc-d-0");
  json bob = parse_block(html, "wc-d-1");
  EXPECT_EQ(alice[0]["transcript"].size(), 4u);
  EXPECT_FALSE(alice[0].contains("left_out"));
  EXPECT_FALSE(bob[0].contains("transcript"));
  EXPECT_EQ(bob[0]["left_out"], 80);
  // Results that did not pass keep theirs.
  EXPECT_EQ(bob[2]["transcript"].size(), 5u);
  EXPECT_EQ(bob[1]["transcript"].size(), 4u);
}

TEST(Html, SaysWhenTheRunItselfTruncatedATranscript) {
  auto run = testing::mixed_run();
  run.results[2].transcript_truncated = true;
  json d = parse_block(render(run, Format::html), "wc-d-0");
  EXPECT_EQ(d[2]["truncated"], true);
  EXPECT_FALSE(d[1].contains("truncated"));
}

TEST(Html, ARunWithAnIdTwiceShowsTheFirstResult) {
  auto run = testing::mixed_run();
  auto again = run.results[0];
  again.verdict = Verdict::fail;
  run.results.push_back(again);
  run.tally();
  std::string html = render(run, Format::html);
  json m = parse_block(html, "wc-data");
  EXPECT_EQ(m["cases"].size(), 6u);
  EXPECT_EQ(m["cells"][0], "pwfesw");
}

TEST(Html, EmptyRunAndNoRuns) {
  std::string empty = render(testing::empty_run(), Format::html);
  json m = parse_block(empty, "wc-data");
  EXPECT_EQ(m["cases"], json::array());
  EXPECT_EQ(m["cells"], json::array({""}));
  EXPECT_EQ(parse_block(empty, "wc-d-0"), json::array());

  std::string none = render_html(std::vector<RunResult>{});
  json n = parse_block(none, "wc-data");
  EXPECT_EQ(n["targets"], json::array());
  EXPECT_EQ(n["title"], "wirecheck report: 0 targets");
  EXPECT_EQ(count(none, "<script"), 2u);
}

// 100 targets x 400 cases: the block parsed when the page opens holds the matrix only (one
// letter per cell and the case list); transcripts wait in the per-target blocks until a cell
// of that target is opened.
TEST(Html, TheMatrixBlockStaysSmallForAHundredTargets) {
  auto sample = testing::mixed_run();
  RunResult base;
  base.started = testing::fixed_start();
  base.finished = base.started + 2s;
  for (size_t i = 0; i < 400; ++i) {
    CaseResult r = sample.results[i % sample.results.size()];
    r.info.id = "case-" + std::to_string(i);
    r.info.ref.document = "RFC 9112";
    r.info.ref.section = std::to_string(2 + i / 40) + "." + std::to_string(i % 4);
    base.results.push_back(std::move(r));
  }
  std::vector<RunResult> runs;
  for (size_t t = 0; t < 100; ++t) {
    RunResult run = base;
    run.target = "student-" + std::to_string(t);
    for (size_t i = 0; i < run.results.size(); ++i) {
      if ((i + t) % 7 == 0) run.results[i].verdict = Verdict::fail;
    }
    run.tally();
    runs.push_back(std::move(run));
  }
  std::string html = render_html(runs);
  std::string matrix = block(html, "wc-data");
  EXPECT_LT(matrix.size(), 256u * 1024u);
  json m = json::parse(matrix);
  ASSERT_EQ(m["cells"].size(), 100u);
  for (const auto& cells : m["cells"]) EXPECT_EQ(cells.get<std::string>().size(), 400u);
  EXPECT_EQ(m["cells"][0].get<std::string>()[7], 'f');
  EXPECT_EQ(m["groups"].size(), 40u);
  json last = parse_block(html, "wc-d-99");
  EXPECT_EQ(last.size(), 400u);
}

}  // namespace
}  // namespace wirecheck::reports
