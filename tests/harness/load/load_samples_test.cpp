// The sample cases in cases/ load without a diagnostic and into the model they describe.
#include <gtest/gtest.h>

#include <filesystem>

#include "harness/load/loader.h"
#include "harness/model/bytes.h"
#include "harness/model/selection.h"
#include "harness/model/variables.h"

namespace wirecheck::harness {
namespace {

const std::string kCases = std::string(WIRECHECK_SOURCE_DIR) + "/cases";

const LoadResult& samples() {
  static const LoadResult result = load_cases({kCases});
  return result;
}

const Case& sample(const std::string& id) {
  const Case* c = samples().library.find(id);
  if (!c) throw std::runtime_error("no sample case " + id);
  return *c;
}

template <class T>
const T& step(const Case& c, size_t i) {
  return std::get<T>(c.steps.at(i).action);
}

std::string rendered(const Payload& p, const Case& c) {
  auto out = render(p, placeholder_variables(c.parameters));
  return out ? *out : "<render failed>";
}

TEST(LoadSamples, LoadWithoutDiagnostics) {
  for (const auto& d : samples().diagnostics.items()) ADD_FAILURE() << d.to_string();
  EXPECT_GE(samples().library.case_count(), 30u);
  EXPECT_GE(samples().files, 10u);
}

TEST(LoadSamples, FilesLoadInSortedOrder) {
  std::vector<std::string> files;
  for (const auto& s : samples().library.suites) files.push_back(s.where.file);
  EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
  // Target files and profiles are not case files.
  for (const auto& f : files) {
    EXPECT_EQ(f.find("/targets/"), std::string::npos) << f;
    EXPECT_EQ(f.find("/profiles/"), std::string::npos) << f;
  }
}

TEST(LoadSamples, SplitSendKeepsPartsGapAndVariables) {
  const Case& c = sample("rfc9112-2.2-split-request-line");
  EXPECT_EQ(c.suite, "rfc9112-message-parsing");
  EXPECT_EQ(c.ref.document, "RFC 9112");
  EXPECT_EQ(c.ref.section, "2.2");  // from the file's defaults
  EXPECT_EQ(c.ref.level, Level::must);
  EXPECT_EQ(c.tags, std::vector<std::string>{"parsing"});
  EXPECT_EQ(c.timeout, Duration(5000));
  ASSERT_EQ(c.steps.size(), 2u);
  EXPECT_EQ(c.steps[0].connection, "main");
  const Send& send = step<Send>(c, 0);
  EXPECT_EQ(send.gap, Duration(50));
  ASSERT_EQ(send.parts.size(), 3u);
  EXPECT_EQ(send.parts[0].content.text(), "GE");
  const auto& middle = send.parts[1].content.parts;
  ASSERT_EQ(middle.size(), 3u);
  EXPECT_FALSE(middle[0].variable);
  EXPECT_EQ(middle[0].text, "T ");
  EXPECT_TRUE(middle[1].variable);
  EXPECT_EQ(middle[1].text, "path.ok");
  EXPECT_EQ(middle[2].text, " HT");
  EXPECT_EQ(rendered(send.parts[2], c), "TP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n");
  const ExpectResponse& x = step<ExpectResponse>(c, 1);
  ASSERT_TRUE(x.common.status);
  EXPECT_TRUE(x.common.status->matches(200));
  EXPECT_FALSE(x.common.status->matches(201));
  EXPECT_EQ(c.steps[1].where.line, c.steps[0].where.line + 1);
}

TEST(LoadSamples, HexPartsAndComments) {
  const Case& c = sample("rfc9112-2.2-head-split-at-every-line");
  const Send& send = step<Send>(c, 0);
  ASSERT_EQ(send.parts.size(), 4u);
  EXPECT_EQ(send.parts[0].form, Payload::Form::hex);
  EXPECT_EQ(send.parts[0].content.text(), "GET / HTTP/1.1\r\n");
  EXPECT_EQ(send.gap, Duration(20));
  ASSERT_TRUE(step<ExpectResponse>(c, 1).common.status);
  EXPECT_TRUE(step<ExpectResponse>(c, 1).common.status->matches(299));
}

TEST(LoadSamples, LiteralBlockLinesEndInCrlf) {
  const Case& c = sample("rfc9112-2.2-request-head-as-block");
  EXPECT_EQ(rendered(step<Send>(c, 0).parts[0], c),
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: wirecheck\r\n\r\n");
  const auto& version = step<ExpectResponse>(c, 1).common.version;
  ASSERT_TRUE(version);
  EXPECT_EQ(version->value, "HTTP/1.1");
}

TEST(LoadSamples, AlternativesCarryNotesAndVerdicts) {
  const Case& bare = sample("rfc9112-2.2-bare-lf");
  EXPECT_EQ(bare.ref.level, Level::may);
  EXPECT_EQ(bare.tags, (std::vector<std::string>{"parsing", "leniency"}));
  const ExpectResponse& x = step<ExpectResponse>(bare, 1);
  ASSERT_TRUE(x.common.responses);
  EXPECT_EQ(x.common.responses->lo, 1);
  EXPECT_EQ(x.common.responses->hi, 1);
  ASSERT_EQ(x.any_of.size(), 2u);
  EXPECT_EQ(x.any_of[0].verdict, Verdict::pass);
  EXPECT_EQ(x.any_of[1].note, "accepts bare LF as a line terminator (permitted)");

  const Case& te = sample("rfc9112-6.1-te-and-cl");
  EXPECT_EQ(te.timeout, Duration(3000));
  EXPECT_EQ(te.tags, (std::vector<std::string>{"framing", "smuggling"}));
  const ExpectResponse& y = step<ExpectResponse>(te, 1);
  EXPECT_EQ(y.common.connection, ConnectionState::closed_or_reset);
  ASSERT_EQ(y.any_of.size(), 2u);
  EXPECT_TRUE(y.any_of[0].match.status->matches(400));
  EXPECT_EQ(y.any_of[1].verdict, Verdict::warn);
  EXPECT_TRUE(y.any_of[1].match.status->matches(204));
  EXPECT_EQ(y.any_of[1].where.line, y.any_of[0].where.line + 1);
}

TEST(LoadSamples, StructuredChunkedRequest) {
  const Case& c = sample("rfc9112-6.1-chunked-body");
  EXPECT_EQ(c.capabilities, (std::vector<std::string>{"echo", "chunked"}));
  const Send& send = step<Send>(c, 0);
  ASSERT_TRUE(send.request);
  const RequestSpec& r = *send.request;
  EXPECT_EQ(r.method.text(), "POST");
  EXPECT_EQ(r.target.text(), "{{path.echo}}");
  EXPECT_EQ(r.version.text(), "HTTP/1.1");
  EXPECT_TRUE(r.chunked);
  ASSERT_EQ(r.chunks.size(), 3u);
  EXPECT_EQ(r.chunks[1].data.content.text(), " ");
  EXPECT_EQ(r.chunks[2].data.content.text(), "world");
  EXPECT_EQ(r.chunks[2].extensions.text(), ";note=1");
  EXPECT_TRUE(r.add_host);
  EXPECT_TRUE(r.add_framing);
  ASSERT_EQ(step<ExpectResponse>(c, 1).common.body.size(), 1u);
  // A raw echo or the reference server's JSON echo: either shows the decoded body.
  EXPECT_EQ(step<ExpectResponse>(c, 1).common.body[0].op, BodyCheck::Op::regex);
  EXPECT_EQ(step<ExpectResponse>(c, 1).common.body[0].pattern,
            "^hello world$|\"body\": \"hello world\"");
}

TEST(LoadSamples, ChunksWithGapAndTrailers) {
  const Case& c = sample("rfc9112-6.1-chunks-written-apart");
  const Send& send = step<Send>(c, 0);
  EXPECT_EQ(send.gap, Duration(100));
  ASSERT_EQ(send.request->trailers.size(), 1u);
  EXPECT_EQ(send.request->trailers[0].name.text(), "X-Trailer");
  EXPECT_EQ(send.request->trailers[0].value.text(), "done");
  const auto& body = step<ExpectResponse>(c, 1).common.body;
  ASSERT_EQ(body.size(), 1u);
  EXPECT_EQ(body[0].op, BodyCheck::Op::regex);
  EXPECT_EQ(body[0].pattern, "^abcdef$|\"body\": \"abcdef\"");
}

TEST(LoadSamples, RepeatedHeaderLinesKeepTheirOrder) {
  const Case& c = sample("rfc9112-3.2-duplicate-host");
  const auto& headers = step<Send>(c, 0).request->headers;
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0].name.text(), "Host");
  EXPECT_EQ(headers[0].value.text(), "{{authority}}");
  EXPECT_EQ(headers[1].value.text(), "other.example");
  const Case& get = sample("rfc9112-3.2-structured-get");
  const auto& map_headers = step<Send>(get, 0).request->headers;
  ASSERT_EQ(map_headers.size(), 2u);
  EXPECT_EQ(map_headers[0].name.text(), "Accept");
  EXPECT_EQ(map_headers[1].name.text(), "User-Agent");
  const ExpectResponse& x = step<ExpectResponse>(get, 1);
  EXPECT_EQ(x.common.framing, (std::vector<Framing>{Framing::content_length, Framing::chunked}));
  EXPECT_TRUE(x.common.unambiguous);
}

TEST(LoadSamples, CloseSilenceAndShutdownSteps) {
  const Case& c = sample("rfc9112-6.3-incomplete-body");
  ASSERT_EQ(c.steps.size(), 4u);
  EXPECT_EQ(step<ExpectSilence>(c, 1).duration, Duration(300));
  EXPECT_TRUE(std::holds_alternative<ShutdownWrite>(c.steps[2].action));
  EXPECT_TRUE(step<ExpectClose>(c, 3).allow_data);
  EXPECT_EQ(step<ExpectClose>(c, 3).state, ConnectionState::closed_or_reset);
  const Case& h10 = sample("rfc9112-6.1-te-in-http10");
  EXPECT_EQ(step<ExpectClose>(h10, 1).within, Duration(2000));
}

TEST(LoadSamples, FilePayloadsResolveBesideTheCaseFile) {
  const Case& c = sample("rfc9112-6.3-body-from-file");
  const Payload& body = *step<Send>(c, 0).request->body;
  EXPECT_EQ(body.form, Payload::Form::file);
  EXPECT_EQ(body.file, "data/hello.txt");
  EXPECT_EQ(body.content.text(), "hello from a file\r\n");
  EXPECT_EQ(step<ExpectResponse>(c, 1).common.body.at(0).pattern,
            "^hello from a file\\r\\n$|\"body\": \"hello from a file\\\\r\\\\n\"");
}

TEST(LoadSamples, NamedConnections) {
  const Case& c = sample("robustness-stalled-client-does-not-block");
  EXPECT_TRUE(c.serial);
  EXPECT_EQ(c.ref.document, "wirecheck robustness");
  EXPECT_EQ(c.ref.level, Level::should);
  std::vector<std::string> on;
  for (const auto& s : c.steps) on.push_back(s.connection);
  EXPECT_EQ(on, (std::vector<std::string>{"stalled", "stalled", "second", "second", "second",
                                          "stalled", "stalled"}));
  EXPECT_TRUE(std::holds_alternative<Connect>(c.steps[0].action));
  EXPECT_EQ(step<ExpectResponse>(c, 4).common.within, Duration(2000));

  const Case& abort = sample("robustness-client-abort");
  // connect, send, pause, abort, pause, send on main, expect.
  EXPECT_TRUE(std::holds_alternative<Abort>(abort.steps[3].action));
  EXPECT_EQ(abort.steps[3].connection, "doomed");
  EXPECT_EQ(abort.steps[5].connection, "main");
}

TEST(LoadSamples, RepeatedBytes) {
  const Case& c = sample("robustness-long-field-value");
  const Send& send = step<Send>(c, 0);
  ASSERT_EQ(send.parts.size(), 3u);
  EXPECT_EQ(send.parts[1].times, 16384u);
  EXPECT_EQ(rendered(send.parts[1], c), std::string(16384, 'a'));
  EXPECT_EQ(c.ref.document, "RFC 9110");
}

TEST(LoadSamples, TcpTextInGbk) {
  const Case& c = sample("tcp-reply-basic");
  EXPECT_EQ(c.parameters.at("reply.encoding"), "gbk");
  const Payload& question = step<Send>(c, 0).parts.at(0);
  EXPECT_EQ(question.form, Payload::Form::text);
  EXPECT_EQ(encode_hex(rendered(question, c)), "c4e3bac3a3acb7fecef1c6f7");  // 你好，服务器
  const ExpectData& reply = step<ExpectData>(c, 1);
  ASSERT_TRUE(reply.data);
  EXPECT_EQ(encode_hex(rendered(*reply.data, c)),
            "6f6ba3accecacce2d5fdd4dab4a6c0edd6d02e2e2e");  // ok，问题正在处理中...
  EXPECT_EQ(reply.within, Duration(2000));
}

TEST(LoadSamples, TcpCloseAndSilence) {
  const Case& c = sample("tcp-reply-survives-silent-client");
  EXPECT_TRUE(std::holds_alternative<Close>(c.steps[1].action));
  EXPECT_EQ(c.steps[1].connection, "silent");
  const ExpectData& x = step<ExpectData>(c, 4);
  ASSERT_TRUE(x.data);
  EXPECT_EQ(x.data->form, Payload::Form::text);
  EXPECT_TRUE(x.regex.empty());
  EXPECT_EQ(x.within, Duration(2000));
  EXPECT_TRUE(std::holds_alternative<ExpectSilence>(sample("tcp-reply-no-greeting").steps[0].action));
}

TEST(LoadSamples, RawExpectationOnAnHttpConnection) {
  const Case& c = sample("rfc9110-10.1.1-100-continue");
  EXPECT_EQ(step<ExpectData>(c, 1).regex, "^HTTP/1\\.1 100 [^\\r\\n]*\\r\\n(?:[^\\r\\n]+\\r\\n)*\\r\\n");
  const auto& interim = step<ExpectResponse>(c, 3).common.interim;
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->mode, InterimPolicy::Mode::forbidden);
}

TEST(LoadSamples, HeaderChecks) {
  const Case& c = sample("rfc9110-8.6-one-framing");
  const ExpectResponse& x = step<ExpectResponse>(c, 1);
  ASSERT_EQ(x.any_of.size(), 2u);
  const auto& cl = x.any_of[0].match.headers;
  ASSERT_EQ(cl.size(), 3u);
  EXPECT_EQ(cl[0].name, "transfer-encoding");
  EXPECT_EQ(cl[0].op, HeaderCheck::Op::absent);
  EXPECT_EQ(cl[1].name, "content-length");
  EXPECT_EQ(cl[1].op, HeaderCheck::Op::count);
  EXPECT_EQ(cl[1].count.hi, 1);
  EXPECT_EQ(cl[2].op, HeaderCheck::Op::regex);
  EXPECT_EQ(cl[2].pattern, "^[0-9]+$");
  const auto& te = x.any_of[1].match.headers;
  ASSERT_EQ(te.size(), 2u);
  EXPECT_EQ(te[1].op, HeaderCheck::Op::includes);
  EXPECT_EQ(te[1].value.text(), "chunked");

  const ExpectResponse& head = step<ExpectResponse>(sample("rfc9110-9.3.2-head-has-no-content"), 1);
  EXPECT_EQ(head.request_method, "HEAD");
  EXPECT_TRUE(head.common.no_extra_bytes);
  EXPECT_EQ(head.common.body.at(0).length.hi, 0);
}

TEST(LoadSamples, ProfilesSelectTheirCases) {
  Diagnostics d;
  auto tcp = load_profile(kCases + "/profiles/tcp-reply.yaml", d);
  auto student = load_profile(kCases + "/profiles/student-http.yaml", d);
  auto origin = load_profile(kCases + "/profiles/http-origin.yaml", d);
  for (const auto& item : d.items()) ADD_FAILURE() << item.to_string();
  ASSERT_TRUE(tcp && student && origin);
  // Counted from the library itself, so the assertions hold as cases are added.
  size_t tcp_cases = 0;
  size_t student_cases = 0;
  size_t student_fast = 0;
  for (const auto& suite : samples().library.suites) {
    for (const auto& c : suite.cases) {
      if (c.suite == "tcp-reply") ++tcp_cases;
      if (c.suite != "student-http") continue;
      ++student_cases;
      if (std::find(c.tags.begin(), c.tags.end(), "slow") == c.tags.end()) ++student_fast;
    }
  }
  ASSERT_GE(tcp_cases, 5u);
  ASSERT_GE(student_cases, 5u);
  Selection s;
  s.profile = *tcp;
  for (const Case* c : s.apply(samples().library)) EXPECT_EQ(c->suite, "tcp-reply");
  EXPECT_EQ(s.apply(samples().library).size(), tcp_cases);
  s.profile = *origin;
  auto http = s.apply(samples().library);
  EXPECT_EQ(http.size(), samples().library.case_count() - tcp_cases - student_cases);
  for (const Case* c : http) EXPECT_NE(c->suite, "student-http") << c->id;
  s.profile = *student;
  auto graded = s.apply(samples().library);
  EXPECT_EQ(graded.size(), student_fast);
  for (const Case* c : graded) {
    EXPECT_EQ(std::find(c->tags.begin(), c->tags.end(), "slow"), c->tags.end()) << c->id;
    EXPECT_EQ(c->suite, "student-http");
  }
}

}  // namespace
}  // namespace wirecheck::harness
