#pragma once
// Which cases run: --id globs, --tag expressions, --section, --level, --shard and a profile.
// Every filter given must match (ids: any of the globs; sections and levels: any of those
// given). Shards split the selected cases by a hash of the id, so a case stays in its shard
// when other cases are added or removed.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/model/case.h"
#include "harness/model/level.h"
#include "harness/model/profile.h"
#include "harness/model/tag_expr.h"

namespace wirecheck::harness {

struct Shard {
  unsigned index = 1;  // 1-based: K of K/N
  unsigned count = 1;
};

// "2/4" -> {2, 4}. Requires 1 <= K <= N.
std::optional<Shard> parse_shard(std::string_view text, std::string* error = nullptr);

// "9112:6.1" (RFC 9112, section 6.1 and below), "9112" or "rfc9112" (the whole document),
// "6.1" (section 6.1 of any document). Sections match by whole components: 6.1 covers 6.1 and
// 6.1.2, not 6.10.
struct SectionFilter {
  std::string document;  // digits of the RFC number, or empty for any
  std::string section;   // empty for the whole document
};
std::optional<SectionFilter> parse_section_filter(std::string_view text,
                                                  std::string* error = nullptr);
bool section_matches(const SectionFilter& filter, const RfcRef& ref);

// FNV-1a, 64 bit: stable across platforms and releases.
uint64_t stable_hash(std::string_view text);
bool in_shard(std::string_view id, const Shard& shard);

bool profile_applies(const Profile& profile, const Case& c);

struct Selection {
  std::vector<std::string> ids;  // globs
  std::optional<TagExpr> tags;
  std::vector<SectionFilter> sections;
  std::vector<Level> levels;
  std::optional<Shard> shard;
  std::optional<Profile> profile;

  bool matches(const Case& c) const;
  // The selected cases of `library`, in library order.
  std::vector<const Case*> apply(const Library& library) const;
};

}  // namespace wirecheck::harness
