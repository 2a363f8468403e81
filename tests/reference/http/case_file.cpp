#include "tests/reference/http/case_file.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "reference/http/errors.h"

namespace wirecheck::http::parser_cases {
namespace {

constexpr size_t kMaxDecoded = size_t{16} << 20;  // a case larger than this is a typo

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  char prev = 0;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

// Finds the '}' closing a repeat body that starts at `i`: escaped characters are skipped and
// nested repeats keep their own braces.
size_t find_closing_brace(std::string_view text, size_t i) {
  int depth = 1;
  for (; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '{') {
      ++depth;
    } else if (text[i] == '}' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

bool set_option(std::string_view word, Options& options, std::string& error) {
  struct Switch {
    std::string_view name;
    bool Leniency::*member;
  };
  static constexpr Switch kSwitches[] = {
      {"bare_lf", &Leniency::bare_lf},
      {"obs_fold", &Leniency::obs_fold},
      {"space_before_colon", &Leniency::space_before_colon},
      {"content_length_list", &Leniency::content_length_list},
      {"content_length_with_transfer_encoding", &Leniency::content_length_with_transfer_encoding},
      {"missing_reason_space", &Leniency::missing_reason_space},
      {"missing_host", &Leniency::missing_host},
  };
  if (word == "observer") {
    options.observer = true;
    return true;
  }
  for (const Switch& s : kSwitches) {
    if (word == s.name) {
      options.lenient.*(s.member) = true;
      return true;
    }
  }
  size_t eq = word.find('=');
  if (eq == std::string_view::npos) {
    error = "unknown option '" + std::string(word) + "'";
    return false;
  }
  std::string_view name = word.substr(0, eq);
  std::string_view text = word.substr(eq + 1);
  uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) {
    error = "option '" + std::string(name) + "' needs a decimal number, got '" + std::string(text) +
            "'";
    return false;
  }
  Limits& l = options.limits;
  if (name == "max_start_line") {
    l.max_start_line = value;
  } else if (name == "max_field_line") {
    l.max_field_line = value;
  } else if (name == "max_header_bytes") {
    l.max_header_bytes = value;
  } else if (name == "max_field_count") {
    l.max_field_count = value;
  } else if (name == "max_chunk_size_digits") {
    l.max_chunk_size_digits = value;
  } else if (name == "max_chunk_extension_bytes") {
    l.max_chunk_extension_bytes = value;
  } else if (name == "max_body_bytes") {
    l.max_body_bytes = value;
  } else if (name == "chunk_overhead_allowance") {
    l.chunk_overhead_allowance = value;
  } else if (name == "max_leading_empty_lines") {
    l.max_leading_empty_lines = value;
  } else {
    error = "unknown limit '" + std::string(name) + "'";
    return false;
  }
  return true;
}

// Nothing can follow these: the replay has stopped.
bool is_final(std::string_view event) {
  return event == "pending" || starts_with(event, "error ") || starts_with(event, "finish ");
}

// A replay ends with one of these (a complete message may be followed by the next one).
bool is_terminal(std::string_view event) {
  return event == "complete" || is_final(event);
}

bool check_event(std::string_view line, std::string& error) {
  static constexpr std::string_view kEvents[] = {
      "begin", "request", "status",   "field",     "continuation", "head",   "chunk",  "ext",
      "body",  "trailer", "complete", "violation", "error",        "finish", "pending"};
  std::vector<std::string_view> w = words(line);
  if (w.empty()) return true;
  if (std::find(std::begin(kEvents), std::end(kEvents), w[0]) == std::end(kEvents)) {
    error = "unknown event '" + std::string(w[0]) + "'";
    return false;
  }
  if (w[0] == "violation" || w[0] == "error" || w[0] == "finish") {
    if (w.size() < 2) {
      error = std::string(w[0]) + " needs an error code name";
      return false;
    }
    if (w[0] == "finish" && w[1] == "ok") return w.size() == 2;
    ErrorCode code{};
    if (!parse_error_code(w[1], code)) {
      error = "unknown error code '" + std::string(w[1]) + "'";
      return false;
    }
    if (w.size() < 3 || w[2].substr(0, 1) != "@") {
      error = std::string(w[0]) + " needs an offset, e.g. '@57'";
      return false;
    }
  }
  return true;
}

class Reader {
 public:
  Reader(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  CaseSet run() {
    size_t pos = 0;
    while (pos <= text_.size()) {
      size_t end = text_.find('\n', pos);
      bool last = end == std::string_view::npos;
      if (last) end = text_.size();
      if (!(last && pos == end)) {
        ++line_no_;
        line(text_.substr(pos, end - pos));
      }
      if (last) break;
      pos = end + 1;
    }
    close_case();
    return std::move(set_);
  }

 private:
  enum class Section { none, header, bytes, crlf, events };

  void fail(int line, const std::string& message) {
    set_.errors.push_back(file_ + ":" + std::to_string(line) + ": " + message);
    case_bad_ = true;
  }
  void fail(const std::string& message) { fail(line_no_, message); }

  void line(std::string_view l) {
    bool cr = !l.empty() && l.back() == '\r';
    if (cr) l.remove_suffix(1);
    dispatch(l);
    if (cr) fail("case files use LF line ends (write \\r for a CR byte)");
  }

  void dispatch(std::string_view l) {
    if (starts_with(l, "===")) {
      close_case();
      start_case(trim(l.substr(3)));
      return;
    }
    switch (section_) {
      case Section::none:
        if (!trim(l).empty() && l.front() != '#') fail("expected '=== <id>' to start a case");
        return;
      case Section::header:
        header_line(l);
        return;
      case Section::bytes:
      case Section::crlf:
        byte_line(l);
        return;
      case Section::events:
        event_line(l);
        return;
    }
  }

  void start_case(std::string_view id) {
    current_ = ParserCase{};
    current_.id = std::string(id);
    current_.file = file_;
    current_.line = line_no_;
    case_bad_ = false;
    have_kind_ = have_bytes_ = have_events_ = false;
    section_ = Section::header;
    last_key_.clear();
    if (!valid_id(id)) {
      fail("case id '" + std::string(id) +
           "' must be lowercase letters, digits and single '-' (e.g. te-chunked-not-final)");
    }
  }

  void header_line(std::string_view l) {
    if (trim(l).empty() || l.front() == '#') return;
    if ((l.front() == ' ' || l.front() == '\t') && (last_key_ == "why" || last_key_ == "bug")) {
      std::string& text = last_key_ == "why" ? current_.why : current_.bug;
      text += ' ';
      text += trim(l);
      return;
    }
    size_t colon = l.find(':');
    std::string_view key = colon == std::string_view::npos ? l : l.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? "" : trim(l.substr(colon + 1));
    last_key_ = std::string(key);
    if (key == "why") {
      current_.why = std::string(value);
    } else if (key == "bug") {
      current_.bug = std::string(value);
      if (value.empty()) fail("bug: needs a description of the parser's deviation");
    } else if (key == "kind") {
      kind(value);
    } else if (key == "options") {
      for (std::string_view w : words(value)) {
        std::string error;
        if (!set_option(w, current_.options, error)) fail(error);
      }
      if (!current_.option_text.empty()) current_.option_text += ' ';
      current_.option_text += value;
    } else if (key == "bytes" || key == "crlf") {
      if (!value.empty()) fail("byte lines start on the line after '" + std::string(key) + ":'");
      section_ = key == "bytes" ? Section::bytes : Section::crlf;
      have_bytes_ = true;
    } else if (key == "events") {
      fail("'events:' before any 'bytes:' or 'crlf:' section");
      section_ = Section::events;
      have_events_ = true;
    } else {
      fail("unknown key '" + std::string(key) +
           "' (expected why:, bug:, kind:, options:, bytes:, crlf: or events:)");
    }
  }

  void kind(std::string_view value) {
    std::vector<std::string_view> w = words(value);
    have_kind_ = true;
    if (w.empty() || (w[0] != "request" && w[0] != "response")) {
      fail("kind must be 'request' or 'response [METHOD ...]'");
      return;
    }
    current_.kind = w[0] == "request" ? MessageKind::request : MessageKind::response;
    if (current_.kind == MessageKind::request && w.size() > 1) {
      fail("request methods belong to the request line, not to kind:");
    }
    for (size_t i = 1; i < w.size(); ++i) current_.methods.emplace_back(w[i]);
  }

  void byte_line(std::string_view l) {
    if (l == "bytes:" || l == "crlf:") {
      section_ = l == "bytes:" ? Section::bytes : Section::crlf;
      return;
    }
    if (l == "events:") {
      section_ = Section::events;
      have_events_ = true;
      return;
    }
    if (!l.empty() && (l.back() == ' ' || l.back() == '\t')) {
      fail("trailing whitespace on a byte line is invisible: write it as \\x20 or \\t");
      return;
    }
    bool line_end = section_ == Section::crlf;
    // A lone trailing backslash (an odd run of them) means "no line end here".
    size_t backslashes = 0;
    while (backslashes < l.size() && l[l.size() - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 1) {
      if (section_ != Section::crlf) {
        fail("a trailing '\\' only has a meaning in a crlf: section");
        return;
      }
      line_end = false;
      l.remove_suffix(1);
    }
    std::string error;
    if (!unescape(l, current_.bytes, error)) {
      fail(error);
      return;
    }
    if (line_end) current_.bytes += "\r\n";
  }

  void event_line(std::string_view l) {
    std::string_view t = trim(l);
    if (t.empty() || t.front() == '#') return;
    // "*N event" stands for N copies of the event line.
    uint64_t copies = 1;
    if (t.front() == '*') {
      auto [ptr, ec] = std::from_chars(t.data() + 1, t.data() + t.size(), copies);
      if (ec != std::errc() || ptr == t.data() + t.size() || *ptr != ' ' || copies == 0 ||
          copies > 100000) {
        fail("repeated events read '*N event' with N from 1 to 100000");
        return;
      }
      t = trim(t.substr(static_cast<size_t>(ptr - t.data())));
    }
    std::string normal;
    std::string error;
    if (!normalize_event_line(t, normal, error) || !check_event(normal, error)) {
      fail(error);
      return;
    }
    if (!current_.events.empty() && is_final(current_.events.back())) {
      fail("no event can follow '" + current_.events.back() + "'");
    }
    for (uint64_t k = 1; k < copies; ++k) current_.events.push_back(normal);
    current_.events.push_back(std::move(normal));
  }

  void close_case() {
    if (section_ == Section::none) return;
    int at = current_.line;
    if (current_.why.empty()) {
      fail(at, "case '" + current_.id + "' has no why: line");
    } else if (current_.why.find("RFC") == std::string::npos) {
      fail(at, "case '" + current_.id + "': why: must cite the RFC section");
    }
    if (!have_kind_) fail(at, "case '" + current_.id + "' has no kind: line");
    if (!have_bytes_) fail(at, "case '" + current_.id + "' has no bytes: or crlf: section");
    if (!have_events_ || current_.events.empty()) {
      fail(at, "case '" + current_.id + "' has no events");
    } else if (!is_terminal(current_.events.back())) {
      fail(at, "case '" + current_.id +
                   "': the last event must be complete, pending, error ... or finish ...");
    }
    if (current_.kind == MessageKind::response && current_.methods.empty()) {
      current_.methods.emplace_back("GET");
    }
    current_.calls_finish =
        !current_.events.empty() && starts_with(current_.events.back(), "finish ");
    if (!case_bad_) set_.cases.push_back(std::move(current_));
    section_ = Section::none;
  }

  std::string_view text_;
  std::string file_;
  int line_no_ = 0;
  Section section_ = Section::none;
  ParserCase current_;
  bool case_bad_ = false;
  bool have_kind_ = false;
  bool have_bytes_ = false;
  bool have_events_ = false;
  std::string last_key_;
  CaseSet set_;
};

}  // namespace

bool unescape(std::string_view text, std::string& out, std::string& error) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    if (i + 1 >= text.size()) {
      error = "lone '\\' at the end (write \\\\ for a backslash)";
      return false;
    }
    char d = text[++i];
    switch (d) {
      case 'r':
        out += '\r';
        break;
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case '\\':
        out += '\\';
        break;
      case '"':
        out += '"';
        break;
      case '{':
        out += '{';
        break;
      case '}':
        out += '}';
        break;
      case 'x': {
        int hi = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
        int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
        if (hi < 0 || lo < 0) {
          error = "\\x needs two hex digits";
          return false;
        }
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        break;
      }
      case '*': {
        size_t start = i + 1;
        size_t brace = text.find('{', start);
        uint64_t count = 0;
        auto [ptr, ec] = std::from_chars(text.data() + start, text.data() + text.size(), count);
        if (brace == std::string_view::npos || ec != std::errc() || ptr != text.data() + brace) {
          error = "repeat must read \\*N{text}";
          return false;
        }
        size_t close = find_closing_brace(text, brace + 1);
        if (close == std::string_view::npos) {
          error = "repeat \\*N{ has no closing '}'";
          return false;
        }
        std::string piece;
        if (!unescape(text.substr(brace + 1, close - brace - 1), piece, error)) return false;
        if (count * piece.size() + out.size() > kMaxDecoded) {
          error = "repeat makes more than 16 MiB";
          return false;
        }
        for (uint64_t k = 0; k < count; ++k) out += piece;
        i = close;
        break;
      }
      default:
        error = std::string("unknown escape '\\") + d + "'";
        return false;
    }
  }
  return true;
}

std::string escape(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size());
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '\r':
        out += "\\r";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      default:
        if (c >= 0x20 && c < 0x7f) {
          out += static_cast<char>(c);
        } else {
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        }
    }
  }
  return out;
}

bool normalize_event_line(std::string_view line, std::string& out, std::string& error) {
  out.clear();
  bool space = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    if (c != '"') {
      out += c;
      continue;
    }
    size_t j = i + 1;
    while (j < line.size() && line[j] != '"') j += line[j] == '\\' ? 2 : 1;
    if (j >= line.size()) {
      error = "unterminated string in event";
      return false;
    }
    std::string decoded;
    if (!unescape(line.substr(i + 1, j - i - 1), decoded, error)) return false;
    out += '"';
    out += escape(decoded);
    out += '"';
    i = j;
  }
  return true;
}

std::string test_name(std::string_view id) {
  std::string name(id);
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

CaseSet parse_cases(std::string_view text, const std::string& file) {
  return Reader(text, file).run();
}

CaseSet load_case_dir(const std::string& dir) {
  CaseSet all;
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".cases") files.push_back(entry.path());
  }
  if (ec) {
    all.errors.push_back(dir + ": cannot list the case folder: " + ec.message());
    return all;
  }
  if (files.empty()) all.errors.push_back(dir + ": no *.cases files");
  std::sort(files.begin(), files.end());
  std::map<std::string, std::string> seen;  // id -> file:line
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      all.errors.push_back(path.string() + ": cannot read");
      continue;
    }
    CaseSet one = parse_cases(text.str(), path.filename().string());
    for (std::string& e : one.errors) all.errors.push_back(std::move(e));
    for (ParserCase& c : one.cases) {
      std::string where = c.file + ":" + std::to_string(c.line);
      auto [it, fresh] = seen.emplace(c.id, where);
      if (!fresh) {
        all.errors.push_back(where + ": duplicate case id '" + c.id + "' (first at " + it->second +
                             ")");
        continue;
      }
      all.cases.push_back(std::move(c));
    }
  }
  return all;
}

}  // namespace wirecheck::http::parser_cases
