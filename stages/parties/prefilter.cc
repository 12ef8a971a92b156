#include "stages/parties/prefilter.h"

#include <algorithm>
#include <cctype>

namespace hustings::matching {

namespace {

constexpr bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
char lower_byte(unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c); }
int letter_bit(unsigned char c) {
  c = static_cast<unsigned char>(lower_byte(c));
  return c >= 'a' && c <= 'z' ? c - 'a' : 26;
}
bool is_macro_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }
bool is_punctuation(char c) { return c > ' ' && c < 0x7F && !is_word_byte(static_cast<unsigned char>(c)); }

// One piece of a pattern, as required_parts reads it.
enum class Piece { atom, open, close, bar };
struct Token {
  Piece piece;
  size_t begin, end;        // the piece, without its quantifier
  bool optional = false;    // followed by ?, * or {0,...}
  bool quantified = false;  // followed by any quantifier
  std::string macro;        // an atom `{ID}`
  char literal = 0;         // an atom that is one punctuation character
  char ch = 0;              // an atom that is one ASCII character (lower case), or [Xx]
  bool boundary = false;    // an atom \b, ^ or $
  std::string group;        // an open `(?P<group>`
};

// Skips a quantifier at `i`; sets `optional` when it allows zero repetitions.
size_t quantifier(std::string_view p, size_t i, bool& optional) {
  optional = false;
  if (i < p.size() && (p[i] == '?' || p[i] == '*')) {
    optional = true;
    ++i;
  } else if (i < p.size() && p[i] == '+') {
    ++i;
  } else if (i + 1 < p.size() && p[i] == '{' && p[i + 1] >= '0' && p[i + 1] <= '9') {
    const size_t close = p.find('}', i);
    if (close == std::string_view::npos) return i;
    size_t j = i + 1, min = 0;
    while (j < close && p[j] >= '0' && p[j] <= '9') min = min * 10 + static_cast<size_t>(p[j++] - '0');
    optional = min == 0;
    i = close + 1;
  } else {
    return i;
  }
  if (i < p.size() && p[i] == '?') ++i;  // lazy
  return i;
}

std::vector<Token> tokens(std::string_view p) {
  std::vector<Token> out;
  for (size_t i = 0; i < p.size();) {
    Token t{Piece::atom, i, i};
    const char c = p[i];
    if (c == '\\') {
      const char e = i + 1 < p.size() ? p[i + 1] : 0;
      size_t j = i + 2;
      if ((e == 'p' || e == 'P' || e == 'x') && j < p.size() && p[j] == '{') {
        j = std::min(p.find('}', j), p.size() - 1) + 1;
      } else if (e == 'x') {
        j = std::min(j + 2, p.size());
      } else if (e == 'p' || e == 'P') {
        j = std::min(j + 1, p.size());
      } else if (e == 'Q') {
        const size_t end = p.find("\\E", j);
        j = end == std::string_view::npos ? p.size() : end + 2;
      } else if (is_punctuation(e)) {
        t.literal = e;
        t.ch = e;
      } else if (e == ' ') {
        t.ch = e;
      } else if (e == 'b') {
        t.boundary = true;
      }
      t.end = std::min(j, p.size());
    } else if (c == '[') {
      size_t j = i + 1;
      if (j < p.size() && p[j] == '^') ++j;
      if (j < p.size() && p[j] == ']') ++j;
      while (j < p.size() && p[j] != ']') {
        if (p[j] == '\\') {
          j += 2;
        } else if (p.compare(j, 2, "[:") == 0) {
          const size_t end = p.find(":]", j + 2);
          j = end == std::string_view::npos ? p.size() : end + 2;
        } else {
          ++j;
        }
      }
      t.end = std::min(j + 1, p.size());
      // [Xx]: one letter in either case
      if (t.end - i == 4 && lower_byte(static_cast<unsigned char>(p[i + 1])) == lower_byte(static_cast<unsigned char>(p[i + 2])) &&
          p[i + 1] != p[i + 2] && std::isalpha(static_cast<unsigned char>(p[i + 1])))
        t.ch = lower_byte(static_cast<unsigned char>(p[i + 1]));
    } else if (c == '(') {
      if (i + 1 < p.size() && p[i + 1] == '?') {
        // (?flags) sets flags and is no group; (?flags:, (?P<name> open one.
        size_t j = i + 2;
        while (j < p.size() && p[j] != ')' && p[j] != ':' && p[j] != '<') ++j;
        if (j < p.size() && p[j] == ')') {
          i = j + 1;
          continue;
        }
        if (j < p.size() && p[j] == '<') {
          const size_t close = std::min(p.find('>', j), p.size() - 1);
          t.group = std::string(p.substr(j + 1, close - j - 1));
          j = close;
        }
        t.end = std::min(j, p.size() - 1) + 1;
      } else {
        t.end = i + 1;
      }
      t.piece = Piece::open;
    } else if (c == ')') {
      t.piece = Piece::close;
      t.end = i + 1;
    } else if (c == '|') {
      t.piece = Piece::bar;
      t.end = i + 1;
    } else if (c == '{' && i + 1 < p.size() && p[i + 1] >= 'A' && p[i + 1] <= 'Z') {
      size_t j = i + 1;
      while (j < p.size() && is_macro_char(p[j])) ++j;
      if (j < p.size() && p[j] == '}') {
        t.macro = std::string(p.substr(i + 1, j - i - 1));
        t.end = j + 1;
      } else {
        t.end = i + 1;
        t.literal = c;
      }
    } else {
      t.end = i + 1;
      if (is_punctuation(c) && c != '.' && c != '^' && c != '$') t.literal = c;
      if (static_cast<unsigned char>(c) < 0x80 && c != '.' && c != '^' && c != '$') t.ch = lower_byte(static_cast<unsigned char>(c));
      t.boundary = c == '^' || c == '$';
    }
    i = t.end;
    if (t.piece == Piece::atom || t.piece == Piece::close) {
      i = quantifier(p, i, t.optional);
      t.quantified = i > t.end;
    }
    out.push_back(std::move(t));
  }
  return out;
}

// The pattern as a tree: a group holds alternatives, each a sequence of nodes.
struct Node {
  const Token* token;  // the atom, or the group's open token
  const Token* close = nullptr;
  std::vector<std::vector<Node>> alternatives;  // a group's
};

// Parses ts[k...] up to the close token of the enclosing group (or the end); false when the
// pattern is not balanced.
bool parse(const std::vector<Token>& ts, size_t& k, std::vector<std::vector<Node>>& alternatives) {
  alternatives.emplace_back();
  while (k < ts.size()) {
    const Token& t = ts[k++];
    if (t.piece == Piece::close) return true;
    if (t.piece == Piece::bar) {
      alternatives.emplace_back();
    } else if (t.piece == Piece::atom) {
      alternatives.back().push_back({&t});
    } else {
      Node group{&t};
      if (!parse(ts, k, group.alternatives) || k == 0 || ts[k - 1].piece != Piece::close) return false;
      group.close = &ts[k - 1];
      alternatives.back().push_back(std::move(group));
    }
  }
  return true;
}

// What a sequence of nodes requires of the text, byte by byte: a known character, a `\b` (or
// ^, $), a non-word character that may be absent, a set of literal alternatives, or anything.
struct Element {
  enum Kind { ch, boundary, optional_non_word, choice, unknown } kind;
  char c = 0;
  std::vector<std::vector<Element>> alternatives;
};

bool is_non_word(const Element& e) { return e.kind == Element::ch && !is_word_byte(static_cast<unsigned char>(e.c)); }

// Whether every match of a node starts with a non-word character (its own quantifier aside
// when `itself`).
bool starts_non_word(const Node& n, bool itself) {
  const Token& q = n.close ? *n.close : *n.token;
  if (!itself && q.optional) return false;
  if (!n.close) return n.token->ch && !is_word_byte(static_cast<unsigned char>(n.token->ch));
  for (const auto& alternative : n.alternatives)
    if (alternative.empty() || !starts_non_word(alternative.front(), false)) return false;
  return !n.alternatives.empty();
}

void flatten(const std::vector<Node>& nodes, std::vector<Element>& out) {
  for (const Node& n : nodes) {
    const Token& q = n.close ? *n.close : *n.token;  // holds the quantifier
    if (q.optional) {
      out.push_back({starts_non_word(n, true) ? Element::optional_non_word : Element::unknown});
    } else if (q.quantified) {
      out.push_back({Element::unknown});
    } else if (!n.close) {
      if (n.token->boundary)
        out.push_back({Element::boundary});
      else if (n.token->ch)
        out.push_back({Element::ch, n.token->ch});
      else
        out.push_back({Element::unknown});
    } else if (n.alternatives.size() == 1) {
      flatten(n.alternatives.front(), out);
    } else {
      Element e{Element::choice};
      for (const auto& alternative : n.alternatives) {
        e.alternatives.emplace_back();
        flatten(alternative, e.alternatives.back());
      }
      out.push_back(std::move(e));
    }
  }
}

// Whether the text right before es[i] (after, with step +1) is never a word character: a
// known non-word character or a `\b`, skipping characters that may be absent.
bool bounded(const std::vector<Element>& es, long i, int step, bool outside) {
  for (; i >= 0 && i < static_cast<long>(es.size()); i += step) {
    if (es[i].kind == Element::optional_non_word) continue;
    return es[i].kind == Element::boundary || is_non_word(es[i]);
  }
  return outside;
}

// The best word of a sequence (whole words first, then the longest), with the sequence's
// outside bounds; false when it has none.
bool best_word(const std::vector<Element>& es, bool left, bool right, Word& best) {
  bool found = false;
  for (size_t a = 0; a < es.size();) {
    if (es[a].kind != Element::ch || !is_word_byte(static_cast<unsigned char>(es[a].c))) {
      ++a;
      continue;
    }
    size_t b = a;
    std::string text;
    for (; b < es.size() && es[b].kind == Element::ch && is_word_byte(static_cast<unsigned char>(es[b].c)); ++b) text += es[b].c;
    const bool l = bounded(es, static_cast<long>(a) - 1, -1, left), r = bounded(es, static_cast<long>(b), 1, right);
    a = b;
    if (!l && !r) continue;
    const Word w{text, l && r ? WordMode::whole : l ? WordMode::prefix : WordMode::suffix};
    const auto rank = [](const Word& x) { return std::make_pair(x.mode == WordMode::whole, x.text.size()); };
    if (!found || rank(w) > rank(best)) best = w;
    found = true;
  }
  return found;
}

void word_sets(const std::vector<Element>& es, std::vector<std::vector<Word>>& out) {
  Word w;
  for (size_t a = 0; a < es.size();) {  // each bounded run of known word characters, each set of alternatives
    if (es[a].kind != Element::ch || !is_word_byte(static_cast<unsigned char>(es[a].c))) {
      if (es[a].kind == Element::choice) {
        const bool l = bounded(es, static_cast<long>(a) - 1, -1, false), r = bounded(es, static_cast<long>(a) + 1, 1, false);
        std::vector<Word> set;
        for (const auto& alternative : es[a].alternatives) {
          if (!best_word(alternative, l, r, w)) {
            set.clear();
            break;
          }
          set.push_back(w);
        }
        if (!set.empty()) out.push_back(std::move(set));
      }
      ++a;
      continue;
    }
    size_t b = a;
    std::string text;
    for (; b < es.size() && es[b].kind == Element::ch && is_word_byte(static_cast<unsigned char>(es[b].c)); ++b) text += es[b].c;
    const bool l = bounded(es, static_cast<long>(a) - 1, -1, false), r = bounded(es, static_cast<long>(b), 1, false);
    if (l || r) out.push_back({Word{text, l && r ? WordMode::whole : l ? WordMode::prefix : WordMode::suffix}});
    a = b;
  }
}

}  // namespace

Required required_parts(std::string_view pattern) {
  const std::vector<Token> ts = tokens(pattern);
  // For each group (and the whole pattern, index ts.size()): optional or holding an alternation
  // of its own.
  std::vector<size_t> open_of(ts.size(), ts.size());
  std::vector<bool> weak(ts.size() + 1, false), optional(ts.size(), false);
  std::vector<size_t> stack;
  for (size_t k = 0; k < ts.size(); ++k) {
    if (ts[k].piece == Piece::open) {
      stack.push_back(k);
    } else if (ts[k].piece == Piece::close) {
      if (stack.empty()) return {};  // unbalanced: claims nothing
      weak[stack.back()] = weak[stack.back()] || ts[k].optional;
      optional[stack.back()] = ts[k].optional;
      open_of[k] = stack.back();
      stack.pop_back();
    } else if (ts[k].piece == Piece::bar) {
      weak[stack.empty() ? ts.size() : stack.back()] = true;
    }
  }
  if (!stack.empty()) return {};
  Required out;
  size_t weak_depth = weak[ts.size()] ? 1 : 0;  // enclosing groups that are weak
  for (const Token& t : ts) {
    if (t.piece == Piece::open) {
      if (!t.group.empty() && weak_depth == 0 && !optional[&t - ts.data()]) out.groups.push_back(t.group);
      stack.push_back(&t - ts.data());
      if (weak[stack.back()]) ++weak_depth;
    } else if (t.piece == Piece::close) {
      if (weak[stack.back()]) --weak_depth;
      stack.pop_back();
    } else if (t.piece == Piece::atom && weak_depth == 0 && !t.optional) {
      if (!t.macro.empty() && std::find(out.macros.begin(), out.macros.end(), t.macro) == out.macros.end())
        out.macros.push_back(t.macro);
      if (t.literal && out.punctuation.find(t.literal) == std::string::npos) out.punctuation += t.literal;
    }
  }
  if (!ts.empty() && ts.back().piece == Piece::close && !weak[ts.size()]) {
    const size_t open = open_of[ts.size() - 1];
    size_t depth = 0;
    for (size_t k = 0; k < open; ++k) depth += ts[k].piece == Piece::open ? 1 : ts[k].piece == Piece::close ? -1 : 0;
    if (depth == 0 && !optional[open]) out.last_group = ts[open].group;
  }
  size_t k = 0;
  std::vector<std::vector<Node>> top;
  if (parse(ts, k, top) && k == ts.size() && top.size() == 1) {
    std::vector<Element> es;
    flatten(top.front(), es);
    word_sets(es, out.word_sets);
  }
  return out;
}

size_t WordFilter::hash(std::string_view lower) {
  size_t h = 2166136261u;
  for (char c : lower) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

bool WordFilter::add(int family, const Word& w) {
  const std::string_view word = w.text;
  if (family < 0 || family >= 32 || word.empty() || word.size() > kMaxWord) return false;
  std::string lower;
  for (char c : word) {
    if (!is_word_byte(static_cast<unsigned char>(c))) return false;
    lower += lower_byte(static_cast<unsigned char>(c));
  }
  const uint32_t bit = uint32_t{1} << family;
  if (w.mode != WordMode::whole) {
    const bool suffix = w.mode == WordMode::suffix;
    auto& list = suffix ? suffixes_ : prefixes_;
    auto it = std::find_if(list.begin(), list.end(), [&](const auto& e) { return e.first == lower; });
    if (it == list.end()) it = list.insert(list.end(), {lower, 0});
    it->second |= bit;
    auto& gate = suffix ? suffix_gate_ : prefix_gate_;
    const auto set = [&](unsigned a, unsigned b) { gate[(a << 8 | b) >> 6] |= uint64_t{1} << ((a << 8 | b) & 63); };
    const auto first = static_cast<unsigned char>(lower[0]), last = static_cast<unsigned char>(lower.back());
    if (lower.size() == 1) {
      for (unsigned x = 0; x < 256; ++x) suffix ? set(x, first) : set(first, x);
      short_gate_[first] = true;
    } else {
      suffix ? set(static_cast<unsigned char>(lower[lower.size() - 2]), last) : set(first, static_cast<unsigned char>(lower[1]));
    }
    all_ |= bit;
    return true;
  }
  const size_t mask = table_.size() - 1;
  for (size_t h = hash(lower) & mask;; h = (h + 1) & mask) {
    Entry& e = table_[h];
    if (e.families == 0) {
      size_t used = 0;
      for (const Entry& x : table_) used += x.families != 0;
      if (2 * (used + 1) > table_.size()) {  // grow, keeping the table at most half full
        std::vector<Entry> old = std::move(table_);
        table_.assign(old.size() * 2, Entry{});
        for (const Entry& x : old)
          for (int f = 0; f < 32; ++f)
            if (x.families >> f & 1) add(f, x.word);
        return add(family, w);
      }
      e.word = lower;
    }
    if (e.word == lower) {
      e.families |= bit;
      break;
    }
  }
  first_letters_[lower.size()] |= uint32_t{1} << letter_bit(static_cast<unsigned char>(lower[0]));
  all_ |= bit;
  return true;
}

int WordFilter::add_set(const std::vector<Word>& set) {
  std::string key;
  for (const Word& w : set) key += w.text + (w.mode == WordMode::whole ? " " : w.mode == WordMode::prefix ? "* " : "< ");
  for (const auto& [k, family] : sets_)
    if (k == key) return family;
  while (next_family_ < 32 && (all_ >> next_family_ & 1)) ++next_family_;
  if (set.empty() || next_family_ >= 32) return -1;
  for (const Word& w : set) {
    if (w.text.empty() || w.text.size() > kMaxWord ||
        !std::all_of(w.text.begin(), w.text.end(), [](char c) { return is_word_byte(static_cast<unsigned char>(c)); }))
      return -1;
  }
  const int family = next_family_++;
  for (const Word& w : set) add(family, w);
  sets_.emplace_back(key, family);
  return family;
}

uint32_t WordFilter::add_sets(const std::vector<std::vector<Word>>& sets) {
  uint32_t families = 0;
  for (const auto& set : sets)
    if (const int f = add_set(set); f >= 0) families |= uint32_t{1} << f;
  return families;
}

void WordFilter::affixes(const unsigned char* run, size_t len, uint32_t& found) const {
  const auto equal = [&](size_t from, const std::string& word) {
    for (size_t k = 0; k < word.size(); ++k)
      if (lower_byte(run[from + k]) != word[k]) return false;
    return true;
  };
  for (const auto& [word, families] : prefixes_)
    if (len >= word.size() && equal(0, word)) found |= families;
  for (const auto& [word, families] : suffixes_)
    if (len >= word.size() && equal(len - word.size(), word)) found |= families;
}

uint32_t WordFilter::scan(std::string_view text) const {
  static constexpr auto kWordByte = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c) t[c] = is_word_byte(static_cast<unsigned char>(c));
    return t;
  }();
  uint32_t found = 0;
  const size_t mask = table_.size() - 1;
  char lower[kMaxWord];
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (!kWordByte[c]) {
      if ((c == 0xC5 && p + 1 < end && p[1] == 0xBF) || (c == 0xE2 && end - p >= 3 && p[1] == 0x84 && p[2] == 0xAA))
        return all_;  // U+017F, U+212A: `(?i)` reads them as s and k
      ++p;
      continue;
    }
    const unsigned char* q = p + 1;
    while (q < end && kWordByte[*q]) ++q;
    const auto len = static_cast<size_t>(q - p);
    if (len <= kMaxWord && (first_letters_[len] >> letter_bit(c) & 1)) {
      for (size_t k = 0; k < len; ++k) lower[k] = lower_byte(p[k]);
      const std::string_view w(lower, len);
      for (size_t h = hash(w) & mask; table_[h].families; h = (h + 1) & mask)
        if (table_[h].word == w) {
          found |= table_[h].families;
          break;
        }
    }
    if (!prefixes_.empty() || !suffixes_.empty()) {
      const auto gate = [](const std::vector<uint64_t>& g, unsigned a, unsigned b) { return g[(a << 8 | b) >> 6] >> ((a << 8 | b) & 63) & 1; };
      const auto at = [&](size_t k) { return static_cast<unsigned char>(lower_byte(p[k])); };
      const bool prefix = len == 1 ? short_gate_[at(0)] : gate(prefix_gate_, at(0), at(1)) != 0;
      const bool suffix = len == 1 ? short_gate_[at(0)] : gate(suffix_gate_, at(len - 2), at(len - 1)) != 0;
      if (prefix || suffix) affixes(p, len, found);
    }
    p = q;
  }
  return found;
}

RE2::Options pattern_options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);  // room for the DFA of the large role and name patterns
  return options;
}

PatternSet::PatternSet(const std::vector<const re2::RE2*>& patterns) : size_(patterns.size()) {
  auto set = std::make_unique<RE2::Set>(pattern_options(), RE2::UNANCHORED);
  for (const re2::RE2* re : patterns)
    if (set->Add(re->pattern(), nullptr) < 0) return;
  if (!patterns.empty() && set->Compile()) set_ = std::move(set);
}

PatternSet::~PatternSet() = default;

bool PatternSet::matching(std::string_view text, std::vector<int>& out) const {
  out.clear();
  if (!set_) return false;
  RE2::Set::ErrorInfo error{RE2::Set::kOutOfMemory};
  return set_->Match(re2::StringPiece(text.data(), text.size()), &out, &error) || error.kind == RE2::Set::kNoError;
}

void PatternSet::candidates(std::string_view text, size_t begin, size_t end, uint8_t* may) const {
  // One byte more on each side: a match inside [begin, end) sees the same neighbours there as in
  // `text`, so it is a match of the wider range too (whose other matches only let a pattern
  // through).
  const size_t from = begin > 0 ? begin - 1 : 0, to = end < text.size() ? end + 1 : end;
  thread_local std::vector<int> found;
  if (!matching(text.substr(from, to - from), found)) {
    std::fill(may, may + size_, 1);
    return;
  }
  std::fill(may, may + size_, 0);
  for (int i : found) may[i] = 1;
}

}  // namespace hustings::matching
