#include "reference/http/serializer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <iterator>

namespace wirecheck::http {
namespace {

constexpr std::string_view kCrlf = "\r\n";

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool has_field(const std::vector<Field>& fields, std::string_view name) {
  for (const Field& f : fields) {
    if (iequals(f.name, name)) return true;
  }
  return false;
}

// Numbers are rendered into a stack buffer: no allocation per field or chunk.
struct Number {
  std::array<char, 24> buf{};
  size_t len = 0;
  Number(uint64_t value, int base) {
    auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value, base);
    len = static_cast<size_t>(r.ptr - buf.data());
  }
  explicit Number(int value) {
    auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value);
    len = static_cast<size_t>(r.ptr - buf.data());
  }
  std::string_view view() const { return {buf.data(), len}; }
};

size_t fields_size(const std::vector<Field>& fields) {
  size_t n = 0;
  for (const Field& f : fields) n += f.name.size() + f.value.size() + 4;
  return n;
}

size_t body_size(const std::string& body, const std::optional<std::vector<std::string>>& chunks) {
  if (!chunks) return body.size();
  size_t n = 8;  // last chunk and final CRLF
  for (const std::string& c : *chunks) n += c.size() + 20;
  return n;
}

void append_field_line(std::string& out, std::string_view name, std::string_view value, bool first,
                       const Breakage& breakage, std::string_view eol) {
  out += name;
  if (first && breakage.space_before_colon) out += ' ';
  out += ':';
  if (first && breakage.obs_fold_first_field) {
    size_t sp = value.find(' ');
    if (sp == std::string_view::npos) {
      out += eol;
      out += ' ';
      out += value;
    } else {
      out += ' ';
      out += value.substr(0, sp);
      out += eol;
      out += value.substr(sp);  // the continuation line starts with that SP
    }
  } else if (!value.empty()) {
    out += ' ';
    out += value;
  }
  out += eol;
}

void append_chunks(std::string& out, const std::vector<std::string>& chunks,
                   const std::vector<Field>& trailers, const Breakage& breakage) {
  bool first = true;
  for (const std::string& data : chunks) {
    if (data.empty()) continue;
    if (first && breakage.first_chunk_size) {
      out += *breakage.first_chunk_size;
    } else {
      out += Number(data.size(), 16).view();
    }
    out += kCrlf;
    out += data;
    if (!(first && breakage.chunk_data_without_crlf)) out += kCrlf;
    first = false;
  }
  if (breakage.omit_last_chunk) return;
  out += (first && breakage.first_chunk_size) ? std::string_view(*breakage.first_chunk_size)
                                              : std::string_view("0");
  out += kCrlf;
  for (const Field& t : trailers) append_field_line(out, t.name, t.value, false, breakage, kCrlf);
  if (!breakage.omit_final_crlf) out += kCrlf;
}

// Fields, the framing field the message needs, the empty line and the body.
void append_rest(std::string& out, const std::vector<Field>& fields, const std::string& body,
                 const std::optional<std::vector<std::string>>& chunks,
                 const std::vector<Field>& trailers, bool wants_length, const Breakage& breakage,
                 std::string_view eol) {
  bool first = true;
  for (const Field& f : fields) {
    std::string_view value = f.value;
    if (breakage.content_length && iequals(f.name, "Content-Length")) {
      value = *breakage.content_length;
    }
    append_field_line(out, f.name, value, first, breakage, eol);
    first = false;
  }
  if (chunks && !has_field(fields, "Transfer-Encoding")) {
    append_field_line(out, "Transfer-Encoding", "chunked", first, breakage, eol);
    first = false;
  }
  if (!has_field(fields, "Content-Length")) {
    if (breakage.content_length) {
      append_field_line(out, "Content-Length", *breakage.content_length, first, breakage, eol);
    } else if (!chunks && wants_length) {
      append_field_line(out, "Content-Length", Number(body.size(), 10).view(), first, breakage,
                        eol);
    }
  }
  out += eol;
  if (chunks) {
    append_chunks(out, *chunks, trailers, breakage);
  } else {
    out += body;
  }
}

}  // namespace

std::string serialize(const Request& request, const Breakage& breakage) {
  std::string_view eol = breakage.bare_lf ? std::string_view("\n") : kCrlf;
  std::string out;
  out.reserve(request.method.size() + request.target.size() + request.version.size() + 64 +
              fields_size(request.fields) + fields_size(request.trailers) +
              body_size(request.body, request.chunks));
  out += request.method;
  out += ' ';
  out += request.target;
  out += ' ';
  out += request.version;
  out += eol;
  bool wants_length =
      request.add_content_length && (!request.body.empty() || request.method == "POST" ||
                                     request.method == "PUT" || request.method == "PATCH");
  append_rest(out, request.fields, request.body, request.chunks, request.trailers, wants_length,
              breakage, eol);
  return out;
}

std::string serialize(const Response& response, const Breakage& breakage) {
  std::string_view eol = breakage.bare_lf ? std::string_view("\n") : kCrlf;
  std::string_view reason =
      response.reason ? std::string_view(*response.reason) : reason_phrase(response.status);
  std::string out;
  out.reserve(response.version.size() + reason.size() + 64 + fields_size(response.fields) +
              fields_size(response.trailers) + body_size(response.body, response.chunks));
  out += response.version;
  out += ' ';
  out += Number(response.status).view();
  out += ' ';  // required even when the reason phrase is empty (RFC 9112 §4)
  out += reason;
  out += eol;
  int s = response.status;
  bool no_content = (s >= 100 && s < 200) || s == 204 || s == 304;
  bool wants_length = response.add_content_length && !no_content;
  append_rest(out, response.fields, response.body, response.chunks, response.trailers, wants_length,
              breakage, eol);
  return out;
}

void append_chunk(std::string& out, std::string_view data, std::string_view extensions) {
  if (data.empty()) return;
  out += Number(data.size(), 16).view();
  out += extensions;
  out += kCrlf;
  out += data;
  out += kCrlf;
}

void append_last_chunk(std::string& out, const std::vector<Field>& trailers) {
  append_chunks(out, {}, trailers, Breakage{});
}

std::string_view reason_phrase(int status) {
  struct Phrase {
    int status;
    std::string_view text;
  };
  // Sorted by status for the binary search below.
  static constexpr Phrase kPhrases[] = {
      {100, "Continue"},
      {101, "Switching Protocols"},
      {200, "OK"},
      {201, "Created"},
      {202, "Accepted"},
      {203, "Non-Authoritative Information"},
      {204, "No Content"},
      {205, "Reset Content"},
      {206, "Partial Content"},
      {300, "Multiple Choices"},
      {301, "Moved Permanently"},
      {302, "Found"},
      {303, "See Other"},
      {304, "Not Modified"},
      {305, "Use Proxy"},
      {307, "Temporary Redirect"},
      {308, "Permanent Redirect"},
      {400, "Bad Request"},
      {401, "Unauthorized"},
      {402, "Payment Required"},
      {403, "Forbidden"},
      {404, "Not Found"},
      {405, "Method Not Allowed"},
      {406, "Not Acceptable"},
      {407, "Proxy Authentication Required"},
      {408, "Request Timeout"},
      {409, "Conflict"},
      {410, "Gone"},
      {411, "Length Required"},
      {412, "Precondition Failed"},
      {413, "Content Too Large"},
      {414, "URI Too Long"},
      {415, "Unsupported Media Type"},
      {416, "Range Not Satisfiable"},
      {417, "Expectation Failed"},
      {421, "Misdirected Request"},
      {422, "Unprocessable Content"},
      {426, "Upgrade Required"},
      {428, "Precondition Required"},
      {429, "Too Many Requests"},
      {431, "Request Header Fields Too Large"},
      {500, "Internal Server Error"},
      {501, "Not Implemented"},
      {502, "Bad Gateway"},
      {503, "Service Unavailable"},
      {504, "Gateway Timeout"},
      {505, "HTTP Version Not Supported"},
      {511, "Network Authentication Required"},
  };
  const Phrase* end = std::end(kPhrases);
  const Phrase* it = std::lower_bound(std::begin(kPhrases), end, status,
                                      [](const Phrase& p, int s) { return p.status < s; });
  return it != end && it->status == status ? it->text : std::string_view();
}

}  // namespace wirecheck::http
