#pragma once
// Internal to harness/load: typed, strict access to yaml-cpp nodes that reports every problem
// as a diagnostic at the right position and keeps going, so one run of `wirecheck check` shows
// all the problems of a file. Each getter returns nullopt after reporting.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "harness/load/diagnostic.h"
#include "harness/load/source_text.h"
#include "harness/model/duration.h"
#include "harness/model/matchers.h"
#include "harness/model/payload.h"
#include "harness/model/template.h"

namespace wirecheck::harness {

// A map entry, or a list item (no key).
struct Entry {
  std::string key;
  YAML::Node key_node;
  YAML::Node value;

  bool has_key() const { return key_node.IsDefined(); }
};

using Entries = std::vector<Entry>;

const Entry* find(const Entries& entries, std::string_view key);

class Reader {
 public:
  Reader(const SourceText& source, Diagnostics& diagnostics);

  const SourceText& source() const { return source_; }
  Diagnostics& diagnostics() { return diagnostics_; }

  // The variables templates may name; parameters also give placeholder values for the
  // load-time trial render of text payloads.
  void set_parameters(const Variables& parameters);
  const Variables& parameters() const { return parameters_; }

  SourceLocation loc(const YAML::Node& node) const;
  // The value's position, or the key's when the value is empty (yaml-cpp places an empty
  // value at the start of the next line).
  SourceLocation loc(const Entry& e) const;
  SourceLocation key_loc(const Entry& e) const;

  void error(const SourceLocation& where, std::string message);
  void warning(const SourceLocation& where, std::string message);

  // "a map", "a list", "nothing", "'abc'"
  static std::string describe(const YAML::Node& node);
  // "'timeout'" for a map entry, "this item" for a list item
  static std::string name(const Entry& e);

  // The entries of a map whose keys must be in `allowed`; unknown and duplicate keys are
  // reported (and left out). `what` names the map in messages ("expect", "case").
  std::optional<Entries> map(const Entry& e, std::string_view what,
                             const std::vector<std::string>& allowed);
  std::optional<Entries> map(const YAML::Node& node, std::string_view what,
                             const std::vector<std::string>& allowed);
  std::optional<std::vector<Entry>> list(const Entry& e, bool allow_empty = false);

  // Reports a missing required key; returns the entry otherwise.
  const Entry* require(const Entries& entries, std::string_view key, std::string_view what,
                       const SourceLocation& where);

  std::optional<std::string> string(const Entry& e);  // any scalar, as written
  std::optional<std::string> word(const Entry& e, const std::vector<std::string>& allowed);
  std::optional<bool> boolean(const Entry& e);
  std::optional<int64_t> integer(const Entry& e, int64_t min, int64_t max);
  std::optional<double> number(const Entry& e, double min);
  std::optional<Duration> duration(const Entry& e);
  // A list of scalars, or (with allow_single) one scalar standing for a list of one.
  std::optional<std::vector<std::string>> strings(const Entry& e, bool allow_single);
  // The same, keeping each item's node for messages about one item.
  std::optional<std::vector<Entry>> scalar_items(const Entry& e, bool allow_single);

  // Escapes and {{variables}} processed (see cases/SCHEMA.md, "Byte strings"). In a literal
  // block scalar (|) every line break becomes CRLF.
  std::optional<Template> templ(const Entry& e, bool allow_variables = true);

  // A payload: a scalar (bytes), or a map of bytes|hex|file|text(+encoding), with times.
  std::optional<Payload> payload(const Entry& e);
  // The same from a map already read; `where` locates the map.
  std::optional<Payload> payload(const Entries& entries, const SourceLocation& where);

  std::optional<StatusPattern> status(const Entry& e);
  std::optional<IntRange> range(const Entry& e);
  std::optional<std::string> regex(const Entry& e);

  // The directory relative file names are resolved against.
  void set_base_dir(std::string dir) { base_dir_ = std::move(dir); }

 private:
  std::optional<IntRange> status_item(const Entry& e, const std::string& text);

  const SourceText& source_;
  Diagnostics& diagnostics_;
  Variables parameters_;
  std::vector<std::string> known_variables_;
  std::string base_dir_;
};

// Payload keys inside a map: bytes, hex, file, text, encoding, times.
const std::vector<std::string>& payload_keys();
bool has_payload_key(const Entries& entries);

}  // namespace wirecheck::harness
