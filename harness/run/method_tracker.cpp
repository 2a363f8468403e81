#include "harness/run/method_tracker.h"

#include "reference/http/parser.h"

namespace wirecheck::harness {

struct MethodTracker::State : http::Handler {
  http::Parser parser{http::MessageKind::request, *this, make_options()};
  std::string pending;
  std::deque<std::string> methods;
  bool broken = false;

  static http::Options make_options() {
    http::Options o;
    o.observer = true;
    // Requests a case sends may be huge or odd on purpose; only the methods matter here.
    o.limits.max_start_line = size_t{1} << 20;
    o.limits.max_field_line = size_t{1} << 20;
    o.limits.max_header_bytes = size_t{8} << 20;
    o.limits.max_field_count = 100'000;
    o.limits.chunk_overhead_allowance = uint64_t{1} << 40;
    o.limits.max_chunk_extension_bytes = size_t{1} << 20;
    return o;
  }

  void on_request_line(std::string_view method, std::string_view, int, int) override {
    methods.emplace_back(method);
  }
};

MethodTracker::MethodTracker() : state_(std::make_unique<State>()) {}
MethodTracker::~MethodTracker() = default;

void MethodTracker::sent(std::string_view bytes) {
  State& s = *state_;
  if (s.broken) return;
  s.pending.append(bytes);
  size_t pos = 0;
  while (pos < s.pending.size()) {
    auto r = s.parser.feed(std::string_view(s.pending).substr(pos));
    pos += r.consumed;
    if (r.status == http::Status::error) {
      s.broken = true;
      s.pending.clear();
      return;
    }
    if (r.status == http::Status::need_more) break;
  }
  s.pending.erase(0, pos);
}

std::string MethodTracker::take() {
  if (state_->methods.empty()) return "GET";
  std::string m = std::move(state_->methods.front());
  state_->methods.pop_front();
  return m;
}

std::string MethodTracker::peek(size_t i) const {
  if (i >= state_->methods.size()) return "GET";
  return state_->methods[i];
}

}  // namespace wirecheck::harness
