#include "pipeline/pack.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <unordered_set>

#include "pipeline/compare.h"

namespace hustings {

const std::vector<std::string> kPlaceKinds = {"country", "region", "city",     "town",
                                              "district", "village", "landmark", "other"};

std::vector<PartyEntry> load_parties(const std::filesystem::path& path) {
  const auto table = TsvTable::load(path, {"id", "name", "aliases", "former", "status"});
  std::vector<PartyEntry> parties;
  std::unordered_set<std::string> ids;
  for (const auto& row : table.rows()) {
    PartyEntry p;
    p.line = row.line;
    p.id = table.required(row, "id");
    p.name = table.required(row, "name");
    if (!ids.insert(p.id).second) table.fail(row, "duplicate id '" + p.id + "'");
    p.aliases = split_list(table.cell(row, "aliases"));
    for (const auto& item : split_list(table.cell(row, "former"))) {
      FormerName f;
      const size_t at = item.find('@');
      f.name = item.substr(0, at);
      if (at != std::string::npos) {
        const std::string years = item.substr(at + 1);
        char* end = nullptr;
        f.from = static_cast<int>(std::strtol(years.c_str(), &end, 10));
        if (*end == '-') f.to = static_cast<int>(std::strtol(end + 1, &end, 10));
        if (*end != '\0' || f.from < 1800) table.fail(row, "former name years must be YYYY-YYYY: '" + item + "'");
      }
      if (f.name.empty()) table.fail(row, "empty former name in '" + item + "'");
      p.former.push_back(std::move(f));
    }
    p.status = table.cell(row, "status");
    parties.push_back(std::move(p));
  }
  return parties;
}

std::vector<PlaceEntry> load_places(const std::vector<std::filesystem::path>& paths) {
  std::vector<PlaceEntry> places;
  std::unordered_set<std::string> ids;
  struct Pending {
    std::string file;
    int line;
    std::string parent;
  };
  std::vector<Pending> parents;
  for (const auto& path : paths) {
    const auto table = TsvTable::load(path, {"id", "name", "kind", "parent", "lat", "lon", "aliases", "source"});
    for (const auto& row : table.rows()) {
      PlaceEntry p;
      p.line = row.line;
      p.id = table.required(row, "id");
      p.name = table.required(row, "name");
      p.kind = table.required(row, "kind");
      if (std::find(kPlaceKinds.begin(), kPlaceKinds.end(), p.kind) == kPlaceKinds.end())
        table.fail(row, "unknown kind '" + p.kind + "'");
      if (!ids.insert(p.id).second) table.fail(row, "duplicate id '" + p.id + "'");
      p.parent = table.cell(row, "parent");
      for (const char* column : {"lat", "lon"}) {
        const std::string& v = table.cell(row, column);
        if (v.empty()) continue;
        char* end = nullptr;
        const double d = std::strtod(v.c_str(), &end);
        if (*end != '\0') table.fail(row, std::string("bad ") + column + " '" + v + "'");
        (column[1] == 'a' ? p.lat : p.lon) = d;
      }
      p.aliases = split_list(table.cell(row, "aliases"));
      p.source = table.cell(row, "source");
      if (!p.parent.empty()) parents.push_back({table.file(), row.line, p.parent});
      places.push_back(std::move(p));
    }
  }
  for (const auto& pending : parents)
    if (!ids.count(pending.parent))
      throw RuleError(pending.file, pending.line, "parent id '" + pending.parent + "' does not exist");
  return places;
}

PackNames::PackNames(const RuleLocator& rules) {
  const auto parties_file = rules.pack("parties.tsv");
  if (rule_file_exists(parties_file)) {
    for (const auto& p : load_parties(parties_file)) {
      parties_.emplace(fold_name(p.id), p.id);
      parties_.emplace(fold_name(p.name), p.id);
      for (const auto& a : p.aliases) parties_.emplace(fold_name(a), p.id);
      for (const auto& f : p.former) parties_.emplace(fold_name(f.name), p.id);
    }
  }
  for (auto& [name, id] : place_names(rules)) places_.emplace(std::move(name), std::move(id));
}

std::vector<std::pair<std::string, std::string>> place_names(const RuleLocator& rules) {
  std::vector<std::filesystem::path> files;
  for (const char* name : {"places.tsv", "world.tsv"})
    if (rule_file_exists(rules.pack(name))) files.push_back(rules.pack(name));
  const auto places = load_places(files);
  std::vector<std::pair<std::string, std::string>> names;
  for (const auto& p : places) names.emplace_back(fold_name(p.name), p.id);
  for (const auto& p : places)
    for (const auto& a : p.aliases) names.emplace_back(fold_name(a), p.id);
  return names;
}

std::string PackNames::resolve(std::string_view type, std::string_view name) const {
  const auto& map = type == "party" ? parties_ : places_;
  auto it = map.find(fold_name(name));
  return it == map.end() ? std::string() : it->second;
}

}  // namespace hustings
