#include "harness/model/selection.h"

#include <filesystem>

#include "harness/model/glob.h"

namespace wirecheck::harness {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string_view strip_rfc(std::string_view s) {
  if (s.size() >= 3 && (s[0] == 'r' || s[0] == 'R') && (s[1] == 'f' || s[1] == 'F') &&
      (s[2] == 'c' || s[2] == 'C')) {
    s.remove_prefix(3);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  }
  return s;
}

bool valid_section(std::string_view s) {
  // Components of digits or letters (appendix sections are "A.1"), separated by single dots.
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  char prev = 0;
  for (char c : s) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!alnum && c != '.') return false;
    if (c == '.' && prev == '.') return false;
    prev = c;
  }
  return true;
}

std::string document_number(std::string_view document) {
  std::string digits;
  for (char c : document) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits;
}

std::string_view strip_section_sign(std::string_view s) {
  constexpr std::string_view kSign = "§";
  if (s.substr(0, kSign.size()) == kSign) s.remove_prefix(kSign.size());
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

std::string relative_path(const std::string& file, const std::string& root) {
  std::error_code ec;
  auto f = std::filesystem::weakly_canonical(file, ec);
  if (ec) return file;
  auto r = std::filesystem::weakly_canonical(root.empty() ? "." : root, ec);
  if (ec) return file;
  auto rel = f.lexically_relative(r);
  if (rel.empty() || *rel.begin() == "..") return file;
  return rel.generic_string();
}

}  // namespace

std::optional<Shard> parse_shard(std::string_view text, std::string* error) {
  auto slash = text.find('/');
  auto k = text.substr(0, slash);
  auto n = slash == std::string_view::npos ? std::string_view{} : text.substr(slash + 1);
  if (slash == std::string_view::npos || !all_digits(k) || !all_digits(n) || k.size() > 6 ||
      n.size() > 6) {
    if (error) *error = "a shard is K/N with whole numbers, as in 2/4";
    return std::nullopt;
  }
  Shard s{static_cast<unsigned>(std::stoul(std::string(k))),
          static_cast<unsigned>(std::stoul(std::string(n)))};
  if (s.count == 0 || s.index == 0 || s.index > s.count) {
    if (error) *error = "a shard K/N needs 1 <= K <= N";
    return std::nullopt;
  }
  return s;
}

std::optional<SectionFilter> parse_section_filter(std::string_view text, std::string* error) {
  SectionFilter f;
  auto colon = text.find(':');
  if (colon != std::string_view::npos) {
    auto doc = strip_rfc(text.substr(0, colon));
    auto section = strip_section_sign(text.substr(colon + 1));
    if (!all_digits(doc) || (!section.empty() && !valid_section(section))) {
      if (error) *error = "a section is RFC:SECTION, as in 9112:6.1";
      return std::nullopt;
    }
    f.document = std::string(doc);
    f.section = std::string(section);
    return f;
  }
  auto stripped = strip_rfc(text);
  if (stripped.size() != text.size() || (all_digits(text) && text.size() >= 4)) {
    if (!all_digits(stripped)) {
      if (error) *error = "a document is an RFC number, as in 9112 or rfc9112";
      return std::nullopt;
    }
    f.document = std::string(stripped);
    return f;
  }
  auto section = strip_section_sign(text);
  if (!valid_section(section)) {
    if (error) *error = "a section is RFC:SECTION (9112:6.1), RFC (9112) or SECTION (6.1)";
    return std::nullopt;
  }
  f.section = std::string(section);
  return f;
}

bool section_matches(const SectionFilter& filter, const RfcRef& ref) {
  if (!filter.document.empty() && document_number(ref.document) != filter.document) return false;
  if (filter.section.empty()) return true;
  std::string_view have = strip_section_sign(ref.section);
  if (have.substr(0, filter.section.size()) != filter.section) return false;
  return have.size() == filter.section.size() || have[filter.section.size()] == '.';
}

uint64_t stable_hash(std::string_view text) {
  uint64_t h = 14695981039346656037ull;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

bool in_shard(std::string_view id, const Shard& shard) {
  return stable_hash(id) % shard.count == shard.index - 1;
}

bool profile_applies(const Profile& profile, const Case& c) {
  bool scoped = profile.suites.empty() && profile.paths.empty();
  for (const auto& pattern : profile.suites) {
    if (glob_match(pattern, c.suite)) scoped = true;
  }
  if (!scoped && !profile.paths.empty()) {
    std::string rel = relative_path(c.where.file, profile.root);
    for (const auto& pattern : profile.paths) {
      if (glob_match(pattern, rel)) scoped = true;
    }
  }
  if (!scoped) return false;
  return !profile.tags || profile.tags->matches(c.tags);
}

bool Selection::matches(const Case& c) const {
  if (!ids.empty()) {
    bool any = false;
    for (const auto& pattern : ids) any = any || glob_match(pattern, c.id);
    if (!any) return false;
  }
  if (tags && !tags->matches(c.tags)) return false;
  if (!sections.empty()) {
    bool any = false;
    for (const auto& f : sections) any = any || section_matches(f, c.ref);
    if (!any) return false;
  }
  if (!levels.empty()) {
    bool any = false;
    for (Level l : levels) any = any || l == c.ref.level;
    if (!any) return false;
  }
  if (profile && !profile_applies(*profile, c)) return false;
  if (shard && !in_shard(c.id, *shard)) return false;
  return true;
}

std::vector<const Case*> Selection::apply(const Library& library) const {
  std::vector<const Case*> out;
  for (const Case* c : library.cases()) {
    if (matches(*c)) out.push_back(c);
  }
  return out;
}

}  // namespace wirecheck::harness
