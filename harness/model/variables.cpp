#include "harness/model/variables.h"

#include <algorithm>

namespace wirecheck::harness {
namespace {

bool word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

}  // namespace

std::vector<std::string> builtin_variables() {
  std::vector<std::string> names{"host", "port", "authority"};
  for (const auto& r : known_resources()) names.push_back("path." + r);
  return names;
}

bool is_builtin_variable(std::string_view name) {
  auto names = builtin_variables();
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool valid_parameter_name(std::string_view name) {
  if (name.empty() || name.substr(0, 5) == "path." || is_builtin_variable(name)) return false;
  bool word_start = true;
  for (char c : name) {
    if (c == '.') {
      if (word_start) return false;
      word_start = true;
    } else if (word_char(c)) {
      word_start = false;
    } else {
      return false;
    }
  }
  return !word_start;
}

std::string host_for_url(std::string_view host) {
  if (host.find(':') != std::string_view::npos && host.front() != '[') {
    return "[" + std::string(host) + "]";
  }
  return std::string(host);
}

Variables make_variables(std::string_view host, int port, const Target& target, const Case& c,
                         const Profile* profile) {
  Variables vars = c.parameters;
  for (const auto& [name, value] : target.parameters) {
    if (vars.count(name)) vars[name] = value;
  }
  if (profile) {
    for (const auto& [name, value] : profile->parameters) {
      if (vars.count(name)) vars[name] = value;
    }
  }
  std::string h = host_for_url(host);
  vars["host"] = h;
  vars["port"] = std::to_string(port);
  vars["authority"] = h + ":" + std::to_string(port);
  for (const auto& [name, path] : target.resources) vars["path." + name] = path;
  return vars;
}

Variables placeholder_variables(const Variables& parameters) {
  Case c;
  c.parameters = parameters;
  return make_variables("127.0.0.1", 8080, reference_target(), c, nullptr);
}

}  // namespace wirecheck::harness
