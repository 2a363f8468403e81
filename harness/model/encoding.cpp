#include "harness/model/encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>

namespace wirecheck::harness {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The code point starting at text[offset], for a message about an unconvertible character.
std::string describe_char(std::string_view text, size_t offset) {
  if (offset >= text.size()) return "end of text";
  auto b = static_cast<unsigned char>(text[offset]);
  uint32_t cp = b;
  size_t len = 1;
  if (b >= 0xf0) {
    cp = b & 0x07u;
    len = 4;
  } else if (b >= 0xe0) {
    cp = b & 0x0fu;
    len = 3;
  } else if (b >= 0xc0) {
    cp = b & 0x1fu;
    len = 2;
  }
  if (offset + len > text.size()) return "a truncated character";
  for (size_t i = 1; i < len; ++i) cp = (cp << 6) | (static_cast<unsigned char>(text[offset + i]) & 0x3fu);
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return std::string(buf) + " '" + std::string(text.substr(offset, len)) + "'";
}

std::optional<std::string> convert(std::string_view input, const std::string& from,
                                   const std::string& to, bool input_is_utf8,
                                   ConversionError* error) {
  iconv_t cd = iconv_open(to.c_str(), from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    if (error) {
      const std::string& name = input_is_utf8 ? to : from;
      *error = {"'" + name + "' is not an encoding iconv knows (try gbk, gb18030, big5, shift_jis, "
                "euc-jp, latin1, utf-16le)", 0};
    }
    return std::nullopt;
  }
  std::string out;
  out.resize(input.size() * 4 + 16);
  // iconv's interface is not const-correct; it never writes through the input pointer.
  char* in_ptr = const_cast<char*>(input.data());
  size_t in_left = input.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  bool ok = true;
  while (in_left > 0) {
    size_t r = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      size_t used = out.size() - out_left;
      out.resize(out.size() * 2);
      out_ptr = out.data() + used;
      out_left = out.size() - used;
      continue;
    }
    ok = false;
    if (error) {
      size_t at = input.size() - in_left;
      if (errno == EILSEQ && input_is_utf8) {
        *error = {"character " + describe_char(input, at) + " cannot be written in " + to, at};
      } else if (errno == EILSEQ) {
        *error = {"bytes at offset " + std::to_string(at) + " are not valid " + from, at};
      } else {
        *error = {"text ends in the middle of a character", at};
      }
    }
    break;
  }
  if (ok) {
    // Flush any shift state (stateful encodings such as iso-2022-jp).
    size_t r = iconv(cd, nullptr, nullptr, &out_ptr, &out_left);
    if (r == static_cast<size_t>(-1)) ok = false;
  }
  iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

bool is_utf8(std::string_view encoding) {
  std::string e = lower(encoding);
  return e.empty() || e == "utf-8" || e == "utf8";
}

std::optional<std::string> encode_text(std::string_view text, std::string_view encoding,
                                       ConversionError* error) {
  if (is_utf8(encoding)) return std::string(text);
  return convert(text, "UTF-8", std::string(encoding), true, error);
}

std::optional<std::string> decode_text(std::string_view bytes, std::string_view encoding,
                                       ConversionError* error) {
  if (is_utf8(encoding)) return std::string(bytes);
  return convert(bytes, std::string(encoding), "UTF-8", false, error);
}

bool encoding_known(std::string_view encoding) {
  if (is_utf8(encoding)) return true;
  iconv_t cd = iconv_open("UTF-8", std::string(encoding).c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  iconv_close(cd);
  return true;
}

}  // namespace wirecheck::harness
