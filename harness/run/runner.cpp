#include "harness/run/runner.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

#include "harness/model/variables.h"
#include "harness/run/case_runner.h"
#include "reference/net/address.h"
#include "reference/net/tcp.h"

namespace wirecheck::harness {
namespace {

std::string label_of(const RunOptions& options) {
  if (!options.label.empty()) return options.label;
  return host_for_url(options.host) + ":" + std::to_string(options.port);
}

net::Result<std::vector<net::Address>> resolve_target(const RunOptions& options) {
  net::HostPort where;
  where.host = options.host;
  where.port = options.port;
  where.is_ipv6_literal = options.host.find(':') != std::string::npos;
  return net::resolve(where);
}

std::chrono::milliseconds scaled(std::chrono::milliseconds d, double scale) {
  return std::chrono::milliseconds(static_cast<int64_t>(static_cast<double>(d.count()) * scale));
}

CaseResult error_result(const Case& c, std::string message, std::string actual) {
  CaseResult r;
  r.info = c;
  r.verdict = Verdict::error;
  Reason reason;
  reason.verdict = Verdict::error;
  reason.message = std::move(message);
  reason.expected = "a reachable target";
  reason.actual = std::move(actual);
  reason.where = c.where;
  r.reasons.push_back(std::move(reason));
  return r;
}

}  // namespace

ProbeResult probe_target(const RunOptions& options) {
  auto addresses = resolve_target(options);
  if (!addresses) return {false, "cannot resolve " + label_of(options) + ": " + addresses.error()};
  net::Deadline deadline =
      net::Deadline::after_unscaled(scaled(options.connect_timeout, options.timeout_scale));
  std::string message;
  for (const auto& address : addresses.value()) {
    net::ConnectResult r = net::connect(address, deadline);
    if (r.status.ok()) {
      r.connection->close();
      return {true, {}};
    }
    message = r.message;
    if (r.status.outcome == net::Outcome::timeout) break;
  }
  return {false, message.empty() ? "cannot connect to " + label_of(options) : message};
}

CaseResult run_case(const Case& c, const RunOptions& options) {
  auto addresses = resolve_target(options);
  if (!addresses) {
    return error_result(c, "cannot resolve the target", addresses.error());
  }
  return execute_case(c, options, addresses.value()).result;
}

RunResult run_cases(const std::vector<const Case*>& cases, const RunOptions& options) {
  RunResult run;
  run.target = label_of(options);
  if (options.profile) run.profile = options.profile->name;
  run.started = std::chrono::system_clock::now();

  std::vector<std::optional<CaseResult>> slots(cases.size());
  auto addresses = resolve_target(options);
  std::vector<net::Address> resolved;
  if (addresses) resolved = addresses.value();

  std::mutex report_mutex;
  auto finished = [&](size_t index, CaseOutcome outcome) {
    if (outcome.interrupted) return;
    std::lock_guard<std::mutex> lock(report_mutex);
    if (options.on_finished) options.on_finished(outcome.result);
    slots[index] = std::move(outcome.result);
  };
  auto stopping = [&] { return options.stop && options.stop->load(); };
  auto run_one = [&](size_t index) {
    if (!addresses) {
      CaseOutcome o;
      o.result = error_result(*cases[index], "cannot resolve the target", addresses.error());
      finished(index, std::move(o));
      return;
    }
    finished(index, execute_case(*cases[index], options, resolved));
  };

  // Parallel cases first, by a pool of workers taking the next index; then serial ones alone.
  std::vector<size_t> parallel;
  std::vector<size_t> serial;
  for (size_t i = 0; i < cases.size(); ++i) (cases[i]->serial ? serial : parallel).push_back(i);

  unsigned jobs = std::max(1u, options.jobs);
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, std::max<size_t>(parallel.size(), 1)));
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (;;) {
      if (stopping()) return;
      size_t k = next.fetch_add(1);
      if (k >= parallel.size()) return;
      run_one(parallel[k]);
    }
  };
  if (jobs == 1) {
    worker();
  } else {
    std::vector<std::thread> threads;
    threads.reserve(jobs);
    for (unsigned j = 0; j < jobs; ++j) threads.emplace_back(worker);
    for (auto& t : threads) t.join();
  }
  for (size_t index : serial) {
    if (stopping()) break;
    run_one(index);
  }

  for (auto& slot : slots) {
    if (slot) run.results.push_back(std::move(*slot));
  }
  run.finished = std::chrono::system_clock::now();
  run.selected = cases.size();
  run.interrupted = stopping() && run.results.size() < cases.size();
  run.tally();
  return run;
}

}  // namespace wirecheck::harness
