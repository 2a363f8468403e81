// A report from real runs, for the browser tests and for docs/report-example.png: the
// http-origin cases against the reference server and against copies of it that each carry
// one deliberate defect (reference/server/defects.h), one column per server, as a grade over
// a class of student servers would look.
//
//   html_example_report CASES_DIR OUT.html [DEFECT ...]
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "harness/load/loader.h"
#include "harness/model/selection.h"
#include "harness/run/runner.h"
#include "reference/server/server.h"
#include "reports/html.h"

namespace {

using namespace wirecheck;

const std::vector<std::string> kDefaults = {
    "accept-bare-lf",        "no-date",         "body-on-head",     "200-for-missing",
    "ignore-connection-close", "te-cl-use-cl",  "http10-chunked",   "no-allow-on-405",
    "close-without-response", "accept-obs-fold", "answer-before-body"};

int fail(const std::string& message) {
  std::fprintf(stderr, "html_example_report: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s CASES_DIR OUT.html [DEFECT ...]\n", argv[0]);
    return 2;
  }
  const std::string cases_dir = argv[1];
  const std::string out_path = argv[2];
  std::vector<std::string> defects(argv + 3, argv + argc);
  if (defects.empty()) defects = kDefaults;

  harness::Diagnostics d;
  auto profile = harness::load_profile(cases_dir + "/profiles/http-origin.yaml", d);
  if (!profile) return fail("cannot load the http-origin profile from " + cases_dir);
  harness::LoadResult loaded = harness::load_cases({cases_dir});
  if (!loaded.ok()) {
    for (const auto& diagnostic : loaded.diagnostics.items()) {
      if (diagnostic.severity == harness::Severity::error) {
        std::fprintf(stderr, "%s\n", diagnostic.to_string().c_str());
      }
    }
    return fail("the case files in " + cases_dir + " have errors");
  }
  std::vector<const harness::Case*> cases;
  for (const harness::Case* c : loaded.library.cases()) {
    if (harness::profile_applies(*profile, *c)) cases.push_back(c);
  }
  if (cases.empty()) return fail("no http-origin case in " + cases_dir);

  std::vector<std::string> variants = {""};
  variants.insert(variants.end(), defects.begin(), defects.end());
  std::vector<harness::RunResult> runs;
  for (const auto& variant : variants) {
    server::ServerConfig config;
    config.log = [](std::string_view) {};
    config.connection_log = false;
    config.workers = 2;
    if (!variant.empty()) {
      server::Defect defect{};
      if (!server::parse_defect(variant, defect)) return fail("unknown defect " + variant);
      config.defects.add(defect);
    }
    server::Server server(config);
    auto started = server.start();
    if (!started) return fail("the reference server did not start: " + started.error());

    harness::RunOptions options;
    options.port = server.port();
    options.label = variant.empty() ? "reference" : variant;
    options.profile = profile;
    options.jobs = 8;
    auto probe = harness::probe_target(options);
    if (!probe.ok) return fail(probe.message);
    runs.push_back(harness::run_cases(cases, options));
    server.stop();
    std::fprintf(stderr, "html_example_report: %-26s %zu cases, %zu fail\n",
                 options.label.c_str(), runs.back().results.size(), runs.back().counts.fail);
  }

  reports::HtmlOptions html;
  html.title = "wirecheck: the reference server and " + std::to_string(defects.size()) +
               " copies with one defect each";
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  out << reports::render_html(runs, html);
  out.close();
  if (!out) return fail("cannot write " + out_path);
  return 0;
}
