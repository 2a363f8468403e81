#include "bench/messages.h"

namespace wirecheck::bench {
namespace {

std::string browser_get() {
  // A desktop browser's navigation request: 10 field lines, 689 bytes.
  return "GET /wiki/Hypertext_Transfer_Protocol?action=view&section=3 HTTP/1.1\r\n"
         "Host: en.wikipedia.org\r\n"
         "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0\r\n"
         "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
         "*/*;q=0.8\r\n"
         "Accept-Language: en-US,en;q=0.5\r\n"
         "Accept-Encoding: gzip, deflate, br\r\n"
         "Referer: https://www.google.com/search?q=http+1.1+message+syntax&client=firefox-b-d\r\n"
         "Connection: keep-alive\r\n"
         "Cookie: WMF-Last-Access=26-Nov-2024; GeoIP=DE:BE:Berlin:52.52:13.40:v4; "
         "enwikimwuser-sessionId=7f3c2a9e1b4d6e8f0a1c; NetworkProbeLimit=0.001; cpPosIndex=1\r\n"
         "Upgrade-Insecure-Requests: 1\r\n"
         "If-Modified-Since: Tue, 19 Nov 2024 08:12:31 GMT\r\n"
         "\r\n";
}

std::string chunked_post() {
  // An upload of 4 KiB in 4 chunks of 1 KiB, as a client streaming from 1 KiB reads sends it.
  std::string s =
      "POST /api/v1/upload HTTP/1.1\r\n"
      "Host: api.example.com\r\n"
      "User-Agent: curl/7.88.1\r\n"
      "Accept: */*\r\n"
      "Content-Type: application/octet-stream\r\n"
      "Transfer-Encoding: chunked\r\n"
      "\r\n";
  for (int chunk = 0; chunk < 4; ++chunk) {
    s += "400\r\n";
    for (int i = 0; i < 1024; ++i) s += static_cast<char>('a' + (i + chunk) % 26);
    s += "\r\n";
  }
  s += "0\r\n\r\n";
  return s;
}

}  // namespace

const std::vector<Message>& messages() {
  static const std::vector<Message> all = {
      {"tiny_get", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 1, 0},
      {"browser_get", browser_get(), 10, 0},
      {"chunked_post", chunked_post(), 5, 4096},
  };
  return all;
}

const Message* find_message(const std::string& name) {
  for (const Message& m : messages()) {
    if (name == m.name) return &m;
  }
  return nullptr;
}

}  // namespace wirecheck::bench
