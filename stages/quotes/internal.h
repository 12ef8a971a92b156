// Internal to the quotes stage: pattern matches on view windows and the per-document work state
// shared by quotes.cc (rules, run) and attribution.cc (direct and indirect quotes).
#pragma once

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "stages/quotes/marks.h"
#include "stages/quotes/patterns.h"
#include "stages/quotes/quotes.h"
#include "stages/quotes/speaker.h"

namespace hustings::quotes_internal {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
inline bool is_alnum(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}

// One pattern match on a window of the view, with its groups as view spans.
struct Match {
  const QuotesStage::Pattern* pattern = nullptr;
  std::vector<re2::StringPiece> groups;
  const char* base = nullptr;
  uint32_t offset = 0;
  std::optional<Span> group(int index) const {
    if (index < 0 || groups[static_cast<size_t>(index)].data() == nullptr) return std::nullopt;
    const auto& g = groups[static_cast<size_t>(index)];
    const auto begin = offset + static_cast<uint32_t>(g.data() - base);
    return Span{begin, begin + static_cast<uint32_t>(g.size())};
  }
};

// Runs a pattern on all of `text`; `groups` has room for every group of the pattern and group 0.
// `matches`: the pattern is known to match `text` (a PatternSet said so).
bool search(const QuotesStage::Pattern& p, re2::StringPiece text, RE2::Anchor anchor, re2::StringPiece* groups,
            int ngroups, bool matches = false);
// Whether `p` matches `text` (the start-up checks of a pattern).
bool check(const QuotesStage::Pattern& p, re2::StringPiece text, RE2::Anchor anchor);

inline bool match(const QuotesStage::Pattern& p, std::string_view view, Span window, Match& m, bool matches = false) {
  const std::string_view text = view.substr(window.begin, window.size());
  m.pattern = &p;
  m.groups.assign(static_cast<size_t>(p.program->groups()) + 1, re2::StringPiece());
  m.base = text.data();
  m.offset = window.begin;
  return search(p, re2::StringPiece(text.data(), text.size()), RE2::UNANCHORED, m.groups.data(),
                static_cast<int>(m.groups.size()), matches);
}

// Where `p` matches the window (group 0 only: RE2's DFAs alone find it), as match() would.
inline std::optional<Span> find_span(const QuotesStage::Pattern& p, std::string_view view, Span window) {
  if (!p.bounds.empty()) {
    Match m;
    if (!match(p, view, window, m)) return std::nullopt;
    return m.group(0);
  }
  const std::string_view sv = view.substr(window.begin, window.size());
  const re2::StringPiece text(sv.data(), sv.size());
  re2::StringPiece whole;
  if (!p.program->for_text(text).Match(text, 0, text.size(), RE2::UNANCHORED, &whole, 1)) return std::nullopt;
  const auto begin = window.begin + static_cast<uint32_t>(whole.data() - sv.data());
  return Span{begin, begin + static_cast<uint32_t>(whole.size())};
}

inline Span trim(std::string_view view, Span s) {
  while (s.begin < s.end && is_space(view[s.begin])) ++s.begin;
  while (s.end > s.begin && is_space(view[s.end - 1])) --s.end;
  return s;
}

inline int count_words(std::string_view s) {
  int words = 0;
  bool in_word = false;
  for (const char c : s) {
    if (!is_space(c) && !in_word) ++words;
    in_word = !is_space(c);
  }
  return words;
}

// The spans of `whole` outside the `holes`.
inline std::vector<Span> subtract(Span whole, std::vector<Span> holes) {
  std::sort(holes.begin(), holes.end(), [](Span a, Span b) { return a.begin < b.begin; });
  std::vector<Span> out;
  uint32_t at = whole.begin;
  for (const Span h : holes) {
    if (h.end <= at || h.begin >= whole.end) continue;
    if (h.begin > at) out.push_back({at, h.begin});
    at = std::max(at, h.end);
  }
  if (at < whole.end) out.push_back({at, whole.end});
  return out;
}

struct Attribution {
  Speaker speaker;
  std::string rule;
  std::vector<Span> clause;  // where the quote's date and place may be stated
};

}  // namespace hustings::quotes_internal

namespace hustings {

// The ASCII programs of a list of patterns in one RE2::Set: one DFA pass says which of them match
// a window of ASCII characters.
struct QuotesStage::PatternSet {
  re2::RE2::Set set;
  // Which patterns may match `text`; true when those do (else the set cannot tell: a character
  // beyond ASCII, RE2's DFA out of memory, and all may).
  bool match(re2::StringPiece text, std::vector<char>& may) const {
    std::fill(may.begin(), may.end(), 1);
    if (!quotes_internal::ascii_only(text)) return false;
    std::vector<int> matched;
    re2::RE2::Set::ErrorInfo error{re2::RE2::Set::kNoError};
    if (!set.Match(text, &matched, &error) && error.kind != re2::RE2::Set::kNoError) return false;
    std::fill(may.begin(), may.end(), 0);
    for (const int i : matched) may[static_cast<size_t>(i)] = 1;
    return true;
  }
};

struct QuotesStage::Work {
  Document& doc;
  std::string_view view;
  MarkScan scan;
  SpeakerResolver resolver;
  std::vector<int> paragraph_of_block;
  std::vector<int> record_of;    // per scanned quote: its index in doc.quotes, -1 for none
  std::vector<char> attributed;  // per scanned quote: its speaker was found by a pattern

  Work(Document& d, MarkScan s, const SpeakerRules& rules);
  int paragraph_at(uint32_t pos) const;
  // The sentence holding `pos`, else its block.
  Span sentence_or_block(uint32_t pos) const;
  // Fills a quote's date and place from the first date and place inside the clause.
  void fill_context(Quote& q, const std::vector<Span>& clause) const;
};

}  // namespace hustings
