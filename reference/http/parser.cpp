// The reference HTTP/1.1 parser (RFC 9112). See parser.h for the feed() contract.
//
// Shape: the message head, chunk-size lines and trailers are parsed a whole line at a time: a
// line is only looked at once its LF has arrived, so every event carries complete spans and a
// split anywhere gives the same result as the whole buffer. Body bytes stream through as they
// come. Length limits are decided from the line's length alone (before its content), so a long
// line fails the same way whether it arrived at once or byte by byte.
#include "reference/http/parser.h"

#include <array>
#include <cstring>

#include "reference/http/char_classes.h"

namespace wirecheck::http {

enum class Parser::State : uint8_t {
  start_line,
  fields,
  body_length,
  chunk_size,
  chunk_data,
  chunk_data_crlf,
  trailers,
  body_close,
  tunnel,
  error,
};

namespace {

// The names note_field() acts on, by length: the lower-case first letter of the one of that
// length (host, expect, upgrade, connection and content-length, transfer-encoding), 0 for
// none. Any other name only sets last_field_ to other; this lets most skip the call (a name's
// first byte OR 0x20 is never 0).
constexpr std::array<char, 32> kNotedNameFirst = [] {
  std::array<char, 32> t{};
  t[4] = 'h';
  t[6] = 'e';
  t[7] = 'u';
  t[10] = 'c';
  t[14] = 'c';
  t[17] = 't';
  return t;
}();

bool iequals(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != lower[i]) return false;
  }
  return true;
}

bool is_ows(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}

// Codes that observer mode reports and then gets past. Everything else stops the parser.
bool recoverable_in_observer(ErrorCode code) {
  switch (code) {
    case ErrorCode::bare_lf:
    case ErrorCode::whitespace_after_start_line:
    case ErrorCode::obs_fold:
    case ErrorCode::space_before_colon:
    case ErrorCode::missing_colon:
    case ErrorCode::invalid_field_name:
    case ErrorCode::invalid_trailer_field:
    case ErrorCode::invalid_field_value:
    case ErrorCode::invalid_reason:
    case ErrorCode::missing_reason_space:
    case ErrorCode::content_length_list:
    case ErrorCode::content_length_with_transfer_encoding:
    case ErrorCode::transfer_encoding_in_http10:
    case ErrorCode::unsupported_transfer_coding:
    case ErrorCode::missing_host:
    case ErrorCode::duplicate_host:
    case ErrorCode::invalid_host:
    case ErrorCode::target_fragment:
    case ErrorCode::invalid_target:
      return true;
    default:
      return false;
  }
}

}  // namespace

Parser::Parser(MessageKind kind, Handler& handler, const Options& options)
    : kind_(kind), handler_(handler), options_(options), state_(State::start_line) {
  const Limits& l = options_.limits;
  short_line_ = l.max_start_line;
  if (l.max_field_line < short_line_) short_line_ = l.max_field_line;
  size_t chunk_line = l.max_chunk_size_digits + l.max_chunk_extension_bytes;
  if (chunk_line < short_line_) short_line_ = chunk_line;
}

// A cheap test that lets nearly every line skip the exact limit check in overflow().
bool Parser::may_overflow(size_t pending) const {
  return pending >= short_line_ || section_bytes_ + pending + 1 > options_.limits.max_header_bytes;
}

void Parser::reset() {
  state_ = State::start_line;
  error_ = {};
  offset_ = 0;
  scanned_ = 0;
  line_dirty_ = false;
  pending_ = 0;
  request_head_ = false;
  request_connect_ = false;
  begin_message();
}

void Parser::begin_message() {
  // In declaration order (parser.h), which lets the compiler merge the stores.
  line_number_ = 0;
  empty_lines_ = 0;
  section_bytes_ = 0;
  body_remaining_ = 0;
  body_received_ = 0;
  chunk_overhead_ = 0;
  te_offset_ = 0;
  cl_offset_ = 0;
  host_count_ = 0;
  content_length_count_ = 0;
  connection_close_ = false;
  connection_keep_alive_ = false;
  connection_upgrade_ = false;
  has_upgrade_field_ = false;
  chunked_seen_ = false;
  last_coding_chunked_ = false;
  other_coding_ = false;
  last_field_ = FieldKind::none;
  head_ = Head{};
}

void Parser::set_request_method(std::string_view method) {
  request_head_ = method == "HEAD";
  request_connect_ = method == "CONNECT";
}

bool Parser::idle() const {
  return state_ == State::start_line && pending_ == 0 && empty_lines_ == 0;
}

bool Parser::in_tunnel() const { return state_ == State::tunnel; }

bool Parser::tolerates(ErrorCode code) const {
  const Leniency& l = options_.lenient;
  bool lenient = false;
  switch (code) {
    case ErrorCode::bare_lf: lenient = l.bare_lf; break;
    case ErrorCode::obs_fold:
    case ErrorCode::whitespace_after_start_line: lenient = l.obs_fold; break;
    case ErrorCode::space_before_colon: lenient = l.space_before_colon; break;
    case ErrorCode::content_length_list: lenient = l.content_length_list; break;
    case ErrorCode::content_length_with_transfer_encoding:
      lenient = l.content_length_with_transfer_encoding;
      break;
    case ErrorCode::missing_reason_space: lenient = l.missing_reason_space; break;
    case ErrorCode::missing_host: lenient = l.missing_host; break;
    default: break;
  }
  return lenient || (options_.observer && recoverable_in_observer(code));
}

bool Parser::violation(ErrorCode code, uint64_t offset) {
  Error e{code, offset, line_number_, 0, 0};
  if (!tolerates(code)) {
    pending_error_ = e;
    return false;
  }
  handler_.on_violation(e);
  return true;
}

FeedResult Parser::fail(size_t consumed, Error error) {
  state_ = State::error;
  error_ = error;
  offset_ += consumed;
  pending_ = 0;
  return {consumed, Status::error};
}

// ---------------------------------------------------------------------------------------------
// Line limits

Error Parser::overflow(std::string_view pending, uint64_t at) const {
  // `pending` is every byte of the line seen so far except its LF (so it may end in the CR).
  // A limit is exceeded as soon as enough bytes have arrived to be sure; the same rule is used
  // for complete lines, so whole and split input agree.
  size_t limit = 0;
  uint64_t room = UINT64_MAX;  // bytes the enclosing section may still take, terminator included
  ErrorCode line_code = ErrorCode::none;
  ErrorCode room_code = ErrorCode::none;
  switch (state_) {
    case State::start_line:
      limit = options_.limits.max_start_line;
      line_code = ErrorCode::start_line_too_long;
      break;
    case State::fields:
    case State::trailers: {
      limit = options_.limits.max_field_line;
      line_code = ErrorCode::field_line_too_long;
      uint64_t max = options_.limits.max_header_bytes;
      room = section_bytes_ < max ? max - section_bytes_ : 0;
      room_code = state_ == State::fields ? ErrorCode::header_section_too_large
                                          : ErrorCode::trailer_section_too_large;
      break;
    }
    case State::chunk_size:
      limit = options_.limits.max_chunk_size_digits + options_.limits.max_chunk_extension_bytes;
      line_code = ErrorCode::chunk_extension_too_long;
      break;
    default:
      return {};
  }
  size_t p = pending.size();
  // A line of exactly `limit` content bytes is fine if the byte after them is its CR.
  size_t line_threshold = limit + 1;
  if (p > limit && pending[limit] == '\r') line_threshold = limit + 2;
  bool line_over = p >= line_threshold;
  bool room_over = room != UINT64_MAX && p >= room;
  if (line_over && (!room_over || line_threshold <= room)) {
    if (state_ == State::chunk_size) return chunk_line_overflow(pending, at);
    return Error{line_code, at + limit, line_number_ + 1, limit, limit + 1};
  }
  if (room_over) return Error{room_code, at + room, line_number_ + 1, options_.limits.max_header_bytes, 0};
  return {};
}

// Which part of an over-long chunk-size line is to blame, judged from its first bytes only.
Error Parser::chunk_line_overflow(std::string_view pending, uint64_t at) const {
  const Limits& lim = options_.limits;
  size_t digits = 0;
  while (digits < pending.size() && digits <= lim.max_chunk_size_digits &&
         hex_value(pending[digits]) >= 0) {
    ++digits;
  }
  if (digits > lim.max_chunk_size_digits) {
    return Error{ErrorCode::chunk_size_too_long, at + lim.max_chunk_size_digits, 0, 0, 0};
  }
  if (digits == 0) return Error{ErrorCode::invalid_chunk_size, at, 0, 0, 0};
  char next = pending[digits];
  if (next != ';' && !is_ows(next)) return Error{ErrorCode::invalid_chunk_size, at + digits, 0, 0, 0};
  return Error{ErrorCode::chunk_extension_too_long, at + digits + lim.max_chunk_extension_bytes, 0,
               0, 0};
}

// ---------------------------------------------------------------------------------------------
// feed

FeedResult Parser::feed(std::string_view bytes) {
  // A request that starts afresh takes the fast paths straight from here, outside the general
  // loop's large frame; whatever they leave, the loop continues from where they stopped.
  size_t pos = 0;
  if (state_ == State::start_line && kind_ == MessageKind::request && scanned_ == 0 &&
      !line_dirty_ && (pos = fast_request_line(bytes, 0)) != 0) {
    Step step = fast_fields(bytes, pos);
    if (step == Step::complete) return complete(pos, bytes.size());
    if (step == Step::failed) return fail(pos, pending_error_);
    if (state_ == State::chunk_size && fast_chunks(bytes, pos) == Fast::complete) {
      return complete(pos, bytes.size());
    }
  }
  return feed_from(bytes, pos);
}

FeedResult Parser::feed_from(std::string_view bytes, size_t pos) {
  if (state_ == State::error) return {0, Status::error};
  if (state_ == State::tunnel) {
    return fail(0, Error{ErrorCode::tunnel, offset_, 0, 0, 0});
  }
  const char* base = bytes.data();
  const size_t n = bytes.size();

  for (;;) {
    switch (state_) {
      case State::start_line:
      case State::fields:
      case State::chunk_size:
      case State::trailers: {
        if (scanned_ == 0 && !line_dirty_) {
          // Fast paths for the plain, common lines; they leave anything unusual to the general
          // path below, which handles every case, with the same effects.
          if (state_ == State::start_line && kind_ == MessageKind::request) {
            size_t after = fast_request_line(bytes, pos);
            if (after == 0) goto general;
            pos = after;
            // The field lines follow at once: straight on to their fast path.
          }
          if (state_ == State::fields) {
            size_t line_start = pos;
            Step step = fast_fields(bytes, pos);
            if (step == Step::failed) return fail(pos, pending_error_);
            if (step == Step::complete) return complete(pos, n);
            if (pos != line_start) break;  // the head may be done: go by the state again
          } else if (state_ == State::chunk_size) {
            Fast fast = fast_chunks(bytes, pos);
            if (fast == Fast::complete) return complete(pos, n);
            if (fast == Fast::progress) break;
          }
        }
      general:
        if (pos == n) return need_more(pos, n);
        // Find the line's end. The common case is one SSE2 scan for the first control byte:
        // when that is the CRLF (or a bare LF), the line also holds no forbidden byte, and field
        // values need no second look. A line with a control byte inside takes the slow path.
        size_t from = pos + scanned_;
        size_t nl = n;
        bool clean = false;
        if (!line_dirty_) {
          size_t k = from + first_invalid_value_byte(base + from, n - from);
          if (k < n && base[k] == '\n') {
            nl = k;
            clean = true;
          } else if (k < n && base[k] == '\r' && k + 1 < n && base[k + 1] == '\n') {
            nl = k + 1;
            clean = true;
          } else if (k + 1 >= n) {
            // No line end yet (or a CR as the last byte): remember how far is known clean.
            scanned_ = k - pos;
          } else {
            line_dirty_ = true;
            from = k;
          }
        }
        if (!clean) {
          const void* lf = from < n ? std::memchr(base + from, '\n', n - from) : nullptr;
          if (lf == nullptr) {
            if (line_dirty_) scanned_ = n - pos;
            if (may_overflow(n - pos)) {
              if (Error e = overflow(bytes.substr(pos), offset_ + pos)) return fail(pos, e);
            }
            return need_more(pos, n);
          }
          nl = static_cast<size_t>(static_cast<const char*>(lf) - base);
        }
        scanned_ = 0;
        line_dirty_ = false;
        if (may_overflow(nl - pos)) {
          if (Error e = overflow(bytes.substr(pos, nl - pos), offset_ + pos)) return fail(pos, e);
        }
        bool crlf = nl > pos && base[nl - 1] == '\r';
        Line line{bytes.substr(pos, (crlf ? nl - 1 : nl) - pos), offset_ + pos, offset_ + nl, crlf,
                  clean};
        Step step = on_line(line);
        if (step == Step::failed) return fail(pos, pending_error_);
        pos = nl + 1;
        if (step == Step::complete) return complete(pos, n);
        break;
      }
      case State::body_length: {
        if (pos == n) return need_more(pos, n);
        size_t take = n - pos;
        if (take > body_remaining_) take = static_cast<size_t>(body_remaining_);
        handler_.on_body(bytes.substr(pos, take));
        pos += take;
        body_remaining_ -= take;
        body_received_ += take;
        if (body_remaining_ == 0) {
          complete_message();
          return complete(pos, n);
        }
        break;
      }
      case State::chunk_data: {
        if (pos == n) return need_more(pos, n);
        size_t take = n - pos;
        if (take > body_remaining_) take = static_cast<size_t>(body_remaining_);
        handler_.on_body(bytes.substr(pos, take));
        pos += take;
        body_remaining_ -= take;
        body_received_ += take;
        if (body_remaining_ == 0) state_ = State::chunk_data_crlf;
        break;
      }
      case State::chunk_data_crlf: {
        // Exactly CRLF must follow the data; checked byte by byte so data that is longer than its
        // chunk size is caught at its first extra byte.
        if (pos == n) return need_more(pos, n);
        if (base[pos] == '\n') {
          if (!violation(ErrorCode::bare_lf, offset_ + pos)) return fail(pos, pending_error_);
          pos += 1;
          chunk_overhead_ += 1;
        } else if (base[pos] == '\r') {
          if (pos + 1 == n) return need_more(pos, n);
          if (base[pos + 1] != '\n') {
            return fail(pos, Error{ErrorCode::missing_chunk_data_crlf, offset_ + pos + 1, 0, 0, 0});
          }
          pos += 2;
          chunk_overhead_ += 2;
        } else {
          return fail(pos, Error{ErrorCode::missing_chunk_data_crlf, offset_ + pos, 0, 0, 0});
        }
        state_ = State::chunk_size;
        break;
      }
      case State::body_close: {
        if (pos == n) return need_more(pos, n);
        uint64_t room = options_.limits.max_body_bytes - body_received_;
        size_t take = n - pos;
        if (take > room) take = static_cast<size_t>(room);
        if (take > 0) handler_.on_body(bytes.substr(pos, take));
        body_received_ += take;
        pos += take;
        if (pos < n) {
          return fail(pos, Error{ErrorCode::body_too_large, offset_ + pos, 0,
                                 options_.limits.max_body_bytes, body_received_ + 1});
        }
        break;
      }
      case State::tunnel:
      case State::error:
        return need_more(pos, n);
    }
  }
}

FeedResult Parser::need_more(size_t consumed, size_t size) {
  offset_ += consumed;
  pending_ = size - consumed;
  return {consumed, Status::need_more};
}

FeedResult Parser::complete(size_t consumed, size_t size) {
  offset_ += consumed;
  pending_ = size - consumed;
  return {consumed, Status::message_complete};
}

void Parser::complete_message() {
  bool tunnel = head_.upgrade && (kind_ == MessageKind::response ||
                                  head_.target_form == TargetForm::authority);
  bool interim = head_.interim;
  handler_.on_message_complete();
  begin_message();
  if (!interim) {
    // The request method only frames the response that answers it (1xx ones included).
    request_head_ = false;
    request_connect_ = false;
  }
  state_ = tunnel ? State::tunnel : State::start_line;
}

// ---------------------------------------------------------------------------------------------
// Lines

Parser::Step Parser::on_line(const Line& line) {
  if (state_ == State::fields || state_ == State::trailers) return on_field_line(line);
  if (state_ == State::chunk_size) return on_chunk_size_line(line);
  return on_start_line(line);
}

bool Parser::terminator(const Line& line) {
  return line.crlf || violation(ErrorCode::bare_lf, line.lf_offset);
}

Parser::Step Parser::on_start_line(const Line& line) {
  if (line.text.empty()) {
    // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request line.
    if (kind_ == MessageKind::response) {
      return fail_step(ErrorCode::invalid_version, line.offset);
    }
    if (empty_lines_ >= options_.limits.max_leading_empty_lines) {
      return fail_step(ErrorCode::too_many_empty_lines, line.offset);
    }
    if (!terminator(line)) return Step::failed;
    ++empty_lines_;
    return Step::more;
  }
  line_number_ = 1;
  handler_.on_message_begin(line.offset);
  Step step = kind_ == MessageKind::request ? parse_request_line(line) : parse_status_line(line);
  if (step == Step::failed) return step;
  section_bytes_ = 0;
  state_ = State::fields;
  return Step::more;
}

Parser::Step Parser::fail_step(ErrorCode code, uint64_t offset) {
  pending_error_ = Error{code, offset, line_number_, 0, 0};
  return Step::failed;
}

namespace {

bool parse_version(std::string_view s, int& major, int& minor) {
  if (s.size() != 8 || s.substr(0, 5) != "HTTP/" || !is_digit(s[5]) || s[6] != '.' ||
      !is_digit(s[7])) {
    return false;
  }
  major = s[5] - '0';
  minor = s[7] - '0';
  return true;
}

// Where `version` goes wrong, for the error offset: the first byte that breaks "HTTP/" D "." D.
size_t version_error_index(std::string_view s) {
  static constexpr std::string_view kPrefix = "HTTP/";
  size_t i = 0;
  for (; i < kPrefix.size(); ++i) {
    if (i >= s.size() || s[i] != kPrefix[i]) return i;
  }
  if (i >= s.size() || !is_digit(s[i])) return i;
  ++i;
  if (i >= s.size() || s[i] != '.') return i;
  ++i;
  if (i >= s.size() || !is_digit(s[i])) return i;
  return i + 1;
}

// authority-form (RFC 9112 §3.2.3): uri-host ":" port, as CONNECT needs it.
bool is_authority_form(std::string_view t) {
  size_t colon = t.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == t.size()) return false;
  for (size_t i = colon + 1; i < t.size(); ++i) {
    if (!is_digit(t[i])) return false;
  }
  std::string_view host = t.substr(0, colon);
  if (host.front() == '[') return host.back() == ']';
  for (char c : host) {
    if (c != '%' && !is_host_char(c)) return false;
  }
  return true;
}

// absolute-form: scheme ":" hier-part (RFC 3986 §3), scheme = ALPHA *( ALPHA / DIGIT / + - . )
bool has_scheme(std::string_view t) {
  if (t.empty() || !is_alpha(t[0])) return false;
  for (size_t i = 1; i < t.size(); ++i) {
    char c = t[i];
    if (c == ':') return i + 1 < t.size();
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

}  // namespace

Parser::Step Parser::parse_request_line(const Line& line) {
  std::string_view s = line.text;
  const uint64_t at = line.offset;
  size_t i = 0;
  const size_t n = s.size();
  i = token_length(s);
  if (i == 0) {
    return fail_step(s[0] == ' ' || s[0] == '\t' ? ErrorCode::empty_method : ErrorCode::invalid_method,
                     at);
  }
  std::string_view method = s.substr(0, i);
  if (i == n) return fail_step(ErrorCode::http09_request, at + i);
  if (s[i] != ' ') {
    return fail_step(s[i] == '\t' ? ErrorCode::request_line_spacing : ErrorCode::invalid_method,
                     at + i);
  }
  ++i;
  size_t target_start = i;
  if (i < n && (s[i] == ' ' || s[i] == '\t')) return fail_step(ErrorCode::request_line_spacing, at + i);
  // The target ends at the next SP; every byte up to it must be allowed in a URI.
  size_t target_end = i + target_length(s.substr(i));
  size_t bad = SIZE_MAX;
  if (target_end < n && s[target_end] != ' ') {
    // An offending byte: the target still ends at the next SP, to judge the rest of the line.
    bad = target_end;
    while (target_end < n && s[target_end] != ' ') ++target_end;
  }
  if (target_end == target_start) return fail_step(ErrorCode::empty_target, at + i);
  std::string_view target = s.substr(target_start, target_end - target_start);
  // An offending byte inside the target is reported before anything later in the line.
  if (bad != SIZE_MAX) {
    char c = s[bad];
    ErrorCode code = c == '#'    ? ErrorCode::target_fragment
                     : c == '\t' ? ErrorCode::request_line_spacing
                     : c == '\r' ? ErrorCode::bare_cr
                                 : ErrorCode::invalid_target;
    if (!violation(code, at + bad)) return Step::failed;
  } else if (target.find('%') != std::string_view::npos && !valid_percent_encoding(target)) {
    if (!violation(ErrorCode::invalid_target, at + target_start + bad_percent_index(target))) {
      return Step::failed;
    }
  }
  if (target_end == n) {
    // No SP after the target: an HTTP/0.9 "GET /path" line, or a version glued to the target.
    return fail_step(ErrorCode::http09_request, at + n);
  }
  i = target_end + 1;
  if (i < n && (s[i] == ' ' || s[i] == '\t')) return fail_step(ErrorCode::request_line_spacing, at + i);
  std::string_view version = s.substr(i);
  int major = 0;
  int minor = 0;
  if (!parse_version(version, major, minor)) {
    size_t k = version_error_index(version);
    if (k < version.size() && (version[k] == ' ' || version[k] == '\t') && k == 8) {
      return fail_step(ErrorCode::request_line_spacing, at + i + k);
    }
    if (k < version.size() && version[k] == '\r') return fail_step(ErrorCode::bare_cr, at + i + k);
    return fail_step(ErrorCode::invalid_version, at + i + k);
  }

  // Which target forms the method allows (RFC 9112 §3.2).
  TargetForm form;
  bool connect = method == "CONNECT";
  if (target == "*") {
    form = TargetForm::asterisk;
  } else if (target[0] == '/') {
    form = TargetForm::origin;
  } else if (is_authority_form(target) && (connect || !has_scheme(target) ||
                                           target.find('/') == std::string_view::npos)) {
    form = TargetForm::authority;
  } else if (has_scheme(target)) {
    form = TargetForm::absolute;
  } else {
    return fail_step(ErrorCode::invalid_target, at + target_start);
  }
  bool allowed = connect ? form == TargetForm::authority
                         : (form == TargetForm::origin || form == TargetForm::absolute ||
                            (form == TargetForm::asterisk && method == "OPTIONS"));
  if (!allowed) return fail_step(ErrorCode::target_form_mismatch, at + target_start);
  if (!terminator(line)) return Step::failed;

  head_.version_major = major;
  head_.version_minor = minor;
  head_.target_form = form;
  handler_.on_request_line(method, target, major, minor);
  return Step::more;
}

Parser::Step Parser::parse_status_line(const Line& line) {
  std::string_view s = line.text;
  const uint64_t at = line.offset;
  int major = 0;
  int minor = 0;
  if (s.size() < 8 || !parse_version(s.substr(0, 8), major, minor)) {
    size_t k = version_error_index(s.substr(0, s.size() < 8 ? s.size() : 8));
    return fail_step(ErrorCode::invalid_version, at + k);
  }
  if (s.size() == 8 || s[8] != ' ') return fail_step(ErrorCode::invalid_status_code, at + 8);
  size_t i = 9;
  int status = 0;
  for (int d = 0; d < 3; ++d, ++i) {
    if (i >= s.size() || !is_digit(s[i]) || (d == 0 && s[i] == '0')) {
      return fail_step(ErrorCode::invalid_status_code, at + i);
    }
    status = status * 10 + (s[i] - '0');
  }
  std::string_view reason;
  if (i == s.size()) {
    if (!violation(ErrorCode::missing_reason_space, at + i)) return Step::failed;
  } else if (s[i] != ' ') {
    return fail_step(ErrorCode::invalid_status_code, at + i);
  } else {
    reason = s.substr(i + 1);
    size_t bad = line.clean ? reason.size() : first_invalid_value_byte(reason.data(), reason.size());
    if (bad != reason.size()) {
      ErrorCode code = reason[bad] == '\r' ? ErrorCode::bare_cr : ErrorCode::invalid_reason;
      if (code == ErrorCode::bare_cr) return fail_step(code, at + i + 1 + bad);
      if (!violation(code, at + i + 1 + bad)) return Step::failed;
    }
  }
  if (!terminator(line)) return Step::failed;
  head_.version_major = major;
  head_.version_minor = minor;
  head_.status = status;
  handler_.on_status_line(major, minor, status, reason);
  return Step::more;
}

Parser::Step Parser::on_field_line(const Line& line) {
  const bool trailer = state_ == State::trailers;
  std::string_view s = line.text;
  const uint64_t at = line.offset;
  section_bytes_ += (line.lf_offset - line.offset) + 1;
  ++line_number_;

  if (s.empty()) {
    if (!terminator(line)) return Step::failed;
    if (trailer) {
      chunk_overhead_ += (line.lf_offset - line.offset) + 1;
      complete_message();
      return Step::complete;
    }
    return finish_head(line.offset);
  }

  if (is_ows(s[0])) {
    // A line starting with whitespace continues the previous field (obs-fold, RFC 9112 §5.2), or,
    // right after the start line, is the whitespace line RFC 9112 §2.2 warns about.
    bool first = line_number_ == 2 && !trailer;
    if (first || last_field_ == FieldKind::none) {
      if (!violation(first ? ErrorCode::whitespace_after_start_line : ErrorCode::obs_fold, at)) {
        return Step::failed;
      }
      return terminator(line) ? Step::more : Step::failed;  // consumed without processing
    }
    if (last_field_ != FieldKind::other) {
      // Folding a framing field would make its value ambiguous between hops: never tolerated.
      return fail_step(ErrorCode::obs_fold, at);
    }
    if (!violation(ErrorCode::obs_fold, at)) return Step::failed;
    std::string_view more = trim_ows(s);
    size_t bad = first_invalid_value_byte(more.data(), more.size());
    if (bad != more.size()) {
      uint64_t off = at + static_cast<uint64_t>(more.data() - s.data()) + bad;
      if (more[bad] == '\r') return fail_step(ErrorCode::bare_cr, off);
      if (!violation(ErrorCode::invalid_field_value, off)) return Step::failed;
    }
    if (!terminator(line)) return Step::failed;
    if (!more.empty()) handler_.on_field_continuation(more);
    return Step::more;
  }

  if (++head_.field_count > options_.limits.max_field_count) {
    pending_error_ = Error{ErrorCode::too_many_fields, at, line_number_,
                           options_.limits.max_field_count, head_.field_count};
    return Step::failed;
  }
  // A malformed trailer line has its own code: trailers frame nothing, but a recipient that
  // misreads them desynchronises all the same.
  const ErrorCode no_colon = trailer ? ErrorCode::invalid_trailer_field : ErrorCode::missing_colon;
  const ErrorCode bad_name = trailer ? ErrorCode::invalid_trailer_field : ErrorCode::invalid_field_name;
  const ErrorCode empty_name = trailer ? ErrorCode::invalid_trailer_field : ErrorCode::empty_field_name;

  size_t n = s.size();
  size_t i = token_length(s);
  size_t name_end = i;
  if (i == n || s[i] != ':') {
    size_t colon = s.find(':', i);
    size_t j = i;
    while (j < n && is_ows(s[j])) ++j;
    if (i == n || colon == std::string_view::npos) {
      if (!violation(no_colon, at + n)) return Step::failed;
      last_field_ = FieldKind::none;
      return terminator(line) ? Step::more : Step::failed;
    }
    if (i > 0 && j == colon && is_ows(s[i])) {
      if (!violation(ErrorCode::space_before_colon, at + i)) return Step::failed;
      i = j;
    } else if (i == 0 && s[0] == ':') {
      return fail_step(empty_name, at);
    } else {
      if (s[i] == '\r') return fail_step(ErrorCode::bare_cr, at + i);
      if (!violation(bad_name, at + i)) return Step::failed;
      last_field_ = FieldKind::none;
      return terminator(line) ? Step::more : Step::failed;
    }
  }
  if (name_end == 0) return fail_step(empty_name, at);
  std::string_view name = s.substr(0, name_end);
  size_t v = i + 1;
  if (v < n && s[v] == ' ') ++v;  // the usual single SP
  while (v < n && is_ows(s[v])) ++v;
  size_t e = n;
  while (e > v && is_ows(s[e - 1])) --e;
  std::string_view value = s.substr(v, e - v);
  size_t bad = line.clean ? value.size() : first_invalid_value_byte(value.data(), value.size());
  if (bad != value.size()) {
    if (value[bad] == '\r') return fail_step(ErrorCode::bare_cr, at + v + bad);
    if (!violation(ErrorCode::invalid_field_value, at + v + bad)) return Step::failed;
  }
  if (!terminator(line)) return Step::failed;

  if (trailer) {
    last_field_ = FieldKind::other;
    handler_.on_trailer(name, value);
    return Step::more;
  }
  if (note_field(name, value, at + v) == Step::failed) return Step::failed;
  handler_.on_field(name, value);
  return Step::more;
}

// A request line in its usual shape: token SP origin-form target (no pct-encoding) SP
// "HTTP/" DIGIT "." DIGIT CRLF, by a method other than CONNECT, within the limit. Anything else
// goes to parse_request_line(), which handles every case with the same effects for these.
// Returns the position after the line's LF, or 0 when it declines (returned rather than stored
// through a reference, the position stays in a register in the caller).
size_t Parser::fast_request_line(std::string_view bytes, size_t pos) {
  const char* base = bytes.data();
  const size_t n = bytes.size();
  const char* p = base + pos;
  const size_t avail = n - pos;
  // The line's end first: the first byte that is neither VCHAR, SP, HTAB nor obs-text. For the
  // lines taken here that is the CR of the CRLF, and as no part of the line can hold a CR, it
  // bounds the scans below, which then need no other bound.
  const size_t cr = first_invalid_value_byte_from(base, pos, n) - pos;
  if (cr + 1 >= avail || p[cr] != '\r' || p[cr + 1] != '\n') return 0;
  // 12 bytes is the shortest such line ("M / HTTP/1.1"): the 4-byte look below stays inside it.
  if (cr < 12 || cr + 1 >= short_line_) return 0;
  // The two commonest methods are recognised whole; any other is a token run.
  const bool get = std::memcmp(p, "GET ", 4) == 0;
  const size_t m = get                              ? 3
                   : std::memcmp(p, "POST ", 5) == 0 ? 4
                                                     : class_run_to_stop<detail::kToken>(p);
  if (m == 0 || p[m] != ' ' || p[m + 1] != '/') return 0;
  const size_t t = m + 1;
  const size_t te = t + class_run_to_stop<detail::kPlainTarget>(p + t);
  // te: the SP after the target; then "HTTP/x.y" and the CR.
  if (te + 9 != cr || p[te] != ' ') return 0;
  const char* v = p + te + 1;
  if (std::memcmp(v, "HTTP/", 5) != 0 || !is_digit(v[5]) || v[6] != '.' || !is_digit(v[7])) {
    return 0;
  }
  std::string_view method(p, m);
  if (!get && method == "CONNECT") return 0;
  head_.version_major = v[5] - '0';
  head_.version_minor = v[7] - '0';
  head_.target_form = TargetForm::origin;
  line_number_ = 1;
  section_bytes_ = 0;
  handler_.on_message_begin(offset_ + pos);
  handler_.on_request_line(method, std::string_view(p + t, te - t), head_.version_major,
                           head_.version_minor);
  state_ = State::fields;
  return pos + cr + 2;
}

// Field lines that are plainly well formed (a token name, ':', a value free of control bytes,
// CRLF, within every limit) are taken here in a tight loop; anything else, and the empty line
// that ends the head, is left to on_field_line(). Both have the same effects for these lines.
Parser::Step Parser::fast_fields(std::string_view bytes, size_t& pos_io) {
  const char* base = bytes.data();
  const size_t n = bytes.size();
  // In a local, stored back on the way out: not reloaded from memory after each handler call.
  size_t pos = pos_io;
  auto leave = [&](Step step) {
    pos_io = pos;
    return step;
  };
  while (pos < n) {
    const char* p = base + pos;
    const size_t avail = n - pos;
    if (p[0] == '\r' && avail >= 2 && p[1] == '\n' && !may_overflow(1)) {
      // The empty line: the head is complete.
      section_bytes_ += 2;
      ++line_number_;
      Step step = finish_head(offset_ + pos);
      pos_io = step != Step::failed ? pos + 2 : pos;
      return step;
    }
    // One scan finds the line's end and checks the value: the first control byte (other than
    // HTAB) must be the CR of the CRLF. Name, colon and whitespace hold no such byte, so the
    // scans below stop at that CR at the latest.
    const size_t k = first_invalid_value_byte_from(base, pos, n) - pos;
    if (k + 1 >= avail || p[k] != '\r' || p[k + 1] != '\n') return leave(Step::more);
    // The name: 16 bytes at a time while it holds only the usual bytes, then byte by byte.
    size_t i = name_run16(p, avail);
    if (p[i] != ':') i += class_run_to_stop<detail::kToken>(p + i);
    if (i == 0 || p[i] != ':') return leave(Step::more);
    if (may_overflow(k + 1) || head_.field_count >= options_.limits.max_field_count) {
      return leave(Step::more);
    }
    size_t v = i + 1;
    if (p[v] == ' ') ++v;  // the usual single SP
    size_t e = k;
    // Before k every byte is HTAB or at least SP, so one compare tells OWS from the rest (and
    // the CR at k, for an empty value, is caught too): most values need no trimming.
    if (static_cast<unsigned char>(p[v]) <= ' ' || static_cast<unsigned char>(p[k - 1]) <= ' ') {
      while (is_ows(p[v])) ++v;
      while (e > v && is_ows(p[e - 1])) --e;
    }
    section_bytes_ += k + 2;
    ++line_number_;
    ++head_.field_count;
    std::string_view name(p, i);
    std::string_view value(p + v, e - v);
    // Only names of the length and first letter of one of note_field()'s can be one of them.
    if (i < kNotedNameFirst.size() && kNotedNameFirst[i] == (p[0] | 0x20)) {
      if (note_field(name, value, offset_ + pos + v) == Step::failed) return leave(Step::failed);
    } else {
      last_field_ = FieldKind::other;
    }
    handler_.on_field(name, value);
    pos += k + 2;
  }
  return leave(Step::more);
}

// Chunks in their usual shape (hex digits, CRLF, the data, CRLF, within the limits) are taken
// here one after another without going round feed()'s state loop, and so is the empty trailer
// section that usually follows the last chunk. Declines, having changed nothing, when the first
// chunk-size line is anything else; stops, in the right state, at the first chunk it cannot take
// whole.
Parser::Fast Parser::fast_chunks(std::string_view bytes, size_t& pos) {
  if (options_.limits.max_chunk_size_digits > 16) return Fast::declined;  // 16 digits: 64 bits
  // Pointers rather than indexes, and the counters in locals: few values live across the
  // handler calls, so none has to be saved and restored around each. Nothing the handler can
  // see depends on the counters before they are stored back.
  const char* const start = bytes.data() + pos;
  const char* const end = bytes.data() + bytes.size();
  const char* p = start;
  uint64_t received = body_received_;
  uint64_t overhead = chunk_overhead_;
  for (;;) {
    const size_t avail = static_cast<size_t>(end - p);
    const size_t max_digits = options_.limits.max_chunk_size_digits;
    const size_t limit = avail < max_digits ? avail : max_digits;
    size_t i = 0;
    uint64_t size = 0;
    for (int d; i < limit && (d = hex_value(p[i])) >= 0; ++i) {
      size = (size << 4) | static_cast<unsigned>(d);
    }
    if (i == 0 || i + 1 >= avail || p[i] != '\r' || p[i + 1] != '\n') break;
    const uint64_t line_overhead = overhead + i + 2;
    if (size > options_.limits.max_body_bytes - received ||
        line_overhead > received + options_.limits.chunk_overhead_allowance) {
      break;
    }
    overhead = line_overhead;
    p += i + 2;
    handler_.on_chunk_header(size);
    if (size == 0) {
      state_ = State::trailers;
      line_number_ = 0;
      section_bytes_ = 0;
      last_field_ = FieldKind::none;
      // No trailer fields: the empty line ends the message, as on_field_line() would end it.
      if (end - p >= 2 && p[0] == '\r' && p[1] == '\n' && !may_overflow(1)) {
        section_bytes_ = 2;
        line_number_ = 1;
        chunk_overhead_ = overhead + 2;
        body_received_ = received;
        pos = static_cast<size_t>(p + 2 - bytes.data());
        complete_message();
        return Fast::complete;
      }
      break;
    }
    const size_t rest = static_cast<size_t>(end - p);
    if (rest < 2 || size > rest - 2 || p[size] != '\r' || p[size + 1] != '\n') {
      body_remaining_ = size;
      state_ = State::chunk_data;
      break;
    }
    handler_.on_body(std::string_view(p, static_cast<size_t>(size)));
    received += size;
    overhead += 2;
    p += size + 2;
  }
  pos = static_cast<size_t>(p - bytes.data());
  body_received_ = received;
  chunk_overhead_ = overhead;
  return p == start ? Fast::declined : Fast::progress;
}

// ---------------------------------------------------------------------------------------------
// Fields that decide framing and connection handling

Parser::Step Parser::note_field(std::string_view name, std::string_view value, uint64_t at) {
  // Branches on the name's length first: most fields are none of these, and an if-chain on a
  // length predicts better than a jump table indexed by it.
  last_field_ = FieldKind::other;
  const size_t size = name.size();
  if (size == 4 && token_iequals(name, "host")) {
    last_field_ = FieldKind::framing;
    ++host_count_;
    if (kind_ == MessageKind::request) {
      if (host_count_ > 1 && !violation(ErrorCode::duplicate_host, at)) return Step::failed;
      // The value is followed, inside the caller's bytes, by whitespace or the line's CR or LF,
      // none of them a host byte: the usual plain reg-name is judged by one unbounded run, a
      // long one 16 bytes at a time first (a short one is quicker without).
      const char* h = value.data();
      size_t plain;
      if (value.size() < 15) {
        plain = class_run_to_stop<detail::kHost>(h);
      } else {
        plain = name_run16(h, value.size() + 1);
        plain += class_run_to_stop<detail::kHost>(h + plain);
      }
      size_t bad = plain == value.size() ? plain : invalid_host_index(value);
      if (bad != value.size() && !violation(ErrorCode::invalid_host, at + bad)) {
        return Step::failed;
      }
    }
  } else if (size == 14 && token_iequals(name, "content-length")) {
    last_field_ = FieldKind::framing;
    return note_content_length(value, at);
  } else if (size == 17 && token_iequals(name, "transfer-encoding")) {
    last_field_ = FieldKind::framing;
    // The usual value, a lone "chunked" on the first such line, has the effects the general
    // parse gives it. (OR-ing 0x20 only maps upper-case letters onto the lower-case ones, so
    // any byte compares exactly against a literal of letters.)
    if (!head_.has_transfer_encoding && token_iequals(value, "chunked")) {
      te_offset_ = at;
      head_.has_transfer_encoding = true;
      chunked_seen_ = true;
      last_coding_chunked_ = true;
      return Step::more;
    }
    return note_transfer_encoding(value, at);
  } else if (size == 10 && token_iequals(name, "connection")) {
    note_connection(value);
  } else if (size == 6 && token_iequals(name, "expect")) {
    if (iequals(value, "100-continue")) head_.expect_continue = true;
  } else if (size == 7 && token_iequals(name, "upgrade")) {
    has_upgrade_field_ = true;
  }
  return Step::more;
}

void Parser::note_connection(std::string_view value) {
  size_t i = 0;
  while (i < value.size()) {
    size_t comma = value.find(',', i);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view option = trim_ows(value.substr(i, comma - i));
    if (iequals(option, "close")) connection_close_ = true;
    else if (iequals(option, "keep-alive")) connection_keep_alive_ = true;
    else if (iequals(option, "upgrade")) connection_upgrade_ = true;
    i = comma + 1;
  }
}

Parser::Step Parser::note_content_length(std::string_view value, uint64_t at) {
  // Content-Length = 1*DIGIT; a list of identical values ("42, 42") is what an upstream that
  // combined duplicate lines produces (RFC 9110 §8.6, RFC 9112 §6.3): a leniency, off by default.
  if (content_length_count_ == 0) cl_offset_ = at;
  const size_t n = value.size();
  size_t i = 0;
  bool first_in_line = true;
  for (;;) {
    size_t element = i;
    while (i < n && is_ows(value[i])) ++i;
    size_t digits_start = i;
    uint64_t v = 0;
    while (i < n && is_digit(value[i])) {
      auto d = static_cast<unsigned>(value[i] - '0');
      if (v > (UINT64_MAX - d) / 10) return fail_step(ErrorCode::content_length_overflow, at + i);
      v = v * 10 + d;
      ++i;
    }
    if (i == digits_start) return fail_step(ErrorCode::invalid_content_length, at + i);
    while (i < n && is_ows(value[i])) ++i;
    if (i < n && value[i] != ',') return fail_step(ErrorCode::invalid_content_length, at + i);
    if (content_length_count_ > 0 || !first_in_line) {
      if (v != head_.content_length) {
        pending_error_ = Error{ErrorCode::conflicting_content_length, at + digits_start,
                               line_number_, head_.content_length, v};
        return Step::failed;
      }
      if (!violation(ErrorCode::content_length_list, at + element)) return Step::failed;
    }
    head_.content_length = v;
    first_in_line = false;
    if (i == n) break;
    ++i;  // the comma
  }
  ++content_length_count_;
  head_.has_content_length = true;
  return Step::more;
}

Parser::Step Parser::note_transfer_encoding(std::string_view value, uint64_t at) {
  if (!head_.has_transfer_encoding) te_offset_ = at;
  head_.has_transfer_encoding = true;
  // transfer-coding list (RFC 9112 §6.1, RFC 9110 §5.6.1): empty elements are allowed.
  size_t i = 0;
  const size_t n = value.size();
  while (i < n) {
    if (value[i] == ',' || is_ows(value[i])) {
      ++i;
      continue;
    }
    size_t name_len = token_length(value.substr(i));
    if (name_len == 0) return fail_step(ErrorCode::invalid_transfer_encoding, at + i);
    std::string_view coding = value.substr(i, name_len);
    i += name_len;
    bool has_params = false;
    for (;;) {
      size_t j = i;
      while (j < n && is_ows(value[j])) ++j;
      if (j >= n || value[j] != ';') break;
      has_params = true;
      ++j;
      while (j < n && is_ows(value[j])) ++j;
      size_t k = token_length(value.substr(j));
      if (k == 0) return fail_step(ErrorCode::invalid_transfer_encoding, at + j);
      j += k;
      while (j < n && is_ows(value[j])) ++j;
      if (j >= n || value[j] != '=') return fail_step(ErrorCode::invalid_transfer_encoding, at + j);
      ++j;
      while (j < n && is_ows(value[j])) ++j;
      size_t vlen = value.substr(j).empty() ? 0
                    : value[j] == '"'       ? quoted_string_length(value.substr(j))
                                            : token_length(value.substr(j));
      if (vlen == 0) return fail_step(ErrorCode::invalid_transfer_encoding, at + j);
      i = j + vlen;
    }
    while (i < n && is_ows(value[i])) ++i;
    if (i < n && value[i] != ',') return fail_step(ErrorCode::invalid_transfer_encoding, at + i);
    if (iequals(coding, "chunked")) {
      // chunked takes no parameters (RFC 9112 §7.1).
      if (has_params) return fail_step(ErrorCode::invalid_transfer_encoding, at + i);
      if (chunked_seen_) return fail_step(ErrorCode::chunked_applied_twice, at);
      chunked_seen_ = true;
      last_coding_chunked_ = true;
    } else {
      other_coding_ = true;
      last_coding_chunked_ = false;
    }
  }
  return Step::more;
}

// ---------------------------------------------------------------------------------------------
// End of the header section: decide the body (RFC 9112 §6.3, in its order)

Parser::Step Parser::finish_head(uint64_t end) {
  Head& h = head_;
  line_number_ = 0;  // what follows concerns the whole head, not one line of it
  if (kind_ == MessageKind::request && h.version_major == 1 && h.version_minor == 1 &&
      host_count_ != 0 && !connection_upgrade_ && h.target_form != TargetForm::authority) {
    // The usual HTTP/1.1 request, with Content-Length, with Transfer-Encoding: chunked alone,
    // or with neither: what the general path below decides for it, in short.
    h.keep_alive = !connection_close_;
    if (!h.has_transfer_encoding) {
      if (!h.has_content_length || h.content_length <= options_.limits.max_body_bytes) {
        h.body = h.has_content_length && h.content_length != 0 ? BodyKind::content_length
                                                               : BodyKind::none;
        handler_.on_headers_complete(h);
        if (h.body == BodyKind::none) {
          complete_message();
          return Step::complete;
        }
        body_remaining_ = h.content_length;
        state_ = State::body_length;
        return Step::more;
      }
    } else if (!h.has_content_length && last_coding_chunked_ && !other_coding_) {
      h.body = BodyKind::chunked;
      handler_.on_headers_complete(h);
      state_ = State::chunk_size;
      return Step::more;
    }
  }
  bool http11 = h.version_major > 1 || (h.version_major == 1 && h.version_minor >= 1);
  if (http11) {
    h.keep_alive = !connection_close_;
  } else {
    h.keep_alive = connection_keep_alive_ && !connection_close_;
  }

  if (kind_ == MessageKind::request) {
    if (http11 && host_count_ == 0 && !violation(ErrorCode::missing_host, end)) return Step::failed;
    // RFC 9110 §7.8 and §10.1.1: a server MUST ignore Upgrade and 100-continue from HTTP/1.0.
    h.upgrade = http11 && connection_upgrade_ && has_upgrade_field_;
    if (h.target_form == TargetForm::authority) {
      // RFC 9110 §9.3.6: a CONNECT request has no content; what follows its head belongs to
      // the tunnel, whatever Content-Length or Transfer-Encoding claim.
      h.upgrade = true;
      h.body = BodyKind::none;
      handler_.on_headers_complete(h);
      complete_message();
      return Step::complete;
    }
    if (!http11) h.expect_continue = false;
  } else {
    int s = h.status;
    h.interim = s >= 100 && s < 200 && s != 101;
    if (s == 101) h.upgrade = true;
    if (request_connect_ && s >= 200 && s < 300) h.upgrade = true;
  }

  bool no_body_response =
      kind_ == MessageKind::response &&
      (request_head_ || (h.status >= 100 && h.status < 200) || h.status == 204 ||
       h.status == 304 || (request_connect_ && h.status >= 200 && h.status < 300));

  if (h.has_transfer_encoding && !no_body_response) {
    if (!http11) {
      // RFC 9112 §6.1: treat the framing as faulty and close afterwards.
      if (!violation(ErrorCode::transfer_encoding_in_http10, te_offset_)) return Step::failed;
      h.must_close = true;
    }
    if (h.has_content_length) {
      if (!violation(ErrorCode::content_length_with_transfer_encoding, cl_offset_)) {
        return Step::failed;
      }
      h.must_close = true;  // RFC 9112 §6.1: close after processing such a request
    }
    if (last_coding_chunked_) {
      if (kind_ == MessageKind::request && other_coding_ &&
          !violation(ErrorCode::unsupported_transfer_coding, te_offset_)) {
        return Step::failed;
      }
      h.body = BodyKind::chunked;
    } else if (kind_ == MessageKind::request) {
      // RFC 9112 §6.3 item 4: the length cannot be determined: 400 and close.
      return fail_step(ErrorCode::chunked_not_final, te_offset_);
    } else {
      h.body = BodyKind::close_delimited;
      h.keep_alive = false;
    }
    h.content_length = 0;
  } else if (no_body_response) {
    h.body = BodyKind::none;
  } else if (h.has_content_length) {
    if (h.content_length > options_.limits.max_body_bytes) {
      pending_error_ = Error{ErrorCode::body_too_large, cl_offset_, 0,
                             options_.limits.max_body_bytes, h.content_length};
      return Step::failed;
    }
    h.body = h.content_length == 0 ? BodyKind::none : BodyKind::content_length;
  } else if (kind_ == MessageKind::response) {
    h.body = BodyKind::close_delimited;
    h.keep_alive = false;
  } else {
    h.body = BodyKind::none;
  }
  if (h.must_close) h.keep_alive = false;

  handler_.on_headers_complete(h);
  switch (h.body) {
    case BodyKind::none:
      complete_message();
      return Step::complete;
    case BodyKind::content_length:
      body_remaining_ = h.content_length;
      state_ = State::body_length;
      break;
    case BodyKind::chunked:
      state_ = State::chunk_size;
      break;
    case BodyKind::close_delimited:
      state_ = State::body_close;
      break;
  }
  return Step::more;
}

// ---------------------------------------------------------------------------------------------
// Chunked transfer coding (RFC 9112 §7.1)

Parser::Step Parser::on_chunk_size_line(const Line& line) {
  const Limits& lim = options_.limits;
  std::string_view s = line.text;
  const uint64_t at = line.offset;
  const size_t n = s.size();
  chunk_overhead_ += (line.lf_offset - line.offset) + 1;

  size_t digits = 0;
  uint64_t size = 0;
  while (digits < n && hex_value(s[digits]) >= 0) {
    if (digits == lim.max_chunk_size_digits) return fail_step(ErrorCode::chunk_size_too_long, at + digits);
    unsigned d = static_cast<unsigned>(hex_value(s[digits]));
    if (size > (UINT64_MAX >> 4)) return fail_step(ErrorCode::chunk_size_overflow, at + digits);
    size = (size << 4) | d;
    ++digits;
  }
  if (digits == 0) return fail_step(s.empty() || s[0] != '\r' ? ErrorCode::invalid_chunk_size : ErrorCode::bare_cr, at);
  if (digits < n && s[digits] != ';' && !is_ows(s[digits])) {
    return fail_step(s[digits] == '\r' ? ErrorCode::bare_cr : ErrorCode::invalid_chunk_size,
                     at + digits);
  }
  if (n - digits > lim.max_chunk_extension_bytes) {
    return fail_step(ErrorCode::chunk_extension_too_long, at + digits + lim.max_chunk_extension_bytes);
  }
  // Validate the extensions before reporting anything about this chunk.
  std::string_view ext = s.substr(digits);
  size_t ext_bad = chunk_extensions_error_index(ext);
  if (ext_bad != SIZE_MAX) {
    bool cr = ext_bad < ext.size() && ext[ext_bad] == '\r';
    return fail_step(cr ? ErrorCode::bare_cr : ErrorCode::invalid_chunk_extension,
                     at + digits + ext_bad);
  }
  if (!terminator(line)) return Step::failed;
  if (size > lim.max_body_bytes - body_received_ || body_received_ + size < body_received_) {
    pending_error_ = Error{ErrorCode::body_too_large, at, 0, lim.max_body_bytes, body_received_ + size};
    return Step::failed;
  }
  if (chunk_overhead_ > body_received_ + lim.chunk_overhead_allowance) {
    pending_error_ = Error{ErrorCode::chunk_overhead_flood, at, 0, lim.chunk_overhead_allowance,
                           chunk_overhead_};
    return Step::failed;
  }

  handler_.on_chunk_header(size);
  for_each_chunk_extension(ext, [this](std::string_view name, std::string_view value) {
    handler_.on_chunk_extension(name, value);
  });
  if (size == 0) {
    state_ = State::trailers;
    line_number_ = 0;
    section_bytes_ = 0;
    last_field_ = FieldKind::none;
  } else {
    body_remaining_ = size;
    state_ = State::chunk_data;
  }
  return Step::more;
}

// ---------------------------------------------------------------------------------------------
// End of stream

Error Parser::finish() {
  switch (state_) {
    case State::error:
      return error_;
    case State::tunnel:
      return {};
    case State::start_line:
      if (pending_ == 0) return {};
      break;
    case State::body_close:
      complete_message();
      return {};
    case State::body_length: {
      Error e{ErrorCode::body_truncated, offset_ + pending_, 0, head_.content_length,
              body_received_};
      state_ = State::error;
      error_ = e;
      return e;
    }
    default:
      break;
  }
  Error e{ErrorCode::incomplete_message, offset_ + pending_, 0, 0, body_received_};
  state_ = State::error;
  error_ = e;
  return e;
}

}  // namespace wirecheck::http
