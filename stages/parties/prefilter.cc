#include "stages/parties/prefilter.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "pipeline/ascii_classes.h"

namespace hustings::matching {

namespace {

char lower_byte(unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c); }
int letter_bit(unsigned char c) {
  c = static_cast<unsigned char>(lower_byte(c));
  return c >= 'a' && c <= 'z' ? c - 'a' : 26;
}
// Bit sets over two bytes (the gates of WordFilter).
unsigned pair_key(unsigned char a, unsigned char b) { return static_cast<unsigned>(a) << 8 | b; }
void set_bit(std::vector<uint64_t>& gate, unsigned key) { gate[key >> 6] |= uint64_t{1} << (key & 63); }
bool bit(const std::vector<uint64_t>& gate, unsigned key) { return gate[key >> 6] >> (key & 63) & 1; }
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
      const size_t end = regex_class_end(p, i);
      t.end = end == std::string_view::npos ? p.size() : end;
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

bool is_word_char(const Element& e) { return e.kind == Element::ch && is_word_byte(static_cast<unsigned char>(e.c)); }

// The run of word characters that starts at es[a], as a word bounded by what is around it
// (`left`/`right`: whether the sequence's own ends bound it); none when neither side is
// bounded. Returns where the run ends.
size_t word_run(const std::vector<Element>& es, size_t a, bool left, bool right, std::optional<Word>& word) {
  size_t b = a;
  std::string text;
  for (; b < es.size() && is_word_char(es[b]); ++b) text += es[b].c;
  const bool l = bounded(es, static_cast<long>(a) - 1, -1, left), r = bounded(es, static_cast<long>(b), 1, right);
  word.reset();
  if (l || r) word = Word{std::move(text), l && r ? WordMode::whole : l ? WordMode::prefix : WordMode::suffix};
  return b;
}

// The best word of a sequence (whole words first, then the longest), with the sequence's
// outside bounds; false when it has none.
bool best_word(const std::vector<Element>& es, bool left, bool right, Word& best) {
  bool found = false;
  const auto rank = [](const Word& x) { return std::make_pair(x.mode == WordMode::whole, x.text.size()); };
  for (size_t a = 0; a < es.size();) {
    if (!is_word_char(es[a])) {
      ++a;
      continue;
    }
    std::optional<Word> w;
    a = word_run(es, a, left, right, w);
    if (!w) continue;
    if (!found || rank(*w) > rank(best)) best = *w;
    found = true;
  }
  return found;
}

void word_sets(const std::vector<Element>& es, std::vector<std::vector<Word>>& out) {
  Word w;
  for (size_t a = 0; a < es.size();) {  // each bounded run of known word characters, each set of alternatives
    if (!is_word_char(es[a])) {
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
    std::optional<Word> run;
    a = word_run(es, a, false, false, run);
    if (run) out.push_back({*run});
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

std::bitset<128> ascii_chars(std::string_view p) {
  std::bitset<128> out, all;
  all.set();
  const auto add = [&](unsigned c) {
    if (c < 128) out.set(c);
  };
  // One character or escape at p[i] (inside a class when `in_class`): its code point, or -1
  // when it stands for a set (added to `out`), or -2 when unknown.
  const auto one = [&](size_t& i, bool in_class) -> long {
    const char c = p[i++];
    if (c != '\\') return static_cast<unsigned char>(c) < 0x80 ? c : 0x80;
    if (i >= p.size()) return -2;
    const char e = p[i++];
    switch (e) {
      case 'd':
        for (unsigned d = '0'; d <= '9'; ++d) add(d);
        return -1;
      case 'w':
        for (unsigned x = 0; x < 128; ++x)
          if (is_word_byte(static_cast<unsigned char>(x))) add(x);
        return -1;
      case 's':
        for (unsigned x : {'\t', '\n', '\f', '\r', ' '}) add(x);
        return -1;
      case 'b': case 'B': case 'A': case 'z':
        return in_class ? -2 : -1;
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'f': return '\f';
      case 'v': return '\v';
      case 'a': return '\a';
      case 'x': {
        const auto hex = [](char h) { return std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : std::tolower(h) - 'a' + 10; };
        long value = 0;
        if (i < p.size() && p[i] == '{') {
          const size_t end = p.find('}', i);
          if (end == std::string_view::npos) return -2;
          for (size_t k = i + 1; k < end; ++k) value = value * 16 + hex(p[k]);
          i = end + 1;
        } else {
          for (size_t k = 0; k < 2 && i < p.size(); ++k, ++i) value = value * 16 + hex(p[i]);
        }
        return value;
      }
      default:
        return is_punctuation(e) || e == ' ' ? e : -2;
    }
  };
  for (size_t i = 0; i < p.size();) {
    const char c = p[i];
    if (c == '.') return all;
    if (c == '(' || c == ')' || c == '|' || c == '?' || c == '*' || c == '+' || c == '^' || c == '$') {
      if (c == '(' && i + 1 < p.size() && p[i + 1] == '?') {  // (?flags), (?flags:, (?P<name>
        size_t j = i + 2;
        while (j < p.size() && p[j] != ')' && p[j] != ':' && p[j] != '>') ++j;
        i = j + 1;
      } else {
        ++i;
      }
      continue;
    }
    if (c == '{' && i + 1 < p.size() && std::isdigit(static_cast<unsigned char>(p[i + 1]))) {  // a repetition
      const size_t end = p.find('}', i);
      if (end == std::string_view::npos) return all;
      i = end + 1;
      continue;
    }
    if (c == '[') {
      size_t j = i + 1;
      if (j < p.size() && (p[j] == '^' || p.compare(j, 2, "[:") == 0)) return all;
      for (bool first = true; j < p.size() && (first || p[j] != ']'); first = false) {
        const long lo = one(j, true);
        if (lo == -2) return all;
        if (lo == -1) continue;
        long hi = lo;
        if (j + 1 < p.size() && p[j] == '-' && p[j + 1] != ']') {
          ++j;
          hi = one(j, true);
          if (hi < 0) return all;
        }
        for (long x = lo; x <= hi && x < 128; ++x) add(static_cast<unsigned>(x));
      }
      i = j + 1;
      continue;
    }
    if (c == '\\' && i + 1 < p.size() && (p[i + 1] == 'p' || p[i + 1] == 'P' || p[i + 1] == 'C' || p[i + 1] == 'Q' ||
                                             p[i + 1] == 'D' || p[i + 1] == 'W' || p[i + 1] == 'S'))
      return all;
    const long x = one(i, false);
    if (x == -2) return all;
    if (x >= 0) add(static_cast<unsigned>(x));
  }
  for (unsigned x = 'a'; x <= 'z'; ++x)
    if (out[x] || out[x - 'a' + 'A']) out.set(x), out.set(x - 'a' + 'A');
  return out;
}

Layout layout(std::string_view pattern) {
  const std::vector<Token> ts = tokens(pattern);
  Layout out;
  if (ts.empty() || ts[0].piece != Piece::open || ts[0].group.empty()) return out;
  size_t k = 1, depth = 1;
  for (; k < ts.size() && depth > 0; ++k) {
    if (ts[k].piece == Piece::open) ++depth;
    if (ts[k].piece == Piece::close) --depth;
  }
  if (depth != 0 || ts[k - 1].quantified) return out;
  out.first = ts[0].group;
  out.first_text = std::string(pattern.substr(ts[0].end, ts[k - 1].begin - ts[0].end));
  for (; k < ts.size() && ts[k].piece == Piece::atom && ts[k].ch && !ts[k].quantified &&
         !is_word_byte(static_cast<unsigned char>(ts[k].ch));
       ++k)
    out.separator += ts[k].ch;
  if (out.separator.empty()) return out;
  for (size_t j = 0, d = 0; j < ts.size(); ++j) {  // no alternation of the whole pattern
    if (ts[j].piece == Piece::open) ++d;
    if (ts[j].piece == Piece::close) --d;
    if (ts[j].piece == Piece::bar && d == 0) return out;
  }
  if (k < ts.size() && ts[k].piece == Piece::open && !ts[k].group.empty() && ts.back().piece == Piece::close &&
      !ts.back().quantified) {
    size_t d = 0, j = k;
    for (; j < ts.size(); ++j) {
      if (ts[j].piece == Piece::open) ++d;
      if (ts[j].piece == Piece::close && --d == 0) break;
    }
    if (j == ts.size() - 1) out.last = ts[k].group;
  }
  out.ok = true;
  return out;
}

std::optional<std::string> group_text(std::string_view pattern, std::string_view group) {
  // Flags would change what the group's text means alone.
  for (size_t at = pattern.find("(?"); at != std::string_view::npos; at = pattern.find("(?", at + 2))
    if (pattern.compare(at, 3, "(?:") != 0 && pattern.compare(at, 4, "(?P<") != 0) return std::nullopt;
  const std::vector<Token> ts = tokens(pattern);
  for (size_t k = 0; k < ts.size(); ++k) {
    if (ts[k].piece != Piece::open || ts[k].group != group) continue;
    size_t depth = 0;
    for (size_t j = k; j < ts.size(); ++j) {
      if (ts[j].piece == Piece::open) ++depth;
      if (ts[j].piece == Piece::close && --depth == 0) return std::string(pattern.substr(ts[k].end, ts[j].begin - ts[k].end));
    }
  }
  return std::nullopt;
}

Opening opening(std::string_view pattern) {
  Opening out;
  for (size_t at = pattern.find("(?"); at != std::string_view::npos; at = pattern.find("(?", at + 2))
    if (pattern.compare(at, 3, "(?:") != 0 && pattern.compare(at, 4, "(?P<") != 0) return out;
  const std::vector<Token> ts = tokens(pattern);
  if (ts.empty() || ts[0].piece != Piece::open || ts[0].group.empty()) return out;
  size_t depth = 0, close = 0;
  for (size_t k = 0; k < ts.size(); ++k) {
    if (ts[k].piece == Piece::open) ++depth;
    if (ts[k].piece == Piece::close && --depth == 0 && close == 0) close = k;
    if (ts[k].piece == Piece::bar && depth == 0) return out;
  }
  if (close == 0 || ts[close].quantified || close + 1 == ts.size()) return out;
  out.group = ts[0].group;
  out.text = std::string(pattern.substr(ts[0].end, ts[close].begin - ts[0].end));
  out.rest = std::string(pattern.substr(ts[close].end));
  out.ok = true;
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
  const auto first = static_cast<unsigned char>(lower[0]), last = static_cast<unsigned char>(lower.back());
  const uint32_t family_bit = uint32_t{1} << family;
  all_ |= family_bit;
  if (w.mode != WordMode::whole) {
    const bool suffix = w.mode == WordMode::suffix;
    auto& list = suffix ? suffixes_ : prefixes_;
    auto& gate = suffix ? suffix_gate_ : prefix_gate_;
    auto it = std::find_if(list.begin(), list.end(), [&](const Affix& e) { return e.word == lower; });
    if (it == list.end()) {
      const unsigned key = lower.size() == 1 ? 0 : suffix ? pair_key(static_cast<unsigned char>(lower[lower.size() - 2]), last)
                                                          : pair_key(first, static_cast<unsigned char>(lower[1]));
      it = list.insert(list.end(), {lower, 0, key});
      if (lower.size() == 1) {
        short_gate_[first] = true;
        for (unsigned x = 0; x < 256; ++x) {
          const auto other = static_cast<unsigned char>(x);
          set_bit(gate, suffix ? pair_key(other, first) : pair_key(first, other));
        }
      } else {
        set_bit(gate, key);
      }
    }
    it->families |= family_bit;
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
      e.families |= family_bit;
      break;
    }
  }
  first_letters_[lower.size()] |= uint32_t{1} << letter_bit(first);
  if (lower.size() >= 2) set_bit(whole_gate_, pair_key(first, static_cast<unsigned char>(lower[1])));
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

uint32_t WordFilter::add_best(const std::vector<std::vector<Word>>& sets) {
  const auto rank = [](const std::vector<Word>& set) {
    size_t shortest = SIZE_MAX;
    bool whole = true;
    for (const Word& w : set) shortest = std::min(shortest, w.text.size()), whole = whole && w.mode == WordMode::whole;
    return std::make_pair(shortest, whole);
  };
  const std::vector<Word>* best = nullptr;
  for (const auto& set : sets)
    if (!set.empty() && (!best || rank(set) > rank(*best))) best = &set;
  const int family = best ? add_set(*best) : -1;
  return family < 0 ? 0 : uint32_t{1} << family;
}

void WordFilter::affixes(const unsigned char* run, size_t len, uint32_t& found) const {
  const auto equal = [&](size_t from, const std::string& word) {
    for (size_t k = 0; k < word.size(); ++k)
      if (lower_byte(run[from + k]) != word[k]) return false;
    return true;
  };
  const auto lower = [&](size_t k) { return static_cast<unsigned char>(lower_byte(run[k])); };
  const unsigned first = len >= 2 ? pair_key(lower(0), lower(1)) : 0, last = len >= 2 ? pair_key(lower(len - 2), lower(len - 1)) : 0;
  for (const Affix& e : prefixes_)
    if (len >= e.word.size() && (e.word.size() == 1 || e.key == first) && equal(0, e.word)) found |= e.families;
  for (const Affix& e : suffixes_)
    if (len >= e.word.size() && (e.word.size() == 1 || e.key == last) && equal(len - e.word.size(), e.word)) found |= e.families;
}

uint32_t WordFilter::scan(std::string_view text) const {
  static constexpr auto kWordByte = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c) t[c] = is_word_byte(static_cast<unsigned char>(c));
    return t;
  }();
  uint32_t found = 0;
  const size_t mask = table_.size() - 1;
  const bool affixes_known = !prefixes_.empty() || !suffixes_.empty();
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
    const auto at = [&](size_t k) { return static_cast<unsigned char>(lower_byte(p[k])); };
    if (len <= kMaxWord && (first_letters_[len] >> letter_bit(c) & 1) && (len == 1 || bit(whole_gate_, pair_key(at(0), at(1))))) {
      for (size_t k = 0; k < len; ++k) lower[k] = lower_byte(p[k]);
      const std::string_view w(lower, len);
      for (size_t h = hash(w) & mask; table_[h].families; h = (h + 1) & mask)
        if (table_[h].word == w) {
          found |= table_[h].families;
          break;
        }
    }
    if (affixes_known && (len == 1 ? short_gate_[at(0)]
                                   : bit(prefix_gate_, pair_key(at(0), at(1))) || bit(suffix_gate_, pair_key(at(len - 2), at(len - 1)))))
      affixes(p, len, found);
    p = q;
  }
  return found;
}

bool may_match(uint32_t needed, std::string_view punctuation, uint32_t words, std::string_view text) {
  if (needed & ~words) return false;
  for (const char c : punctuation)
    if (text.find(c) == std::string_view::npos) return false;
  return true;
}

RE2::Options pattern_options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);  // room for the DFA of the large role and name patterns
  return options;
}

}  // namespace hustings::matching
