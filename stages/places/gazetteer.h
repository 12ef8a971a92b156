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

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/pack.h"
#include "pipeline/rules.h"

namespace hustings {

class NormalizeStage;

// A hash table of phrases (open addressing), looked up by std::string_view without a copy.
template <class V>
class PhraseTable {
 public:
  // The value of a phrase, added (value-initialized) when missing.
  V& operator[](std::string_view key) {
    if ((entries_.size() + 1) * 2 > slots_.size()) grow();
    const uint64_t h = hash(key);
    size_t i = h & (slots_.size() - 1);
    for (; slots_[i]; i = (i + 1) & (slots_.size() - 1)) {
      Entry& e = entries_[slots_[i] - 1];
      if (e.hash == h && e.key == key) return e.value;
    }
    entries_.push_back({std::string(key), h, V{}});
    slots_[i] = static_cast<uint32_t>(entries_.size());
    return entries_.back().value;
  }
  // Adds a phrase with a value unless present; false when present.
  bool emplace(std::string_view key, V value) {
    if (find(key)) return false;
    (*this)[key] = std::move(value);
    return true;
  }
  const V* find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    const uint64_t h = hash(key);
    for (size_t i = h & (slots_.size() - 1); slots_[i]; i = (i + 1) & (slots_.size() - 1)) {
      const Entry& e = entries_[slots_[i] - 1];
      if (e.hash == h && e.key == key) return &e.value;
    }
    return nullptr;
  }
  bool contains(std::string_view key) const { return find(key) != nullptr; }

 private:
  struct Entry {
    std::string key;
    uint64_t hash;
    V value;
  };
  static uint64_t hash(std::string_view s) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    }
    uint64_t w = 0;
    std::memcpy(&w, s.data() + i, s.size() - i);
    h = (h ^ w) * 0x94D049BB133111EBull;
    return h ^ (h >> 29);
  }
  void grow() {
    std::vector<uint32_t> slots(slots_.empty() ? 64 : slots_.size() * 2, 0);
    for (size_t k = 0; k < entries_.size(); ++k) {
      size_t i = entries_[k].hash & (slots.size() - 1);
      while (slots[i]) i = (i + 1) & (slots.size() - 1);
      slots[i] = static_cast<uint32_t>(k + 1);
    }
    slots_ = std::move(slots);
  }

  std::vector<Entry> entries_;
  std::vector<uint32_t> slots_;  // entry index + 1, 0 for none
};

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
  const std::vector<GazetteerHit>* find(std::string_view phrase, bool caps) const;
  // Whether some phrase starts with `text` followed by a word boundary (or is `text`): the
  // matcher stops extending a candidate n-gram as soon as this fails.
  bool is_prefix(std::string_view text, bool caps) const;
  // Whether some phrase (as written) starts with this byte: a cheap test before is_prefix.
  bool may_start(unsigned char c) const { return first_bytes_[c]; }
  // The region whose name without its region word is `name` (any case), -1 when none.
  int region_of_base(std::string_view name) const;

  // Normalizes a phrase as the view is normalized, with whitespace runs made single spaces.
  static std::string phrase_key(const NormalizeStage& normalize, std::string_view text);
  // Leading letters and digits of a word ("Kazakhstan's" -> "Kazakhstan", "Nur-Sultan" -> "Nur").
  static std::string_view lead_word(std::string_view text);
  // fold_name (pipeline/compare.h), with a fast path for ASCII text that gives the same result.
  static std::string fold(std::string_view text);

 private:
  void add(const std::string& phrase, GazetteerHit hit);

  std::vector<PlaceEntry> entries_;
  std::vector<int> parents_, ranks_;
  PhraseTable<std::vector<GazetteerHit>> exact_, caps_;
  PhraseTable<bool> prefixes_exact_, prefixes_caps_;  // at word boundaries
  PhraseTable<int> region_base_;
  bool first_bytes_[256] = {};  // first bytes of prefixes_exact_
};

}  // namespace hustings
