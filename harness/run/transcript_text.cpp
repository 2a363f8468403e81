#include "harness/run/transcript_text.h"

#include <cstdio>

#include "harness/model/bytes.h"

namespace wirecheck::harness {
namespace {

std::string_view kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::connect:
      return "connect";
    case EventKind::connect_failed:
      return "connect-failed";
    case EventKind::send:
      return "send";
    case EventKind::receive:
      return "receive";
    case EventKind::shutdown_write:
      return "shutdown-write";
    case EventKind::close:
      return "close";
    case EventKind::abort:
      return "abort";
    case EventKind::peer_closed:
      return "peer-closed";
    case EventKind::peer_reset:
      return "peer-reset";
    case EventKind::timeout:
      return "timeout";
    case EventKind::note:
      return "note";
  }
  return "note";
}

std::string millis(std::chrono::microseconds at) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%10.3fms", static_cast<double>(at.count()) / 1000.0);
  return buf;
}

}  // namespace

std::string transcript_text(const CaseResult& r) {
  std::string out;
  out += "case " + r.info.id + ": " + r.info.title + "\n";
  out += "verdict " + std::string(to_string(r.verdict)) + "\n";
  if (!r.info.ref.section.empty() || !r.info.ref.document.empty()) {
    out += "requirement " + r.info.ref.to_string() + " (" +
           std::string(to_string(r.info.ref.level)) + ")\n";
  }
  for (const auto& reason : r.reasons) {
    out += "  [" + std::string(to_string(reason.verdict)) + "] " + reason.message + "\n";
    if (!reason.expected.empty()) out += "      expected: " + reason.expected + "\n";
    if (!reason.actual.empty()) out += "      actual:   " + reason.actual + "\n";
  }
  out += "\n";
  for (const auto& e : r.transcript) {
    out += millis(e.at) + "  " + (e.connection.empty() ? "-" : e.connection) + "  " +
           std::string(kind_name(e.kind));
    if (e.kind == EventKind::send || e.kind == EventKind::receive) {
      out += " @" + std::to_string(e.offset) + " (" + std::to_string(e.bytes.size()) + " bytes)";
    }
    if (!e.detail.empty()) out += "  " + e.detail;
    out += "\n";
    if (!e.bytes.empty()) {
      // One escaped line per line of the payload, so requests and responses read naturally.
      size_t start = 0;
      while (start < e.bytes.size()) {
        size_t nl = e.bytes.find('\n', start);
        size_t end = nl == std::string::npos ? e.bytes.size() : nl + 1;
        out += "    | " + escape_bytes(std::string_view(e.bytes).substr(start, end - start)) + "\n";
        start = end;
      }
    }
  }
  if (r.transcript_truncated) out += "(transcript truncated by its caps)\n";
  return out;
}

std::string transcript_file_name(const CaseResult& result) {
  return result.info.id + ".txt";
}

}  // namespace wirecheck::harness
