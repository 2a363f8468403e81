#include "harness/load/reader.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <unordered_map>
#include "harness/model/regex.h"
#include <sstream>

#include "harness/load/suggest.h"
#include "harness/model/bytes.h"
#include "harness/model/encoding.h"
#include "harness/model/variables.h"

namespace wirecheck::harness {
namespace {

std::string clip(std::string_view s, size_t n = 40) {
  std::string e = escape_bytes(s.substr(0, n));
  if (s.size() > n) e += "...";
  return e;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int64_t> to_int(std::string_view s) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::string regex_problem(const std::regex_error& e) {
  switch (e.code()) {
    case std::regex_constants::error_collate: return "an invalid collating element";
    case std::regex_constants::error_ctype: return "an invalid character class";
    case std::regex_constants::error_escape: return "an invalid escape or a trailing backslash";
    case std::regex_constants::error_backref: return "an invalid back reference";
    case std::regex_constants::error_brack: return "an unmatched '[' or ']'";
    case std::regex_constants::error_paren: return "an unmatched '(' or ')'";
    case std::regex_constants::error_brace: return "an unmatched '{' or '}'";
    case std::regex_constants::error_badbrace: return "an invalid range in '{}'";
    case std::regex_constants::error_range: return "an invalid character range";
    case std::regex_constants::error_space: return "too little memory to compile it";
    case std::regex_constants::error_badrepeat: return "a repeat (* + ? {}) with nothing before it";
    case std::regex_constants::error_complexity: return "too much complexity";
    case std::regex_constants::error_stack: return "too little stack to compile it";
    default: return e.what();
  }
}

}  // namespace

const Entry* find(const Entries& entries, std::string_view key) {
  for (const auto& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

const std::vector<std::string>& payload_keys() {
  static const std::vector<std::string> keys{"bytes", "hex", "file", "text", "encoding", "times"};
  return keys;
}

bool has_payload_key(const Entries& entries) {
  for (const auto& e : entries) {
    if (e.key == "bytes" || e.key == "hex" || e.key == "file" || e.key == "text") return true;
  }
  return false;
}

Reader::Reader(const SourceText& source, Diagnostics& diagnostics)
    : source_(source), diagnostics_(diagnostics) {
  set_parameters({});
  std::error_code ec;
  base_dir_ = std::filesystem::path(source.file()).parent_path().string();
}

void Reader::set_parameters(const Variables& parameters) {
  parameters_ = parameters;
  known_variables_ = builtin_variables();
  for (const auto& [name, value] : parameters) known_variables_.push_back(name);
}

SourceLocation Reader::loc(const YAML::Node& node) const { return source_.at(node.Mark()); }

SourceLocation Reader::loc(const Entry& e) const {
  if (e.value.IsNull() && e.has_key()) return key_loc(e);
  return loc(e.value);
}

SourceLocation Reader::key_loc(const Entry& e) const {
  return e.has_key() ? loc(e.key_node) : loc(e.value);
}

void Reader::error(const SourceLocation& where, std::string message) {
  diagnostics_.error(where, std::move(message));
}

void Reader::warning(const SourceLocation& where, std::string message) {
  diagnostics_.warning(where, std::move(message));
}

std::string Reader::describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  return "'" + clip(node.Scalar()) + "'";
}

std::string Reader::name(const Entry& e) {
  return e.has_key() ? "'" + e.key + "'" : "this item";
}

std::optional<Entries> Reader::map(const Entry& e, std::string_view what,
                                   const std::vector<std::string>& allowed) {
  if (!e.value.IsMap()) {
    error(loc(e), std::string(what) + " must be a map, found " + describe(e.value));
    return std::nullopt;
  }
  return map(e.value, what, allowed);
}

std::optional<Entries> Reader::map(const YAML::Node& node, std::string_view what,
                                   const std::vector<std::string>& allowed) {
  if (!node.IsMap()) {
    error(loc(node), std::string(what) + " must be a map, found " + describe(node));
    return std::nullopt;
  }
  Entries out;
  // Keys seen so far (known or not) and the line of each. Most maps have a handful of keys, so
  // a linear search beats building a std::map of locations for every map of every case; a
  // hash map takes over for big ones. The keys point into the node tree, which outlives this.
  constexpr size_t kLinearKeys = 32;
  std::vector<std::pair<std::string_view, int>> seen;
  std::unordered_map<std::string_view, int> many;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node key = it->first;  // a copy: the iterator's pair is a temporary
    if (!key.IsScalar()) {
      error(loc(key), "keys in " + std::string(what) + " must be words, found " + describe(key));
      continue;
    }
    const std::string& k = key.Scalar();
    YAML::Mark mark = key.Mark();
    int line = mark.line < 0 ? 0 : mark.line + 1;  // as loc(key).line
    std::optional<int> first;
    if (seen.size() < kLinearKeys) {
      for (const auto& [name, at] : seen) {
        if (name == k) first = at;
      }
      if (!first) seen.emplace_back(k, line);
      if (seen.size() == kLinearKeys) many.insert(seen.begin(), seen.end());
    } else if (auto [pos, inserted] = many.emplace(k, line); !inserted) {
      first = pos->second;
    }
    if (first) {
      error(loc(key), "duplicate key '" + k + "' in " + std::string(what) + " (first at line " +
                          std::to_string(*first) + ")");
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      error(loc(key), "unknown key '" + clip(k) + "' in " + std::string(what) + did_you_mean(k, allowed));
      continue;
    }
    out.push_back({k, key, it->second});
  }
  return out;
}

std::optional<std::vector<Entry>> Reader::list(const Entry& e, bool allow_empty) {
  if (!e.value.IsSequence()) {
    error(loc(e), name(e) + " must be a list, found " + describe(e.value));
    return std::nullopt;
  }
  if (e.value.size() == 0 && !allow_empty) {
    error(loc(e), name(e) + " must not be empty");
    return std::nullopt;
  }
  std::vector<Entry> out;
  for (const auto& item : e.value) out.push_back({"", YAML::Node(YAML::NodeType::Undefined), item});
  return out;
}

const Entry* Reader::require(const Entries& entries, std::string_view key, std::string_view what,
                             const SourceLocation& where) {
  const Entry* e = find(entries, key);
  if (!e) error(where, std::string(what) + " is missing required key '" + std::string(key) + "'");
  return e;
}

std::optional<std::string> Reader::string(const Entry& e) {
  if (!e.value.IsScalar()) {
    error(loc(e), name(e) + " must be a string, found " + describe(e.value));
    return std::nullopt;
  }
  return e.value.Scalar();
}

std::optional<std::string> Reader::word(const Entry& e, const std::vector<std::string>& allowed) {
  if (!e.value.IsScalar()) {
    error(loc(e), name(e) + " must be one of " + one_of(allowed) + ", found " + describe(e.value));
    return std::nullopt;
  }
  const std::string& v = e.value.Scalar();
  if (std::find(allowed.begin(), allowed.end(), v) != allowed.end()) return v;
  error(loc(e), "bad value '" + clip(v) + "' for " + name(e) + ": use " + one_of(allowed) +
                    did_you_mean(v, allowed));
  return std::nullopt;
}

std::optional<bool> Reader::boolean(const Entry& e) {
  if (e.value.IsScalar()) {
    const std::string& v = e.value.Scalar();
    if (v == "true") return true;
    if (v == "false") return false;
  }
  error(loc(e), name(e) + " must be true or false, found " + describe(e.value));
  return std::nullopt;
}

std::optional<int64_t> Reader::integer(const Entry& e, int64_t min, int64_t max) {
  std::optional<int64_t> v;
  if (e.value.IsScalar() && e.value.Tag() == "?") v = to_int(e.value.Scalar());
  if (!v) {
    error(loc(e), name(e) + " must be a whole number, found " + describe(e.value));
    return std::nullopt;
  }
  if (*v < min || *v > max) {
    error(loc(e), name(e) + " must be between " + std::to_string(min) + " and " +
                      std::to_string(max) + ", found " + std::to_string(*v));
    return std::nullopt;
  }
  return v;
}

std::optional<double> Reader::number(const Entry& e, double min) {
  double v = 0;
  bool ok = false;
  if (e.value.IsScalar() && e.value.Tag() == "?") {
    const std::string& s = e.value.Scalar();
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    ok = !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
  }
  if (!ok) {
    error(loc(e), name(e) + " must be a number, found " + describe(e.value));
    return std::nullopt;
  }
  if (v < min) {
    std::ostringstream m;
    m << name(e) << " must be at least " << min << ", found " << e.value.Scalar();
    error(loc(e), m.str());
    return std::nullopt;
  }
  return v;
}

std::optional<Duration> Reader::duration(const Entry& e) {
  if (!e.value.IsScalar()) {
    error(loc(e), name(e) + " must be a duration such as 50ms or 2s, found " + describe(e.value));
    return std::nullopt;
  }
  std::string problem;
  auto d = parse_duration(e.value.Scalar(), &problem);
  if (!d) {
    error(loc(e), "bad duration '" + clip(e.value.Scalar()) + "' for " + name(e) + ": it " + problem);
  }
  return d;
}

std::optional<std::vector<Entry>> Reader::scalar_items(const Entry& e, bool allow_single) {
  if (allow_single && e.value.IsScalar()) return std::vector<Entry>{e};
  if (!e.value.IsSequence()) {
    error(loc(e), name(e) + " must be a list, found " + describe(e.value));
    return std::nullopt;
  }
  std::vector<Entry> out;
  bool ok = true;
  for (const auto& item : e.value) {
    if (!item.IsScalar()) {
      error(loc(item), "items of " + name(e) + " must be strings, found " + describe(item));
      ok = false;
      continue;
    }
    out.push_back({"", YAML::Node(YAML::NodeType::Undefined), item});
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> Reader::strings(const Entry& e, bool allow_single) {
  auto items = scalar_items(e, allow_single);
  if (!items) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& item : *items) out.push_back(item.value.Scalar());
  return out;
}

std::optional<Template> Reader::templ(const Entry& e, bool allow_variables) {
  if (!e.value.IsScalar()) {
    error(loc(e), name(e) + " must be a string, found " + describe(e.value));
    return std::nullopt;
  }
  RawScalar raw = source_.raw(e.value);
  if (raw.style == RawScalar::Style::literal) {
    // A literal block is how a case writes a request head line by line: lines end in CRLF.
    std::string text;
    std::vector<TextPos> pos;
    for (size_t i = 0; i < raw.text.size(); ++i) {
      if (raw.text[i] == '\n') {
        text += '\r';
        pos.push_back(raw.pos[i]);
      }
      text += raw.text[i];
      pos.push_back(raw.pos[i]);
    }
    raw.text = std::move(text);
    raw.pos = std::move(pos);
  }
  const std::string& s = raw.text;
  Template t;
  bool ok = true;
  std::string literal;
  TextPos literal_at;
  auto flush = [&] {
    if (!literal.empty()) t.parts.push_back({false, std::move(literal), source_.at(literal_at)});
    literal.clear();
  };
  auto add = [&](char c, TextPos at) {
    if (literal.empty()) literal_at = at;
    literal += c;
  };
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    TextPos at = raw.pos[i];
    if (c == '\\' && !raw.escapes_processed) {
      if (i + 1 >= s.size()) {
        error(source_.at(at), "'\\' at the end of the string escapes nothing (write \\\\ for a backslash)");
        ok = false;
        break;
      }
      char x = s[i + 1];
      switch (x) {
        case 'r': add('\r', at); break;
        case 'n': add('\n', at); break;
        case 't': add('\t', at); break;
        case '0': add('\0', at); break;
        case '\\': add('\\', at); break;
        case '"': add('"', at); break;
        case 'x': {
          auto hex = [](char h) {
            return (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F');
          };
          std::string digits = s.substr(i + 2, 2);
          if (digits.size() < 2 || !hex(digits[0]) || !hex(digits[1])) {
            error(source_.at(at), "escape '\\x' needs two hex digits, found '" +
                                      escape_bytes(digits) + "'");
            ok = false;
            i += 2;
            continue;
          }
          add(static_cast<char>(std::stoi(digits, nullptr, 16)), at);
          i += 4;
          continue;
        }
        default:
          error(source_.at(at), "unknown escape '\\" + escape_bytes(std::string(1, x)) +
                                    "' (use \\r \\n \\t \\0 \\\\ \\\" or \\xHH)");
          ok = false;
      }
      i += 2;
      continue;
    }
    if (c == '{' && i + 1 < s.size() && s[i + 1] == '{') {
      size_t close = s.find("}}", i + 2);
      if (close == std::string::npos) {
        error(source_.at(at), "'{{' is not closed by '}}' (write \\x7b{ for a literal '{{')");
        ok = false;
        break;
      }
      std::string var = trim(std::string_view(s).substr(i + 2, close - i - 2));
      if (!allow_variables) {
        error(source_.at(at), "variables cannot be used in " + name(e));
        ok = false;
      } else if (var.empty()) {
        error(source_.at(at), "empty variable name '{{}}'");
        ok = false;
      } else if (std::find(known_variables_.begin(), known_variables_.end(), var) ==
                 known_variables_.end()) {
        error(source_.at(at), "unknown variable '" + clip(var) + "'" +
                                  did_you_mean(var, known_variables_));
        ok = false;
      } else {
        flush();
        t.parts.push_back({true, var, source_.at(at)});
      }
      i = close + 2;
      continue;
    }
    add(c, at);
    ++i;
  }
  flush();
  if (!ok) return std::nullopt;
  return t;
}

std::optional<Payload> Reader::payload(const Entry& e) {
  if (e.value.IsScalar()) {
    auto t = templ(e);
    if (!t) return std::nullopt;
    Payload p;
    p.content = std::move(*t);
    p.where = loc(e);
    return p;
  }
  if (!e.value.IsMap()) {
    error(loc(e), name(e) + " must be a string or a map of bytes, hex, file or text, found " +
                      describe(e.value));
    return std::nullopt;
  }
  auto entries = map(e, name(e), payload_keys());
  if (!entries) return std::nullopt;
  return payload(*entries, loc(e));
}

std::optional<Payload> Reader::payload(const Entries& entries, const SourceLocation& where) {
  Payload p;
  p.where = where;
  const Entry* source = nullptr;
  bool ok = true;
  for (const auto& e : entries) {
    if (e.key != "bytes" && e.key != "hex" && e.key != "file" && e.key != "text") continue;
    if (source) {
      error(key_loc(e), "'" + e.key + "' cannot be combined with '" + source->key +
                            "': give the bytes one way");
      ok = false;
      continue;
    }
    source = &e;
  }
  const Entry* encoding = find(entries, "encoding");
  if (!source) {
    error(where, "give the bytes as one of 'bytes', 'hex', 'file' or 'text'");
    return std::nullopt;
  }
  if (encoding && source->key != "text") {
    error(key_loc(*encoding), "'encoding' applies to 'text' only ('" + source->key +
                                  "' is already bytes)");
    ok = false;
  }
  if (source->key == "bytes") {
    auto t = templ(*source);
    if (!t) return std::nullopt;
    p.content = std::move(*t);
  } else if (source->key == "hex") {
    if (!source->value.IsScalar()) {
      error(loc(*source), "'hex' must be a string of hex digits, found " + describe(source->value));
      return std::nullopt;
    }
    RawScalar raw = source_.raw(source->value);
    size_t bad = 0;
    auto bytes = decode_hex(source->value.Scalar(), &bad);
    if (!bytes) {
      TextPos at = raw.start;
      if (!raw.escapes_processed && raw.text == source->value.Scalar() && bad < raw.pos.size()) {
        at = raw.pos[bad];
      }
      std::string_view v = source->value.Scalar();
      std::string found = bad < v.size() ? "'" + escape_bytes(v.substr(bad, 1)) + "'" : "the end";
      error(source_.at(at), "bad hex: expected pairs of hex digits, found " + found);
      return std::nullopt;
    }
    p.form = Payload::Form::hex;
    p.content = Template::literal(std::move(*bytes), loc(*source));
  } else if (source->key == "file") {
    auto name_ = string(*source);
    if (!name_) return std::nullopt;
    std::filesystem::path path = *name_;
    if (path.is_relative() && !base_dir_.empty()) path = std::filesystem::path(base_dir_) / path;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      error(loc(*source), "cannot read file '" + *name_ + "' (looked for " + path.string() +
                              "): " + std::strerror(errno));
      return std::nullopt;
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() > kMaxPayloadBytes) {
      error(loc(*source), "file '" + *name_ + "' is larger than the " +
                              std::to_string(kMaxPayloadBytes) + "-byte limit");
      return std::nullopt;
    }
    p.form = Payload::Form::file;
    p.file = *name_;
    p.content = Template::literal(std::move(bytes), loc(*source));
  } else {
    auto t = templ(*source);
    if (!t) return std::nullopt;
    p.form = Payload::Form::text;
    p.content = std::move(*t);
    if (encoding) {
      auto enc = templ(*encoding);
      if (!enc) return std::nullopt;
      p.encoding = std::move(*enc);
      // Check the encoding (and that the text can be written in it) now, with the values the
      // suite gives its parameters; a profile's values are checked when the case runs.
      Variables vars = placeholder_variables(parameters_);
      auto enc_name = expand(p.encoding, vars);
      if (enc_name && !encoding_known(*enc_name)) {
        error(loc(*encoding), "unknown encoding '" + clip(*enc_name) +
                                  "' (iconv knows gbk, gb18030, big5, shift_jis, euc-jp, "
                                  "latin1, utf-16le, ...)");
        ok = false;
      } else if (enc_name) {
        auto text = expand(p.content, vars);
        ConversionError conversion;
        if (text && !encode_text(*text, *enc_name, &conversion)) {
          error(loc(*source), "text cannot be encoded as " + *enc_name + ": " + conversion.message);
          ok = false;
        }
      }
    }
  }
  if (const Entry* times = find(entries, "times")) {
    auto n = integer(*times, 1, 100'000'000);
    if (!n) return std::nullopt;
    p.times = static_cast<uint32_t>(*n);
    if (!p.content.has_variables() && p.content.text().size() * p.times > kMaxPayloadBytes) {
      error(loc(*times), std::to_string(p.content.text().size()) + " bytes times " +
                             std::to_string(p.times) + " is more than the " +
                             std::to_string(kMaxPayloadBytes) + "-byte limit");
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return p;
}

std::optional<IntRange> Reader::status_item(const Entry& e, const std::string& text) {
  auto bad = [&]() -> std::optional<IntRange> {
    error(loc(e), "bad status pattern '" + clip(text) +
                      "': use a code (200), a class (4xx), a range (200-299) or a list of these");
    return std::nullopt;
  };
  if (text.size() == 3 && all_digits(text)) {
    int v = std::stoi(text);
    if (v < 100 || v > 599) return bad();
    return IntRange{v, v};
  }
  if (text.size() == 3 && text[0] >= '1' && text[0] <= '5' && (text[1] == 'x' || text[1] == 'X') &&
      (text[2] == 'x' || text[2] == 'X')) {
    int64_t base = (text[0] - '0') * 100;
    return IntRange{base, base + 99};
  }
  auto dash = text.find('-');
  if (dash != std::string::npos) {
    std::string lo = trim(std::string_view(text).substr(0, dash));
    std::string hi = trim(std::string_view(text).substr(dash + 1));
    if (lo.size() == 3 && hi.size() == 3 && all_digits(lo) && all_digits(hi)) {
      int a = std::stoi(lo);
      int b = std::stoi(hi);
      if (a >= 100 && b <= 599 && a <= b) return IntRange{a, b};
    }
  }
  return bad();
}

std::optional<StatusPattern> Reader::status(const Entry& e) {
  StatusPattern p;
  std::vector<Entry> items;
  if (e.value.IsSequence()) {
    auto l = list(e);
    if (!l) return std::nullopt;
    items = *l;
  } else if (e.value.IsScalar()) {
    items.push_back(e);
  } else {
    error(loc(e), name(e) + " must be a status code, class, range or list, found " + describe(e.value));
    return std::nullopt;
  }
  bool ok = true;
  for (const auto& item : items) {
    if (!item.value.IsScalar()) {
      error(loc(item), "items of a status list must be codes, classes or ranges, found " +
                           describe(item.value));
      ok = false;
      continue;
    }
    auto r = status_item(item, item.value.Scalar());
    if (!r) {
      ok = false;
      continue;
    }
    p.ranges.push_back(*r);
    if (!p.text.empty()) p.text += " or ";
    p.text += item.value.Scalar();
  }
  if (!ok) return std::nullopt;
  return p;
}

std::optional<IntRange> Reader::range(const Entry& e) {
  if (e.value.IsScalar()) {
    std::string s = trim(e.value.Scalar());
    auto number = [](const std::string& t) -> std::optional<int64_t> {
      if (!all_digits(t) || t.size() > 15) return std::nullopt;
      return to_int(t);
    };
    if (auto n = number(s)) return IntRange{*n, *n};
    if (s.rfind(">=", 0) == 0) {
      if (auto n = number(trim(s.substr(2)))) return IntRange{*n, INT64_MAX};
    } else if (s.rfind("<=", 0) == 0) {
      if (auto n = number(trim(s.substr(2)))) return IntRange{0, *n};
    } else if (auto dash = s.find('-'); dash != std::string::npos) {
      auto lo = number(trim(s.substr(0, dash)));
      auto hi = number(trim(s.substr(dash + 1)));
      if (lo && hi && *lo <= *hi) return IntRange{*lo, *hi};
    }
  }
  error(loc(e), "bad count " + describe(e.value) + " for " + name(e) +
                    ": use a number, a range such as 1-3, or >= 1");
  return std::nullopt;
}

std::optional<std::string> Reader::regex(const Entry& e) {
  auto s = string(e);
  if (!s) return std::nullopt;
  try {
    std::regex re(*s, std::regex::ECMAScript);
  } catch (const std::regex_error& err) {
    error(loc(e), "bad regex '" + clip(*s) + "': it has " + regex_problem(err));
    return std::nullopt;
  }
  return s;
}

}  // namespace wirecheck::harness
