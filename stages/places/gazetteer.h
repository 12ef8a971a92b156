// Gazetteer index for the places stage: every name and alias of rules/<pack>/places.tsv and
// world.tsv, normalized like the matching view, in hash maps keyed by the whole phrase, so a
// lookup costs one hash per candidate token n-gram (no regex per entry). The same entry marks a
// phrase that starts a longer one at a word boundary (a prefix, perhaps with no hits of its
// own), so an n-gram stops growing as soon as no phrase starts so.
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
    bloom_[(h >> 32) % kBloomBits / 64] |= uint64_t{1} << ((h >> 32) % 64);
    bloom_[(h >> 48) % kBloomBits / 64] |= uint64_t{1} << ((h >> 48) % 64);
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
    // Most words looked up are no phrase: two bits of a small filter say so without a probe.
    if (!((bloom_[(h >> 32) % kBloomBits / 64] >> ((h >> 32) % 64)) & 1) ||
        !((bloom_[(h >> 48) % kBloomBits / 64] >> ((h >> 48) % 64)) & 1))
      return nullptr;
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
    const char* p = s.data();
    size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    }
    uint64_t w = 0;
    if (n >= 4) {  // the last 4 to 7 bytes as two overlapping words
      uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      w = (uint64_t{a} << 32) | b;
    } else if (n > 0) {
      w = static_cast<uint64_t>(static_cast<unsigned char>(p[0])) |
          static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
          static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
    }
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

  static constexpr uint64_t kBloomBits = uint64_t{1} << 16;
  std::vector<Entry> entries_;
  std::vector<uint32_t> slots_;  // entry index + 1, 0 for none
  std::vector<uint64_t> bloom_ = std::vector<uint64_t>(kBloomBits / 64, 0);
};

struct GazetteerHit {
  int entry = -1;          // index into entries(); -1 for a block phrase
  bool canonical = false;  // the phrase is the entry's canonical name
};

class Gazetteer {
 public:
  // A phrase of the gazetteer, or the start of one.
  struct Phrase {
    std::vector<GazetteerHit> hits;  // empty when the phrase only starts others
    bool prefix = false;             // some phrase starts with it at a word boundary
  };

  explicit Gazetteer(const RuleLocator& rules);

  const std::vector<PlaceEntry>& entries() const { return entries_; }
  const PlaceEntry& entry(int i) const { return entries_[static_cast<size_t>(i)]; }
  // Index of the entry's parent, -1 for none.
  int parent(int i) const { return parents_[static_cast<size_t>(i)]; }
  // Kind order used to rank candidates: country, region, city, town, district, village, ...
  int kind_rank(int i) const { return ranks_[static_cast<size_t>(i)]; }
  bool is_settlement(int i) const;

  // A normalized phrase: its hits, and whether some phrase starts with it followed by a word
  // boundary (the matcher stops extending a candidate n-gram when none does); nullptr when
  // neither. `caps` looks the folded phrase up (a block in capitals).
  const Phrase* lookup(std::string_view phrase, bool caps = false) const {
    return caps ? caps_.find(fold_name(phrase)) : exact_.find(phrase);
  }
  // Whether some phrase (as written) starts with this byte: a cheap test before lookup().
  bool may_start(unsigned char c) const { return first_bytes_[c]; }
  // The region whose name without its region word is `name` (any case), -1 when none.
  int region_of_base(std::string_view name) const;

  // Normalizes a phrase as the view is normalized, with whitespace runs made single spaces.
  static std::string phrase_key(const NormalizeStage& normalize, std::string_view text);
  // Leading letters and digits of a word ("Kazakhstan's" -> "Kazakhstan", "Nur-Sultan" -> "Nur").
  static std::string_view lead_word(std::string_view text) {
    size_t n = 0;
    for (; n < text.size(); ++n) {
      const auto c = static_cast<unsigned char>(text[n]);
      if (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) break;
    }
    return text.substr(0, n);
  }

 private:
  void add(const std::string& phrase, GazetteerHit hit);

  std::vector<PlaceEntry> entries_;
  std::vector<int> parents_, ranks_;
  PhraseTable<Phrase> exact_, caps_;  // caps_: folded
  PhraseTable<int> region_base_;
  bool first_bytes_[256] = {};  // first bytes of the exact phrases
};

}  // namespace hustings
