#pragma once
// Showing bytes to people: escaped on one line, or as a hex dump.
#include <string>
#include <string_view>

namespace wirecheck::client {

// "GET / HTTP/1.1\r\n": printable ASCII as is, \r \n \t \\ and \xHH for the rest.
std::string escape_bytes(std::string_view bytes);

// 16 bytes a line: offset, hex, and the printable ASCII.
//   00000000  48 54 54 50 2f 31 2e 31  20 32 30 30 20 4f 4b 0d  |HTTP/1.1 200 OK.|
std::string hex_dump(std::string_view bytes);

}  // namespace wirecheck::client
