#include "tests/harness/run/run_fixture.h"

#include <gtest/gtest.h>

#include "harness/model/bytes.h"
#include "harness/run/runner.h"

namespace wirecheck::testing {

harness::Library load_yaml(const std::string& yaml) {
  auto loaded = harness::load_cases_text(
      yaml, std::string(WIRECHECK_SOURCE_DIR) + "/tests/data/run-cases/inline.yaml");
  std::string errors;
  for (const auto& d : loaded.diagnostics.items()) errors += d.to_string() + "\n";
  EXPECT_TRUE(loaded.ok()) << errors << "\n" << yaml;
  return std::move(loaded.library);
}

std::string one_case(const std::string& steps, const std::string& extra) {
  return "suite: runner-test\n"
         "spec: RFC 9112\n"
         "cases:\n"
         "  - id: the-case\n"
         "    title: A case under test\n"
         "    ref: { section: \"9.9\", level: MUST }\n"
         "    timeout: 2s\n" +
         extra + "    steps:\n" + steps;
}

Script http_script(std::function<Reply(const std::string& request)> answer) {
  return [answer](Peer& peer) {
    for (;;) {
      std::string request = peer.read_request();
      if (request.empty()) return;
      Reply reply = answer(request);
      if (!reply.bytes.empty() && !peer.write(reply.bytes)) return;
      switch (reply.after) {
        case Reply::After::keep:
          break;
        case Reply::After::close:
          // The request was read whole, so this close is a FIN, not a reset.
          peer.close();
          return;
        case Reply::After::reset:
          peer.abort();
          return;
        case Reply::After::stall:
          peer.drain(std::chrono::seconds(10));
          return;
      }
    }
  };
}

harness::RunOptions options_for(uint16_t port) {
  harness::RunOptions o;
  o.host = "127.0.0.1";
  o.port = port;
  // Generous, so a loaded machine never mistakes a slow close for an open connection.
  o.open_check = std::chrono::milliseconds(500);
  o.jobs = 4;
  return o;
}

harness::CaseResult run_yaml(const std::string& yaml, uint16_t port) {
  return run_yaml(yaml, options_for(port));
}

harness::CaseResult run_yaml(const std::string& yaml, const harness::RunOptions& options) {
  harness::Library lib = load_yaml(yaml);
  auto cases = lib.cases();
  EXPECT_EQ(cases.size(), 1u);
  if (cases.empty()) return {};
  return harness::run_case(*cases.front(), options);
}

std::string dump(const harness::CaseResult& r) {
  std::string out = "verdict " + std::string(harness::to_string(r.verdict)) + "\n";
  for (const auto& reason : r.reasons) {
    out += "  [" + std::string(harness::to_string(reason.verdict)) + "] " + reason.message +
           " | expected: " + reason.expected + " | actual: " + reason.actual + " | " +
           reason.section + "\n";
  }
  for (const auto& e : r.transcript) {
    out += "    " + std::to_string(e.at.count()) + "us " + e.connection + " " +
           std::to_string(static_cast<int>(e.kind)) + " @" + std::to_string(e.offset) + " " +
           harness::escape_bytes(e.bytes.substr(0, 200)) + " " + e.detail + "\n";
  }
  return out;
}

bool has_reason(const harness::CaseResult& r, const std::string& text) {
  for (const auto& reason : r.reasons) {
    if (reason.message.find(text) != std::string::npos ||
        reason.expected.find(text) != std::string::npos ||
        reason.actual.find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace wirecheck::testing
