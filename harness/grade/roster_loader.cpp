#include "harness/grade/roster_loader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include <yaml-cpp/yaml.h>

#include "harness/grade/placeholders.h"
#include "harness/load/reader.h"
#include "harness/load/source_text.h"
#include "harness/load/suggest.h"
#include "reference/net/address.h"

namespace wirecheck::harness {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kTopKeys = {"roster",  "cases",  "profile",  "target_file",
                                           "policy",  "limits", "defaults", "students"};
const std::vector<std::string> kStudentKeys = {"name",    "target",  "start",       "dir",
                                               "docroot", "env",     "profile",     "target_file",
                                               "limits"};
const std::vector<std::string> kDefaultKeys = {"start",   "dir",         "docroot", "env",
                                               "profile", "target_file", "limits"};
const std::vector<std::string> kPolicyKeys = {"restart", "fresh", "retries", "health"};
const std::vector<std::string> kLimitKeys = {"cpu",    "memory", "files", "processes",
                                             "output", "wall",   "ready", "grace"};

bool valid_student_name(std::string_view s) {
  return !s.empty() && s.size() <= 100 && s.front() != '.' && s.front() != '-' &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '.' || c == '_' || c == '-';
         });
}

bool valid_env_name(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s.front()))) return false;
  return std::all_of(s.begin(), s.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

// A value as written with where it is: defaults apply to many students, so a problem found
// for one student is reported where the value was written.
struct Located {
  std::string value;
  SourceLocation where;
  bool set = false;
};

struct StudentSpec {
  Located start, dir, docroot, profile, target_file;
  std::vector<std::pair<EnvVar, SourceLocation>> env;
  LimitsOverride limits;
};

class RosterReader {
 public:
  RosterReader(const SourceText& src, Diagnostics& d, std::string base)
      : src_(src), r_(src, d), base_(std::move(base)) {}

  Reader& r() { return r_; }

  std::string resolve(const std::string& path) const {
    if (path.empty()) return path;
    fs::path p(path);
    fs::path out = p.is_absolute() ? p.lexically_normal() : (fs::path(base_) / p).lexically_normal();
    std::string text = out.string();
    if (text.size() > 1 && text.back() == '/') text.pop_back();  // "dir: ." -> no trailing slash
    return text;
  }

  // Reports each {placeholder} of the scalar that is not in `allowed`, at its column.
  bool check_placeholders(const Entry& e, const std::string& value,
                          const std::vector<std::string>& allowed) {
    bool ok = true;
    RawScalar raw = src_.raw(e.value);
    for (const auto& use : find_placeholders(value)) {
      if (std::find(allowed.begin(), allowed.end(), use.name) != allowed.end()) continue;
      SourceLocation at = r_.loc(e);
      if (!raw.escapes_processed && raw.text == value && use.offset < raw.pos.size()) {
        at = src_.at(raw.pos[use.offset]);
      }
      std::string names;
      for (const auto& a : allowed) names += (names.empty() ? "{" : ", {") + a + "}";
      r_.error(at, "unknown placeholder {" + use.name + "}" + did_you_mean(use.name, allowed) +
                       " (known here: " + names + ")");
      ok = false;
    }
    return ok;
  }

  std::optional<Located> located_string(const Entry& e) {
    auto v = r_.string(e);
    if (!v) return std::nullopt;
    return Located{*v, r_.loc(e), true};
  }

  void read_limits(const Entry& e, LimitsOverride& out) {
    auto entries = r_.map(e, "limits", kLimitKeys);
    if (!entries) return;
    for (const auto& f : *entries) {
      if (f.key == "cpu" || f.key == "wall" || f.key == "ready" || f.key == "grace") {
        auto d = r_.duration(f);
        if (!d) continue;
        if (d->count() <= 0 && f.key != "grace") {
          r_.error(r_.loc(f), "'" + f.key + "' must be more than 0");
          continue;
        }
        (f.key == "cpu"    ? out.cpu
         : f.key == "wall" ? out.wall
         : f.key == "ready" ? out.ready
                            : out.grace) = *d;
      } else if (f.key == "memory" || f.key == "output") {
        auto v = r_.string(f);
        if (!v) continue;
        std::string problem;
        auto size = parse_size(*v, &problem);
        if (!size) {
          r_.error(r_.loc(f), "bad size '" + *v + "' for '" + f.key + "': " + problem);
          continue;
        }
        (f.key == "memory" ? out.memory : out.output) = *size;
      } else {
        auto v = r_.integer(f, 1, 1'000'000);
        if (!v) continue;
        (f.key == "files" ? out.open_files : out.processes) = static_cast<uint64_t>(*v);
      }
    }
  }

  void read_env(const Entry& e, StudentSpec& spec) {
    if (!e.value.IsMap()) {
      r_.error(r_.loc(e), "'env' must be a map of variable names to values, found " +
                              Reader::describe(e.value));
      return;
    }
    for (auto it = e.value.begin(); it != e.value.end(); ++it) {
      Entry var{it->first.IsScalar() ? it->first.Scalar() : "", it->first, it->second};
      if (!valid_env_name(var.key)) {
        r_.error(r_.key_loc(var), "bad environment variable name '" + var.key +
                                      "': use letters, digits and _, not starting with a digit");
        continue;
      }
      auto v = r_.string(var);
      if (!v) continue;
      if (!check_placeholders(var, *v, start_placeholders())) continue;
      spec.env.push_back({EnvVar{var.key, *v}, r_.loc(var)});
    }
  }

  // The keys a student and the defaults share.
  void read_shared(const Entry& f, StudentSpec& spec) {
    if (f.key == "start") {
      if (auto v = located_string(f)) {
        if (v->value.find_first_not_of(" \t") == std::string::npos) {
          r_.error(v->where, "'start' is empty: write the command that starts the server");
        } else if (check_placeholders(f, v->value, start_placeholders())) {
          spec.start = *v;
        }
      }
    } else if (f.key == "dir" || f.key == "docroot") {
      if (auto v = located_string(f)) {
        if (check_placeholders(f, v->value, dir_placeholders())) {
          (f.key == "dir" ? spec.dir : spec.docroot) = *v;
        }
      }
    } else if (f.key == "env") {
      read_env(f, spec);
    } else if (f.key == "profile" || f.key == "target_file") {
      if (auto v = located_string(f)) (f.key == "profile" ? spec.profile : spec.target_file) = *v;
    } else if (f.key == "limits") {
      read_limits(f, spec.limits);
    }
  }

 private:
  const SourceText& src_;
  Reader r_;
  std::string base_;
};

std::optional<std::string> read_text(const std::string& path, Diagnostics& d) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    d.error({path, 0, 0}, "cannot read the roster: " + std::string(std::strerror(errno)));
    return std::nullopt;
  }
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Where a profile named in a roster lives: a file (relative to the roster), or NAME.yaml in
// the profiles folder of one of the case directories.
std::optional<std::string> find_profile(const std::string& name, const RosterReader& rr,
                                        const std::vector<std::string>& case_paths) {
  std::error_code ec;
  std::string as_file = rr.resolve(name);
  if (fs::is_regular_file(as_file, ec)) return as_file;
  for (const auto& dir : case_paths) {
    if (!fs::is_directory(dir, ec)) continue;
    for (const char* ext : {".yaml", ".yml"}) {
      fs::path candidate = fs::path(dir) / "profiles" / (name + ext);
      if (fs::is_regular_file(candidate, ec)) return candidate.string();
    }
  }
  return std::nullopt;
}

}  // namespace

void LimitsOverride::apply_to(StudentLimits& limits) const {
  if (cpu) limits.cpu = *cpu;
  if (memory) limits.memory = *memory;
  if (open_files) limits.open_files = *open_files;
  if (processes) limits.processes = *processes;
  if (output) limits.output = *output;
  if (wall) limits.wall = *wall;
  if (ready) limits.ready = *ready;
  if (grace) limits.grace = *grace;
}

void LimitsOverride::merge_from(const LimitsOverride& more) {
  if (more.cpu) cpu = more.cpu;
  if (more.memory) memory = more.memory;
  if (more.open_files) open_files = more.open_files;
  if (more.processes) processes = more.processes;
  if (more.output) output = more.output;
  if (more.wall) wall = more.wall;
  if (more.ready) ready = more.ready;
  if (more.grace) grace = more.grace;
}

const char* to_string(RestartPolicy policy) {
  switch (policy) {
    case RestartPolicy::suite: return "suite";
    case RestartPolicy::each_case: return "case";
    case RestartPolicy::once: return "once";
  }
  return "suite";
}

std::optional<uint64_t> parse_size(std::string_view text, std::string* error) {
  auto fail = [&](const char* why) -> std::optional<uint64_t> {
    if (error) *error = why;
    return std::nullopt;
  };
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) {
    ++digits;
  }
  if (digits == 0) return fail("it must start with a whole number, as in 512MiB");
  uint64_t n = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + digits, n);
  if (ec != std::errc() || ptr != text.data() + digits) return fail("the number is too large");
  std::string unit(text.substr(digits));
  unit.erase(0, unit.find_first_not_of(' '));
  static const std::map<std::string, uint64_t> units = {
      {"", 1},        {"B", 1},          {"KB", 1000},       {"MB", 1000'000},
      {"GB", 1000'000'000}, {"KiB", 1024}, {"MiB", 1024 * 1024}, {"GiB", 1024 * 1024 * 1024}};
  auto it = units.find(unit);
  if (it == units.end()) return fail("use one of the units B, KB, MB, GB, KiB, MiB, GiB");
  if (n > UINT64_MAX / it->second) return fail("the size is too large");
  if (n == 0) return fail("it must be more than 0");
  return n * it->second;
}

std::optional<Roster> load_roster_text(std::string_view text, const std::string& file_name,
                                       Diagnostics& diagnostics) {
  SourceText src(file_name, std::string(text));
  YAML::Node root;
  try {
    root = YAML::Load(src.text());
  } catch (const YAML::Exception& e) {
    diagnostics.error(src.at(e.mark), "invalid YAML: " + e.msg);
    return std::nullopt;
  }
  std::string base = fs::path(file_name).parent_path().string();
  if (base.empty()) base = ".";
  RosterReader rr(src, diagnostics, base);
  Reader& r = rr.r();
  size_t errors_before = diagnostics.errors();
  auto top = r.map(root, "the roster", kTopKeys);
  if (!top) return std::nullopt;

  Roster roster;
  roster.file = file_name;
  roster.name = fs::path(file_name).stem().string();
  StudentSpec defaults;
  LimitsOverride roster_limits;
  const Entry* students_entry = nullptr;
  for (const auto& f : *top) {
    if (f.key == "roster") {
      if (auto v = r.string(f)) roster.name = *v;
    } else if (f.key == "cases") {
      auto items = r.scalar_items(f, /*allow_single=*/true);
      if (!items) continue;
      for (const auto& item : *items) {
        std::string path = rr.resolve(item.value.Scalar());
        std::error_code ec;
        if (!fs::exists(path, ec)) {
          r.error(r.loc(item), "no such file or directory: " + path);
          continue;
        }
        roster.cases.push_back(path);
      }
    } else if (f.key == "profile" || f.key == "target_file") {
      rr.read_shared(f, defaults);
    } else if (f.key == "limits") {
      rr.read_limits(f, roster_limits);
    } else if (f.key == "defaults") {
      auto entries = r.map(f, "defaults", kDefaultKeys);
      if (!entries) continue;
      for (const auto& g : *entries) {
        if (g.key == "limits") {
          // Limits in defaults and at the top mean the same; the top ones are read first.
          LimitsOverride l;
          rr.read_limits(g, l);
          roster_limits.merge_from(l);
        } else {
          rr.read_shared(g, defaults);
        }
      }
    } else if (f.key == "policy") {
      auto entries = r.map(f, "policy", kPolicyKeys);
      if (!entries) continue;
      for (const auto& g : *entries) {
        if (g.key == "restart") {
          if (auto v = r.word(g, {"suite", "case", "once"})) {
            roster.policy.restart = *v == "suite" ? RestartPolicy::suite
                                    : *v == "case" ? RestartPolicy::each_case
                                                   : RestartPolicy::once;
          }
        } else if (g.key == "fresh") {
          if (auto v = r.strings(g, /*allow_single=*/true)) roster.policy.fresh = *v;
        } else if (g.key == "retries") {
          if (auto v = r.integer(g, 0, 3)) roster.policy.retries = static_cast<unsigned>(*v);
        } else if (g.key == "health") {
          if (auto v = r.strings(g, /*allow_single=*/true)) {
            roster.policy.health = *v;
            roster.policy.health_where = r.loc(g);
          }
        }
      }
    } else if (f.key == "students") {
      students_entry = &f;
    }
  }
  if (roster.cases.empty() && !find(*top, "cases")) roster.cases.push_back("cases");

  if (!students_entry) {
    r.error({file_name, 1, 1}, "the roster is missing required key 'students'");
    return std::nullopt;
  }
  auto items = r.list(*students_entry);
  if (!items) return std::nullopt;

  std::map<std::string, SourceLocation> names;
  for (const auto& item : *items) {
    size_t errors_in_student = diagnostics.errors();
    auto entries = r.map(item.value, "a student", kStudentKeys);
    if (!entries) continue;
    Student s;
    s.where = r.loc(item.value);
    StudentSpec spec = defaults;
    LimitsOverride limits = roster_limits;
    Located target;
    for (const auto& f : *entries) {
      if (f.key == "name") {
        if (auto v = r.string(f)) {
          s.name = *v;
          if (!valid_student_name(s.name)) {
            r.error(r.loc(f), "bad student name '" + s.name +
                                  "': use letters, digits, '.', '_' and '-' (it names a folder)");
          } else if (auto [it, inserted] = names.emplace(s.name, r.loc(f)); !inserted) {
            r.error(r.loc(f), "duplicate student name '" + s.name + "' (first at line " +
                                  std::to_string(it->second.line) + ")");
          }
        }
      } else if (f.key == "target") {
        if (auto v = rr.located_string(f)) {
          auto parsed = net::parse_host_port(v->value);
          if (!parsed) {
            r.error(v->where, "bad target '" + v->value + "': " + parsed.error());
          } else {
            target = *v;
          }
        }
      } else if (f.key == "limits") {
        LimitsOverride l;
        rr.read_limits(f, l);
        limits.merge_from(l);
      } else if (f.key == "env") {
        // A student's own variables are added to the defaults', replacing those of the same name.
        StudentSpec own;
        rr.read_env(f, own);
        for (auto& e : own.env) {
          auto same = std::find_if(spec.env.begin(), spec.env.end(),
                                   [&](const auto& d) { return d.first.name == e.first.name; });
          if (same != spec.env.end()) {
            *same = e;
          } else {
            spec.env.push_back(e);
          }
        }
      } else {
        rr.read_shared(f, spec);
      }
    }
    if (!find(*entries, "name")) {
      r.error(s.where, "a student is missing required key 'name'");
      continue;
    }
    // A misspelt key or a bad value has been reported; what follows would only repeat it.
    if (diagnostics.errors() > errors_in_student) continue;
    bool own_start = find(*entries, "start") != nullptr;
    if (target.set && own_start) {
      r.error(target.where, "student '" + s.name +
                                "' has both 'target' and 'start': give the address of a running "
                                "server or the command that starts one, not both");
      continue;
    }
    PlaceholderValues dir_values = {{"name", s.name}};
    auto dir_of = [&](const Located& l, const char* what) -> std::optional<std::string> {
      std::string path = rr.resolve(expand_placeholders(l.value, dir_values, false));
      std::error_code ec;
      if (!fs::is_directory(path, ec)) {
        r.error(l.where, std::string("the ") + what + " " + path +
                             (l.where.line == s.where.line ? "" : " of student '" + s.name + "'") +
                             " is not a directory");
        return std::nullopt;
      }
      std::string absolute = fs::absolute(path, ec).lexically_normal().string();
      if (absolute.size() > 1 && absolute.back() == '/') absolute.pop_back();
      return absolute;
    };
    if (target.set) {
      s.target = target.value;
    } else if (spec.start.set) {
      s.start = spec.start.value;
      s.start_where = spec.start.where;
      if (spec.dir.set) {
        auto d = dir_of(spec.dir, "directory");
        if (!d) continue;
        s.dir = *d;
      } else {
        std::error_code ec;
        s.dir = fs::absolute(base, ec).lexically_normal().string();
      }
      for (const auto& [var, where] : spec.env) s.env.push_back(var);
    } else {
      r.error(s.where, "student '" + s.name +
                           "' has neither 'target' (host:port of a running server) nor 'start' "
                           "(the command that starts it)");
      continue;
    }
    if (spec.docroot.set) {
      auto d = dir_of(spec.docroot, "docroot");
      if (!d) continue;
      s.docroot = *d;
    }
    if (!spec.profile.set) {
      r.error(s.where, "no profile for student '" + s.name +
                           "': set 'profile' at the top of the roster or for the student");
      continue;
    }
    s.profile_name = spec.profile.value;
    if (auto file = find_profile(spec.profile.value, rr, roster.cases)) {
      s.profile_file = *file;
    } else {
      r.error(spec.profile.where, "no such profile '" + spec.profile.value +
                                      "' (looked for a file, and for profiles/" +
                                      spec.profile.value + ".yaml beside the cases)");
      continue;
    }
    if (spec.target_file.set) {
      std::string path = rr.resolve(spec.target_file.value);
      std::error_code ec;
      if (!fs::is_regular_file(path, ec)) {
        r.error(spec.target_file.where, "no such target file: " + path);
        continue;
      }
      s.target_file = path;
    }
    limits.apply_to(s.limits);
    roster.students.push_back(std::move(s));
  }
  if (diagnostics.errors() > errors_before) return std::nullopt;
  return roster;
}

std::optional<Roster> load_roster(const std::string& file, Diagnostics& diagnostics) {
  auto text = read_text(file, diagnostics);
  if (!text) return std::nullopt;
  return load_roster_text(*text, file, diagnostics);
}

}  // namespace wirecheck::harness
