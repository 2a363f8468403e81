#pragma once
// The reviewed differences between our strict parser and llhttp's strict mode. Each rule names
// the RFC text that backs our side and checks that fact itself, on the bytes or on what llhttp
// reported, instead of trusting our parser's error code: a rule only excuses a disagreement
// when the input really has the property the RFC speaks about. fuzz/differential_allowlist.md
// lists the same rules for review.
#include <llhttp.h>

#include <cctype>
#include <cstring>
#include <string_view>
#include <vector>

#include "fuzz/differential.h"

namespace wcfuzz {

inline bool ieq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

inline size_t count_fields(const Message& m, std::string_view name) {
  size_t n = 0;
  for (const auto& f : m.fields) n += ieq(f.first, name) ? 1 : 0;
  return n;
}

// RFC 9110 §5.6.2: tchar.
inline bool is_tchar(unsigned char c) {
  return std::isalnum(c) || (c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

inline bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (!is_tchar(c)) return false;
  }
  return true;
}

inline bool is_hex(unsigned char c) { return std::isxdigit(c) != 0; }

// RFC 3986 §2: the characters a request-target may hold in any of its forms (unreserved,
// sub-delims, gen-delims other than '#', and '%' introducing two hex digits). True when `target`
// has a byte outside them or a '%' without two hex digits.
inline bool target_breaks_rfc3986(std::string_view target) {
  for (size_t i = 0; i < target.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(target[i]);
    if (c == '%') {
      if (i + 2 >= target.size() || !is_hex(target[i + 1]) || !is_hex(target[i + 2])) {
        return true;
      }
      continue;
    }
    if (std::isalnum(c)) continue;
    if (c != 0 && std::strchr("-._~!$&'()*+,;=:/?@[]", c) != nullptr) continue;
    return true;
  }
  return false;
}

// RFC 9110 §7.2 / RFC 3986 §3.2.2-3.2.3: Host = uri-host [ ":" port ]. True when `value` is
// not of that shape (an empty value is allowed, RFC 9112 §3.2).
inline bool host_invalid(std::string_view value) {
  if (value.empty()) return false;
  std::string_view host = value;
  std::string_view port;
  if (host.front() == '[') {
    size_t close = host.find(']');
    if (close == std::string_view::npos) return true;
    for (unsigned char c : host.substr(1, close - 1)) {
      if (!is_hex(c) && c != ':' && c != '.' && c != 'v' && c != 'V') return true;
    }
    std::string_view rest = host.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return true;
      port = rest.substr(1);
    }
  } else {
    size_t colon = host.rfind(':');
    if (colon != std::string_view::npos) {
      port = host.substr(colon + 1);
      host = host.substr(0, colon);
    }
    for (size_t i = 0; i < host.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(host[i]);
      if (c == '%') {
        if (i + 2 >= host.size() || !is_hex(host[i + 1]) || !is_hex(host[i + 2])) return true;
        continue;
      }
      if (std::isalnum(c) || (c != 0 && std::strchr("-._~!$&'()*+,;=", c) != nullptr)) continue;
      return true;
    }
  }
  for (unsigned char c : port) {
    if (!std::isdigit(c)) return true;
  }
  return false;
}

// RFC 9112 §7.1 / §7.1.1: True when `line` (without its CRLF) is a valid chunk-size line:
//   1*HEXDIG *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
// with chunk-ext-val = token / quoted-string (RFC 9110 §5.6.4, quoted-pair included).
inline bool valid_chunk_line(std::string_view line) {
  size_t i = 0;
  auto bws = [&] {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  };
  auto token = [&] {
    const size_t start = i;
    while (i < line.size() && is_tchar(static_cast<unsigned char>(line[i]))) ++i;
    return i > start;
  };
  while (i < line.size() && is_hex(static_cast<unsigned char>(line[i]))) ++i;
  if (i == 0) return false;
  for (;;) {
    bws();
    if (i == line.size()) return true;
    if (line[i] != ';') return false;
    ++i;
    bws();
    if (!token()) return false;
    const size_t before_bws = i;
    bws();
    if (i == line.size() || line[i] != '=') {
      i = before_bws;
      continue;
    }
    ++i;
    bws();
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        const auto c = static_cast<unsigned char>(line[i]);
        if (c == '"') {
          closed = true;
          ++i;
          break;
        }
        if (c == '\\') {
          if (i + 1 >= line.size()) return false;
          const auto q = static_cast<unsigned char>(line[i + 1]);
          if (q != '\t' && (q < 0x20 || q == 0x7f)) return false;
          i += 2;
          continue;
        }
        if (c != '\t' && (c < 0x20 || c == 0x7f)) return false;
        ++i;
      }
      if (!closed) return false;
    } else if (!token()) {
      return false;
    }
  }
}

// The line of the input holding `offset` (without its line end).
inline std::string_view line_at(std::string_view input, uint64_t offset) {
  if (offset >= input.size()) return {};
  size_t begin = input.rfind('\n', static_cast<size_t>(offset));
  begin = begin == std::string_view::npos ? 0 : begin + 1;
  size_t end = input.find("\r\n", begin);
  if (end == std::string_view::npos) return {};
  return input.substr(begin, end - begin);
}

// RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":". Returns the
// length of the scheme, 0 when `target` does not start with one.
inline size_t scheme_length(std::string_view target) {
  size_t n = 0;
  while (n < target.size() &&
         (std::isalpha(static_cast<unsigned char>(target[n])) ||
          (n > 0 && (std::isdigit(static_cast<unsigned char>(target[n])) || target[n] == '+' ||
                     target[n] == '-' || target[n] == '.')))) {
    ++n;
  }
  return n < target.size() && target[n] == ':' ? n : 0;
}

// RFC 9112 §3.2: which request-target form each method may use. True when the pair is one the
// RFC rules out: CONNECT takes only authority-form, uri-host ":" port with the port present
// (§3.2.3), and authority-form is for CONNECT alone; asterisk-form is only for OPTIONS (§3.2.4).
inline bool target_form_not_allowed(std::string_view method, std::string_view target) {
  const bool asterisk = target == "*";
  const bool origin = !target.empty() && target.front() == '/';
  // absolute-URI (RFC 3986 §4.3) starts with scheme ":"; "host:80" is one too, so for methods
  // other than CONNECT it is absolute-form, not authority-form.
  const bool absolute = scheme_length(target) > 0;
  if (method == "CONNECT") {
    const size_t colon = target.rfind(':');
    const size_t bracket = target.rfind(']');
    // The ":" port must follow the host, also after an IP-literal ("[::1]:443", not "[:]").
    const bool port_follows = colon != std::string_view::npos && colon > 0 &&
                              (bracket == std::string_view::npos || colon > bracket);
    // "example.com:443" also reads as scheme ":" path; for CONNECT it is authority-form, which
    // has no "/" at all.
    const bool authority = !asterisk && target.find('/') == std::string_view::npos &&
                           port_follows && colon + 1 < target.size() && !host_invalid(target);
    return !authority;
  }
  if (asterisk) return method != "OPTIONS";
  return !origin && !absolute;
}

// The raw bytes around one offset of the input (clamped to it).
inline std::string_view around(const Disagreement& d, uint64_t offset, size_t before,
                               size_t after) {
  const size_t begin = offset > before ? static_cast<size_t>(offset - before) : 0;
  if (begin >= d.input.size()) return {};
  return d.input.substr(begin, before + after);
}

// The elements of every Transfer-Encoding line, in order, as one list (RFC 9112 §6.1), each
// trimmed of OWS; empty list elements are left out (RFC 9110 §5.6.1).
inline std::vector<std::string_view> transfer_codings(const Message& m) {
  std::vector<std::string_view> out;
  for (const auto& [name, value] : m.fields) {
    if (!ieq(name, "Transfer-Encoding")) continue;
    std::string_view rest = value;
    for (;;) {
      const size_t comma = rest.find(',');
      std::string_view element = trim_ows(rest.substr(0, comma));
      if (!element.empty()) out.push_back(element);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return out;
}

// A coding's name, without its parameters (";q=...").
inline std::string_view coding_name(std::string_view element) {
  return trim_ows(element.substr(0, element.find(';')));
}

inline bool any_coding_but_chunked(const Message& m) {
  for (std::string_view element : transfer_codings(m)) {
    std::string_view name = coding_name(element);
    if (!name.empty() && !ieq(name, "chunked")) return true;
  }
  return false;
}

// RFC 9112 §6.1: true when Transfer-Encoding is present and its list does not end in chunked.
inline bool chunked_not_final(const Message& m) {
  if (count_fields(m, "Transfer-Encoding") == 0) return false;
  std::string_view last;
  for (std::string_view element : transfer_codings(m)) {
    std::string_view name = coding_name(element);
    if (!name.empty()) last = name;
  }
  return !ieq(last, "chunked");
}

// RFC 9112 §6.1 / RFC 9110 §10.1.4: Transfer-Encoding = #transfer-coding, transfer-coding =
// token *( OWS ";" OWS token "=" ( token / quoted-string ) ). True when some Transfer-Encoding
// value is not such a list. (A comma inside a quoted parameter value makes this say "invalid";
// it is only ever used where our parser said so too.)
inline bool transfer_encoding_malformed(const Message& m) {
  for (std::string_view element : transfer_codings(m)) {
    size_t semi = element.find(';');
    if (!is_token(trim_ows(element.substr(0, semi)))) return true;
    while (semi != std::string_view::npos) {
      element.remove_prefix(semi + 1);
      semi = element.find(';');
      std::string_view param = trim_ows(element.substr(0, semi));
      const size_t eq = param.find('=');
      if (eq == std::string_view::npos || !is_token(param.substr(0, eq))) return true;
      std::string_view v = param.substr(eq + 1);
      const bool quoted = v.size() >= 2 && v.front() == '"' && v.back() == '"';
      if (!quoted && !is_token(v)) return true;
    }
  }
  return false;
}

// RFC 9112 §7.1: "The chunked coding does not define any parameters. Their presence SHOULD be
// treated as an error." True when some Transfer-Encoding element names chunked with a ";".
inline bool chunked_with_parameters(const Message& m) {
  for (std::string_view element : transfer_codings(m)) {
    if (element.find(';') != std::string_view::npos && ieq(coding_name(element), "chunked")) {
      return true;
    }
  }
  return false;
}

inline std::vector<KnownDifference> known_differences() {
  using wirecheck::http::ErrorCode;
  using K = Disagreement::Kind;
  return {
      // Methods are an open set (any token); llhttp only knows its built-in list.
      {"extension-method", "RFC 9110 §9.1",
       [](const Disagreement& d) {
         if (d.kind != K::only_ours_complete) return false;
         // After "PRI " llhttp waits for the rest of an HTTP/2 preface instead of failing.
         if (!d.theirs.error) return d.our_message().method == "PRI";
         const bool unknown = d.theirs.llhttp_errno == HPE_INVALID_METHOD ||
                              (d.theirs.llhttp_errno == HPE_INVALID_CONSTANT &&
                               d.theirs.llhttp_reason.find("method") != std::string::npos);
         // llhttp takes any "PRI" request line for the start of the HTTP/2 preface; in HTTP/1.1
         // "PRI / HTTP/1.1" is a request with an extension method (the preface is exactly
         // "PRI * HTTP/2.0", RFC 9113 §3.4).
         const bool preface = d.theirs.llhttp_reason.find("HTTP/2 Connection Preface") !=
                                  std::string::npos &&
                              d.our_message().method == "PRI";
         return (unknown || preface) && is_token(d.our_message().method);
       }},
      // A server MUST answer 400 to an HTTP/1.1 request without Host; llhttp does not check.
      {"missing-host", "RFC 9112 §3.2",
       [](const Disagreement& d) {
         const Message& m = d.llhttp_message();
         // Versions above 1.1 are read by HTTP/1.1's rules (RFC 9110 §2.5).
         const bool at_least_11 = m.major > 1 || (m.major == 1 && m.minor >= 1);
         return d.we_rejected(ErrorCode::missing_host) && at_least_11 &&
                count_fields(m, "Host") == 0;
       }},
      // ... and to a request with more than one Host field line.
      {"duplicate-host", "RFC 9112 §3.2",
       [](const Disagreement& d) {
         return d.we_rejected(ErrorCode::duplicate_host) && count_fields(d.llhttp_message(), "Host") > 1;
       }},
      // ... and to a Host field with an invalid value.
      {"invalid-host", "RFC 9112 §3.2, RFC 3986 §3.2.2",
       [](const Disagreement& d) {
         if (!d.we_rejected(ErrorCode::invalid_host)) return false;
         for (const auto& [n, v] : d.llhttp_message().fields) {
           if (ieq(n, "Host") && host_invalid(v)) return true;
         }
         return false;
       }},
      // A request-target has no fragment; llhttp parses and accepts one.
      {"target-fragment", "RFC 9112 §3.2",
       [](const Disagreement& d) {
         return d.we_rejected(ErrorCode::target_fragment) &&
                d.llhttp_message().target.find('#') != std::string::npos;
       }},
      // llhttp accepts bytes in the target that no URI may hold (", {, }, |, \, ^, `, <, >) and
      // '%' without two hex digits.
      {"target-characters", "RFC 9112 §3.2, RFC 3986 §2",
       [](const Disagreement& d) {
         return d.we_rejected(ErrorCode::invalid_target) &&
                target_breaks_rfc3986(d.llhttp_message().target);
       }},
      // absolute-form is any absolute-URI: "tp:/x", "urn:a:b" and "mailto:x@y" have no
      // "//authority" and are still valid; llhttp's URL parser wants "scheme://".
      {"absolute-uri-without-authority", "RFC 9112 §3.2.2, RFC 3986 §4.3",
       [](const Disagreement& d) {
         if (!d.llhttp_rejected(HPE_INVALID_URL)) return false;
         std::string_view target = d.our_message().target;
         return d.our_message().method != "CONNECT" && scheme_length(target) > 0 &&
                !target_breaks_rfc3986(target);
       }},
      // llhttp accepts "GET *", "CONNECT /path" and other form/method pairs the RFC rules out.
      {"target-form", "RFC 9112 §3.2.1-§3.2.4",
       [](const Disagreement& d) {
         const Message& m = d.llhttp_message();
         return (d.we_rejected(ErrorCode::target_form_mismatch) ||
                 d.we_rejected(ErrorCode::invalid_target)) &&
                target_form_not_allowed(m.method, m.target);
       }},
      // llhttp accepts several spaces between request-line parts; the grammar has one SP, and
      // lenient splitting on whitespace is a smuggling risk (§3, last paragraph).
      {"request-line-spacing", "RFC 9112 §3",
       [](const Disagreement& d) {
         if (!d.we_rejected(ErrorCode::request_line_spacing)) return false;
         std::string_view near = around(d, d.ours.our_error.offset, 1, 2);
         return near.find("  ") != std::string_view::npos ||
                near.find('\t') != std::string_view::npos ||
                near.find(" \r") != std::string_view::npos;
       }},
      // HTTP/0.9 request lines ("GET /" with no version) are not HTTP/1.1.
      {"http09", "RFC 9112 §2.3, §3",
       [](const Disagreement& d) {
         const Message& m = d.llhttp_message();
         // Whatever we called it first (no version, empty target, ...): llhttp saw a request
         // line without HTTP-version, which the request-line grammar does not allow.
         return d.kind == K::only_llhttp_complete && d.ours.error && m.major == 0 &&
                m.minor == 9;
       }},
      // A field name is a token, at least one tchar; llhttp accepts ":Host: x" with an empty
      // name, in the header section and in trailers.
      {"empty-field-name", "RFC 9110 §5.1, RFC 9112 §5",
       [](const Disagreement& d) {
         if (!d.we_rejected(ErrorCode::empty_field_name) &&
             !d.we_rejected(ErrorCode::invalid_trailer_field)) {
           return false;
         }
         for (const auto& f : d.llhttp_message().fields) {
           if (f.first.empty()) return true;
         }
         for (const auto& f : d.llhttp_message().trailers) {
           if (f.first.empty()) return true;
         }
         return false;
       }},
      // A CR not followed by LF: the recipient MUST treat the element as invalid or replace the
      // CR by SP; strict rejects. llhttp skips a bare CR before the request line.
      {"bare-cr", "RFC 9112 §2.2",
       [](const Disagreement& d) {
         if (d.kind != K::only_llhttp_complete || !d.ours.error) return false;
         const uint64_t at = d.ours.our_error.offset;
         return at < d.input.size() && d.input[at] == '\r' &&
                (at + 1 == d.input.size() || d.input[at + 1] != '\n');
       }},
      // obs-fold in a request: a server MUST either reject it (400) or unfold it; strict
      // rejects, llhttp unfolds.
      {"obs-fold", "RFC 9112 §5.2",
       [](const Disagreement& d) {
         if (!d.we_rejected(ErrorCode::obs_fold)) return false;
         std::string_view near = around(d, d.ours.our_error.offset, 3, 4);
         return near.find("\n ") != std::string_view::npos ||
                near.find("\n\t") != std::string_view::npos;
       }},
      // Transfer-Encoding in an HTTP/1.0 message MUST be treated as faulty framing.
      {"transfer-encoding-in-http10", "RFC 9112 §6.1",
       [](const Disagreement& d) {
         const Message& m = d.llhttp_message();
         return d.we_rejected(ErrorCode::transfer_encoding_in_http10) && m.major == 1 &&
                m.minor == 0 && count_fields(m, "Transfer-Encoding") > 0;
       }},
      // A request whose Transfer-Encoding does not end in chunked (an empty value included)
      // has no reliable length: the server MUST answer 400. llhttp reads it as having no body.
      {"chunked-not-final", "RFC 9112 §6.1, §6.3",
       [](const Disagreement& d) {
         return (d.we_rejected(ErrorCode::chunked_not_final) ||
                 d.we_rejected(ErrorCode::invalid_transfer_encoding)) &&
                chunked_not_final(d.llhttp_message());
       }},
      // Framing fields sent as trailers do not frame anything: trailers come after the body,
      // and a recipient keeps them apart from the header section. llhttp applies its header
      // checks to trailer fields (and fails on "Transfer-Encoding: chunked" there).
      {"framing-field-in-trailer", "RFC 9110 §6.5.1, §6.5.2",
       [](const Disagreement& d) {
         if (d.kind != K::only_ours_complete || !d.theirs.error) return false;
         const int e = d.theirs.llhttp_errno;
         if (e != HPE_INVALID_TRANSFER_ENCODING && e != HPE_INVALID_CONTENT_LENGTH &&
             e != HPE_UNEXPECTED_CONTENT_LENGTH) {
           return false;
         }
         for (const auto& f : d.our_message().trailers) {
           if (ieq(f.first, "Transfer-Encoding") || ieq(f.first, "Content-Length")) return true;
         }
         return false;
       }},
      // Content-Length and Transfer-Encoding together: a server MAY reject the request (and
      // strict does, since it is the classic smuggling pair); llhttp ignores an empty
      // Transfer-Encoding value and frames by Content-Length.
      {"content-length-with-transfer-encoding", "RFC 9112 §6.1, §6.3",
       [](const Disagreement& d) {
         const Message& m = d.llhttp_message();
         return d.we_rejected(ErrorCode::content_length_with_transfer_encoding) &&
                count_fields(m, "Transfer-Encoding") > 0 && count_fields(m, "Content-Length") > 0;
       }},
      // A Transfer-Encoding value that is not a list of transfer codings cannot frame the body;
      // llhttp only looks for "chunked" in it.
      {"transfer-encoding-syntax", "RFC 9112 §6.1, RFC 9110 §10.1.4",
       [](const Disagreement& d) {
         return d.we_rejected(ErrorCode::invalid_transfer_encoding) &&
                transfer_encoding_malformed(d.llhttp_message());
       }},
      // chunked defines no parameters; the reference parser treats them as the error §7.1 asks
      // for, llhttp ignores them.
      {"chunked-with-parameters", "RFC 9112 §7.1",
       [](const Disagreement& d) {
         return d.we_rejected(ErrorCode::invalid_transfer_encoding) &&
                chunked_with_parameters(d.llhttp_message());
       }},
      // ... while a valid list that ends in chunked frames a chunked body, whatever whitespace
      // surrounds the value (OWS is not part of a field value, RFC 9110 §5.5). llhttp rejects
      // "chunked" followed by HTAB.
      {"transfer-encoding-ows", "RFC 9110 §5.5, RFC 9112 §6.1",
       [](const Disagreement& d) {
         const Message& m = d.our_message();
         return d.llhttp_rejected(HPE_INVALID_TRANSFER_ENCODING) &&
                count_fields(m, "Transfer-Encoding") > 0 && !chunked_not_final(m) &&
                !transfer_encoding_malformed(m);
       }},
      // OWS around a Content-Length value is not part of it (llhttp rejects "2 \t").
      {"content-length-ows", "RFC 9110 §5.5, §8.6",
       [](const Disagreement& d) {
         if (!d.llhttp_rejected(HPE_INVALID_CONTENT_LENGTH)) return false;
         size_t n = 0;
         for (const auto& [name, value] : d.our_message().fields) {
           if (!ieq(name, "Content-Length")) continue;
           ++n;
           std::string_view v = trim_ows(value);
           if (v.empty()) return false;
           for (unsigned char c : v) {
             if (!std::isdigit(c)) return false;
           }
         }
         return n == 1;
       }},
      // A request with a transfer coding the server does not implement gets 501; llhttp passes
      // the still-encoded body through.
      {"unsupported-transfer-coding", "RFC 9112 §6.1",
       [](const Disagreement& d) {
         return d.we_rejected(ErrorCode::unsupported_transfer_coding) &&
                any_coding_but_chunked(d.llhttp_message());
       }},
      // Our configured limits (the RFC lets a server limit lengths and answer 414/431/413);
      // llhttp has none of these.
      {"configured-limit", "RFC 9112 §2.3, §3; RFC 9110 §5.4",
       [](const Disagreement& d) {
         if (d.kind != K::only_llhttp_complete || !d.ours.error) return false;
         switch (d.ours.our_error.code) {
           case ErrorCode::start_line_too_long:
           case ErrorCode::field_line_too_long:
           case ErrorCode::too_many_fields:
           case ErrorCode::header_section_too_large:
           case ErrorCode::chunk_size_too_long:
           case ErrorCode::chunk_extension_too_long:
           case ErrorCode::chunk_overhead_flood:
           case ErrorCode::body_too_large:
           case ErrorCode::too_many_empty_lines:
             return true;
           default:
             return false;
         }
       }},
      // llhttp 8.1 rejects valid chunk extensions: a second extension after a token value
      // ("5;a=1;b=2"), BWS around ";" and "=", and quoted-pairs in quoted values.
      {"chunk-extension-grammar", "RFC 9112 §7.1.1, RFC 9110 §5.6.4",
       [](const Disagreement& d) {
         if (d.kind != K::only_ours_complete || !d.theirs.error) return false;
         if (d.theirs.llhttp_errno != HPE_INVALID_CHUNK_SIZE &&
             !(d.theirs.llhttp_errno == HPE_STRICT &&
               d.theirs.llhttp_reason.find("chunk extension") != std::string::npos)) {
           return false;
         }
         return valid_chunk_line(line_at(d.input, d.theirs.llhttp_offset));
       }},
      // llhttp only takes HTTP/0.9, 1.0, 1.1 and 2.0. Any "HTTP/" DIGIT "." DIGIT is a valid
      // HTTP-version; a higher 1.x minor is processed as 1.1 (RFC 9110 §2.5), and whether a
      // major version is supported is the server's answer (505), not a parse error.
      {"http-version-digits", "RFC 9112 §2.3, RFC 9110 §2.5",
       [](const Disagreement& d) {
         if (!d.llhttp_rejected(HPE_INVALID_VERSION)) return false;
         const Message& m = d.our_message();
         std::string_view line = line_at(d.input, d.theirs.llhttp_offset);
         const std::string version =
             "HTTP/" + std::to_string(m.major) + "." + std::to_string(m.minor);
         return m.major >= 0 && m.major <= 9 && m.minor >= 0 && m.minor <= 9 &&
                line.size() >= version.size() &&
                line.substr(line.size() - version.size()) == version;
       }},
      // A recipient MAY take a bare LF as a line end; strict mode does not, since parsers that
      // disagree on line ends are a smuggling vector (Leniency::bare_lf turns it on). llhttp's
      // strict mode takes a bare LF after the request line and as the empty line.
      {"bare-lf", "RFC 9112 §2.2",
       [](const Disagreement& d) {
         if (!d.we_rejected(ErrorCode::bare_lf)) return false;
         const uint64_t at = d.ours.our_error.offset;
         return at < d.input.size() && d.input[at] == '\n' && (at == 0 || d.input[at - 1] != '\r');
       }},
      // ... and accepts invalid ones: an empty extension name (";=x"), a "%" in a name, an
      // unterminated quoted value.
      {"chunk-extension-invalid", "RFC 9112 §7.1.1",
       [](const Disagreement& d) {
         if (!d.we_rejected(ErrorCode::invalid_chunk_extension)) return false;
         std::string_view line = line_at(d.input, d.ours.our_error.offset);
         return !line.empty() && !valid_chunk_line(line);
       }},
      // llhttp speaks RTSP/1.0 as well; the HTTP-version name is "HTTP", case-sensitively.
      {"rtsp-version", "RFC 9112 §2.3",
       [](const Disagreement& d) {
         return d.we_rejected(ErrorCode::invalid_version) &&
                around(d, d.ours.our_error.offset, 8, 8).find("RTSP/") != std::string_view::npos;
       }},
  };
}

}  // namespace wcfuzz
