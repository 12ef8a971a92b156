// places — place mentions resolved to the pack's gazetteer.
//
// Needs: sentences, tokens (and blocks, which segment adds with them). Adds: places.
// Reads, when an earlier stage filled them, the party mentions and people: a place inside one
// of their spans is no place.
// - Gazetteer (rules/<pack>/places.tsv + world.tsv, see gazetteer.h): at every token, the
//   longest phrase of the gazetteer wins ("North Kazakhstan Region" before "Kazakhstan");
//   case-sensitive, but all-caps text (the dateline "ASTANA -", an all-caps line) is matched
//   case-insensitively; a possessive "'s" is not part of the mention. Boilerplate lines are
//   skipped.
// - Patterns (rules/en/places.re2.tsv): a named group says what the mentions inside it are:
//   region ("Ulytau, East Kazakhstan and Abai regions": three regions), settlement ("the city
//   of Astana"), block (not a place: "The Astana Times", "People's Party of Kazakhstan").
// - Resolution of a phrase naming several entries: a region role picks the region (else the
//   region with that base name, else the city's region); otherwise the highest kind (country,
//   region, city, town, district, village, ...), then an entry lying in a place named in the
//   same sentence (or document), then the canonical name. A bare name whose settlement is only
//   a town or village ("Ulytau") names the region of that base name when one exists.
// Example: "the Karasai district of the Almaty Region" -> Karasai District (district, parent
// Almaty Region) and Almaty Region (region, parent Kazakhstan).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pipeline/rules.h"
#include "pipeline/stage.h"
#include "stages/places/gazetteer.h"
#include "stages/places/prefilter.h"

namespace re2 {
class RE2;
}

namespace hustings {

class PlacesStage : public Stage {
 public:
  explicit PlacesStage(const RuleLocator& rules);
  ~PlacesStage() override;
  std::string_view name() const override { return "places"; }
  std::vector<Layer> needs() const override { return {Layer::sentences, Layer::tokens}; }
  std::vector<Layer> adds() const override { return {Layer::places}; }
  void run(Document& doc) const override;

  const Gazetteer& gazetteer() const { return gazetteer_; }

  enum class Role { none, region, settlement, block };
  struct Pattern {
    std::string id;
    int index = -1;  // in prefilter_, which holds the compiled pattern
    std::vector<std::pair<int, Role>> groups;  // capturing group index -> role
  };

 private:
  struct Match;
  struct RoleSpan {
    Span span;
    Role role;
    std::string rule;
  };
  // What the second resolution pass knows of the places the first pass found.
  struct Context;
  std::vector<Match> find_matches(const Document& doc) const;
  std::vector<RoleSpan> find_roles(const Document& doc, const std::vector<Match>& matches) const;
  int resolve(const Match& m, Role role, const Context* context) const;

  Gazetteer gazetteer_;
  std::unique_ptr<PatternPrefilter> prefilter_;  // owns the patterns' RE2s
  std::vector<Pattern> patterns_;
  int max_groups_ = 0;
};

}  // namespace hustings
