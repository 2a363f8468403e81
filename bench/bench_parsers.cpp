// Google Benchmark: every parser on every message, in one run. Names are
// "<message>/<parser>"; time per iteration is the time per parse, bytes_per_second the
// throughput. scripts/bench-parser runs this with JSON output and computes the ratios.
//
// Before anything is timed, each adapter parses each message once and must report the
// message's field count and body length; an adapter that does not is skipped with an error
// rather than timed doing less work.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <string>

#include "bench/messages.h"
#include "bench/parsers.h"

namespace {

using wirecheck::bench::Adapter;
using wirecheck::bench::Message;
using wirecheck::bench::Summary;

std::string check(Adapter& adapter, const Message& m) {
  Summary s;
  if (!adapter.parse(m.bytes, s)) return "parse failed";
  if (s.fields != m.fields) {
    return "saw " + std::to_string(s.fields) + " fields, expected " + std::to_string(m.fields);
  }
  if (s.body != m.body) {
    return "decoded " + std::to_string(s.body) + " body bytes, expected " + std::to_string(m.body);
  }
  return {};
}

// `parses` is false for the copy-only adapter, which parses nothing and so cannot be checked.
void run(benchmark::State& state, const Message& m, std::unique_ptr<Adapter> (*make)(),
         bool parses = true) {
  std::unique_ptr<Adapter> adapter = make();
  if (std::string problem = parses ? check(*adapter, m) : std::string(); !problem.empty()) {
    state.SkipWithError(problem.c_str());
    return;
  }
  Summary s;
  for (auto _ : state) {
    if (!adapter->parse(m.bytes, s)) {
      state.SkipWithError("parse failed while timing");
      break;
    }
    benchmark::DoNotOptimize(s);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * m.bytes.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["message_bytes"] = static_cast<double>(m.bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  for (const Message& m : wirecheck::bench::messages()) {
    for (const auto& a : wirecheck::bench::adapters()) {
      benchmark::RegisterBenchmark((std::string(m.name) + "/" + a.name).c_str(),
                                   [&m, make = a.make](benchmark::State& st) { run(st, m, make); });
    }
    if (m.body > 0) {
      // picohttpparser's chunked decoder works in place on a copy; this is that copy alone.
      benchmark::RegisterBenchmark((std::string(m.name) + "/pico_body_copy").c_str(),
                                   [&m](benchmark::State& st) {
                                     run(st, m, wirecheck::bench::make_pico_copy_only, false);
                                   });
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
