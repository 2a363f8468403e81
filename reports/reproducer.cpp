#include "reports/reproducer.h"

#include <algorithm>
#include <cctype>

#include "harness/model/steps.h"
#include "reports/escape.h"

namespace wirecheck::reports {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && s.size() <= 5 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Sent {
  std::string connection;
  std::string bytes;
  size_t writes = 0;
};

}  // namespace

std::optional<Endpoint> parse_endpoint(std::string_view target) {
  if (target.empty()) return std::nullopt;
  if (target.front() == '[') {
    size_t close = target.find(']');
    if (close == std::string_view::npos || close + 1 >= target.size() || target[close + 1] != ':') {
      return std::nullopt;
    }
    std::string_view host = target.substr(1, close - 1);
    std::string_view port = target.substr(close + 2);
    if (host.empty() || !all_digits(port)) return std::nullopt;
    return Endpoint{std::string(host), std::string(port)};
  }
  size_t colon = target.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view host = target.substr(0, colon);
  std::string_view port = target.substr(colon + 1);
  if (!all_digits(port)) return std::nullopt;
  bool host_ok = std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
  });
  if (!host_ok) return std::nullopt;
  return Endpoint{std::string(host), std::string(port)};
}

Reproducer make_reproducer(const harness::CaseResult& result, std::string_view target) {
  Reproducer r;
  std::optional<Endpoint> endpoint = parse_endpoint(target);

  r.run = "wirecheck run";
  if (!result.info.where.file.empty()) r.run += " " + shell_quote(result.info.where.file);
  r.run += " --id " + shell_quote(result.info.id);
  if (endpoint) r.run += " --target " + shell_quote(target);

  std::vector<Sent> sent;
  for (const auto& e : result.transcript) {
    if (e.kind != harness::EventKind::send) continue;
    std::string name = e.connection.empty() ? std::string(harness::kMainConnection) : e.connection;
    auto it = std::find_if(sent.begin(), sent.end(), [&](const Sent& s) { return s.connection == name; });
    if (it == sent.end()) {
      sent.push_back(Sent{name, {}, 0});
      it = sent.end() - 1;
    }
    it->bytes += e.bytes;
    ++it->writes;
  }
  if (sent.empty()) return r;

  std::string nc = endpoint ? "nc " + shell_quote(endpoint->host) + " " + shell_quote(endpoint->port)
                            : "nc HOST PORT";
  if (!endpoint) {
    r.lines.push_back("# HOST PORT: where the server listens (`wirecheck serve` starts the "
                      "reference server)");
  }
  if (result.transcript_truncated) {
    r.lines.push_back("# the transcript hit its size cap, so these bytes may be incomplete");
  }
  for (const auto& s : sent) {
    if (sent.size() > 1) {
      r.lines.push_back("# connection " + printable(s.connection) + " (the case used " +
                        std::to_string(sent.size()) + " connections at once)");
    }
    if (s.bytes.size() > kMaxReproducerBytes) {
      r.lines.push_back("# " + std::to_string(s.bytes.size()) +
                        " bytes sent: too many for a command line; use the wirecheck line");
      continue;
    }
    r.lines.push_back("printf '" + printf_format(s.bytes) + "' | " + nc);
    if (s.writes > 1) {
      r.lines.push_back("# the case sent this in " + std::to_string(s.writes) +
                        " writes; nc sends it in one");
    }
  }
  return r;
}

}  // namespace wirecheck::reports
