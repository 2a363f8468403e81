#include "tests/harness/run/responder.h"

namespace wirecheck::testing {

std::string path_of_request(const std::string& request) {
  size_t sp = request.find(' ');
  if (sp == std::string::npos) return {};
  size_t end = request.find(' ', sp + 1);
  return request.substr(sp + 1, end == std::string::npos ? std::string::npos : end - sp - 1);
}

std::unique_ptr<LoopbackServer> table_server(std::map<std::string, Reply> table) {
  return std::make_unique<LoopbackServer>(
      http_script([table = std::move(table)](const std::string& request) {
        std::string path = path_of_request(request);
        if (path.rfind("/echo", 0) == 0) {
          return Reply{"HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(request.size()) +
                       "\r\n\r\n" + request};
        }
        auto it = table.find(path);
        if (it == table.end()) {
          return Reply{"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"};
        }
        return it->second;
      }));
}

std::string get(const std::string& path) {
  return "      - send: \"GET " + path + " HTTP/1.1\\r\\nHost: {{authority}}\\r\\n\\r\\n\"\n";
}

}  // namespace wirecheck::testing
