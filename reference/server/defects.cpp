#include "reference/server/defects.h"

namespace wirecheck::server {

const std::vector<DefectInfo>& all_defects() {
  static const std::vector<DefectInfo> table = {
#define WIRECHECK_SERVER_DEFECT_INFO(id, name, what, section) {Defect::id, name, what, section},
      WIRECHECK_SERVER_DEFECTS(WIRECHECK_SERVER_DEFECT_INFO)
#undef WIRECHECK_SERVER_DEFECT_INFO
  };
  return table;
}

const DefectInfo& info(Defect defect) { return all_defects().at(static_cast<size_t>(defect)); }

bool parse_defect(std::string_view name, Defect& out) {
  for (const auto& d : all_defects()) {
    if (d.name == name) {
      out = d.defect;
      return true;
    }
  }
  return false;
}

std::string DefectSet::names() const {
  std::string out;
  for (const auto& d : all_defects()) {
    if (!has(d.defect)) continue;
    if (!out.empty()) out += ", ";
    out += d.name;
  }
  return out;
}

}  // namespace wirecheck::server
