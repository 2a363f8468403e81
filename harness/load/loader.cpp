#include "harness/load/loader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "harness/load/reader.h"
#include "harness/load/readers.h"
#include "harness/load/source_text.h"
#include "harness/load/suggest.h"
#include "harness/model/tag_expr.h"
#include "harness/model/target.h"
#include "harness/model/variables.h"

namespace fs = std::filesystem;

namespace wirecheck::harness {
namespace {

using IdMap = std::map<std::string, SourceLocation>;

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

bool valid_name(std::string_view s) {
  return !s.empty() && s.size() <= 128 && std::all_of(s.begin(), s.end(), name_char) &&
         s.front() != '.' && s.front() != '-';
}

bool valid_section(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.';
  });
}

std::optional<std::string> read_file(const std::string& path, Diagnostics& d) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    d.error({path, 0, 0}, std::string("cannot read the file: ") + std::strerror(errno));
    return std::nullopt;
  }
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// yaml-cpp's exceptions stop here and become diagnostics.
std::optional<YAML::Node> parse_yaml(const SourceText& src, Diagnostics& d) {
  try {
    YAML::Node root = YAML::Load(src.text());
    return root;
  } catch (const YAML::Exception& e) {
    d.error(src.at(e.mark), "invalid YAML: " + e.msg);
  }
  return std::nullopt;
}

// The parameters block of a suite, target or profile: name -> value (escapes processed, no
// variables).
std::optional<Variables> read_parameters(Reader& r, const Entry& e) {
  if (!e.value.IsMap()) {
    r.error(r.loc(e), "'parameters' must be a map of names to values, found " +
                          Reader::describe(e.value));
    return std::nullopt;
  }
  Variables out;
  bool ok = true;
  for (auto it = e.value.begin(); it != e.value.end(); ++it) {
    Entry p{it->first.IsScalar() ? it->first.Scalar() : "", it->first, it->second};
    if (!valid_parameter_name(p.key)) {
      r.error(r.key_loc(p), "bad parameter name " + Reader::describe(it->first) +
                                ": use words of a-z 0-9 _ joined by '.', not a builtin "
                                "(host, port, authority, path.*)");
      ok = false;
      continue;
    }
    if (out.count(p.key)) {
      r.error(r.key_loc(p), "duplicate parameter '" + p.key + "'");
      ok = false;
      continue;
    }
    auto t = r.templ(p, /*allow_variables=*/false);
    if (!t) {
      ok = false;
      continue;
    }
    out[p.key] = t->text();
  }
  if (!ok) return std::nullopt;
  return out;
}

struct Defaults {
  std::optional<Duration> timeout;
  std::vector<std::string> tags;
  std::optional<double> points;
  std::optional<bool> serial;
  std::vector<std::string> capabilities;
  std::optional<std::string> document;
  std::optional<std::string> section;
  std::optional<Level> level;
  std::optional<std::string> text;
};

struct PartialRef {
  std::optional<std::string> document;
  std::optional<std::string> section;
  std::optional<Level> level;
  std::optional<std::string> text;
};

std::optional<PartialRef> read_ref(Reader& r, const Entry& e) {
  auto entries = r.map(e, "ref", {"document", "section", "level", "text"});
  if (!entries) return std::nullopt;
  PartialRef ref;
  bool ok = true;
  for (const auto& f : *entries) {
    if (f.key == "level") {
      std::optional<Level> l;
      if (f.value.IsScalar()) l = parse_level(f.value.Scalar());
      if (!l) {
        std::string v = f.value.IsScalar() ? f.value.Scalar() : "";
        r.error(r.loc(f), "bad level " + Reader::describe(f.value) + ": use MUST, SHOULD or MAY" +
                              did_you_mean(v, {"MUST", "SHOULD", "MAY"}));
        ok = false;
        continue;
      }
      ref.level = l;
      continue;
    }
    auto s = r.string(f);
    if (!s) {
      ok = false;
      continue;
    }
    if (f.key == "document") {
      ref.document = *s;
    } else if (f.key == "section") {
      if (!valid_section(*s)) {
        r.error(r.loc(f), "bad section '" + *s + "': write it as in the RFC, such as 6.1 or A.2");
        ok = false;
        continue;
      }
      ref.section = *s;
    } else {
      ref.text = *s;
    }
  }
  if (!ok) return std::nullopt;
  return ref;
}

bool read_tags(Reader& r, const Entry& e, std::vector<std::string>& out) {
  auto tags = r.scalar_items(e, /*allow_single=*/true);
  if (!tags) return false;
  bool ok = true;
  for (const auto& item : *tags) {
    const std::string& t = item.value.Scalar();
    if (!valid_tag(t)) {
      r.error(r.loc(item), "bad tag '" + t + "': tags hold letters, digits and _ . : - and are not "
                        "'and', 'or' or 'not'");
      ok = false;
      continue;
    }
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  }
  return ok;
}

bool read_capabilities(Reader& r, const Entry& e, std::vector<std::string>& out) {
  auto caps = r.scalar_items(e, /*allow_single=*/true);
  if (!caps) return false;
  bool ok = true;
  for (const auto& item : *caps) {
    const std::string& c = item.value.Scalar();
    const auto& known = known_capabilities();
    if (std::find(known.begin(), known.end(), c) == known.end()) {
      std::string hint = did_you_mean(c, known);
      r.error(r.loc(item), "unknown capability '" + c + "'" +
                               (hint.empty() ? " (known: " + one_of(known) + ")" : hint));
      ok = false;
      continue;
    }
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return ok;
}

std::optional<Defaults> read_defaults(Reader& r, const Entry& e) {
  auto entries =
      r.map(e, "defaults", {"timeout", "tags", "points", "serial", "requires", "ref"});
  if (!entries) return std::nullopt;
  Defaults d;
  bool ok = true;
  for (const auto& f : *entries) {
    if (f.key == "timeout") {
      if (auto v = r.duration(f)) d.timeout = *v; else ok = false;
    } else if (f.key == "tags") {
      ok = read_tags(r, f, d.tags) && ok;
    } else if (f.key == "points") {
      if (auto v = r.number(f, 0)) d.points = *v; else ok = false;
    } else if (f.key == "serial") {
      if (auto v = r.boolean(f)) d.serial = *v; else ok = false;
    } else if (f.key == "requires") {
      ok = read_capabilities(r, f, d.capabilities) && ok;
    } else if (f.key == "ref") {
      if (auto ref = read_ref(r, f)) {
        d.document = ref->document;
        d.section = ref->section;
        d.level = ref->level;
        d.text = ref->text;
      } else {
        ok = false;
      }
    }
  }
  if (!ok) return std::nullopt;
  return d;
}

struct SuiteContext {
  std::string name;
  std::string spec;
  Defaults defaults;
  Variables parameters;
};

std::optional<Case> read_case(Reader& r, const Entry& item, const SuiteContext& suite, IdMap& ids) {
  static const std::vector<std::string> keys{"id",      "title",   "why",   "ref",
                                             "tags",    "points",  "serial", "requires",
                                             "timeout", "defect",  "steps"};
  auto entries = r.map(item, "case", keys);
  if (!entries) return std::nullopt;
  SourceLocation where = r.loc(item);
  Case c;
  c.suite = suite.name;
  c.where = where;
  c.parameters = suite.parameters;
  bool ok = true;

  if (const Entry* id = r.require(*entries, "id", "case", where)) {
    if (auto s = r.string(*id)) {
      c.id = *s;
      c.where = r.loc(*id);
      if (!valid_name(c.id)) {
        r.error(r.loc(*id), "bad case id '" + c.id + "': use a-z 0-9 . - _ (not starting with . "
                            "or -), as in rfc9112-6.1-te-and-cl");
        ok = false;
      } else if (auto [it, inserted] = ids.emplace(c.id, r.loc(*id)); !inserted) {
        r.error(r.loc(*id), "duplicate case id '" + c.id + "' (first defined at " +
                                it->second.to_string() + ")");
        ok = false;
      }
    } else {
      ok = false;
    }
  } else {
    ok = false;
  }
  if (const Entry* t = r.require(*entries, "title", "case", where)) {
    if (auto s = r.string(*t)) c.title = *s; else ok = false;
  } else {
    ok = false;
  }

  PartialRef ref;
  c.tags = suite.defaults.tags;
  c.capabilities = suite.defaults.capabilities;
  for (const auto& f : *entries) {
    if (f.key == "why") {
      if (auto s = r.string(f)) c.why = *s; else ok = false;
    } else if (f.key == "ref") {
      if (auto v = read_ref(r, f)) ref = *v; else ok = false;
    } else if (f.key == "tags") {
      ok = read_tags(r, f, c.tags) && ok;
    } else if (f.key == "points") {
      if (auto v = r.number(f, 0)) c.points = *v; else ok = false;
    } else if (f.key == "serial") {
      if (auto v = r.boolean(f)) c.serial = *v; else ok = false;
    } else if (f.key == "requires") {
      ok = read_capabilities(r, f, c.capabilities) && ok;
    } else if (f.key == "defect") {
      // Names only: which defects exist is the self-test's business (the loader does not
      // depend on the reference server).
      ok = read_tags(r, f, c.defects) && ok;
    } else if (f.key == "timeout") {
      auto v = r.duration(f);
      if (v && v->count() == 0) {
        r.error(r.loc(f), "'timeout' must be more than 0ms");
        v.reset();
      }
      if (v) c.timeout = *v; else ok = false;
    }
  }
  if (!find(*entries, "points") && suite.defaults.points) c.points = *suite.defaults.points;
  if (!find(*entries, "serial") && suite.defaults.serial) c.serial = *suite.defaults.serial;
  if (!find(*entries, "timeout") && suite.defaults.timeout) c.timeout = *suite.defaults.timeout;

  c.ref.document = ref.document.value_or(suite.defaults.document.value_or(suite.spec));
  c.ref.section = ref.section.value_or(suite.defaults.section.value_or(""));
  c.ref.text = ref.text.value_or(suite.defaults.text.value_or(""));
  if (auto level = ref.level ? ref.level : suite.defaults.level) {
    c.ref.level = *level;
  } else if (ok) {
    r.error(where, "case '" + c.id + "' has no requirement level: give 'ref: {level: MUST}' "
                   "(or SHOULD, MAY) here or in the file's defaults");
    ok = false;
  }
  if (c.ref.document.empty() && ok) {
    r.error(where, "case '" + c.id + "' names no document: give 'spec' at the top of the file or "
                   "'ref: {document: ...}'");
    ok = false;
  }

  if (const Entry* steps = r.require(*entries, "steps", "case", where)) {
    if (auto s = read_steps(r, *steps)) c.steps = std::move(*s); else ok = false;
  } else {
    ok = false;
  }
  if (!ok) return std::nullopt;
  return c;
}

void read_case_file(const SourceText& src, LoadResult& result, IdMap& ids) {
  Diagnostics& d = result.diagnostics;
  auto root = parse_yaml(src, d);
  if (!root) return;
  if (root->IsNull()) {
    d.error({src.file(), 1, 1}, "the file is empty: a case file is a map with 'suite' and 'cases'");
    return;
  }
  Reader r(src, d);
  if (!root->IsMap()) {
    r.error(r.loc(*root), "a case file must be a map with 'suite' and 'cases', found " +
                              Reader::describe(*root));
    return;
  }
  auto top = r.map(*root, "the case file",
                   {"suite", "spec", "description", "parameters", "defaults", "cases"});
  if (!top) return;
  SourceLocation file_start = r.loc(*root);
  Suite suite;
  suite.where = {src.file(), 0, 0};
  SuiteContext ctx;
  bool header_ok = true;
  if (const Entry* s = r.require(*top, "suite", "the case file", file_start)) {
    if (auto v = r.string(*s)) {
      suite.name = *v;
      if (!valid_name(suite.name)) {
        r.error(r.loc(*s), "bad suite name '" + suite.name + "': use a-z 0-9 . - _");
        header_ok = false;
      }
    } else {
      header_ok = false;
    }
  } else {
    header_ok = false;
  }
  for (const auto& f : *top) {
    if (f.key == "spec") {
      if (auto v = r.string(f)) suite.spec = *v; else header_ok = false;
    } else if (f.key == "description") {
      if (auto v = r.string(f)) suite.description = *v; else header_ok = false;
    } else if (f.key == "parameters") {
      if (auto v = read_parameters(r, f)) suite.parameters = std::move(*v); else header_ok = false;
    }
  }
  r.set_parameters(suite.parameters);
  if (const Entry* f = find(*top, "defaults")) {
    if (auto v = read_defaults(r, *f)) ctx.defaults = std::move(*v); else header_ok = false;
  }
  ctx.name = suite.name;
  ctx.spec = suite.spec;
  ctx.parameters = suite.parameters;
  const Entry* cases = r.require(*top, "cases", "the case file", file_start);
  if (!cases) return;
  auto items = r.list(*cases);
  if (!items) return;
  for (const auto& item : *items) {
    auto c = read_case(r, item, ctx, ids);
    if (c && header_ok) suite.cases.push_back(std::move(*c));
  }
  if (header_ok) result.library.suites.push_back(std::move(suite));
}

// yaml-cpp reports most problems while parsing (caught in parse_yaml); this catches anything a
// node access could still throw, so no exception leaves the loader.
void read_case_file_guarded(const SourceText& src, LoadResult& result, IdMap& ids) {
  try {
    read_case_file(src, result, ids);
  } catch (const YAML::Exception& e) {
    result.diagnostics.error(src.at(e.mark), "invalid YAML: " + e.msg);
  } catch (const std::exception& e) {
    result.diagnostics.error({src.file(), 0, 0}, std::string("cannot load the file: ") + e.what());
  }
}

bool is_yaml(const fs::path& p) {
  auto ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

}  // namespace

std::vector<std::string> case_files(const std::vector<std::string>& paths, Diagnostics& diagnostics) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& path : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      diagnostics.error({path, 0, 0}, "no such file or directory");
      continue;
    }
    std::vector<std::string> found;
    if (fs::is_directory(st)) {
      fs::recursive_directory_iterator it(path, fs::directory_options::follow_directory_symlink, ec);
      for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const auto& entry = *it;
        auto name = entry.path().filename().string();
        if (entry.is_directory()) {
          if (name == "targets" || name == "profiles" || (!name.empty() && name[0] == '.')) {
            it.disable_recursion_pending();
          }
          continue;
        }
        if (is_yaml(entry.path()) && entry.is_regular_file()) {
          found.push_back(entry.path().generic_string());
        }
      }
      if (ec) diagnostics.error({path, 0, 0}, "cannot list the directory: " + ec.message());
      std::sort(found.begin(), found.end());
    } else {
      found.push_back(path);
    }
    for (auto& f : found) {
      if (seen.insert(fs::weakly_canonical(f, ec).string()).second) out.push_back(std::move(f));
    }
  }
  return out;
}

LoadResult load_cases(const std::vector<std::string>& paths) {
  LoadResult result;
  IdMap ids;
  for (const auto& file : case_files(paths, result.diagnostics)) {
    auto text = read_file(file, result.diagnostics);
    ++result.files;
    if (!text) continue;
    SourceText src(file, std::move(*text));
    read_case_file_guarded(src, result, ids);
  }
  return result;
}

LoadResult load_cases_text(std::string_view text, const std::string& file_name) {
  LoadResult result;
  IdMap ids;
  SourceText src(file_name, std::string(text));
  result.files = 1;
  read_case_file_guarded(src, result, ids);
  return result;
}

namespace {

std::optional<Target> read_target_text(std::string_view text, const std::string& file_name,
                                       Diagnostics& diagnostics) {
  SourceText src(file_name, std::string(text));
  auto root = parse_yaml(src, diagnostics);
  if (!root) return std::nullopt;
  Reader r(src, diagnostics);
  size_t errors_before = diagnostics.errors();
  auto top = r.map(*root, "the target file",
                   {"target", "description", "resources", "capabilities", "parameters"});
  if (!top) return std::nullopt;
  Target t = reference_target();
  t.where = {file_name, 1, 1};
  t.description.clear();
  if (const Entry* n = r.require(*top, "target", "the target file", t.where)) {
    if (auto v = r.string(*n)) {
      t.name = *v;
      if (!valid_name(t.name)) r.error(r.loc(*n), "bad target name '" + t.name + "': use a-z 0-9 . - _");
    }
  }
  for (const auto& f : *top) {
    if (f.key == "description") {
      if (auto v = r.string(f)) t.description = *v;
    } else if (f.key == "resources") {
      if (!f.value.IsMap()) {
        r.error(r.loc(f), "'resources' must be a map of resource names to request targets, found " +
                              Reader::describe(f.value));
        continue;
      }
      for (auto it = f.value.begin(); it != f.value.end(); ++it) {
        Entry res{it->first.IsScalar() ? it->first.Scalar() : "", it->first, it->second};
        const auto& known = known_resources();
        if (std::find(known.begin(), known.end(), res.key) == known.end()) {
          std::string hint = did_you_mean(res.key, known);
          r.error(r.key_loc(res), "unknown resource '" + res.key + "'" +
                                      (hint.empty() ? " (known: " + one_of(known) + ")" : hint));
          continue;
        }
        if (res.value.IsNull()) {
          t.resources.erase(res.key);
          continue;
        }
        if (auto v = r.templ(res, /*allow_variables=*/false)) t.resources[res.key] = v->text();
      }
    } else if (f.key == "capabilities") {
      std::vector<std::string> caps;
      if (read_capabilities(r, f, caps)) t.capabilities = {caps.begin(), caps.end()};
    } else if (f.key == "parameters") {
      if (auto v = read_parameters(r, f)) t.parameters = std::move(*v);
    }
  }
  if (diagnostics.errors() > errors_before) return std::nullopt;
  return t;
}

}  // namespace

std::optional<Target> load_target_text(std::string_view text, const std::string& file_name,
                                       Diagnostics& diagnostics) {
  try {
    return read_target_text(text, file_name, diagnostics);
  } catch (const std::exception& e) {
    diagnostics.error({file_name, 0, 0}, std::string("cannot load the file: ") + e.what());
  }
  return std::nullopt;
}

std::optional<Target> load_target(const std::string& file, Diagnostics& diagnostics) {
  auto text = read_file(file, diagnostics);
  if (!text) return std::nullopt;
  return load_target_text(*text, file, diagnostics);
}

namespace {

std::optional<Profile> read_profile_text(std::string_view text, const std::string& file_name,
                                         Diagnostics& diagnostics) {
  SourceText src(file_name, std::string(text));
  auto root = parse_yaml(src, diagnostics);
  if (!root) return std::nullopt;
  Reader r(src, diagnostics);
  size_t errors_before = diagnostics.errors();
  auto top = r.map(*root, "the profile",
                   {"profile", "description", "suites", "paths", "tags", "parameters", "points"});
  if (!top) return std::nullopt;
  Profile p;
  p.where = {file_name, 1, 1};
  p.root = fs::path(file_name).parent_path().parent_path().string();
  if (const Entry* n = r.require(*top, "profile", "the profile", p.where)) {
    if (auto v = r.string(*n)) {
      p.name = *v;
      if (!valid_name(p.name)) r.error(r.loc(*n), "bad profile name '" + p.name + "': use a-z 0-9 . - _");
    }
  }
  for (const auto& f : *top) {
    if (f.key == "description") {
      if (auto v = r.string(f)) p.description = *v;
    } else if (f.key == "suites" || f.key == "paths") {
      if (auto v = r.strings(f, /*allow_single=*/true)) (f.key == "suites" ? p.suites : p.paths) = *v;
    } else if (f.key == "tags") {
      auto v = r.string(f);
      if (!v) continue;
      TagExprError err;
      auto expr = TagExpr::parse(*v, &err);
      if (!expr) {
        SourceLocation at = r.loc(f);
        RawScalar raw = src.raw(f.value);
        if (raw.text == *v && err.column >= 1 && err.column <= raw.pos.size()) {
          at = src.at(raw.pos[err.column - 1]);
        } else if (raw.text == *v && !raw.pos.empty() && err.column == raw.pos.size() + 1) {
          TextPos end = raw.pos.back();  // "found the end": just after the last character
          ++end.column;
          at = src.at(end);
        }
        r.error(at, "bad tag expression: " + err.message);
        continue;
      }
      p.tags = std::move(*expr);
    } else if (f.key == "parameters") {
      if (auto v = read_parameters(r, f)) p.parameters = std::move(*v);
    } else if (f.key == "points") {
      auto entries = r.map(f, "points", {"warn_credit", "count_skipped", "weights", "scale_to"});
      if (!entries) continue;
      for (const auto& g : *entries) {
        if (g.key == "warn_credit") {
          if (auto v = r.number(g, 0)) {
            if (*v > 1) {
              r.error(r.loc(g), "'warn_credit' is a share of the points, from 0 to 1");
            } else {
              p.points.warn_credit = *v;
            }
          }
        } else if (g.key == "count_skipped") {
          if (auto v = r.boolean(g)) p.points.count_skipped = *v;
        } else if (g.key == "scale_to") {
          if (auto v = r.number(g, 0)) p.points.scale_to = *v;
        } else if (g.key == "weights") {
          auto w = r.map(g, "weights", {"must", "should", "may"});
          if (!w) continue;
          for (const auto& h : *w) {
            auto v = r.number(h, 0);
            if (!v) continue;
            (h.key == "must" ? p.points.must_weight
             : h.key == "should" ? p.points.should_weight
                                 : p.points.may_weight) = *v;
          }
        }
      }
    }
  }
  if (diagnostics.errors() > errors_before) return std::nullopt;
  return p;
}

}  // namespace

std::optional<Profile> load_profile_text(std::string_view text, const std::string& file_name,
                                         Diagnostics& diagnostics) {
  try {
    return read_profile_text(text, file_name, diagnostics);
  } catch (const std::exception& e) {
    diagnostics.error({file_name, 0, 0}, std::string("cannot load the file: ") + e.what());
  }
  return std::nullopt;
}

std::optional<Profile> load_profile(const std::string& file, Diagnostics& diagnostics) {
  auto text = read_file(file, diagnostics);
  if (!text) return std::nullopt;
  return load_profile_text(*text, file, diagnostics);
}

}  // namespace wirecheck::harness
