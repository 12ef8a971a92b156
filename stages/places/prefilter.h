// Prefilter for the place patterns (rules/en/places.re2.tsv): which parts of a paragraph a
// pattern can match in, found without running the pattern, so that RE2 searches only those.
//
// - Required strings: each pattern is read into a formula over literal strings ("atoms") that
//   every match contains, as RE2's FilteredRE2 does but keeping case: region-list-before needs
//   " and " or " or ", and "regions", "Regions", "oblasts", "Oblasts" or "provinces". An
//   Aho-Corasick automaton finds all atoms of a paragraph in one pass.
// - Breakers: the ASCII characters that occur in no literal or class of a pattern (".", ";",
//   "!" for a list of names) cannot be inside a match, so a paragraph splits at them into
//   parts that are searched one by one; a part is searched only when the formula holds for the
//   atoms inside it.
// Syntax this reader does not know makes a pattern unfiltered: it is searched everywhere.
// Example: in "Candidates toured Oral and Aktobe regions. The city of Astana voted." the first
// sentence is the only part where region-list-before can match, the second the only one for
// settlement-of ("city of ").
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "pipeline/ascii_classes.h"

namespace hustings {

class PatternPrefilter {
 public:
  PatternPrefilter();
  ~PatternPrefilter();

  // Compiles a pattern and returns its index, or -1 with RE2's error in `error`.
  int add(const std::string& pattern, const RE2::Options& options, std::string* error);
  // The compiled pattern (compiled on first use when add() could tell that it compiles).
  const RE2& pattern(int index) const;
  // The pattern with its classes cut down to their ASCII members (pipeline/ascii_classes.h):
  // on ASCII text it finds the same matches and groups as the pattern, with a far smaller
  // program. Null when there was nothing to cut or the cut pattern does not compile.
  const RE2* ascii_pattern(int index) const { return patterns_[static_cast<size_t>(index)]->ascii.get(); }
  // For ASCII text (an empty string, an ASCII example): the ASCII version, else the pattern.
  const RE2& on_ascii(int index) const;
  // After the last add: builds the automaton of all atoms.
  void compile();

  // Patterns with the same breakers share a class (at most 63; class 0 has no breakers).
  int breaker_class(int index) const { return patterns_[static_cast<size_t>(index)]->breaker_class; }
  size_t breaker_classes() const { return breaker_classes_.size(); }

  // What one pass over a text finds: the atoms, in order of their ends, and the bytes that
  // break some class or are not ASCII, in order, each with its classes (bits) and kWide.
  struct Occurrence {
    uint32_t begin, end;
    int atom;
  };
  struct Mark {
    uint32_t pos;
    uint64_t classes;
  };
  static constexpr uint64_t kWide = uint64_t{1} << 63;  // a byte above 0x7F
  struct Scan {
    std::vector<Occurrence> atoms;
    std::vector<Mark> marks;
  };
  void scan(std::string_view text, Scan& out) const;
  // The atoms that lie inside [begin, end) of a scanned text, as bits.
  using Atoms = std::vector<uint64_t>;
  void atoms_inside(const std::vector<Occurrence>& found, uint32_t begin, uint32_t end, Atoms& out) const;
  // Whether the pattern can match a text part holding these atoms.
  bool may_match(int index, const Atoms& atoms) const { return holds(patterns_[static_cast<size_t>(index)]->formula, atoms); }

  // A formula over atoms: node indices, kTrue for no requirement.
  static constexpr int kTrue = -1;
  struct Node {
    enum class Op { atom, all_of, any_of } op;
    int atom = -1;
    std::vector<int> kids;
    Atoms any_atom;  // any_of: the atom kids, as bits (after compile)
  };

 private:
  bool holds(int node, const Atoms& atoms) const;
  void flatten(int node);

  struct Pattern {
    std::string source;
    RE2::Options options;
    mutable std::once_flag compiled;
    mutable std::unique_ptr<RE2> re;  // null until compiled
    std::unique_ptr<RE2> ascii;
    int breaker_class = 0;
    int formula = kTrue;
  };
  std::vector<std::unique_ptr<Pattern>> patterns_;
  AsciiClasses ascii_classes_;  // shared by the patterns: each class is cut once
  std::vector<std::array<bool, 256>> breaker_classes_;
  uint64_t breaker_mask_[256] = {};  // byte -> the classes it breaks
  std::vector<Node> nodes_;
  std::vector<std::string> atoms_;

  // The automaton: delta_[state * classes_ + class] is the next state (16 bits, so that the
  // table stays small; no automaton when the atoms need more states).
  uint8_t class_of_[256] = {};
  uint32_t classes_ = 1;
  std::vector<uint16_t> delta_;
  std::vector<uint8_t> accepts_;        // per state: some atom ends there
  std::vector<uint32_t> output_begin_;  // per state number + 1: the atoms ending there
  std::vector<int> outputs_;
};

}  // namespace hustings
