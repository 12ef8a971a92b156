// Gazetteer index for the places stage: every name and alias of rules/<pack>/places.tsv and
// world.tsv, normalized like the matching view, in hash maps keyed by the whole phrase, so a
// lookup costs one hash per candidate token n-gram (no regex per entry), and a set of phrase
// prefixes ending at word boundaries, so an n-gram stops growing as soon as no phrase starts so.
//
// - exact: the phrase as written (case-sensitive: "Kostanai region", "Nur-Sultan", "CIS").
// - caps: the case- and diacritic-folded phrase, consulted only for all-caps text ("ASTANA");
//   acronym aliases (all caps themselves) are left out of it.
// - Party names of rules/<pack>/parties.tsv that contain a place ("People's Party of
//   Kazakhstan") are block phrases: matched longest-first like places, they hide the place.
// - region_base: a region's names without their region word ("Ulytau" -> Ulytau Region), for
//   "Ulytau, East Kazakhstan and Abai regions" and for a bare name whose settlement is small.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "pipeline/pack.h"
#include "pipeline/rules.h"

namespace hustings {

class NormalizeStage;

struct GazetteerHit {
  int entry = -1;          // index into entries(); -1 for a block phrase
  bool canonical = false;  // the phrase is the entry's canonical name
};

class Gazetteer {
 public:
  explicit Gazetteer(const RuleLocator& rules);

  const std::vector<PlaceEntry>& entries() const { return entries_; }
  const PlaceEntry& entry(int i) const { return entries_[static_cast<size_t>(i)]; }
  // Index of the entry's parent, -1 for none.
  int parent(int i) const { return parents_[static_cast<size_t>(i)]; }
  // Kind order used to rank candidates: country, region, city, town, district, village, ...
  int kind_rank(int i) const { return ranks_[static_cast<size_t>(i)]; }
  bool is_settlement(int i) const;

  // Hits for a normalized phrase; nullptr when none. `caps` looks the folded phrase up.
  const std::vector<GazetteerHit>* find(const std::string& phrase, bool caps) const;
  // Whether some phrase starts with `text` followed by a word boundary (or is `text`): the
  // matcher stops extending a candidate n-gram as soon as this fails.
  bool is_prefix(const std::string& text, bool caps) const;
  // The region whose name without its region word is `name` (any case), -1 when none.
  int region_of_base(std::string_view name) const;

  // Normalizes a phrase as the view is normalized, with whitespace runs made single spaces.
  static std::string phrase_key(const NormalizeStage& normalize, std::string_view text);
  // Leading letters and digits of a word ("Kazakhstan's" -> "Kazakhstan", "Nur-Sultan" -> "Nur").
  static std::string_view lead_word(std::string_view text);

 private:
  void add(const std::string& phrase, GazetteerHit hit);

  std::vector<PlaceEntry> entries_;
  std::vector<int> parents_, ranks_;
  std::unordered_map<std::string, std::vector<GazetteerHit>> exact_, caps_;
  std::unordered_set<std::string> prefixes_exact_, prefixes_caps_;  // at word boundaries
  std::unordered_map<std::string, int> region_base_;
};

}  // namespace hustings
