#pragma once
// What the harness needs to know about a server beyond its address: where its abstract
// resources live ({{path.ok}} ...) and what it can do (capabilities). Target files
// (cases/targets/*.yaml) describe a server; reference_target() describes the reference server
// and is the default.
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "harness/model/source_location.h"
#include "harness/model/template.h"

namespace wirecheck::harness {

struct Target {
  std::string name;
  std::string description;
  // Resource name -> request target: "ok" -> "/" (used as {{path.ok}}). A resource the server
  // lacks is absent; cases using it should `require` the matching capability.
  std::map<std::string, std::string> resources;
  std::set<std::string> capabilities;
  Variables parameters;  // overrides suite parameters, like a profile's
  SourceLocation where;

  bool has(std::string_view capability) const;
};

// The reference server: ok "/", missing "/no-such-page", echo "/echo", post "/echo",
// no_content "/status/204", not_modified "/status/304", redirect "/status/307", interim
// "/status/103"; capabilities echo, reflect, chunked, delay, status.
// A target file starts from these: it removes (`~`) the resources its server lacks.
Target reference_target();

// Resources a case may name as {{path.<name>}}.
//   ok       a GET answers 200 with a small body
//   missing  a GET answers 404
//   echo     answers with the request body it read
//   post     reads a request body (any answer)
//   no_content   a GET answers 204
//   not_modified a GET with "If-None-Match: *" answers 304
//   redirect     a GET answers 307 with a Location
//   interim      a GET answers a 1xx (103), then a final 200
const std::vector<std::string>& known_resources();

// Capabilities a case may `require`.
//   echo     path.echo answers with the request body
//   reflect  the server can show the request head it received
//   chunked  the server reads chunked request bodies
//   delay    the server has a resource that answers slowly
//   status   the server has a resource that answers a chosen status
const std::vector<std::string>& known_capabilities();

}  // namespace wirecheck::harness
