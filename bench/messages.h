#pragma once
// The three messages every parser is measured on (docs/performance.md describes them).
#include <cstddef>
#include <string>
#include <vector>

namespace wirecheck::bench {

struct Message {
  const char* name;        // tiny_get, browser_get, chunked_post
  std::string bytes;       // one complete request
  size_t fields;           // field lines in its head
  size_t body;             // decoded body bytes
};

// In a fixed order: tiny_get, browser_get, chunked_post.
const std::vector<Message>& messages();
const Message* find_message(const std::string& name);

}  // namespace wirecheck::bench
