// The RE2 programs of the quotes stage's patterns (rules/en/quotes.re2.tsv): the same matches as
// the patterns as written, from programs that compile and run faster. Two rewrites, each exact:
//
// - unbound(): a long counted repetition ({NP}{1,100}?, [^"]{1,240}?) becomes unbounded, in a
//   group of its own whose length is checked after the match. RE2 copies a repetition's body once
//   per count: `{NP}{1,100}?` with NP's \p{Lu} was 80,000 instructions (50 ms to compile), and a
//   DFA that counts to 240 (`[^"]{1,240}?`) needs a state per count (such a rule ran at 5 MB/s).
// - Program: on a text of ASCII characters only (most windows of an English article), a class
//   matches just its ASCII members; cut to them ([A-Z] for \p{Lu}), a pattern is a fraction of
//   the size, and RE2 finds its groups with BitState (programs of at most 512 instructions)
//   instead of the NFA, which steps through every UTF-8 branch of every class.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "pipeline/ascii_classes.h"

namespace hustings::quotes_internal {

// log_errors off, case-sensitive unless told.
std::unique_ptr<re2::RE2> compile(const std::string& pattern, bool case_sensitive = true);

// Code points of UTF-8 text.
size_t code_points(re2::StringPiece s);
bool ascii_only(re2::StringPiece s);

// A pattern in two forms with the same groups: `fast` with its long counted repetitions
// unbounded, `exact` as written. A repetition {m,n} with n >= 10 of a character (a class, an
// escape, a literal, .) or of a group that cannot match the empty string becomes a group _bK
// holding {m,} in `fast` (and {m,n} in `exact`) when no group around it repeats, so that _bK
// holds its only repeat. A match of `fast` whose groups _bK hold at most n code points repeats
// them at most n times (each repeat takes a code point or more): it is a match of `exact`, and
// the one `exact` prefers, since RE2 orders the matches of both the same way (leftmost, then by
// the choices in pattern order: alternatives, fewer or more repeats) and `exact` only lacks those
// with more repeats. Any other match is redone with `exact` -- unless the bound is decisive: a
// lazy repetition of a character that a pattern anchored with ^ opens with
// (`^(?P<speaker>[^"]{1,240}?)`); its matches come in the order of their repeats, so when the
// preferred one has more than n, none has fewer.
struct Unbounded {
  struct Bound {
    std::string group;
    uint32_t max = 0;  // code points
    bool decisive = false;
  };
  std::string fast, exact;
  std::vector<Bound> bounds;
};
// `matches_empty`: per group body, whether it matches the empty string (a cache).
Unbounded unbound(const std::string& pattern, AsciiClasses& classes, std::map<std::string, bool>& matches_empty);

// Whether `pattern` is one group from its first to its last character ("(?P<name>...)").
bool whole_group(const std::string& pattern);


// A pattern's RE2 programs: one for text of ASCII characters only, in which every class is cut
// to its ASCII members (the same matches on such text: a class can only match characters of the
// text), and the pattern itself for any other text, compiled when a text first needs it. Both
// have the same groups. Thread-safe.
class Program {
 public:
  // With `eager`, the ASCII program is compiled now and ok()/error() tell whether it compiled;
  // else it is compiled on first use too.
  Program(std::string id, std::string pattern, AsciiClasses& classes, bool eager);
  bool ok() const { return ascii().ok(); }
  const std::string& error() const { return ascii().error(); }
  const std::string& pattern() const { return pattern_; }
  int groups() const { return ascii().NumberOfCapturingGroups(); }
  int group(const char* name) const;
  const re2::RE2& ascii() const;
  // The program for `text`. Throws std::runtime_error when a program compiled now fails.
  const re2::RE2& for_text(re2::StringPiece text) const;

 private:
  const re2::RE2& full() const;

  std::string id_, pattern_, ascii_pattern_;
  mutable bool cut_ = false;  // ascii_ is the cut pattern (else the pattern itself, serving all text)
  mutable std::once_flag ascii_once_, full_once_;
  mutable std::unique_ptr<re2::RE2> ascii_, full_;
};

}  // namespace hustings::quotes_internal
