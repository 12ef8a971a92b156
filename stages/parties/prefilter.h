// Prefilters shared by the parties and people stages: cheap tests that tell which rule patterns
// cannot match in a range, so that the range is not searched with them. A prefilter only rules
// patterns out; whatever it lets through is searched exactly as before, so results never change.
// - required_parts: what a pattern cannot match without (macros, punctuation), read from its
//   text before macro expansion.
// - WordFilter: which families of words (ASCII, any case) a range holds as whole words, the way
//   RE2's `\b(?i:word)` sees them.
// - PatternSet: which of several patterns match in a range, in one RE2::Set pass.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

namespace hustings::matching {

// A word a text holds: a maximal run of [A-Za-z0-9_] equal to `text` in any case (whole), or
// ending with it (suffix: the pattern does not bound it on the left), or starting with it
// (prefix: not bounded on the right).
enum class WordMode { whole, suffix, prefix };
struct Word {
  std::string text;  // lower case
  WordMode mode = WordMode::whole;
};

// What a pattern cannot match without: the macros `{ID}` and the ASCII punctuation characters
// it holds outside every alternation, optional group and optional repetition. For
// `(?P<name>{NAME}) \((?P<party>{PARTY})\)`: macros NAME and PARTY, punctuation "()", groups
// name and party; for `(?P<role>{ROLE}),? (?P<name>{NAME})` the last group is name.
struct Required {
  std::vector<std::string> macros;
  std::string punctuation;  // each byte once
  std::vector<std::string> groups;  // named groups that take part in every match
  std::string last_group;           // a named group that ends every match, "" when none
  // Words of the pattern's own literal text (`\b[Tt]he party`, `(?i:slogan|motto) `): every
  // match holds a word of each set.
  std::vector<std::vector<Word>> word_sets;
};
Required required_parts(std::string_view pattern);

// Families of words (at most 32), each word written in ASCII letters, digits and `_`. scan()
// returns the families of which a range holds a word (see Word) — for a whole word, what
// `\b(?i:word)` followed by a non-word character or `\b` needs. A range holding U+017F or
// U+212A (which `(?i)` folds to s and k) holds every family.
class WordFilter {
 public:
  // False (and nothing added) when `word` is not such a word.
  bool add(int family, std::string_view word) { return add(family, Word{std::string(word), WordMode::whole}); }
  bool add(int family, const Word& word);
  // The family of a set of words (a new one unless the same set was added before); -1 when no
  // family is left or a word is not one.
  int add_set(const std::vector<Word>& set);
  // The families of every set of `sets` that could be added.
  uint32_t add_sets(const std::vector<std::vector<Word>>& sets);
  uint32_t scan(std::string_view text) const;

 private:
  static constexpr size_t kMaxWord = 24;
  struct Entry {
    std::string word;  // lower case
    uint32_t families = 0;
  };
  static size_t hash(std::string_view lower);
  void affixes(const unsigned char* run, size_t len, uint32_t& found) const;
  std::vector<Entry> table_ = std::vector<Entry>(512);  // whole words; open addressing, power of two
  std::array<uint32_t, kMaxWord + 1> first_letters_{};  // by length: bit c - 'a' (bit 26: other)
  std::vector<std::pair<std::string, uint32_t>> suffixes_, prefixes_;  // word, families
  // Gates of the prefix and suffix checks: the first two bytes of a run (prefixes) and its last
  // two (suffixes) that some word of the lists can take, as bits; and for runs of one byte.
  std::vector<uint64_t> prefix_gate_ = std::vector<uint64_t>(1024), suffix_gate_ = std::vector<uint64_t>(1024);
  std::array<bool, 256> short_gate_{};
  uint32_t all_ = 0;
  int next_family_ = 0;                                                // for add_set
  std::vector<std::pair<std::string, int>> sets_;                      // a set's key, its family
};

// The options of every compiled rule pattern (and of the sets built from them).
RE2::Options pattern_options();

// Which of several patterns may match: one RE2::Set pass over a range instead of one search per
// pattern. When the set cannot be built or runs out of memory, every pattern is let through.
class PatternSet {
 public:
  explicit PatternSet(const std::vector<const re2::RE2*>& patterns);
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;
  ~PatternSet();
  size_t size() const { return size_; }
  // may[i] = 0 when pattern i has no match inside [begin, end) of `text` searched with `text` as
  // its context (`\b` at the range ends looks at the bytes around it), else 1. `may` holds size().
  void candidates(std::string_view text, size_t begin, size_t end, uint8_t* may) const;
  // Indices of the patterns that match somewhere in `text` (the whole context), in any order;
  // false when the set could not answer (no set, out of memory).
  bool matching(std::string_view text, std::vector<int>& out) const;

 private:
  std::unique_ptr<RE2::Set> set_;
  size_t size_ = 0;
};

}  // namespace hustings::matching
