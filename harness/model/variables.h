#pragma once
// The variables a case may use and where their values come from:
//   {{host}} {{port}}     the target's address ({{host}} is bracketed for IPv6: "[::1]")
//   {{authority}}         host:port, what a Host field holds
//   {{path.<resource>}}   from the target file (reference server defaults), target.h
//   {{<parameter>}}       declared by the suite with a default; a target file, then a profile
//                          may override it
#include <string>
#include <string_view>
#include <vector>

#include "harness/model/case.h"
#include "harness/model/profile.h"
#include "harness/model/target.h"
#include "harness/model/template.h"

namespace wirecheck::harness {

// host, port, authority and path.<known resource>.
std::vector<std::string> builtin_variables();
bool is_builtin_variable(std::string_view name);

// Parameter names: [a-z0-9_] words joined by '.', not starting with "path." and not a builtin.
bool valid_parameter_name(std::string_view name);

// "127.0.0.1" -> "127.0.0.1"; "::1" -> "[::1]".
std::string host_for_url(std::string_view host);

// Every variable the case may use, valued for one target. `profile` may be null.
Variables make_variables(std::string_view host, int port, const Target& target, const Case& c,
                         const Profile* profile);

// Values that stand in for the real ones when a case file is only checked (no target yet):
// 127.0.0.1:8080 and the reference server's resources, plus the suite's parameter defaults.
Variables placeholder_variables(const Variables& parameters);

}  // namespace wirecheck::harness
