#include "harness/model/steps.h"

namespace wirecheck::harness {
namespace {

template <class... F>
struct Overload : F... {
  using F::operator()...;
};
template <class... F>
Overload(F...) -> Overload<F...>;

}  // namespace

std::string_view step_name(const Action& action) {
  return std::visit(Overload{
                        [](const Connect&) { return std::string_view("connect"); },
                        [](const Send&) { return std::string_view("send"); },
                        [](const Pause&) { return std::string_view("pause"); },
                        [](const ShutdownWrite&) { return std::string_view("shutdown"); },
                        [](const Abort&) { return std::string_view("abort"); },
                        [](const Close&) { return std::string_view("close"); },
                        [](const ExpectResponse&) { return std::string_view("expect"); },
                        [](const ExpectData&) { return std::string_view("expect"); },
                        [](const ExpectClose&) { return std::string_view("expect_close"); },
                        [](const ExpectSilence&) { return std::string_view("expect_silence"); },
                    },
                    action);
}

}  // namespace wirecheck::harness
