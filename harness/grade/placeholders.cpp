#include "harness/grade/placeholders.h"

#include "reports/escape.h"

namespace wirecheck::harness {

const std::vector<std::string>& start_placeholders() {
  static const std::vector<std::string> names = {"port", "host", "dir", "docroot", "name"};
  return names;
}

const std::vector<std::string>& dir_placeholders() {
  static const std::vector<std::string> names = {"name"};
  return names;
}

std::vector<PlaceholderUse> find_placeholders(std::string_view text) {
  std::vector<PlaceholderUse> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{' || (i > 0 && text[i - 1] == '$')) continue;
    size_t j = i + 1;
    while (j < text.size() && text[j] >= 'a' && text[j] <= 'z') ++j;
    if (j == i + 1 || j >= text.size() || text[j] != '}') continue;
    out.push_back({i, std::string(text.substr(i + 1, j - i - 1))});
    i = j;
  }
  return out;
}

std::string expand_placeholders(std::string_view text, const PlaceholderValues& values,
                                bool shell) {
  std::string out;
  size_t done = 0;
  for (const auto& use : find_placeholders(text)) {
    auto it = values.find(use.name);
    if (it == values.end()) continue;
    out.append(text.substr(done, use.offset - done));
    out += shell ? reports::shell_quote(it->second) : it->second;
    done = use.offset + use.name.size() + 2;
  }
  out.append(text.substr(done));
  return out;
}

}  // namespace wirecheck::harness
