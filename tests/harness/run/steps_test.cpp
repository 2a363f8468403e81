// The steps of a case against scripted loopback servers: sends in parts and as structured
// requests, pipelining, HEAD, silence, closes, several connections, plain TCP text in GBK.
#include <gtest/gtest.h>

#include <atomic>
#include <set>

#include "harness/run/runner.h"
#include "reference/net/encoding.h"
#include "tests/harness/run/responder.h"

namespace wirecheck::testing {
namespace {

using harness::EventKind;
using harness::Verdict;
using std::chrono::milliseconds;

std::string received_by_server(const harness::CaseResult& r) {
  std::string out;
  for (const auto& e : r.transcript) {
    if (e.kind == EventKind::send) out += e.bytes;
  }
  return out;
}

TEST(StepsTest, SendInPartsArrivesAsOneRequest) {
  auto server = table_server({});
  auto r = run_yaml(
      one_case("      - send: { parts: [\"GET /ec\", \"ho HTTP/1.1\\r\\nHo\", "
               "\"st: {{authority}}\\r\\n\\r\\n\"], gap: 20ms }\n"
               "      - expect: { status: 200, body: { contains: \"GET /echo HTTP/1.1\" } }\n"),
      server->port());
  EXPECT_EQ(r.verdict, Verdict::pass) << dump(r);
  int sends = 0;
  for (const auto& e : r.transcript) sends += e.kind == EventKind::send;
  EXPECT_EQ(sends, 3) << dump(r);
}

TEST(StepsTest, StructuredRequestWithChunkedBody) {
  auto server = table_server({});
  std::string steps =
      "      - send:\n"
      "          request:\n"
      "            method: POST\n"
      "            target: /echo\n"
      "            headers: { X-Test: \"1\" }\n"
      "            chunks: [ hello, { data: \" world\", ext: \";a=b\" } ]\n"
      "            trailers: { X-Trailer: done }\n"
      "      - expect: { status: 200 }\n";
  auto r = run_yaml(one_case(steps), server->port());
  EXPECT_EQ(r.verdict, Verdict::pass) << dump(r);
  std::string sent = received_by_server(r);
  std::string authority = "127.0.0.1:" + std::to_string(server->port());
  EXPECT_EQ(sent, "POST /echo HTTP/1.1\r\nHost: " + authority +
                      "\r\nX-Test: 1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5\r\nhello\r\n6;a=b\r\n world\r\n0\r\nX-Trailer: done\r\n\r\n");
}

TEST(StepsTest, StructuredRequestWithBodyGetsContentLength) {
  auto server = table_server({});
  std::string steps =
      "      - send: { request: { method: POST, target: /echo, body: abc } }\n"
      "      - expect: { status: 200, body: { contains: \"Content-Length: 3\\r\\n\\r\\nabc\" } }\n";
  auto r = run_yaml(one_case(steps), server->port());
  EXPECT_EQ(r.verdict, Verdict::pass) << dump(r);
}

TEST(StepsTest, PipelinedResponsesAreReadInOrder) {
  auto server = table_server({{"/a", {"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA"}},
                              {"/b", {"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nB"}}});
  std::string steps =
      "      - send: \"GET /a HTTP/1.1\\r\\nHost: {{authority}}\\r\\n\\r\\n"
      "GET /b HTTP/1.1\\r\\nHost: {{authority}}\\r\\n\\r\\n\"\n"
      "      - expect: { status: 200, body: A, responses: 2 }\n"
      "      - expect: { status: 200, body: B, no_extra_bytes: true }\n";
  auto r = run_yaml(one_case(steps), server->port());
  EXPECT_EQ(r.verdict, Verdict::pass) << dump(r);
}

TEST(StepsTest, HeadResponseHasNoBodyEvenWithContentLength) {
  auto server = table_server({{"/h", {"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"}},
                              {"/after", {"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nafter"}}});
  std::string steps =
      "      - send: \"HEAD /h HTTP/1.1\\r\\nHost: {{authority}}\\r\\n\\r\\n"
      "GET /after HTTP/1.1\\r\\nHost: {{authority}}\\r\\n\\r\\n\"\n"
      "      - expect: { status: 200, body: { length: 0 }, framing: none }\n"
      "      - expect: { status: 200, body: after }\n";
  auto r = run_yaml(one_case(steps), server->port());
  EXPECT_EQ(r.verdict, Verdict::pass) << dump(r);
}

// A server that answers only once the whole body arrived.
Script body_waiter() {
  return [](Peer& peer) {
    std::string head = peer.read_head();
    if (head.empty()) return;
    std::string body = peer.read_body(10);
    if (body.size() == 10) peer.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    peer.drain(milliseconds(2000));
  };
}

TEST(StepsTest, ExpectSilenceWhileTheServerWaitsForTheBody) {
  LoopbackServer server(body_waiter());
  std::string steps =
      "      - send: \"POST /x HTTP/1.1\\r\\nHost: {{authority}}\\r\\nContent-Length: "
      "10\\r\\n\\r\\n01234\"\n"
      "      - expect_silence: 200ms\n"
      "      - send: \"56789\"\n"
      "      - expect: { status: 200 }\n";
  auto r = run_yaml(one_case(steps), server.port());
  EXPECT_EQ(r.verdict, Verdict::pass) << dump(r);
}

TEST(StepsTest, ExpectSilenceFailsWhenTheServerAnswersEarly) {
  auto server = table_server({});
  std::string steps = get("/nothing") + "      - expect_silence: 500ms\n";
  auto r = run_yaml(one_case(steps), server->port());
  EXPECT_EQ(r.verdict, Verdict::fail) << dump(r);
  EXPECT_TRUE(has_reason(r, "bytes arrived during the silence")) << dump(r);
  EXPECT_TRUE(has_reason(r, "HTTP/1.1 404")) << dump(r);
}

TEST(StepsTest, ExpectSilenceFailsOnCloseUnlessAllowed) {
  LoopbackServer server([](Peer& peer) {
    peer.read_head();
    peer.close();
  });
  std::string send = get("/x");
  auto closes = run_yaml(one_case(send + "      - expect_silence: 1s\n"), server.port());
  EXPECT_EQ(closes.verdict, Verdict::fail) << dump(closes);
  EXPECT_TRUE(has_reason(closes, "closed during the silence")) << dump(closes);
  auto allowed = run_yaml(
      one_case(send + "      - expect_silence: { for: 1s, allow_close: true }\n"), server.port());
  EXPECT_EQ(allowed.verdict, Verdict::pass) << dump(allowed);
}

TEST(StepsTest, ExpectCloseAndReset) {
  LoopbackServer closer([](Peer& peer) {
    peer.read_head();
    peer.close();
  });
  auto closed = run_yaml(one_case(get("/x") + "      - expect_close\n"), closer.port());
  EXPECT_EQ(closed.verdict, Verdict::pass) << dump(closed);

  LoopbackServer resetter([](Peer& peer) {
    peer.read_head();
    peer.abort();
  });
  auto reset = run_yaml(one_case(get("/x") + "      - expect_reset\n"), resetter.port());
  EXPECT_EQ(reset.verdict, Verdict::pass) << dump(reset);
  auto want_closed =
      run_yaml(one_case(get("/x") + "      - expect_close: { state: closed }\n"), resetter.port());
  EXPECT_EQ(want_closed.verdict, Verdict::fail) << dump(want_closed);
  EXPECT_TRUE(has_reason(want_closed, "connection reset")) << dump(want_closed);
}

TEST(StepsTest, ExpectCloseFailsWhenTheServerStaysOpenOrTalks) {
  auto server = table_server({{"/quiet", {"", Reply::After::stall}}});
  auto open = run_yaml(one_case(get("/quiet") + "      - expect_close: { within: 300ms }\n"),
                       server->port());
  EXPECT_EQ(open.verdict, Verdict::fail) << dump(open);
  EXPECT_TRUE(has_reason(open, "the connection stayed open")) << dump(open);

  auto talks = run_yaml(one_case(get("/nothing") + "      - expect_close: { within: 1s }\n"),
                        server->port());
  EXPECT_EQ(talks.verdict, Verdict::fail) << dump(talks);
  EXPECT_TRUE(has_reason(talks, "bytes arrived where the connection should have ended"))
      << dump(talks);
}

TEST(StepsTest, HalfCloseThenTheAnswer) {
  LoopbackServer server([](Peer& peer) {
    peer.drain(milliseconds(5000));  // until our FIN
    peer.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone");
  });
  auto r = run_yaml(one_case(get("/x") + "      - shutdown: write\n"
                                         "      - expect: { status: 200, body: done }\n"),
                    server.port());
  EXPECT_EQ(r.verdict, Verdict::pass) << dump(r);
}

TEST(StepsTest, StalledClientDoesNotStopASecondConnection) {
  auto server = table_server({{"/", {"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"}}});
  std::string steps =
      "      - send: \"GET / HTTP/1.1\\r\\nHo\"\n"
      "      - connect: second\n"
      "      - send: \"GET / HTTP/1.1\\r\\nHost: {{authority}}\\r\\n\\r\\n\"\n"
      "        on: second\n"
      "      - expect: { status: 200, body: ok }\n"
      "        on: second\n"
      "      - expect_silence: 100ms\n";
  auto r = run_yaml(one_case(steps), server->port());
  EXPECT_EQ(r.verdict, Verdict::pass) << dump(r);
  std::set<std::string> names;
  for (const auto& e : r.transcript) {
    if (e.kind == EventKind::connect) names.insert(e.connection);
  }
  EXPECT_EQ(names, (std::set<std::string>{"main", "second"}));
}

TEST(StepsTest, PlainTcpTextInGbk) {
  auto gbk = net::encode_text("你好，世界", "GBK");
  ASSERT_TRUE(gbk.ok());
  std::string reply = gbk.value();
  LoopbackServer server([reply](Peer& peer) {
    std::string line = peer.read_line();
    if (line.empty()) return;
    peer.write(reply);
    peer.drain(milliseconds(2000));
  });
  auto exact = run_yaml(one_case("      - send: { text: \"问\\n\", encoding: gbk }\n"
                                 "      - expect: { text: \"你好，世界\", encoding: gbk }\n"),
                        server.port());
  EXPECT_EQ(exact.verdict, Verdict::pass) << dump(exact);

  auto regex = run_yaml(one_case("      - send: \"hi\\n\"\n"
                                 "      - expect: { regex: \"你好.世界\", encoding: gbk }\n"),
                        server.port());
  EXPECT_EQ(regex.verdict, Verdict::pass) << dump(regex);

  auto wrong = run_yaml(one_case("      - send: \"hi\\n\"\n"
                                 "      - expect: { text: \"你好，朋友\", encoding: gbk }\n"),
                        server.port());
  EXPECT_EQ(wrong.verdict, Verdict::fail) << dump(wrong);
  // The actual text is shown decoded, so a person can read it.
  EXPECT_TRUE(has_reason(wrong, "你好，世界")) << dump(wrong);
  EXPECT_TRUE(has_reason(wrong, "differ from those expected at byte 6")) << dump(wrong);
}

TEST(StepsTest, PlainTcpShortDataIsAFailWithWhatArrived) {
  LoopbackServer server([](Peer& peer) {
    peer.read_line();
    peer.write("par");
    peer.close();
  });
  auto r = run_yaml(one_case("      - send: \"hi\\n\"\n"
                             "      - expect: { bytes: \"partial\", connection: closed }\n"),
                    server.port());
  EXPECT_EQ(r.verdict, Verdict::fail) << dump(r);
  EXPECT_TRUE(has_reason(r, "expected 7 bytes; 3 arrived")) << dump(r);
  EXPECT_TRUE(has_reason(r, "then the peer closed the connection")) << dump(r);
}

TEST(StepsTest, PlainTcpDataThenConnectionState) {
  LoopbackServer server([](Peer& peer) {
    peer.read_line();
    peer.write("bye\n");
    peer.close();
  });
  auto r = run_yaml(one_case("      - send: \"hi\\n\"\n"
                             "      - expect: { bytes: \"bye\\n\", connection: closed }\n"),
                    server.port());
  EXPECT_EQ(r.verdict, Verdict::pass) << dump(r);
  auto open = run_yaml(one_case("      - send: \"hi\\n\"\n"
                                "      - expect: { bytes: \"bye\\n\", connection: open }\n"),
                       server.port());
  EXPECT_EQ(open.verdict, Verdict::fail) << dump(open);
}

TEST(StepsTest, WithinBoundsTheResponseTime) {
  LoopbackServer server([](Peer& peer) {
    peer.read_head();
    peer.pause(milliseconds(600));
    peer.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    peer.drain(milliseconds(2000));
  });
  auto slow = run_yaml(one_case(get("/") + "      - expect: { status: 200, within: 100ms }\n"),
                       server.port());
  EXPECT_EQ(slow.verdict, Verdict::fail) << dump(slow);
  EXPECT_TRUE(has_reason(slow, "the complete response within 100ms")) << dump(slow);
  auto relaxed = run_yaml(one_case(get("/") + "      - expect: { status: 200, within: 10s }\n"),
                          server.port());
  EXPECT_EQ(relaxed.verdict, Verdict::pass) << dump(relaxed);
}

TEST(StepsTest, TimeoutScaleStretchesDeadlines) {
  LoopbackServer server([](Peer& peer) {
    peer.read_head();
    peer.drain(milliseconds(5000));
  });
  auto options = options_for(server.port());
  options.timeout_scale = 1.5;
  std::string yaml = one_case(get("/") + "      - expect: { status: 200 }\n");
  yaml.replace(yaml.find("timeout: 2s"), 11, "timeout: 200ms");
  auto r = run_yaml(yaml, options);
  EXPECT_EQ(r.verdict, Verdict::fail) << dump(r);
  EXPECT_TRUE(has_reason(r, "no complete response within 300ms")) << dump(r);
  EXPECT_TRUE(has_reason(r, "nothing arrived")) << dump(r);
}

}  // namespace
}  // namespace wirecheck::testing
