#pragma once
// Character classes of RFC 9110 / RFC 9112 / RFC 3986 and the small scanners built on them.
// Table-driven so the hot loops are one load per byte; field values are checked 16 bytes at a
// time with SSE2 (baseline on x86-64), with a portable scalar path everywhere else.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace wirecheck::http {

namespace detail {

enum CharClass : uint8_t {
  kToken = 1 << 0,   // tchar (RFC 9110 §5.6.2)
  kTarget = 1 << 1,  // bytes a request-target may hold (RFC 3986 pchar, "/", "?", "%", IP-literal)
  kHost = 1 << 2,    // reg-name / IPv4 bytes, "%" apart (RFC 3986 §3.2.2)
  kDigit = 1 << 3,
  kAlpha = 1 << 4,
  kQdtext = 1 << 5,  // qdtext (RFC 9110 §5.6.4)
  kPlainTarget = 1 << 6,  // kTarget without '%' (a target free of pct-encoding needs no 2nd look)
};

constexpr std::array<uint8_t, 256> make_classes() {
  std::array<uint8_t, 256> t{};
  auto add = [&t](std::string_view chars, uint8_t cls) {
    for (char c : chars) t[static_cast<unsigned char>(c)] |= cls;
  };
  for (int c = 'a'; c <= 'z'; ++c) t[c] |= kAlpha;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] |= kAlpha;
  for (int c = '0'; c <= '9'; ++c) t[c] |= kDigit;
  for (int c = 0; c < 256; ++c) {
    if (t[c] & (kAlpha | kDigit)) t[c] |= kToken | kTarget | kHost;
  }
  add("!#$%&'*+-.^_`|~", kToken);
  constexpr std::string_view unreserved = "-._~";
  constexpr std::string_view sub_delims = "!$&'()*+,;=";
  add(unreserved, kTarget | kHost);
  add(sub_delims, kTarget | kHost);
  add(":@/?%[]", kTarget);
  for (int c = 0; c < 256; ++c) {
    if ((t[c] & kTarget) && c != '%') t[c] |= kPlainTarget;
  }
  for (int c = 0; c < 256; ++c) {
    bool qd = c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5B) ||
              (c >= 0x5D && c <= 0x7E) || c >= 0x80;
    if (qd) t[c] |= kQdtext;
  }
  return t;
}

inline constexpr std::array<uint8_t, 256> kClasses = make_classes();

constexpr std::array<int8_t, 256> make_hex() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<int8_t>(c - '0');
  for (int c = 'a'; c <= 'f'; ++c) t[c] = static_cast<int8_t>(c - 'a' + 10);
  for (int c = 'A'; c <= 'F'; ++c) t[c] = static_cast<int8_t>(c - 'A' + 10);
  return t;
}

inline constexpr std::array<int8_t, 256> kHex = make_hex();

inline bool has(char c, uint8_t cls) { return (kClasses[static_cast<unsigned char>(c)] & cls) != 0; }

}  // namespace detail

inline bool is_digit(char c) { return detail::has(c, detail::kDigit); }
inline bool is_alpha(char c) { return detail::has(c, detail::kAlpha); }
inline bool is_token_char(char c) { return detail::has(c, detail::kToken); }
inline bool is_target_char(char c) { return detail::has(c, detail::kTarget); }
inline bool is_host_char(char c) { return detail::has(c, detail::kHost); }
inline int hex_value(char c) { return detail::kHex[static_cast<unsigned char>(c)]; }
inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Length of the run of bytes of class `cls` at the start of `s` (unrolled: names and targets
// are the longest runs the parser checks byte by byte).
template <uint8_t cls>
inline size_t class_run(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i + 4 <= n && detail::has(s[i], cls) && detail::has(s[i + 1], cls) &&
         detail::has(s[i + 2], cls) && detail::has(s[i + 3], cls)) {
    i += 4;
  }
  while (i < n && detail::has(s[i], cls)) ++i;
  return i;
}

inline size_t token_length(std::string_view s) { return class_run<detail::kToken>(s); }
inline size_t target_length(std::string_view s) { return class_run<detail::kTarget>(s); }

// Index of the first byte that may not appear in a field value (RFC 9110 §5.5: HTAB, SP, VCHAR,
// obs-text), or `n` when all are fine.
inline size_t first_invalid_value_byte(const char* p, size_t n) {
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i ctl_max = _mm_set1_epi8(0x1F);
  const __m128i del = _mm_set1_epi8(0x7F);
  const __m128i tab = _mm_set1_epi8(0x09);
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, ctl_max), v);  // v <= 0x1F
    __m128i bad = _mm_or_si128(_mm_andnot_si128(_mm_cmpeq_epi8(v, tab), ctl), _mm_cmpeq_epi8(v, del));
    int mask = _mm_movemask_epi8(bad);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i < n; ++i) {
    auto c = static_cast<unsigned char>(p[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7F) return i;
  }
  return n;
}

// first_invalid_value_byte() over base[from, n), as an index into base (n when none). The tail
// shorter than 16 bytes is read with one load that ends at base[n - 1] and may start before
// `from` (the bytes before `from` are the caller's too, and are masked off): most lines are short,
// and a byte-by-byte tail would cost more than the rest of the scan. Never reads outside base[0, n).
inline size_t first_invalid_value_byte_from(const char* base, size_t from, size_t n) {
#if defined(__SSE2__)
  const __m128i ctl_max = _mm_set1_epi8(0x1F);
  const __m128i del = _mm_set1_epi8(0x7F);
  const __m128i tab = _mm_set1_epi8(0x09);
  auto bad_mask = [&](const char* at) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, ctl_max), v);  // v <= 0x1F
    __m128i bad = _mm_or_si128(_mm_andnot_si128(_mm_cmpeq_epi8(v, tab), ctl), _mm_cmpeq_epi8(v, del));
    return static_cast<unsigned>(_mm_movemask_epi8(bad));
  };
  size_t i = from;
  for (; i + 16 <= n; i += 16) {
    unsigned mask = bad_mask(base + i);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
  if (i == n) return n;
  if (n >= 16) {
    const size_t start = n - 16;  // start <= i < n
    unsigned mask = bad_mask(base + start) >> (i - start);
    return mask != 0 ? i + static_cast<size_t>(__builtin_ctz(mask)) : n;
  }
  return i + first_invalid_value_byte(base + i, n - i);
#else
  return from + first_invalid_value_byte(base + from, n - from);
#endif
}

// Length of the run of bytes of class `cls` at p, for a caller that knows a byte outside the
// class follows within its bytes (so the loop needs no bound).
template <uint8_t cls>
inline size_t class_run_to_stop(const char* p) {
  size_t i = 0;
  while (detail::has(p[i], cls) && detail::has(p[i + 1], cls) && detail::has(p[i + 2], cls) &&
         detail::has(p[i + 3], cls)) {
    i += 4;
  }
  while (detail::has(p[i], cls)) ++i;
  return i;
}

// Length of the run at p of ASCII letters, digits, '-' and '.', looked at 16 bytes at a time and
// only while at least 16 of the n bytes at p are left: it returns at the first other byte or
// where fewer than 16 remain, and the caller's table-driven run goes on from there. These bytes
// are tchar and reg-name bytes both, and nearly all of what field names and Host values hold; a
// run of them costs a few instructions per 16 bytes instead of a few per byte.
inline size_t name_run16(const char* p, size_t n) {
  size_t i = 0;
#if defined(__SSE2__)
  if (n < 16) return 0;  // before the constants, which would otherwise be set up for nothing
  const __m128i case_bit = _mm_set1_epi8(0x20);
  // x in [lo, lo + len) as one signed compare: x + (0x80 - lo) < -128 + len.
  const __m128i letter_bias = _mm_set1_epi8(static_cast<char>(0x80 - 'a'));
  const __m128i letter_end = _mm_set1_epi8(static_cast<char>(-128 + 26));
  const __m128i punct_bias = _mm_set1_epi8(static_cast<char>(0x80 - '-'));
  const __m128i punct_end = _mm_set1_epi8(static_cast<char>(-128 + ('9' - '-' + 1)));  // '-'..'9'
  const __m128i slash = _mm_set1_epi8('/');  // the one byte of '-'..'9' that is neither
  do {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // OR-ing 0x20 maps exactly the upper-case letters onto the lower-case ones.
    __m128i lower = _mm_or_si128(v, case_bit);
    __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(lower, letter_bias), letter_end);
    __m128i punct = _mm_cmplt_epi8(_mm_add_epi8(v, punct_bias), punct_end);
    punct = _mm_andnot_si128(_mm_cmpeq_epi8(v, slash), punct);
    unsigned ok = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, punct)));
    unsigned stop = ~ok & 0xFFFFu;
    if (stop != 0) return i + static_cast<size_t>(__builtin_ctz(stop));
    i += 16;
  } while (i + 16 <= n);
#else
  (void)p;
  (void)n;
#endif
  return i;
}

// Index of the first '%' not followed by two hex digits, or s.size().
inline size_t bad_percent_index(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size() + 0 || hex_value(s[i + 1]) < 0 || hex_value(s[i + 2]) < 0) return i;
      i += 2;
    }
  }
  return s.size();
}
inline bool valid_percent_encoding(std::string_view s) { return bad_percent_index(s) == s.size(); }

// Host = uri-host [ ":" port ] (RFC 9110 §7.2); an empty value is allowed. Returns the index of
// the first offending byte, or value.size() when valid.
inline size_t invalid_host_index(std::string_view v) {
  const size_t n = v.size();
  size_t i = 0;
  if (n > 0 && v[0] == '[') {
    // IP-literal: hex digits, ':' and '.' (IPv6, IPv4-embedded), or "v" IPvFuture.
    ++i;
    while (i < n && v[i] != ']') {
      char c = v[i];
      if (!(hex_value(c) >= 0 || c == ':' || c == '.' || c == 'v' || c == 'V' ||
            is_host_char(c))) {
        return i;
      }
      ++i;
    }
    if (i == n) return n - 1;
    ++i;
  } else {
    // reg-name or IPv4address; pct-encoded octets must be well formed.
    for (;;) {
      i += class_run<detail::kHost>(v.substr(i));
      if (i < n && v[i] == '%') {
        if (i + 2 >= n || hex_value(v[i + 1]) < 0 || hex_value(v[i + 2]) < 0) return i;
        i += 3;
        continue;
      }
      break;
    }
  }
  if (i < n && v[i] == ':') {
    ++i;
    while (i < n && is_digit(v[i])) ++i;
  }
  return i;
}

// Case-insensitive comparison of a token with a lower-case literal of letters, digits and '-'.
// OR-ing 0x20 lower-cases letters and leaves '-' and digits alone; no other token byte can be
// mistaken for one of them, and names reach here already checked as tokens.
inline bool token_iequals(std::string_view token, std::string_view lower) {
  const size_t n = token.size();
  if (n != lower.size()) return false;
  const char* a = token.data();
  const char* b = lower.data();
  // Whole words, the last one overlapping the one before: `lower` is a literal, so its length
  // is known where this is inlined and only one of these branches remains.
  if (n >= 8) {
    uint64_t x;
    uint64_t y;
    for (size_t i = 0; i + 8 < n; i += 8) {
      __builtin_memcpy(&x, a + i, 8);
      __builtin_memcpy(&y, b + i, 8);
      if ((x | 0x2020202020202020ULL) != y) return false;
    }
    __builtin_memcpy(&x, a + n - 8, 8);
    __builtin_memcpy(&y, b + n - 8, 8);
    return (x | 0x2020202020202020ULL) == y;
  }
  if (n >= 4) {
    uint32_t x0;
    uint32_t y0;
    uint32_t x1;
    uint32_t y1;
    __builtin_memcpy(&x0, a, 4);
    __builtin_memcpy(&y0, b, 4);
    __builtin_memcpy(&x1, a + n - 4, 4);
    __builtin_memcpy(&y1, b + n - 4, 4);
    return ((x0 | 0x20202020U) == y0) & ((x1 | 0x20202020U) == y1);
  }
  for (size_t i = 0; i < n; ++i) {
    if ((a[i] | 0x20) != b[i]) return false;
  }
  return true;
}

// Length of the quoted-string at the start of `s` (RFC 9110 §5.6.4), quotes included; 0 when it
// is not a complete quoted-string.
inline size_t quoted_string_length(std::string_view s) {
  if (s.empty() || s[0] != '"') return 0;
  size_t i = 1;
  while (i < s.size()) {
    char c = s[i];
    if (c == '"') return i + 1;
    if (c == '\\') {
      if (i + 1 >= s.size()) return 0;
      auto q = static_cast<unsigned char>(s[i + 1]);
      if (!(q == '\t' || q == ' ' || (q >= 0x21 && q != 0x7F))) return 0;
      i += 2;
      continue;
    }
    if (!detail::has(c, detail::kQdtext)) return 0;
    ++i;
  }
  return 0;
}

// chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ) (RFC 9112 §7.1.1).
// Returns SIZE_MAX when `ext` is valid, else the index of the first offending byte (ext.size()
// when it ends too early).
inline size_t chunk_extensions_error_index(std::string_view ext) {
  size_t i = 0;
  const size_t n = ext.size();
  auto skip_bws = [&] {
    while (i < n && (ext[i] == ' ' || ext[i] == '\t')) ++i;
  };
  for (;;) {
    if (i == n) return SIZE_MAX;
    // BWS is allowed before ";" only: whitespace that ends the line belongs to no element.
    size_t ws = i;
    skip_bws();
    if (i == n) return ws;
    if (ext[i] != ';') return i;
    ++i;
    skip_bws();
    size_t name = token_length(ext.substr(i));
    if (name == 0) return i;
    i += name;
    size_t before_bws = i;
    skip_bws();
    if (i < n && ext[i] == '=') {
      ++i;
      skip_bws();
      size_t len = i < n && ext[i] == '"' ? quoted_string_length(ext.substr(i))
                                          : token_length(ext.substr(i));
      if (len == 0) return i;
      i += len;
    } else {
      i = before_bws;
    }
  }
}

// Calls f(name, raw_value) for each extension of a chunk-ext already validated above.
template <typename F>
void for_each_chunk_extension(std::string_view ext, F&& f) {
  size_t i = 0;
  const size_t n = ext.size();
  auto skip_bws = [&] {
    while (i < n && (ext[i] == ' ' || ext[i] == '\t')) ++i;
  };
  for (;;) {
    skip_bws();
    if (i >= n) return;
    ++i;  // ';'
    skip_bws();
    size_t name_len = token_length(ext.substr(i));
    std::string_view name = ext.substr(i, name_len);
    i += name_len;
    size_t before_bws = i;
    skip_bws();
    std::string_view value;
    if (i < n && ext[i] == '=') {
      ++i;
      skip_bws();
      size_t len = ext[i] == '"' ? quoted_string_length(ext.substr(i)) : token_length(ext.substr(i));
      value = ext.substr(i, len);
      i += len;
    } else {
      i = before_bws;
    }
    f(name, value);
  }
}

}  // namespace wirecheck::http
