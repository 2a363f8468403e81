#include "reference/net/encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <strings.h>

namespace wirecheck::net {
namespace {

bool is_utf8_name(std::string_view name) {
  return name.size() == 5 ? strncasecmp(name.data(), "UTF-8", 5) == 0
                          : name.size() == 4 && strncasecmp(name.data(), "UTF8", 4) == 0;
}

class Iconv {
 public:
  Iconv(std::string_view from, std::string_view to)
      : handle_(iconv_open(std::string(to).c_str(), std::string(from).c_str())) {}
  ~Iconv() {
    if (ok()) iconv_close(handle_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  bool ok() const { return handle_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return handle_; }

 private:
  iconv_t handle_;
};

std::string hex_byte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", c);
  return buf;
}

// Converts as much as possible. Returns the offset of the first byte that failed (or
// text.size() on success) and sets `why` on failure.
size_t convert_prefix(Iconv& cd, std::string_view text, std::string& out, int& why) {
  const char* src = text.data();
  size_t left = text.size();
  char buf[4096];
  why = 0;
  while (left > 0) {
    char* dst = buf;
    size_t room = sizeof buf;
    size_t rc = iconv(cd.get(), const_cast<char**>(&src), &left, &dst, &room);
    out.append(buf, static_cast<size_t>(dst - buf));
    if (rc == static_cast<size_t>(-1) && errno != E2BIG) {
      why = errno;
      break;
    }
  }
  if (why == 0) {
    char* dst = buf;
    size_t room = sizeof buf;
    iconv(cd.get(), nullptr, nullptr, &dst, &room);  // flush any shift state
    out.append(buf, static_cast<size_t>(dst - buf));
  }
  return text.size() - left;
}

}  // namespace

Conversion convert_partial(std::string_view text, std::string_view from, std::string_view to) {
  Conversion c;
  Iconv cd(from, to);
  if (!cd.ok()) {
    c.stop = Conversion::Stop::unknown_encoding;
    return c;
  }
  int why = 0;
  c.stopped_at = convert_prefix(cd, text, c.out, why);
  if (why == EINVAL) c.stop = Conversion::Stop::incomplete;
  else if (why != 0) c.stop = Conversion::Stop::invalid;
  return c;
}

bool encoding_supported(std::string_view encoding) {
  Iconv cd("UTF-8", encoding);
  return cd.ok();
}

Result<std::string> convert_encoding(std::string_view text, std::string_view from,
                                     std::string_view to) {
  using R = Result<std::string>;
  Conversion c = convert_partial(text, from, to);
  const size_t at = c.stopped_at;
  switch (c.stop) {
    case Conversion::Stop::done:
      return std::move(c.out);
    case Conversion::Stop::unknown_encoding:
      return R::failure("cannot convert from " + std::string(from) + " to " + std::string(to) +
                        ": encoding not supported by iconv");
    case Conversion::Stop::incomplete:
      return R::failure("text ends in the middle of a " + std::string(from) +
                        " character (at byte " + std::to_string(at) + ")");
    case Conversion::Stop::invalid:
      break;
  }
  return R::failure("byte " + hex_byte(static_cast<unsigned char>(text[at])) + " at offset " +
                    std::to_string(at) + " cannot be converted from " + std::string(from) +
                    " to " + std::string(to));
}

Result<std::string> encode_text(std::string_view utf8, std::string_view encoding) {
  if (is_utf8_name(encoding)) {
    if (!is_valid_utf8(utf8)) return Result<std::string>::failure("text is not valid UTF-8");
    return std::string(utf8);
  }
  return convert_encoding(utf8, "UTF-8", encoding);
}

Result<std::string> decode_text(std::string_view bytes, std::string_view encoding) {
  if (is_utf8_name(encoding)) {
    if (!is_valid_utf8(bytes)) return Result<std::string>::failure("bytes are not valid UTF-8");
    return std::string(bytes);
  }
  return convert_encoding(bytes, encoding, "UTF-8");
}

std::string decode_text_lossy(std::string_view bytes, std::string_view encoding) {
  Iconv cd(encoding, "UTF-8");
  std::string out;
  if (!cd.ok()) {
    for (unsigned char c : bytes) {
      if (c >= 0x20 && c < 0x7f) {
        out += static_cast<char>(c);
      } else {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", c);
        out += buf;
      }
    }
    return out;
  }
  while (!bytes.empty()) {
    int why = 0;
    size_t at = convert_prefix(cd, bytes, out, why);
    if (why == 0) break;
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(bytes[at]));
    out += buf;
    bytes.remove_prefix(at + 1);
    iconv(cd.get(), nullptr, nullptr, nullptr, nullptr);  // reset state after the bad byte
  }
  return out;
}

bool is_valid_utf8(std::string_view bytes) {
  size_t i = 0;
  const size_t n = bytes.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(bytes[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) {
      return false;  // overlong
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

}  // namespace wirecheck::net
