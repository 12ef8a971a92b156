// Prefilters shared by the parties and people stages: cheap tests that tell which rule patterns
// cannot match in a range, so that the range is not searched with them. A prefilter only rules
// patterns out; whatever it lets through is searched exactly as before, so results never change.
// - required_parts: what a pattern cannot match without (macros, punctuation), read from its
//   text before macro expansion.
// - WordFilter: which families of words (ASCII, any case) a range holds as whole words, the way
//   RE2's `\b(?i:word)` sees them.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

namespace hustings::matching {

// A byte of [A-Za-z0-9_]: what RE2's `\w` and `\b` read as a word character.
constexpr bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Whether a text holding the word families `words` (WordFilter::scan()) may hold a match that
// needs the families `needed` and every character of `punctuation` (Required::punctuation).
bool may_match(uint32_t needed, std::string_view punctuation, uint32_t words, std::string_view text);

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

// The ASCII characters a match of an expanded pattern may hold (all when unsure: `.`, negated
// or Unicode classes, unknown escapes). Letters come in both cases.
std::bitset<128> ascii_chars(std::string_view pattern);

// A pattern that opens with a named group followed by literal punctuation or spaces, such as
// `(?P<name>{NAME}), (?P<appos>[^,;:"()]+)`: that group, its text, the literal text, and the
// named group that ends the pattern right after it ("" when something else follows). When the
// group cannot hold the literal's first character, a match's groups follow from where that
// character first appears, with no search. `ok` is false for any other pattern.
struct Layout {
  bool ok = false;
  std::string first, first_text, separator, last;
};
Layout layout(std::string_view pattern);

// The text of a named group of a pattern (for "org" in `(?:(?P<org>{ORG}) |...)`: "{ORG}"), when
// no flag such as (?i) can apply to it; nullopt otherwise. Searched alone over a range with the
// same context, it matches wherever the group can take part in a match.
std::optional<std::string> group_text(std::string_view pattern, std::string_view group);

// A pattern that opens with a named group, such as `(?P<role>{ROLEPHRASE}),? (?P<name>{NAME})`:
// that group, its text, and the text after it; `ok` is false for any other pattern, or when an
// alternation of the whole pattern, a repetition of the group or a flag such as (?i) is there.
struct Opening {
  bool ok = false;
  std::string group, text, rest;
};
Opening opening(std::string_view pattern);

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
  // The family of the set of `sets` likely to rule out most (its shortest word the longest, whole
  // words before parts), as a bit; 0 when none could be added. One set is enough: fewer words
  // keep scan() fast.
  uint32_t add_best(const std::vector<std::vector<Word>>& sets);
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
  struct Affix {
    std::string word;  // lower case
    uint32_t families = 0;
    unsigned key = 0;  // its first two bytes (prefixes) or last two (suffixes), as pair_key() makes them
  };
  std::vector<Affix> suffixes_, prefixes_;
  // Gates: the two bytes a run starts with (whole words, prefixes) or ends with (suffixes) that
  // some word can take, as bits; and for runs of one byte.
  std::vector<uint64_t> whole_gate_ = std::vector<uint64_t>(1024), prefix_gate_ = std::vector<uint64_t>(1024),
                        suffix_gate_ = std::vector<uint64_t>(1024);
  std::array<bool, 256> short_gate_{};
  uint32_t all_ = 0;
  int next_family_ = 0;                                                // for add_set
  std::vector<std::pair<std::string, int>> sets_;                      // a set's key, its family
};

// The options of every compiled rule pattern.
RE2::Options pattern_options();

}  // namespace hustings::matching
