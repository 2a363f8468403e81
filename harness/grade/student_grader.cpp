#include "harness/grade/student_grader.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "harness/grade/server_start.h"
#include "harness/model/glob.h"
#include "harness/run/case_runner.h"
#include "harness/run/runner.h"
#include "reference/net/address.h"
#include "reports/detail.h"

namespace wirecheck::harness {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// The health case gets at most this long (scaled): it only asks whether anything answers.
constexpr milliseconds kHealthTimeout{3000};
// How long a server that stopped answering may take to finish exiting before it counts as
// hung (scaled). A wait for an event: it ends as soon as the process does.
constexpr milliseconds kExitGrace{500};

// The case never got a connection: the first connection attempt was refused.
bool refused_from_start(const CaseResult& r) {
  for (const auto& e : r.transcript) {
    if (e.kind == EventKind::connect) return false;
    if (e.kind == EventKind::connect_failed) return true;
  }
  return false;
}

bool contains(const std::string& text, const char* word) {
  return text.find(word) != std::string::npos;
}

Reason server_reason(const std::string& message, const std::string& actual,
                     const SourceLocation& where) {
  Reason r;
  r.verdict = Verdict::fail;
  r.message = message;
  r.expected = "the server keeps running and answering";
  r.actual = actual;
  r.where = where;
  return r;
}

// Something came back from the server during the case: it still answers. (Not the verdict:
// a SHOULD case that gets no answer is only a warning.)
bool answered(const CaseResult& r) {
  return std::any_of(r.transcript.begin(), r.transcript.end(), [](const TranscriptEvent& e) {
    return e.kind == EventKind::receive && !e.bytes.empty();
  });
}

class Grader {
 public:
  Grader(const StudentPlan& plan, const StudentGradeOptions& options, StudentControl& control)
      : plan_(plan), student_(*plan.student), options_(options), control_(control) {
    base_.host = options.host;
    base_.target = plan.target;
    base_.profile = plan.profile->profile;
    base_.jobs = 1;
    base_.timeout_scale = options.timeout_scale;
    base_.stop = &control.stop;
    base_.label = student_.name;
  }

  StudentGrade run() {
    auto began = Clock::now();
    grade_.name = student_.name;
    grade_.profile = plan_.profile->profile.name;
    grade_.run.target = student_.name;
    grade_.run.profile = grade_.profile;
    grade_.run.started = std::chrono::system_clock::now();
    // The logs hold this grading only.
    std::error_code ec;
    std::filesystem::create_directories(options_.log_dir, ec);
    for (const char* log : {"stdout.log", "stderr.log"}) {
      std::filesystem::remove(std::filesystem::path(options_.log_dir) / log, ec);
    }

    if (!student_.started()) reach_target();
    for (const Case* c : plan_.profile->cases) {
      ++next_case_;
      if (interrupted()) {
        grade_.interrupted = true;
        break;
      }
      check_wall();
      if (!fatal_.empty()) {
        record(not_run(*c, fatal_));
        continue;
      }
      if (student_.started()) {
        // A server that ended after the previous case ended during it, as far as anyone
        // can tell from outside.
        if (server_ && server_->process->poll()) blame_exit_on_previous();
        if (!prepare_server(*c)) {
          if (grade_.interrupted) break;
          record(not_run(*c, fatal_));
          continue;
        }
      }
      std::optional<CaseResult> result = run_with_retries(*c);
      if (!result) break;  // interrupted
      if (student_.started() && server_ && server_cases_ > 0 && refused_from_start(*result) &&
          server_->process->wait_for(scaled(kExitGrace))) {
        // Nothing listened from the very start of this case: the server was on its way out
        // when the previous case ended. That case gets the blame; this one runs again on a
        // fresh server.
        blame_exit_on_previous();
        if (!prepare_server(*c)) {
          if (grade_.interrupted) break;
          record(not_run(*c, fatal_));
          continue;
        }
        result = run_with_retries(*c);
        if (!result) break;
      }
      if (student_.started()) {
        after_case_started(*c, *result);
      } else {
        after_case_target(*c, *result);
      }
      record(std::move(*result));
    }
    stop_server();
    grade_.run.finished = std::chrono::system_clock::now();
    grade_.run.tally();
    grade_.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - began);
    return std::move(grade_);
  }

 private:
  bool interrupted() const {
    return (options_.interrupted && options_.interrupted->load()) ||
           control_.why.load() == StudentControl::interrupted;
  }

  void record(CaseResult r) {
    if (server_) ++server_cases_;
    if (options_.on_case) options_.on_case(r);
    grade_.run.results.push_back(std::move(r));
  }

  void check_wall() {
    if (!fatal_.empty() || control_.why.load() != StudentControl::wall) return;
    fatal_ = "the wall-time limit of " + seconds_text(scaled(student_.limits.wall)) +
             " for grading this student ran out";
    grade_.events.push_back(fatal_);
  }

  milliseconds scaled(milliseconds d) const {
    return milliseconds(static_cast<int64_t>(static_cast<double>(d.count()) * options_.timeout_scale));
  }

  // A target the grader does not start: resolve it and check once that it answers.
  void reach_target() {
    grade_.address = student_.target;
    auto where = net::parse_host_port(student_.target);
    base_.host = where.value().host;
    base_.port = where.value().port;
    auto resolved = net::resolve(where.value());
    if (!resolved) {
      fatal_ = "cannot be reached: " + resolved.error();
    } else {
      addresses_ = resolved.value();
      ProbeResult probe = probe_target(base_);
      if (!probe.ok) fatal_ = "cannot be reached at " + student_.target + ": " + probe.message;
    }
    if (!fatal_.empty()) grade_.events.push_back(fatal_);
  }

  // Makes sure a suitable server runs before case `c`; false (with fatal_ set or the grading
  // interrupted) when none could be started.
  bool prepare_server(const Case& c) {
    const GradingPolicy& policy = options_.policy;
    bool suite_changed = c.suite != current_suite_;
    current_suite_ = c.suite;
    bool fresh_asked = std::any_of(policy.fresh.begin(), policy.fresh.end(),
                                   [&](const std::string& g) { return glob_match(g, c.id); });
    std::string why;
    if (!server_) {
      why = restart_reason_.empty() ? "first start" : restart_reason_;
    } else if (used_ && policy.restart == RestartPolicy::each_case) {
      why = "a fresh server for each case";
    } else if (used_ && suite_changed && policy.restart == RestartPolicy::suite) {
      why = "a fresh server for suite " + c.suite;
    } else if (used_ && fresh_asked) {
      why = "a fresh server for case " + c.id;
    } else {
      return true;
    }
    stop_server();
    StartRequest request;
    request.student = &student_;
    request.host = options_.host;
    request.stdout_path = (std::filesystem::path(options_.log_dir) / "stdout.log").string();
    request.stderr_path = (std::filesystem::path(options_.log_dir) / "stderr.log").string();
    request.timeout_scale = options_.timeout_scale;
    request.stop = &control_.stop;
    request.start_number = ++grade_.starts;
    request.why = why;
    auto started = start_server(request);
    if (auto* failure = std::get_if<StartFailure>(&started)) {
      if (failure->interrupted && interrupted()) {
        grade_.interrupted = true;
        return false;
      }
      check_wall();
      if (fatal_.empty()) {
        std::string event = failure->message;
        if (grade_.starts > 1) event += " when it was started again (" + why + ")";
        grade_.events.push_back(event);
        fatal_ = "the server " + event;
      }
      return false;
    }
    server_ = std::move(std::get<StartedServer>(started));
    for (const auto& note : server_->notes) grade_.events.push_back(note);
    if (grade_.starts == 1) {
      grade_.ready_time = server_->took;
      grade_.address = options_.host + ":" + std::to_string(server_->port.port()) + " (started)";
    }
    control_.session.store(server_->process->pid());
    base_.port = server_->port.port();
    // Started servers are reached where they were probed (start_server): IPv4 loopback.
    addresses_ = {net::Address::loopback_v4(server_->port.port())};
    used_ = false;
    server_cases_ = 0;
    restart_reason_.clear();
    return true;
  }

  void stop_server() {
    if (!server_) return;
    control_.session.store(0);  // before the process is reaped and its id can be reused
    server_->process->stop(student_.limits.grace);
    server_.reset();
  }

  bool server_alive() {
    if (!student_.started()) return true;
    return server_ && !server_->process->poll();
  }

  // Runs `c`, again when it failed waiting and the policy allows retries. nullopt when the
  // grading was interrupted.
  std::optional<CaseResult> run_with_retries(const Case& c) {
    unsigned attempts = 0;
    std::string first_failure;
    for (;;) {
      CaseOutcome outcome = execute_case(c, base_, addresses_);
      used_ = true;
      ++attempts;
      if (outcome.interrupted) {
        if (interrupted()) {
          grade_.interrupted = true;
          return std::nullopt;
        }
        return limit_stopped(c);
      }
      CaseResult r = std::move(outcome.result);
      bool may_retry = attempts <= options_.policy.retries && failed_waiting(r) && server_alive();
      if (may_retry) {
        if (first_failure.empty()) first_failure = reports::headline(r);
        continue;
      }
      if (attempts > 1) {
        RetriedCase retried{c.id, attempts, first_failure, r.verdict};
        Reason note;
        note.verdict = r.verdict;
        note.message = "run " + std::to_string(attempts) +
                       " times (the roster's policy allows " +
                       std::to_string(options_.policy.retries) +
                       (options_.policy.retries == 1 ? " retry" : " retries") +
                       " after a timeout); the first attempt failed: " + first_failure;
        note.where = c.where;
        r.reasons.push_back(std::move(note));
        grade_.retried.push_back(std::move(retried));
      }
      return r;
    }
  }

  // Whether cases follow the one being graded (a replaced server would run them).
  bool cases_left() const { return next_case_ < plan_.profile->cases.size(); }

  // A case the watchdog stopped: the wall-time limit, or too many processes.
  CaseResult limit_stopped(const Case& c) {
    int why = control_.why.load();
    if (why == StudentControl::wall) {
      check_wall();
      return not_run(c, fatal_ + " during this case");
    }
    // Too many processes: the watchdog has killed the server; after_case_started() says so.
    CaseResult r;
    r.info = c;
    r.verdict = Verdict::fail;
    return r;
  }

  // How the server ended, in words, and its stderr's last lines (" (last lines ...)" or "").
  std::pair<std::string, std::string> how_it_ended(const ExitStatus& status) {
    std::string how;
    if (control_.why.load() == StudentControl::processes) {
      how = "started " + std::to_string(control_.processes_seen.load()) +
            " processes (the limit is " + std::to_string(student_.limits.processes) +
            ") and was stopped";
      control_.resume();
    } else {
      how = status.describe(&server_->process->limits());
    }
    std::string tail = file_tail(server_->process->stderr_path(), server_->process->stderr_offset());
    return {how, tail.empty() ? "" : " (last lines of its stderr: " + tail + ")"};
  }

  // The server ended: `r` (the case it ended in) costs the student, the server is replaced.
  void blame_exit(CaseResult& r, const ExitStatus& status, const char* when, bool more) {
    auto [how, tail] = how_it_ended(status);
    r.reasons.insert(r.reasons.begin(),
                     server_reason("the server " + how + " " + when + " this case" + tail, how,
                                   r.info.where));
    // A case that crashes the server costs that case, whatever else it saw.
    r.verdict = Verdict::fail;
    grade_.events.push_back(how + " " + when + " case " + r.info.id + tail +
                            (more ? "; it was started again for the remaining cases" : ""));
    restart_reason_ = "restart after it " + how.substr(0, how.find(" (")) + " " + when + " case " +
                      r.info.id;
    stop_server();
  }

  void blame_exit_on_previous() {
    auto status = server_->process->poll();
    if (!status || grade_.run.results.empty() || server_cases_ == 0) {
      stop_server();
      return;
    }
    // The case about to run is one of the remaining ones.
    blame_exit(grade_.run.results.back(), *status, "during or right after", true);
  }

  void after_case_started(const Case& c, CaseResult& r) {
    if (!server_) return;
    std::optional<ExitStatus> status = server_->process->poll();
    if (!status && control_.why.load() == StudentControl::processes) {
      server_->process->kill_group();
      status = server_->process->wait_for(milliseconds(5000));
    }
    if (!status && r.verdict != Verdict::pass && r.verdict != Verdict::skip) {
      // A failed case may have left the server unable to answer: ask it something simple.
      if (!health_ok()) {
        // No answer: ending (a crash on its way), or hung.
        status = server_->process->wait_for(scaled(kExitGrace));
        if (!status) {
          std::string message = "stopped responding after case " + c.id + " (" +
                                plan_.profile->health->id + " got no answer within " +
                                seconds_text(scaled(health_timeout())) + ")";
          r.reasons.push_back(server_reason(
              "the server stopped responding after this case; it was stopped and started again "
              "for the remaining cases",
              "no answer to " + plan_.profile->health->id, c.where));
          grade_.events.push_back(message +
                                  (cases_left() ? "; it was started again for the remaining cases" : ""));
          restart_reason_ = "restart after it stopped responding";
          stop_server();
          return;
        }
      } else {
        status = server_->process->poll();
      }
    }
    if (status) blame_exit(r, *status, "during", cases_left());
  }

  void after_case_target(const Case& c, CaseResult& r) {
    if (r.verdict == Verdict::pass || r.verdict == Verdict::skip || health_ok()) return;
    std::string message = "stopped responding after case " + c.id + " (" +
                          plan_.profile->health->id + " got no answer within " +
                          seconds_text(scaled(health_timeout())) + ")";
    r.reasons.push_back(
        server_reason("the server stopped responding after this case", message, c.where));
    fatal_ = message + "; the grader did not start it, so it cannot restart it";
    grade_.events.push_back(fatal_);
  }

  milliseconds health_timeout() const {
    const Case* h = plan_.profile->health;
    return h ? std::min(h->timeout, kHealthTimeout) : kHealthTimeout;
  }

  bool health_ok() {
    const Case* h = plan_.profile->health;
    if (!h) return true;
    Case probe = *h;
    probe.timeout = health_timeout();
    CaseOutcome o = execute_case(probe, base_, addresses_);
    if (o.interrupted) return true;  // the loop notices the reason
    return answered(o.result);
  }

  const StudentPlan& plan_;
  const Student& student_;
  const StudentGradeOptions& options_;
  StudentControl& control_;
  RunOptions base_;
  std::vector<net::Address> addresses_;
  std::optional<StartedServer> server_;
  bool used_ = false;        // a case ran on the current server
  size_t server_cases_ = 0;  // cases recorded while the current server ran
  size_t next_case_ = 0;     // index of the case after the one being graded
  std::string current_suite_;
  std::string restart_reason_;
  std::string fatal_;  // set: the remaining cases cannot run, for this reason
  StudentGrade grade_;
};

}  // namespace

void StudentControl::halt(Why reason) {
  int current = why.load();
  while (current < reason && !why.compare_exchange_weak(current, reason)) {
  }
  stop.store(true);
}

void StudentControl::resume() {
  int current = why.load();
  if (current == processes && why.compare_exchange_strong(current, none)) stop.store(false);
}

CaseResult not_run(const Case& c, const std::string& message) {
  CaseResult r;
  r.info = c;
  r.verdict = Verdict::error;
  Reason reason;
  reason.verdict = Verdict::error;
  reason.message = "not run: " + message;
  reason.expected = "a server that can be reached";
  reason.actual = message;
  reason.where = c.where;
  r.reasons.push_back(std::move(reason));
  return r;
}

bool failed_waiting(const CaseResult& result) {
  if (result.verdict != Verdict::fail && result.verdict != Verdict::error) return false;
  for (const auto& e : result.transcript) {
    if (e.kind == EventKind::timeout) return true;
  }
  for (const auto& r : result.reasons) {
    if (contains(r.actual, "deadline") || contains(r.message, "deadline") ||
        contains(r.message, "no complete response within") || contains(r.actual, "timed out")) {
      return true;
    }
  }
  return false;
}

StudentGrade grade_student(const StudentPlan& plan, const StudentGradeOptions& options,
                           StudentControl& control) {
  return Grader(plan, options, control).run();
}

}  // namespace wirecheck::harness
