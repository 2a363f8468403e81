// `send:` steps: bytes in one write, in parts with gaps, or a structured request.
#include <algorithm>

#include "harness/load/readers.h"
#include "harness/load/suggest.h"

namespace wirecheck::harness {
namespace {

bool token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::optional<HeaderField> read_field(Reader& r, const Entry& e, std::string_view what) {
  Entry name_entry{"", YAML::Node(YAML::NodeType::Undefined), e.key_node};
  auto name = r.templ(name_entry);
  if (e.value.IsNull()) {
    r.error(r.loc(e), "field '" + e.key + "' in " + std::string(what) +
                          " needs a value (write \"\" for an empty one)");
    return std::nullopt;
  }
  auto value = r.templ(e);
  if (!name || !value) return std::nullopt;
  return HeaderField{std::move(*name), std::move(*value), r.key_loc(e)};
}

// A map (name: value, in order) or, to repeat a name, a list of one-entry maps.
std::optional<std::vector<HeaderField>> read_fields(Reader& r, const Entry& e,
                                                    std::string_view what) {
  std::vector<HeaderField> out;
  bool ok = true;
  auto add_map = [&](const YAML::Node& node, bool single) {
    if (single && node.size() != 1) {
      r.error(r.loc(node), "each item of " + Reader::name(e) +
                               " is one 'Name: value' entry, found " + std::to_string(node.size()));
      ok = false;
      return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!it->first.IsScalar()) {
        r.error(r.loc(it->first), "field names must be strings");
        ok = false;
        continue;
      }
      Entry f{it->first.Scalar(), it->first, it->second};
      if (!single) {
        for (const auto& prev : out) {
          if (prev.name.text() == f.key) {
            r.error(r.key_loc(f), "duplicate key '" + f.key + "' in " + std::string(what) +
                                      " (list the fields as '- Name: value' items to repeat one)");
            ok = false;
          }
        }
      }
      auto field = read_field(r, f, what);
      if (field) {
        out.push_back(std::move(*field));
      } else {
        ok = false;
      }
    }
  };
  if (e.value.IsMap()) {
    add_map(e.value, false);
  } else if (e.value.IsSequence()) {
    for (const auto& item : e.value) {
      if (!item.IsMap()) {
        r.error(r.loc(item), "each item of " + Reader::name(e) + " is a 'Name: value' entry, found " +
                                 Reader::describe(item));
        ok = false;
        continue;
      }
      add_map(item, true);
    }
  } else {
    r.error(r.loc(e), Reader::name(e) + " must be a map of fields or a list of 'Name: value' "
                                        "entries, found " + Reader::describe(e.value));
    return std::nullopt;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<Chunk>> read_chunks(Reader& r, const Entry& e) {
  auto items = r.list(e, /*allow_empty=*/true);
  if (!items) return std::nullopt;
  std::vector<Chunk> out;
  bool ok = true;
  for (const auto& item : *items) {
    Chunk chunk;
    chunk.where = r.loc(item);
    const YAML::Node& node = item.value;  // const: operator[] must not insert the key
    bool chunk_map = node.IsMap() && (node["data"] || node["ext"]);
    if (chunk_map) {
      auto entries = r.map(item, "chunk", {"data", "ext"});
      if (!entries) {
        ok = false;
        continue;
      }
      const Entry* data = r.require(*entries, "data", "chunk", r.loc(item));
      std::optional<Payload> p;
      if (data) p = r.payload(*data);
      if (!p) {
        ok = false;
        continue;
      }
      chunk.data = std::move(*p);
      if (const Entry* ext = find(*entries, "ext")) {
        auto t = r.templ(*ext);
        if (!t) {
          ok = false;
          continue;
        }
        chunk.extensions = std::move(*t);
      }
    } else {
      auto p = r.payload(item);
      if (!p) {
        ok = false;
        continue;
      }
      chunk.data = std::move(*p);
    }
    out.push_back(std::move(chunk));
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<RequestSpec> read_request(Reader& r, const Entry& e) {
  static const std::vector<std::string> keys{"method",  "target",   "version",  "headers",
                                             "body",    "chunks",   "trailers", "add_host",
                                             "add_framing"};
  auto entries = r.map(e, "request", keys);
  if (!entries) return std::nullopt;
  RequestSpec req;
  req.where = r.loc(e);
  bool ok = true;
  req.method = Template::literal("GET", req.where);
  req.version = Template::literal("HTTP/1.1", req.where);
  if (!r.require(*entries, "target", "request", req.where)) ok = false;
  for (const auto& f : *entries) {
    if (f.key == "method" || f.key == "target" || f.key == "version") {
      auto t = r.templ(f);
      if (!t) {
        ok = false;
        continue;
      }
      if (f.key == "method") {
        std::string m = t->text();
        if (!t->has_variables() &&
            (m.empty() || !std::all_of(m.begin(), m.end(), token_char))) {
          // A malformed method belongs in a raw send, where every byte is deliberate.
          r.warning(r.loc(f), "method '" + m + "' is not a token; the serializer sends it as is");
        }
        req.method = std::move(*t);
      } else if (f.key == "target") {
        req.target = std::move(*t);
      } else {
        req.version = std::move(*t);
      }
    } else if (f.key == "headers" || f.key == "trailers") {
      auto fields = read_fields(r, f, f.key);
      if (!fields) {
        ok = false;
        continue;
      }
      (f.key == "headers" ? req.headers : req.trailers) = std::move(*fields);
    } else if (f.key == "body") {
      auto p = r.payload(f);
      if (!p) {
        ok = false;
        continue;
      }
      req.body = std::move(*p);
    } else if (f.key == "chunks") {
      auto chunks = read_chunks(r, f);
      if (!chunks) {
        ok = false;
        continue;
      }
      req.chunked = true;
      req.chunks = std::move(*chunks);
    } else if (f.key == "add_host" || f.key == "add_framing") {
      auto b = r.boolean(f);
      if (!b) {
        ok = false;
        continue;
      }
      (f.key == "add_host" ? req.add_host : req.add_framing) = *b;
    }
  }
  if (find(*entries, "body") && find(*entries, "chunks")) {
    r.error(r.key_loc(*find(*entries, "chunks")),
            "a request has 'body' or 'chunks', not both (chunks are the body, sent chunked)");
    ok = false;
  }
  if (const Entry* t = find(*entries, "trailers"); t && !find(*entries, "chunks")) {
    r.error(r.key_loc(*t), "'trailers' need 'chunks' (only a chunked body has trailers)");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return req;
}

}  // namespace

std::optional<Send> read_send(Reader& r, const Entry& e) {
  Send send;
  if (e.value.IsScalar()) {
    auto p = r.payload(e);
    if (!p) return std::nullopt;
    send.parts.push_back(std::move(*p));
    return send;
  }
  std::vector<std::string> keys = payload_keys();
  keys.insert(keys.end(), {"parts", "gap", "request"});
  auto entries = r.map(e, "send", keys);
  if (!entries) return std::nullopt;
  bool ok = true;
  const Entry* parts = find(*entries, "parts");
  const Entry* request = find(*entries, "request");
  const Entry* gap = find(*entries, "gap");
  bool payload = has_payload_key(*entries);
  int forms = (parts != nullptr) + (request != nullptr) + payload;
  if (forms == 0) {
    r.error(r.loc(e), "send needs bytes: a string, or one of 'bytes', 'hex', 'file', 'text', "
                      "'parts' or 'request'");
    return std::nullopt;
  }
  if (forms > 1) {
    r.error(r.loc(e), "send takes one of: bytes (bytes, hex, file, text), 'parts' or 'request'");
    return std::nullopt;
  }
  if (gap) {
    if (payload) {
      r.error(r.key_loc(*gap), "'gap' needs 'parts' or 'request' (one write has no gaps)");
      ok = false;
    } else if (auto d = r.duration(*gap)) {
      send.gap = *d;
    } else {
      ok = false;
    }
  }
  if (parts) {
    auto items = r.list(*parts);
    if (!items) return std::nullopt;
    for (const auto& item : *items) {
      auto p = r.payload(item);
      if (!p) {
        ok = false;
        continue;
      }
      send.parts.push_back(std::move(*p));
    }
  } else if (request) {
    auto req = read_request(r, *request);
    if (!req) return std::nullopt;
    send.request = std::move(*req);
  } else {
    auto p = r.payload(*entries, r.loc(e));
    if (!p) return std::nullopt;
    send.parts.push_back(std::move(*p));
  }
  if (!ok) return std::nullopt;
  return send;
}

}  // namespace wirecheck::harness
