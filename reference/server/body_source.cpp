#include "reference/server/body_source.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace wirecheck::server {

void append_pattern(std::string& out, uint64_t from, uint64_t count) {
  static const std::string kCycle = [] {
    std::string s;
    for (int r = 0; r < 64; ++r) {
      for (char c = 'a'; c <= 'z'; ++c) s += c;
    }
    return s;
  }();
  while (count > 0) {
    size_t start = static_cast<size_t>(from % 26);
    size_t n = static_cast<size_t>(std::min<uint64_t>(count, kCycle.size() - start));
    out.append(kCycle, start, n);
    from += n;
    count -= n;
  }
}

namespace {

class PatternBody final : public BodySource {
 public:
  explicit PatternBody(uint64_t length) : length_(length) {}
  bool fill(std::string& out, size_t max) override {
    uint64_t n = std::min<uint64_t>(max, length_ - sent_);
    append_pattern(out, sent_, n);
    sent_ += n;
    return sent_ < length_;
  }

 private:
  uint64_t length_;
  uint64_t sent_ = 0;
};

class ChunkedPatternBody final : public BodySource {
 public:
  ChunkedPatternBody(uint64_t size, uint64_t count) : size_(size), count_(count) {}
  bool fill(std::string& out, size_t max) override {
    size_t start = out.size();
    while (done_ < count_ && out.size() - start < max) {
      char line[32];
      int n = std::snprintf(line, sizeof line, "%llx\r\n", static_cast<unsigned long long>(size_));
      out.append(line, static_cast<size_t>(n));
      append_pattern(out, offset_, size_);
      out += "\r\n";
      offset_ += size_;
      ++done_;
    }
    if (done_ < count_) return true;
    out += "0\r\n\r\n";
    return false;
  }

 private:
  uint64_t size_;
  uint64_t count_;
  uint64_t done_ = 0;
  uint64_t offset_ = 0;
};

class FileBody final : public BodySource {
 public:
  FileBody(net::UniqueFd fd, uint64_t length) : fd_(std::move(fd)), length_(length) {}
  bool fill(std::string& out, size_t max) override {
    size_t want = static_cast<size_t>(std::min<uint64_t>(max, length_ - sent_));
    size_t old = out.size();
    out.resize(old + want);
    ssize_t n = ::pread(fd_.get(), out.data() + old, want, static_cast<off_t>(sent_));
    if (n <= 0) {
      // The file shrank or failed under us. The head promised `length_` bytes; pad with the
      // pattern so the framing stays honest.
      out.resize(old);
      append_pattern(out, sent_, want);
      n = static_cast<ssize_t>(want);
    } else {
      out.resize(old + static_cast<size_t>(n));
    }
    sent_ += static_cast<uint64_t>(n);
    return sent_ < length_;
  }

 private:
  net::UniqueFd fd_;
  uint64_t length_;
  uint64_t sent_ = 0;
};

}  // namespace

std::unique_ptr<BodySource> pattern_body(uint64_t length) {
  return std::make_unique<PatternBody>(length);
}
std::unique_ptr<BodySource> chunked_pattern_body(uint64_t size, uint64_t count) {
  return std::make_unique<ChunkedPatternBody>(size, count);
}
std::unique_ptr<BodySource> file_body(net::UniqueFd fd, uint64_t length) {
  return std::make_unique<FileBody>(std::move(fd), length);
}

}  // namespace wirecheck::server
