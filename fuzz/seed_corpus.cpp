// Seeds the fuzz corpora from the parser case documents (tests/data/parser-cases/*.cases), read
// with the same reader the parser tests use, so a seed holds exactly the bytes its case
// describes. Each case becomes a file "case-<id>" in the corpus of every target it fits, with the
// target's control byte(s) in front:
//   fuzz_request       requests: option byte + bytes
//   fuzz_response      responses: method/option byte + bytes
//   fuzz_chunked       requests with a chunked body: option byte + the bytes after the head
//   fuzz_split         everything: control byte (pieces of 7 bytes) + length byte + bytes
//   fuzz_differential  requests under default (strict) options: the bytes alone
// Earlier "case-*" files are removed first, so a renamed or deleted case leaves no stale seed.
//
// usage: fuzz_seed_corpus PARSER-CASES-DIR CORPUS-ROOT
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "fuzz/drive.h"
#include "tests/reference/http/case_file.h"

namespace {

namespace fs = std::filesystem;
using wirecheck::http::MessageKind;
using wirecheck::http::Options;
using wirecheck::http::parser_cases::ParserCase;

bool is_default(const Options& o) {
  const Options d;
  const auto& l = o.limits;
  const auto& dl = d.limits;
  const auto& n = o.lenient;
  return !o.observer && !n.bare_lf && !n.obs_fold && !n.space_before_colon &&
         !n.content_length_list && !n.content_length_with_transfer_encoding &&
         !n.missing_reason_space && !n.missing_host && l.max_start_line == dl.max_start_line &&
         l.max_field_line == dl.max_field_line && l.max_header_bytes == dl.max_header_bytes &&
         l.max_field_count == dl.max_field_count &&
         l.max_chunk_size_digits == dl.max_chunk_size_digits &&
         l.max_chunk_extension_bytes == dl.max_chunk_extension_bytes &&
         l.max_body_bytes == dl.max_body_bytes &&
         l.chunk_overhead_allowance == dl.chunk_overhead_allowance &&
         l.max_leading_empty_lines == dl.max_leading_empty_lines;
}

// The fuzz option set closest to what the case asks for.
wcfuzz::Mode mode_of(const Options& o) {
  const auto& n = o.lenient;
  if (o.observer) return wcfuzz::Mode::observer;
  if (n.bare_lf || n.obs_fold || n.space_before_colon || n.content_length_list ||
      n.content_length_with_transfer_encoding || n.missing_reason_space || n.missing_host) {
    return wcfuzz::Mode::lenient;
  }
  return is_default(o) ? wcfuzz::Mode::strict : wcfuzz::Mode::small_limits;
}

uint8_t method_index(const ParserCase& c) {
  const std::string first = c.methods.empty() ? "GET" : c.methods.front();
  if (first == "HEAD") return 1;
  if (first == "CONNECT") return 2;
  return 0;
}

bool has_chunked_head(std::string_view bytes, size_t& body_start) {
  const size_t end = bytes.find("\r\n\r\n");
  if (end == std::string_view::npos) return false;
  std::string head(bytes.substr(0, end));
  for (char& ch : head) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (head.find("transfer-encoding: chunked") == std::string::npos) return false;
  body_start = end + 4;
  return true;
}

bool write_seed(const fs::path& dir, const std::string& id, const std::string& bytes) {
  std::ofstream out(dir / ("case-" + id), std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s PARSER-CASES-DIR CORPUS-ROOT\n", argv[0]);
    return 2;
  }
  const auto set = wirecheck::http::parser_cases::load_case_dir(argv[1]);
  for (const auto& e : set.errors) std::fprintf(stderr, "%s\n", e.c_str());
  if (!set.errors.empty()) return 1;

  const fs::path root(argv[2]);
  const char* targets[] = {"fuzz_request", "fuzz_response", "fuzz_chunked", "fuzz_split",
                           "fuzz_differential"};
  for (const char* t : targets) {
    fs::create_directories(root / t);
    for (const auto& entry : fs::directory_iterator(root / t)) {
      if (entry.path().filename().string().rfind("case-", 0) == 0) fs::remove(entry.path());
    }
  }

  size_t written = 0;
  bool ok = true;
  auto seed = [&](const char* target, const std::string& id, const std::string& bytes) {
    ok = write_seed(root / target, id, bytes) && ok;
    ++written;
  };
  for (const ParserCase& c : set.cases) {
    const auto mode = static_cast<uint8_t>(mode_of(c.options));
    const bool response = c.kind == MessageKind::response;
    if (response) {
      seed("fuzz_response", c.id, std::string(1, static_cast<char>(method_index(c) + 3 * mode)) + c.bytes);
    } else {
      seed("fuzz_request", c.id, std::string(1, static_cast<char>(mode)) + c.bytes);
      if (mode == static_cast<uint8_t>(wcfuzz::Mode::strict)) seed("fuzz_differential", c.id, c.bytes);
      size_t body_start = 0;
      if (has_chunked_head(c.bytes, body_start)) {
        seed("fuzz_chunked", c.id, std::string(1, static_cast<char>(mode)) + c.bytes.substr(body_start));
      }
    }
    // fuzz_split control byte: options in bits 0-1, response in bit 2, one length byte
    // (K = 1 in bits 3-5), the request method in bits 6-7; the length byte 6 means pieces of 7.
    const auto control = static_cast<char>(mode | (response ? 4 : 0) | (1 << 3) |
                                           (response ? method_index(c) << 6 : 0));
    seed("fuzz_split", c.id, std::string{control, '\x06'} + c.bytes);
  }
  std::printf("%zu seeds from %zu parser cases written under %s\n", written, set.cases.size(),
              root.c_str());
  return ok ? 0 : 1;
}
