#include "reference/net/connection.h"

namespace wirecheck::net {

IoResult Connection::read_some(std::string& out, size_t capacity, Deadline deadline) {
  size_t old = out.size();
  out.resize(old + capacity);
  IoResult r = read_some(out.data() + old, capacity, deadline);
  out.resize(old + (r.ok() ? r.bytes : 0));
  return r;
}

}  // namespace wirecheck::net
