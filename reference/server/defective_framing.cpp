#include "reference/server/defective_framing.h"

#include <strings.h>

#include <array>
#include <vector>

namespace wirecheck::server {
namespace {

// Longest chunk line or trailer line the filter waits for before it lets the parser judge.
constexpr size_t kMaxLine = 1024 * 1024;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Non-ASCII letters that a server mapping case with Unicode rules turns into ASCII ones:
// "ſ".upper() is "S", "ı".upper() is "I", the Kelvin sign lowers to "k".
struct Lookalike {
  std::string_view utf8;
  char ascii;
};
constexpr std::array<Lookalike, 3> kLookalikes{{
    {"\xC5\xBF", 's'},
    {"\xC4\xB1", 'i'},
    {"\xE2\x84\xAA", 'k'},
}};

std::string fold_lookalikes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  while (!s.empty()) {
    bool folded = false;
    for (const auto& l : kLookalikes) {
      if (s.substr(0, l.utf8.size()) == l.utf8) {
        out += l.ascii;
        s.remove_prefix(l.utf8.size());
        folded = true;
        break;
      }
    }
    if (!folded) {
      out += s.front();
      s.remove_prefix(1);
    }
  }
  return out;
}

// Every decimal digit of `s`, read as one number (wrapping at 2^64); false without digits.
bool digits_only(std::string_view s, uint64_t& out) {
  out = 0;
  bool any = false;
  for (char c : s) {
    if (c < '0' || c > '9') continue;
    out = out * 10 + static_cast<uint64_t>(c - '0');
    any = true;
  }
  return any;
}

bool strict_decimal(std::string_view s, uint64_t& out) {
  if (s.empty() || s.size() > 19) return false;
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<uint64_t>(c - '0');
  }
  return true;
}

struct HeadLine {
  std::string text;  // without the line end
  std::string end;   // "\r\n", "\n", or "\r" (a bare CR the defective server took as an end)
  bool field = false;
  std::string name;   // after the defect's name mapping
  std::string value;  // after the defect's value mapping, OWS removed
  std::string after_colon;  // everything after the colon, mapped but untrimmed
  bool changed = false;     // the defect read this line differently from its bytes
  bool revealed = false;    // a field the defect sees where the bytes hold none
  bool drop = false;
};

void append_number(std::string& out, uint64_t n) { out += std::to_string(n); }

}  // namespace

bool DefectiveFraming::wanted(const DefectSet& d) {
  return d.has(Defect::te_cl_use_cl) || d.has(Defect::first_content_length_wins) ||
         d.has(Defect::accept_bad_content_length) || d.has(Defect::accept_chunked_not_final) ||
         d.has(Defect::ignore_unknown_coding) || d.has(Defect::te_substring_chunked) ||
         d.has(Defect::te_case_sensitive) || d.has(Defect::te_no_ows_trim) ||
         d.has(Defect::te_first_line_only) || d.has(Defect::te_last_line_only) ||
         d.has(Defect::ignore_te_in_http10) || d.has(Defect::underscore_as_dash) ||
         d.has(Defect::lookalike_names) || d.has(Defect::bare_cr_ends_line) ||
         d.has(Defect::nul_truncates_value) || d.has(Defect::accept_bad_chunk_size) ||
         d.has(Defect::lenient_chunk_extensions) || d.has(Defect::chunk_data_by_line) ||
         d.has(Defect::trailer_frames) || d.has(Defect::early_chunked_end) ||
         d.has(Defect::answer_before_body) || d.has(Defect::ignore_transfer_encoding);
}

DefectiveFraming::DefectiveFraming(const DefectSet& defects, size_t max_head_bytes)
    : defects_(defects), max_head_(max_head_bytes) {}

void DefectiveFraming::push(std::string_view bytes) {
  raw_.append(bytes);
  run();
}

void DefectiveFraming::consumed(size_t n) {
  out_begin_ += n;
  if (out_begin_ >= out_.size()) {
    out_.clear();
    out_begin_ = 0;
  } else if (out_begin_ > 64 * 1024) {
    out_.erase(0, out_begin_);
    out_begin_ = 0;
  }
}

void DefectiveFraming::message_complete() {
  if (mode_ != Mode::pass) return;  // the filter framed this message itself
  // The parser stopped at the end of the message; what it was given beyond is the next head,
  // which the defective server reads its own way.
  raw_.insert(0, out_, out_begin_, std::string::npos);
  out_.clear();
  out_begin_ = 0;
  mode_ = Mode::head;
  run();
}

void DefectiveFraming::run() {
  for (;;) {
    bool progress = false;
    switch (mode_) {
      case Mode::head: progress = take_head(); break;
      case Mode::pass:
        out_ += raw_;
        raw_.clear();
        break;
      case Mode::chunk_line: progress = take_chunk_line(); break;
      case Mode::chunk_data: progress = take_chunk_data(); break;
      case Mode::chunk_crlf: progress = take_chunk_crlf(); break;
      case Mode::trailers: progress = take_trailer_line(); break;
      case Mode::discard: progress = take_discard(); break;
    }
    if (!progress || raw_.empty()) return;
  }
}

void DefectiveFraming::fall_back() {
  out_ += raw_;
  raw_.clear();
  mode_ = Mode::pass;
}

bool DefectiveFraming::next_line(std::string_view& line, size_t& length) {
  size_t lf = raw_.find('\n');
  if (lf == std::string::npos) {
    if (raw_.size() > kMaxLine) fall_back();
    return false;
  }
  if (lf == 0 || raw_[lf - 1] != '\r') {
    fall_back();
    return false;
  }
  line = std::string_view(raw_).substr(0, lf - 1);
  length = lf + 1;
  return true;
}

void DefectiveFraming::emit_chunk(std::string_view data) {
  if (swallow_) return;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string size;
  for (uint64_t n = data.size(); n > 0; n >>= 4) size.insert(size.begin(), kHex[n & 15]);
  out_ += size;
  out_ += "\r\n";
  out_.append(data);
  out_ += "\r\n";
}

bool DefectiveFraming::take_head() {
  // Empty lines before a request line are the parser's to judge.
  size_t lead = 0;
  while (lead < raw_.size()) {
    if (raw_[lead] == '\n') {
      ++lead;
    } else if (raw_[lead] == '\r' && lead + 1 < raw_.size() && raw_[lead + 1] == '\n') {
      lead += 2;
    } else {
      break;
    }
  }
  if (lead > 0) {
    out_.append(raw_, 0, lead);
    drop_raw(lead);
    return true;
  }

  const bool cr_ends = has(Defect::bare_cr_ends_line);
  std::vector<HeadLine> lines;
  size_t pos = 0;
  bool complete = false;
  while (!complete) {
    size_t end = std::string::npos;
    size_t next = std::string::npos;
    for (size_t i = pos; i < raw_.size(); ++i) {
      if (raw_[i] == '\n') {
        end = (i > pos && raw_[i - 1] == '\r') ? i - 1 : i;
        next = i + 1;
        break;
      }
      if (raw_[i] == '\r' && cr_ends) {
        if (i + 1 == raw_.size()) break;  // CRLF or a bare CR: the next byte tells
        if (raw_[i + 1] != '\n') {
          end = i;
          next = i + 1;
          break;
        }
      }
    }
    if (next == std::string::npos) break;
    HeadLine l;
    l.text = raw_.substr(pos, end - pos);
    l.end = raw_.substr(end, next - end);
    pos = next;
    if (l.text.empty() && !lines.empty()) complete = true;
    lines.push_back(std::move(l));
  }
  if (!complete) {
    if (raw_.size() > max_head_) fall_back();  // the parser answers 431
    return false;
  }
  const size_t head_length = pos;

  // How the defective server reads each field line.
  bool changed = false;
  bool after_bare_cr = false;
  for (size_t i = 1; i + 1 < lines.size(); ++i) {
    HeadLine& l = lines[i];
    bool revealed = after_bare_cr;
    after_bare_cr = l.end == "\r";
    if (l.end == "\r") changed = true;
    if (l.text.empty() || l.text.front() == ' ' || l.text.front() == '\t') continue;
    size_t colon = l.text.find(':');
    if (colon == std::string::npos) continue;
    std::string name = l.text.substr(0, colon);
    std::string after = l.text.substr(colon + 1);
    if (has(Defect::underscore_as_dash)) {
      for (char& c : name) {
        if (c == '_') c = '-';
      }
    }
    if (has(Defect::lookalike_names)) {
      name = fold_lookalikes(name);
      after = fold_lookalikes(after);
    }
    if (has(Defect::nul_truncates_value)) {
      size_t nul = after.find('\0');
      if (nul != std::string::npos) after.resize(nul);
      nul = name.find('\0');
      if (nul != std::string::npos) name.resize(nul);
    }
    l.field = true;
    l.changed = name != std::string_view(l.text).substr(0, colon) ||
                after != std::string_view(l.text).substr(colon + 1);
    l.revealed = revealed || l.changed;
    l.name = std::move(name);
    l.after_colon = std::move(after);
    l.value = std::string(trim_ows(l.after_colon));
    if (l.changed) changed = true;
  }

  std::vector<HeadLine*> te;
  std::vector<HeadLine*> cl;
  for (size_t i = 1; i + 1 < lines.size(); ++i) {
    HeadLine& l = lines[i];
    if (!l.field) continue;
    if (iequals(l.name, "transfer-encoding")) te.push_back(&l);
    if (iequals(l.name, "content-length")) cl.push_back(&l);
  }
  const std::string& request_line = lines[0].text;
  const bool http10 = request_line.size() >= 9 &&
                      std::string_view(request_line).substr(request_line.size() - 9) == " HTTP/1.0";

  // Transfer-Encoding: strict (the parser decides), chunked, or none (the lines are ignored).
  enum class Te : uint8_t { strict, chunked, none } te_reading = Te::strict;
  if (!te.empty()) {
    std::vector<HeadLine*> counted = te;
    if (counted.size() > 1 && has(Defect::te_first_line_only)) counted.resize(1);
    if (counted.size() > 1 && has(Defect::te_last_line_only)) counted.erase(counted.begin(), counted.end() - 1);
    std::string combined;
    for (const HeadLine* l : counted) {
      if (!combined.empty()) combined += ", ";
      combined += l->value;
    }
    const std::string lc = lower(combined);
    std::vector<std::string> codings;
    for (size_t start = 0; start <= lc.size();) {
      size_t comma = lc.find(',', start);
      if (comma == std::string::npos) comma = lc.size();
      std::string_view c = trim_ows(std::string_view(lc).substr(start, comma - start));
      if (!c.empty()) codings.emplace_back(c);
      start = comma + 1;
    }
    bool any_chunked = false;
    for (const auto& c : codings) any_chunked |= c == "chunked";
    bool revealed = false;
    for (const HeadLine* l : counted) revealed |= l->revealed;

    if (has(Defect::te_first_line_only) || has(Defect::te_last_line_only)) {
      te_reading = lc == "chunked" || (codings.size() == 1 && any_chunked) ? Te::chunked : Te::none;
    }
    if (has(Defect::te_substring_chunked)) {
      te_reading = lc.find("chunked") != std::string::npos ? Te::chunked : Te::none;
    }
    if (has(Defect::accept_chunked_not_final)) {
      te_reading = any_chunked ? Te::chunked : Te::none;
    }
    if (has(Defect::ignore_unknown_coding)) te_reading = any_chunked ? Te::chunked : Te::none;
    if (has(Defect::te_case_sensitive)) {
      te_reading = trim_ows(combined) == "chunked" ? Te::chunked : Te::none;
    }
    if (has(Defect::te_no_ows_trim)) {
      bool all = true;
      // A reader that splits on ": " and compares the rest.
      for (const HeadLine* l : counted) all &= iequals(l->after_colon, " chunked");
      te_reading = all ? Te::chunked : Te::none;
    }
    if (revealed && codings.size() == 1 && any_chunked) te_reading = Te::chunked;
    if (te_reading == Te::strict && !cl.empty() && has(Defect::te_cl_use_cl)) te_reading = Te::none;
    if (http10 && has(Defect::ignore_te_in_http10)) te_reading = Te::none;
    if (has(Defect::ignore_transfer_encoding)) te_reading = Te::none;
  }

  // Content-Length, as the defective server reads it.
  bool cl_rewritten = false;
  uint64_t cl_value = 0;
  if (te_reading == Te::chunked) {
    for (HeadLine* l : cl) l->drop = true;  // the naive rule: chunked wins, silently
    if (!cl.empty()) changed = true;
    cl.clear();
  } else if (!cl.empty()) {
    if (has(Defect::first_content_length_wins)) {
      std::string_view first = cl.front()->value;
      size_t comma = first.find(',');
      if (cl.size() > 1 || comma != std::string_view::npos) {
        cl_value = 0;
        std::string_view v = trim_ows(first.substr(0, comma));
        if (strict_decimal(v, cl_value)) cl_rewritten = true;
      }
    }
    if (has(Defect::accept_bad_content_length)) {
      uint64_t n = 0;
      digits_only(cl.front()->value, n);
      uint64_t strict = 0;
      if (cl.size() == 1 && !strict_decimal(cl.front()->value, strict)) {
        cl_value = n;
        cl_rewritten = true;
      }
    }
  }

  Mode after = Mode::pass;
  uint64_t discard = 0;
  bool te_kept = !te.empty() && te_reading == Te::strict;
  if (has(Defect::answer_before_body) && !te_kept && te_reading != Te::chunked && !cl.empty()) {
    uint64_t n = cl_value;
    if (cl_rewritten || (cl.size() == 1 && strict_decimal(cl.front()->value, n))) {
      if (n > 0) {
        discard = n;
        after = Mode::discard;
        for (HeadLine* l : cl) l->drop = true;
        cl.clear();
        cl_rewritten = false;
        changed = true;
      }
    }
  }
  swallow_ = false;
  if (has(Defect::answer_before_body) && cl.empty() && te.size() == 1 &&
      (te_reading == Te::chunked ||
       (te_reading == Te::strict && iequals(te.front()->value, "chunked")))) {
    // The head goes to the parser without its body, which is then decoded and forgotten.
    te_reading = Te::none;
    after = Mode::chunk_line;
    swallow_ = true;
    changed = true;
  }
  const bool chunk_defects = has(Defect::accept_bad_chunk_size) ||
                             has(Defect::lenient_chunk_extensions) ||
                             has(Defect::chunk_data_by_line) || has(Defect::trailer_frames) ||
                             has(Defect::early_chunked_end);
  if (chunk_defects && cl.empty() && !swallow_) {
    bool plain_chunked = te.size() == 1 && iequals(te.front()->value, "chunked");
    if (te_reading == Te::chunked || (te_reading == Te::strict && plain_chunked)) {
      te_reading = Te::chunked;
      after = Mode::chunk_line;
      changed = true;
    }
  }
  if (te_reading != Te::strict || cl_rewritten) changed = true;

  if (!changed) {
    out_.append(raw_, 0, head_length);
  } else {
    out_ += lines[0].text;
    out_ += lines[0].end == "\n" ? "\n" : "\r\n";
    bool te_written = false;
    bool cl_written = false;
    bool skipping = false;  // the obs-fold lines of a field line left out go with it
    for (size_t i = 1; i + 1 < lines.size(); ++i) {
      HeadLine& l = lines[i];
      bool continuation = !l.text.empty() && (l.text.front() == ' ' || l.text.front() == '\t');
      if (continuation && skipping) continue;
      skipping = false;
      if (l.drop) {
        skipping = true;
        continue;
      }
      bool is_te = l.field && iequals(l.name, "transfer-encoding");
      bool is_cl = l.field && iequals(l.name, "content-length");
      if (is_te && te_reading != Te::strict) {
        if (te_reading == Te::chunked && !te_written) out_ += "Transfer-Encoding: chunked\r\n";
        te_written = true;
        skipping = true;
        continue;
      }
      if (is_cl && cl_rewritten) {
        skipping = true;
        if (!cl_written) {
          out_ += "Content-Length: ";
          append_number(out_, cl_value);
          out_ += "\r\n";
        }
        cl_written = true;
        continue;
      }
      if (l.changed) {
        out_ += l.name;
        out_ += ": ";
        out_ += l.value;
        out_ += "\r\n";
        continue;
      }
      out_ += l.text;
      out_ += l.end == "\r" ? "\r\n" : l.end;
    }
    out_ += lines.back().end == "\n" ? "\n" : "\r\n";
  }
  drop_raw(head_length);
  mode_ = after;
  remaining_ = discard;
  trailer_length_ = 0;
  trailer_length_seen_ = false;
  return true;
}

bool DefectiveFraming::take_chunk_line() {
  std::string_view line;
  size_t length = 0;
  if (!next_line(line, length)) return false;
  uint64_t size = 0;
  size_t p = 0;
  size_t digits = 0;
  if (has(Defect::accept_bad_chunk_size)) {
    // strtoull(line, nullptr, 16) with the sign ignored and no overflow check.
    while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
    if (p < line.size() && (line[p] == '+' || line[p] == '-')) ++p;
    if (p + 1 < line.size() && line[p] == '0' && (line[p + 1] == 'x' || line[p + 1] == 'X') &&
        p + 2 < line.size() && hex_value(line[p + 2]) >= 0) {
      p += 2;
    }
    for (; p < line.size() && hex_value(line[p]) >= 0; ++p, ++digits) {
      size = size * 16 + static_cast<uint64_t>(hex_value(line[p]));
    }
    if (digits == 0) {
      fall_back();
      return false;
    }
  } else {
    for (; p < line.size() && hex_value(line[p]) >= 0; ++p, ++digits) {
      size = size * 16 + static_cast<uint64_t>(hex_value(line[p]));
    }
    if (digits == 0 || digits > 16) {
      fall_back();
      return false;
    }
    std::string_view rest = line.substr(p);
    if (!rest.empty()) {
      std::string_view ext = trim_ows(rest);
      if (!has(Defect::lenient_chunk_extensions) || ext.empty() || ext.front() != ';') {
        fall_back();  // the parser judges the extension
        return false;
      }
    }
  }
  drop_raw(length);
  if (size == 0) {
    if (swallow_) {
      mode_ = Mode::trailers;
    } else if (has(Defect::early_chunked_end)) {
      out_ += "0\r\n\r\n";
      mode_ = Mode::head;
    } else {
      out_ += "0\r\n";
      mode_ = Mode::trailers;
    }
    return true;
  }
  remaining_ = size;
  mode_ = Mode::chunk_data;
  return true;
}

bool DefectiveFraming::take_chunk_data() {
  if (has(Defect::chunk_data_by_line)) {
    size_t crlf = raw_.find("\r\n");
    if (crlf == std::string::npos) {
      if (raw_.size() > kMaxLine) fall_back();
      return false;
    }
    if (crlf > 0) emit_chunk(std::string_view(raw_).substr(0, crlf));
    drop_raw(crlf + 2);
    mode_ = Mode::chunk_line;
    return true;
  }
  size_t n = static_cast<size_t>(std::min<uint64_t>(remaining_, raw_.size()));
  if (n == 0) return false;
  emit_chunk(std::string_view(raw_).substr(0, n));
  drop_raw(n);
  remaining_ -= n;
  if (remaining_ == 0) mode_ = Mode::chunk_crlf;
  return true;
}

bool DefectiveFraming::take_chunk_crlf() {
  if (raw_.size() < 2) {
    if (!raw_.empty() && raw_[0] != '\r') fall_back();
    return false;
  }
  if (raw_[0] != '\r' || raw_[1] != '\n') {
    fall_back();
    return false;
  }
  drop_raw(2);
  mode_ = Mode::chunk_line;
  return true;
}

bool DefectiveFraming::take_trailer_line() {
  std::string_view line;
  size_t length = 0;
  if (!next_line(line, length)) return false;
  if (line.empty()) {
    if (!swallow_) out_ += "\r\n";
    drop_raw(length);
    mode_ = Mode::head;
    if (trailer_length_seen_ && trailer_length_ > 0) {
      remaining_ = trailer_length_;
      mode_ = Mode::discard;
    }
    return true;
  }
  size_t colon = line.find(':');
  if (has(Defect::trailer_frames) && colon != std::string_view::npos &&
      iequals(line.substr(0, colon), "content-length")) {
    uint64_t n = 0;
    if (strict_decimal(trim_ows(line.substr(colon + 1)), n)) {
      // Merged into the header section, where it frames the body.
      trailer_length_ = n;
      trailer_length_seen_ = true;
      drop_raw(length);
      return true;
    }
  }
  if (!swallow_) out_.append(raw_, 0, length);
  drop_raw(length);
  return true;
}

bool DefectiveFraming::take_discard() {
  size_t n = static_cast<size_t>(std::min<uint64_t>(remaining_, raw_.size()));
  drop_raw(n);
  remaining_ -= n;
  if (remaining_ == 0) mode_ = Mode::head;
  return n > 0 || remaining_ == 0;
}

}  // namespace wirecheck::server
