#pragma once
// Which request methods were sent on a connection, in order, so each response is read with
// the framing its request implies (a response to HEAD has no body). Whatever bytes a case
// sends are parsed as requests in observer mode; once they stop being HTTP (a deliberately
// broken request, plain TCP), the methods after that point are unknown and GET is assumed.
#include <deque>
#include <memory>
#include <string>
#include <string_view>

namespace wirecheck::harness {

class MethodTracker {
 public:
  MethodTracker();
  ~MethodTracker();
  MethodTracker(const MethodTracker&) = delete;
  MethodTracker& operator=(const MethodTracker&) = delete;

  void sent(std::string_view bytes);
  // The method of the oldest request not yet answered, removed; "GET" when unknown.
  std::string take();
  // The method of the i-th request not yet answered (0: the oldest); "GET" when unknown.
  std::string peek(size_t i) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace wirecheck::harness
