// picohttpparser, as Debian's libh2o exports it (no header ships, so the public prototypes are
// declared here, as picohttpparser.h declares them). It only splits the head into spans; like
// any server using it, the adapter then finds the framing fields itself and runs the chunked
// decoder, which decodes in place and so works on a copy of the body.
#include <strings.h>
#include <sys/types.h>

#include <cstring>
#include <string_view>
#include <vector>

#include "bench/parsers.h"

extern "C" {
struct phr_header {
  const char* name;
  size_t name_len;
  const char* value;
  size_t value_len;
};
int phr_parse_request(const char* buf, size_t len, const char** method, size_t* method_len,
                      const char** path, size_t* path_len, int* minor_version,
                      struct phr_header* headers, size_t* num_headers, size_t last_len);
// The decoder state: the public field first, then private state. Newer picohttpparser
// versions append more private fields; `reserved` leaves room for them, zero-initialised as
// the library expects.
struct phr_chunked_decoder {
  size_t bytes_left_in_chunk;
  char consume_trailer;
  char _hex_count;
  char _state;
  char reserved[64];
};
ssize_t phr_decode_chunked(struct phr_chunked_decoder* decoder, char* buf, size_t* bufsz);
}

namespace wirecheck::bench {
namespace {

bool name_is(const phr_header& h, const char* name, size_t len) {
  return h.name_len == len && strncasecmp(h.name, name, len) == 0;
}

// Shared by the parser and the copy-only adapter, so both copy exactly the same way.
class BodyCopy {
 protected:
  char* copy_body(std::string_view body) {
    if (scratch_.size() < body.size()) scratch_.resize(body.size());
    std::memcpy(scratch_.data(), body.data(), body.size());
    return scratch_.data();
  }

 private:
  std::vector<char> scratch_;
};

class Pico : public Adapter, BodyCopy {
 public:
  bool parse(std::string_view message, Summary& out) override {
    const char* method;
    const char* path;
    size_t method_len;
    size_t path_len;
    int minor;
    phr_header headers[64];
    size_t num_headers = 64;
    int head = phr_parse_request(message.data(), message.size(), &method, &method_len, &path,
                                 &path_len, &minor, headers, &num_headers, 0);
    if (head < 0) return false;
    out.sink += method_len + path_len + static_cast<unsigned char>(method[0]) +
                static_cast<uint64_t>(1 + minor);
    bool chunked = false;
    uint64_t content_length = 0;
    for (size_t i = 0; i < num_headers; ++i) {
      const phr_header& h = headers[i];
      ++out.fields;
      out.sink += h.name_len + h.value_len;
      if (name_is(h, "content-length", 14)) {
        for (size_t k = 0; k < h.value_len; ++k) {
          content_length = content_length * 10 + static_cast<uint64_t>(h.value[k] - '0');
        }
      } else if (name_is(h, "transfer-encoding", 17)) {
        chunked = h.value_len == 7 && strncasecmp(h.value, "chunked", 7) == 0;
      }
    }
    std::string_view rest = message.substr(static_cast<size_t>(head));
    if (chunked) {
      phr_chunked_decoder decoder{};
      decoder.consume_trailer = 1;
      char* body = copy_body(rest);
      size_t size = rest.size();
      ssize_t left = phr_decode_chunked(&decoder, body, &size);
      if (left != 0) return false;  // -1 error, -2 incomplete, >0 bytes after the message
      out.body += size;
      out.sink += size;
    } else {
      if (rest.size() != content_length) return false;
      out.body += content_length;
      out.sink += content_length;
    }
    return true;
  }
};

class CopyOnly : public Adapter, BodyCopy {
 public:
  bool parse(std::string_view message, Summary& out) override {
    // The same copy Pico makes: everything after the head. Where the head ends is found once
    // per message, so only the copy itself is measured.
    if (message.data() != last_) {
      last_ = message.data();
      head_end_ = message.find("\r\n\r\n");
      if (head_end_ == std::string_view::npos) return false;
      head_end_ += 4;
    }
    std::string_view rest = message.substr(head_end_);
    if (rest.empty()) return true;
    char* body = copy_body(rest);
    out.sink += static_cast<unsigned char>(body[rest.size() - 1]);
    return true;
  }

 private:
  const char* last_ = nullptr;
  size_t head_end_ = 0;
};

}  // namespace

std::unique_ptr<Adapter> make_picohttpparser() { return std::make_unique<Pico>(); }
std::unique_ptr<Adapter> make_pico_copy_only() { return std::make_unique<CopyOnly>(); }

}  // namespace wirecheck::bench
