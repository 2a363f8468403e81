#include "harness/model/target.h"

namespace wirecheck::harness {

bool Target::has(std::string_view capability) const {
  return capabilities.count(std::string(capability)) != 0;
}

Target reference_target() {
  Target t;
  t.name = "reference";
  t.description = "the wirecheck reference server";
  t.resources = {{"ok", "/"},
                 {"missing", "/no-such-page"},
                 {"echo", "/echo"},
                 {"post", "/echo"},
                 {"no_content", "/status/204"},
                 {"not_modified", "/status/304"},
                 {"redirect", "/status/307"},
                 {"interim", "/status/103"}};
  t.capabilities = {"echo", "reflect", "chunked", "delay", "status"};
  return t;
}

const std::vector<std::string>& known_resources() {
  static const std::vector<std::string> names{"ok",         "missing",      "echo",     "post",
                                              "no_content", "not_modified", "redirect", "interim"};
  return names;
}

const std::vector<std::string>& known_capabilities() {
  static const std::vector<std::string> names{"echo", "reflect", "chunked", "delay", "status"};
  return names;
}

}  // namespace wirecheck::harness
