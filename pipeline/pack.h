// Country pack tables (rules/<pack>/): the party list and the gazetteer, loaded and validated
// once. The parties and places stages build their matchers from these; compare uses PackNames
// to decide that "Oral" and "Uralsk" name the same place.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pipeline/compare.h"
#include "pipeline/rules.h"

namespace hustings {

struct FormerName {
  std::string name;
  int from = 0, to = 0;  // years held, 0 when unknown
};

struct PartyEntry {
  std::string id, name;
  std::vector<std::string> aliases;
  std::vector<FormerName> former;
  std::string status;
  int line = 0;
};

struct PlaceEntry {
  std::string id, name, kind, parent;  // parent: an id of the same gazetteer, "" for none
  double lat = 0, lon = 0;
  std::vector<std::string> aliases;
  std::string source;
  int line = 0;
};

// parties.tsv: id, name, aliases, former (Name@YYYY-YYYY items), status.
std::vector<PartyEntry> load_parties(const std::filesystem::path& path);
// places.tsv and world.tsv: id, name, kind, parent, lat, lon, aliases, source. Parent ids must
// exist in the files loaded together; ids are unique across them.
std::vector<PlaceEntry> load_places(const std::vector<std::filesystem::path>& paths);

extern const std::vector<std::string> kPlaceKinds;

// Name -> id through canonical names and aliases, after case and diacritic folding.
// The names and aliases of the pack's places (places.tsv, world.tsv) as fold_name() writes them,
// with their ids: every canonical name before every alias, so that a map filled in this order
// lets canonical names win over other entries' aliases.
std::vector<std::pair<std::string, std::string>> place_names(const RuleLocator& rules);

class PackNames {
 public:
  explicit PackNames(const RuleLocator& rules);
  // type "place" or "party"; "" when unknown.
  std::string resolve(std::string_view type, std::string_view name) const;
  // resolve() as a compare NameResolver; `this` must outlive it.
  NameResolver resolver() const {
    return [this](std::string_view type, std::string_view name) { return resolve(type, name); };
  }

 private:
  std::unordered_map<std::string, std::string> places_, parties_;
};

}  // namespace hustings
