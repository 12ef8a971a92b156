#include "stages/places/prefilter.h"

#include <algorithm>
#include <bitset>
#include <cctype>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "pipeline/utf8.h"

namespace hustings {

namespace {

using Chars = std::bitset<128>;
using Node = PatternPrefilter::Node;
constexpr int kTrue = PatternPrefilter::kTrue;
constexpr size_t kMaxExact = 64;  // strings an exact set may hold
constexpr size_t kMinAtom = 2;    // shorter required strings are no atoms (no requirement)

Chars char_range(uint32_t lo, uint32_t hi) {
  Chars chars;
  for (uint32_t c = lo; c <= hi && c < 128; ++c) chars.set(c);
  return chars;
}

std::string utf8(uint32_t cp) {
  std::string s;
  append_utf8(s, static_cast<char32_t>(cp));
  return s;
}

// What a piece of a pattern can match: exactly one of a few strings, or strings that satisfy
// a formula over atoms (kTrue: nothing known).
struct Info {
  bool exact = true;
  std::vector<std::string> strings{std::string()};
  int formula = kTrue;
};

// Reads an RE2 pattern into the formula its matches satisfy and the ASCII characters they can
// contain (RE2 syntax: literals, escapes, classes, groups, alternation, repetition).
class PatternReader {
 public:
  PatternReader(std::string_view pattern, bool fold, std::vector<Node>& nodes, std::map<std::string, int>& atom_ids,
                std::vector<std::string>& atoms)
      : p_(pattern), fold_(fold), nodes_(nodes), atom_ids_(atom_ids), atoms_(atoms) {}

  // False for syntax not known here.
  bool read(Chars& alphabet, int& formula) {
    const Info info = alternation();
    if (failed_ || i_ != p_.size()) return false;
    formula = fold_ ? kTrue : to_formula(info);  // case-folded literals: no atoms
    if (fold_)
      for (uint32_t c = 'a'; c <= 'z'; ++c)
        if (chars_.test(c) || chars_.test(c - 'a' + 'A')) {
          chars_.set(c);
          chars_.set(c - 'a' + 'A');
        }
    alphabet = chars_;
    return true;
  }

 private:
  static constexpr uint32_t kSet = UINT32_MAX;  // an escape that stands for a set of characters

  // --- formulas
  int atom(const std::string& s) {
    auto [it, added] = atom_ids_.emplace(s, static_cast<int>(atoms_.size()));
    if (added) atoms_.push_back(s);
    nodes_.push_back({Node::Op::atom, it->second, {}});
    return static_cast<int>(nodes_.size()) - 1;
  }
  int all_of(int a, int b) {
    if (a == kTrue) return b;
    if (b == kTrue) return a;
    nodes_.push_back({Node::Op::all_of, -1, {a, b}});
    return static_cast<int>(nodes_.size()) - 1;
  }
  int any_of(int a, int b) {
    if (a == kTrue || b == kTrue) return kTrue;
    nodes_.push_back({Node::Op::any_of, -1, {a, b}});
    return static_cast<int>(nodes_.size()) - 1;
  }
  int to_formula(const Info& x) {
    if (!x.exact) return x.formula;
    std::vector<std::string> strings = x.strings;
    for (const auto& s : strings)
      if (s.size() < kMinAtom) return kTrue;
    std::sort(strings.begin(), strings.end());
    strings.erase(std::unique(strings.begin(), strings.end()), strings.end());
    // A string that holds another of the set adds nothing: the other is in the text then too.
    std::vector<std::string> kept;
    for (const auto& s : strings)
      if (std::none_of(strings.begin(), strings.end(),
                       [&](const std::string& t) { return t != s && s.find(t) != std::string::npos; }))
        kept.push_back(s);
    int formula = atom(kept[0]);
    for (size_t k = 1; k < kept.size(); ++k) {
      nodes_.push_back({Node::Op::any_of, -1, {formula, atom(kept[k])}});
      formula = static_cast<int>(nodes_.size()) - 1;
    }
    return formula;
  }
  static Info exact(std::string s) { return Info{true, {std::move(s)}, kTrue}; }
  static Info anything() { return Info{false, {}, kTrue}; }
  Info concat(const Info& x, const Info& y) {
    if (x.exact && y.exact && x.strings.size() * y.strings.size() <= kMaxExact) {
      Info out;
      out.strings.clear();
      for (const auto& a : x.strings)
        for (const auto& b : y.strings) out.strings.push_back(a + b);
      return out;
    }
    return Info{false, {}, all_of(to_formula(x), to_formula(y))};
  }
  Info alt(const Info& x, const Info& y) {
    if (x.exact && y.exact && x.strings.size() + y.strings.size() <= kMaxExact) {
      Info out = x;
      out.strings.insert(out.strings.end(), y.strings.begin(), y.strings.end());
      return out;
    }
    return Info{false, {}, any_of(to_formula(x), to_formula(y))};
  }

  // --- syntax
  bool at(char c) const { return i_ < p_.size() && p_[i_] == c; }

  Info alternation() {
    Info x = concatenation();
    while (!failed_ && at('|')) {
      ++i_;
      x = alt(x, concatenation());
    }
    return x;
  }

  // Runs of exact pieces are joined into exact strings ("city" + " of " -> "city of "); the
  // requirements of the runs and of the other pieces all hold.
  Info concatenation() {
    Info run;
    int formula = kTrue;
    bool exact_only = true;
    while (!failed_ && i_ < p_.size() && !at('|') && !at(')')) {
      Info y = repetition();
      if (y.exact && run.strings.size() * y.strings.size() <= kMaxExact) {
        run = concat(run, y);
        continue;
      }
      exact_only = false;
      formula = all_of(formula, to_formula(run));
      if (y.exact) {
        run = y;
      } else {
        formula = all_of(formula, y.formula);
        run = exact("");
      }
    }
    if (exact_only) return run;
    return Info{false, {}, all_of(formula, to_formula(run))};
  }

  Info repetition() {
    Info x = primary();
    while (!failed_ && i_ < p_.size()) {
      size_t min = 0;
      if (at('*')) {
        ++i_;
      } else if (at('+')) {
        ++i_;
        min = 1;
      } else if (at('?')) {
        ++i_;
        if (x.exact) {
          x.strings.push_back("");
          if (x.strings.size() > kMaxExact) x = anything();
        } else {
          x = anything();
        }
        if (at('?')) ++i_;  // lazy
        continue;
      } else if (!counted(min)) {
        break;
      }
      if (at('?')) ++i_;  // lazy
      // x* requires nothing; x+ and x{n,} with n >= 1 require what x requires.
      x = min == 0 ? anything() : Info{false, {}, to_formula(x)};
    }
    return x;
  }

  // "{n}", "{n,}" or "{n,m}" at i_: consumed, with n in `min`.
  bool counted(size_t& min) {
    if (!at('{')) return false;
    size_t j = i_ + 1;
    const auto number = [&](size_t& value) {
      const size_t from = j;
      value = 0;
      while (j < p_.size() && std::isdigit(static_cast<unsigned char>(p_[j]))) value = value * 10 + static_cast<size_t>(p_[j++] - '0');
      return j > from;
    };
    size_t max = 0;
    if (!number(min)) return false;
    if (j < p_.size() && p_[j] == ',') {
      ++j;
      number(max);
    }
    if (j >= p_.size() || p_[j] != '}') return false;
    i_ = j + 1;
    return true;
  }

  Info primary() {
    const char c = p_[i_];
    switch (c) {
      case '(': {
        ++i_;
        if (at('?')) {
          ++i_;
          if (at('P') || at('<')) {
            if (at('P') && (i_ + 1 >= p_.size() || p_[i_ + 1] != '<')) return fail();
            const size_t close = p_.find('>', i_);
            if (close == std::string_view::npos) return fail();
            i_ = close + 1;
          } else {
            bool negate = false;
            for (;; ++i_) {
              if (i_ >= p_.size()) return fail();
              const char f = p_[i_];
              if (f == ')') {  // flags for the rest of the group
                ++i_;
                return exact("");
              }
              if (f == ':') {
                ++i_;
                break;
              }
              if (f == '-') negate = true;
              else if (f == 'i' && !negate) fold_ = true;
              else if (f != 'i' && f != 'm' && f != 's' && f != 'U') return fail();
            }
          }
        }
        Info x = alternation();
        if (!at(')')) return fail();
        ++i_;
        return x;
      }
      case '[':
        return char_class();
      case '\\': {
        Chars set;
        uint32_t single = 0;
        Info literal;
        if (!escape(false, set, single, &literal)) return fail();
        if (single == kSet) {
          chars_ |= set;
          return literal.exact ? literal : anything();
        }
        return character(single);
      }
      case '.':
        chars_.set();
        ++i_;
        return anything();
      case '^': case '$':
        ++i_;
        return exact("");
      case '*': case '+': case '?': case ')': case '|':
        return fail();
      default: {
        if (static_cast<unsigned char>(c) < 0x80) {
          ++i_;
          return character(static_cast<unsigned char>(c));
        }
        int len = 0;
        const char32_t cp = decode_utf8(p_, i_, &len);
        i_ += static_cast<size_t>(len > 0 ? len : 1);
        return character(cp);
      }
    }
  }

  Info character(uint32_t cp) {
    if (cp < 0x80) chars_.set(cp);
    return exact(utf8(cp));
  }

  Info fail() {
    failed_ = true;
    return anything();
  }

  // The escape at i_ (a backslash): one character in `single`, or kSet and the ASCII members
  // of a class in `set` (and in `literal`, when given, what it matches if not anything).
  // False for an escape not known here.
  bool escape(bool in_class, Chars& set, uint32_t& single, Info* literal) {
    if (i_ + 1 >= p_.size()) return false;
    const char e = p_[i_ + 1];
    i_ += 2;
    single = kSet;
    if (literal) *literal = anything();
    switch (e) {
      case 'b': case 'B': case 'A': case 'z':
        if (in_class) return false;
        if (literal) *literal = exact("");  // empty-width
        return true;
      case 'd': set = char_range('0', '9'); return true;
      case 's': set = char_range('\t', '\n') | char_range('\f', '\r') | char_range(' ', ' '); return true;
      case 'w': set = char_range('0', '9') | char_range('A', 'Z') | char_range('a', 'z') | char_range('_', '_'); return true;
      case 'p': {
        std::string_view name;
        if (at('{')) {
          const size_t close = p_.find('}', i_);
          if (close == std::string_view::npos) return false;
          name = p_.substr(i_ + 1, close - i_ - 1);
          i_ = close + 1;
        } else if (i_ < p_.size()) {
          name = p_.substr(i_, 1);
          ++i_;
        }
        if (name == "Lu") set = char_range('A', 'Z');
        else if (name == "Ll") set = char_range('a', 'z');
        else if (name == "L") set = char_range('A', 'Z') | char_range('a', 'z');
        else if (name == "N" || name == "Nd") set = char_range('0', '9');
        else set.set();  // another property: any character, as far as this reader knows
        return true;
      }
      case 'x': {
        size_t end = i_;
        std::string_view hex;
        if (at('{')) {
          end = p_.find('}', i_);
          if (end == std::string_view::npos) return false;
          hex = p_.substr(i_ + 1, end - i_ - 1);
          ++end;
        } else {
          hex = p_.substr(i_, 2);
          end = i_ + hex.size();
        }
        if (hex.empty() || hex.size() > 6 ||
            !std::all_of(hex.begin(), hex.end(), [](char h) { return std::isxdigit(static_cast<unsigned char>(h)); }))
          return false;
        single = static_cast<uint32_t>(std::stoul(std::string(hex), nullptr, 16));
        if (single > 0x10FFFF) return false;
        i_ = end;
        return true;
      }
      case 'Q': {
        if (in_class) return false;
        const size_t close = p_.find("\\E", i_);
        const std::string_view quoted = p_.substr(i_, close == std::string_view::npos ? std::string_view::npos : close - i_);
        for (const char q : quoted)
          if (static_cast<unsigned char>(q) < 0x80) set.set(static_cast<size_t>(q));
        if (literal) *literal = exact(std::string(quoted));
        i_ = close == std::string_view::npos ? p_.size() : close + 2;
        return true;
      }
      case 'n': single = '\n'; return true;
      case 't': single = '\t'; return true;
      case 'r': single = '\r'; return true;
      case 'f': single = '\f'; return true;
      case 'v': single = '\v'; return true;
      case 'a': single = '\a'; return true;
      default:
        if (static_cast<unsigned char>(e) >= 0x80) {  // an escaped non-ASCII character
          int len = 0;
          single = decode_utf8(p_, i_ - 1, &len);
          i_ += static_cast<size_t>(len > 0 ? len - 1 : 0);
          return true;
        }
        if (std::isalnum(static_cast<unsigned char>(e))) return false;  // \1, \C, \D, \pN... not read here
        single = static_cast<unsigned char>(e);
        return true;
    }
  }

  // One character of a class at i_: its code point, or kSet and a set.
  bool class_char(uint32_t& c, Chars& set) {
    const auto b = static_cast<unsigned char>(p_[i_]);
    if (b == '\\') return escape(true, set, c, nullptr);
    if (b < 0x80) {
      c = b;
      ++i_;
      return true;
    }
    int len = 0;
    c = decode_utf8(p_, i_, &len);
    i_ += static_cast<size_t>(len > 0 ? len : 1);
    return true;
  }

  Info char_class() {
    ++i_;
    bool negated = false;
    if (at('^')) {
      negated = true;
      ++i_;
    }
    Chars set;
    std::vector<uint32_t> members;  // of a small class
    bool unknown = false, small = true, first = true;
    for (;;) {
      if (i_ >= p_.size()) return fail();
      if (at(']') && !first) {
        ++i_;
        break;
      }
      first = false;
      if (at('[') && i_ + 1 < p_.size() && p_[i_ + 1] == ':') {  // [:alpha:]
        const size_t close = p_.find(":]", i_ + 2);
        if (close == std::string_view::npos) return fail();
        unknown = true;
        small = false;
        i_ = close + 2;
        continue;
      }
      uint32_t lo = 0;
      Chars item;
      if (!class_char(lo, item)) return fail();
      if (lo == kSet) {
        set |= item;
        small = false;
        continue;
      }
      uint32_t hi = lo;
      if (i_ + 1 < p_.size() && at('-') && p_[i_ + 1] != ']') {
        ++i_;
        Chars ignored;
        if (!class_char(hi, ignored) || hi == kSet || hi < lo) return fail();
      }
      set |= char_range(lo, hi);
      for (uint32_t c = lo; c <= hi && small; ++c) {
        members.push_back(c);
        small = members.size() <= 4;
      }
    }
    // A negated class holds at most the complement of the characters listed and read (fewer
    // with case folding or an unread [:name:]), a class at most those.
    if (unknown && !negated) set.set();
    chars_ |= negated ? ~set : set;
    if (negated || !small || members.empty()) return anything();
    Info out;
    out.strings.clear();
    for (const uint32_t c : members) out.strings.push_back(utf8(c));
    return out;
  }

  std::string_view p_;
  bool fold_;
  std::vector<Node>& nodes_;
  std::map<std::string, int>& atom_ids_;
  std::vector<std::string>& atoms_;
  size_t i_ = 0;
  bool failed_ = false;
  Chars chars_;
};

}  // namespace

PatternPrefilter::PatternPrefilter() : breaker_classes_(1) {
  for (size_t b = 0x80; b < 256; ++b) breaker_mask_[b] = kWide;
}

PatternPrefilter::~PatternPrefilter() = default;

int PatternPrefilter::add(const std::string& pattern, const RE2::Options& options, std::string* error) {
  auto p = std::make_unique<Pattern>();
  p->source = pattern;
  p->options = options;
  bool cut = false;
  if (const std::string ascii = ascii_classes_.cut(pattern, cut); cut) {
    p->ascii = std::make_unique<RE2>(ascii, options);
    if (!p->ascii->ok()) p->ascii.reset();
  }
  // The Unicode properties (\p{Lu}) are what make the full program large.
  int replaced = 0;
  for (size_t at = pattern.find("\\p"); at != std::string::npos; at = pattern.find("\\p", at + 2)) ++replaced;
  for (size_t at = pattern.find("\\P"); at != std::string::npos; at = pattern.find("\\P", at + 2)) ++replaced;
  // The pattern itself is compiled when first needed (text beyond ASCII) when it surely
  // compiles: its program is at most its ASCII version's plus ~1,400 instructions per Unicode
  // class (counted here as 4,000, a wide margin), far below RE2's limit (no counted repetition
  // copies a class).
  const bool counted = std::any_of(pattern.begin(), pattern.end(), [&](const char& c) {
    return c == '{' && &c + 1 < pattern.data() + pattern.size() && std::isdigit(static_cast<unsigned char>(*(&c + 1)));
  });
  const bool defer = p->ascii && !counted && options.max_mem() >= (int64_t{8} << 20) &&
                     p->ascii->ProgramSize() + int64_t{4000} * replaced <= 30000;
  if (!defer) {
    p->re = std::make_unique<RE2>(pattern, options);
    if (!p->re->ok()) {
      if (error) *error = p->re->error();
      return -1;
    }
    if (p->ascii && p->ascii->NumberOfCapturingGroups() != p->re->NumberOfCapturingGroups()) p->ascii.reset();
  }
  std::array<bool, 256> breakers{};
  if (!options.literal() && !options.posix_syntax()) {
    std::map<std::string, int> atom_ids;
    for (size_t a = 0; a < atoms_.size(); ++a) atom_ids.emplace(atoms_[a], static_cast<int>(a));
    const size_t nodes = nodes_.size(), atoms = atoms_.size();
    Chars alphabet;
    int formula = kTrue;
    if (PatternReader(pattern, !options.case_sensitive(), nodes_, atom_ids, atoms_).read(alphabet, formula)) {
      p->formula = formula;
      for (size_t c = 0; c < 128; ++c) breakers[c] = !alphabet.test(c);
    } else {  // unread syntax: no atoms, no breakers
      nodes_.resize(nodes);
      atoms_.resize(atoms);
    }
  }
  auto same = std::find(breaker_classes_.begin(), breaker_classes_.end(), breakers);
  if (same == breaker_classes_.end() && breaker_classes_.size() == 63) same = breaker_classes_.begin();  // no breakers
  p->breaker_class = static_cast<int>(same - breaker_classes_.begin());
  if (same == breaker_classes_.end()) {
    for (size_t b = 0; b < 256; ++b)
      if (breakers[b]) breaker_mask_[b] |= uint64_t{1} << breaker_classes_.size();
    breaker_classes_.push_back(breakers);
  }
  patterns_.push_back(std::move(p));
  return static_cast<int>(patterns_.size()) - 1;
}

const RE2& PatternPrefilter::pattern(int index) const {
  const Pattern& p = *patterns_[static_cast<size_t>(index)];
  std::call_once(p.compiled, [&] {
    if (!p.re) p.re = std::make_unique<RE2>(p.source, p.options);
  });
  // A deferred pattern was judged sure to compile; if it did not, say so (as quotes' Program
  // does) rather than match nothing beyond ASCII.
  if (!p.re->ok()) throw std::runtime_error("places pattern " + p.source + ": " + p.re->error());
  return *p.re;
}

const RE2& PatternPrefilter::on_ascii(int index) const {
  const Pattern& p = *patterns_[static_cast<size_t>(index)];
  return p.ascii ? *p.ascii : pattern(index);
}

// Nested nodes of the same kind become one (any_of(any_of(a, b), c) -> any_of(a, b, c)), and
// the atoms an any_of names become bits.
void PatternPrefilter::flatten(int node) {
  if (node == kTrue) return;
  Node& n = nodes_[static_cast<size_t>(node)];
  if (n.op == Node::Op::atom || !n.any_atom.empty()) return;
  std::vector<int> kids;
  std::vector<int> pending = n.kids;
  while (!pending.empty()) {
    const int k = pending.back();
    pending.pop_back();
    if (nodes_[static_cast<size_t>(k)].op == n.op) {
      const auto& grand = nodes_[static_cast<size_t>(k)].kids;
      pending.insert(pending.end(), grand.begin(), grand.end());
    } else {
      kids.push_back(k);
    }
  }
  std::sort(kids.begin(), kids.end());
  Atoms any_atom((atoms_.size() + 63) / 64 + 1, 0);
  std::vector<int> rest;
  for (const int k : kids) {
    const Node& kid = nodes_[static_cast<size_t>(k)];
    if (n.op == Node::Op::any_of && kid.op == Node::Op::atom)
      any_atom[static_cast<size_t>(kid.atom) / 64] |= uint64_t{1} << (kid.atom % 64);
    else
      rest.push_back(k);
  }
  for (const int k : rest) flatten(k);
  Node& again = nodes_[static_cast<size_t>(node)];  // flatten() of a kid does not add nodes
  again.kids = std::move(rest);
  again.any_atom = std::move(any_atom);
}

void PatternPrefilter::compile() {
  for (const auto& p : patterns_) flatten(p->formula);
  // Byte classes: one per byte that occurs in an atom, 0 for the rest.
  for (const auto& atom : atoms_)
    for (const char c : atom) class_of_[static_cast<unsigned char>(c)] = 1;
  classes_ = 1;
  for (auto& c : class_of_)
    if (c) c = static_cast<uint8_t>(classes_++);

  // The trie of the atoms, then the failure transitions (breadth first).
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> delta(classes_, kNone);
  std::vector<std::vector<int>> out(1);
  for (size_t a = 0; a < atoms_.size(); ++a) {
    uint32_t state = 0;
    for (const char c : atoms_[a]) {
      const size_t edge = state * classes_ + class_of_[static_cast<unsigned char>(c)];
      if (delta[edge] == kNone) {
        delta[edge] = static_cast<uint32_t>(out.size());
        out.emplace_back();
        delta.resize(out.size() * classes_, kNone);
      }
      state = delta[edge];
    }
    out[state].push_back(static_cast<int>(a));
  }
  if (out.size() > UINT16_MAX) {  // too many atoms: every pattern is searched (no atom is found)
    for (auto& p : patterns_) p->formula = kTrue;
    return;
  }
  std::vector<uint32_t> fail(out.size(), 0), queue;
  for (uint32_t c = 0; c < classes_; ++c) {
    uint32_t& next = delta[c];
    if (next == kNone) next = 0;
    else queue.push_back(next);
  }
  for (size_t q = 0; q < queue.size(); ++q) {
    const uint32_t s = queue[q];
    for (uint32_t c = 0; c < classes_; ++c) {
      const uint32_t t = delta[s * classes_ + c];
      const uint32_t via_fail = delta[fail[s] * classes_ + c];
      if (t == kNone) {
        delta[s * classes_ + c] = via_fail;
        continue;
      }
      fail[t] = via_fail;
      out[t].insert(out[t].end(), out[via_fail].begin(), out[via_fail].end());
      queue.push_back(t);
    }
  }
  delta_.assign(delta.begin(), delta.end());
  output_begin_.assign(1, 0);
  accepts_.assign(out.size(), 0);
  for (size_t state = 0; state < out.size(); ++state) {
    outputs_.insert(outputs_.end(), out[state].begin(), out[state].end());
    output_begin_.push_back(static_cast<uint32_t>(outputs_.size()));
    accepts_[state] = !out[state].empty();
  }
}

void PatternPrefilter::scan(std::string_view text, Scan& out) const {
  out.atoms.clear();
  out.marks.clear();
  const uint16_t* delta = delta_.data();
  const uint8_t* accepts = accepts_.data();
  const uint8_t* class_of = class_of_;
  const uint64_t* breaker_mask = breaker_mask_;
  const uint32_t classes = classes_;
  if (delta_.empty()) {  // no automaton: the marks only
    for (size_t i = 0; i < text.size(); ++i)
      if (const uint64_t mask = breaker_mask[static_cast<unsigned char>(text[i])]) out.marks.push_back({static_cast<uint32_t>(i), mask});
    return;
  }
  uint32_t state = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    state = delta[state * classes + class_of[byte]];
    if (const uint64_t mask = breaker_mask[byte]) out.marks.push_back({static_cast<uint32_t>(i), mask});
    if (!accepts[state]) continue;
    const uint32_t number = state;
    for (uint32_t k = output_begin_[number]; k < output_begin_[number + 1]; ++k) {
      const int atom = outputs_[k];
      const auto end = static_cast<uint32_t>(i + 1);
      out.atoms.push_back({end - static_cast<uint32_t>(atoms_[static_cast<size_t>(atom)].size()), end, atom});
    }
  }
}

bool PatternPrefilter::holds(int node, const Atoms& atoms) const {
  if (node == kTrue) return true;
  const Node& n = nodes_[static_cast<size_t>(node)];
  switch (n.op) {
    case Node::Op::atom:
      return (atoms[static_cast<size_t>(n.atom) / 64] >> (n.atom % 64)) & 1;
    case Node::Op::all_of:
      return std::all_of(n.kids.begin(), n.kids.end(), [&](int k) { return holds(k, atoms); });
    case Node::Op::any_of:
      for (size_t w = 0; w < n.any_atom.size(); ++w)
        if (n.any_atom[w] & atoms[w]) return true;
      return std::any_of(n.kids.begin(), n.kids.end(), [&](int k) { return holds(k, atoms); });
  }
  return true;
}

void PatternPrefilter::atoms_inside(const std::vector<Occurrence>& found, uint32_t begin, uint32_t end,
                                    Atoms& out) const {
  out.assign((atoms_.size() + 63) / 64 + 1, 0);
  auto o = std::lower_bound(found.begin(), found.end(), begin + 1,
                            [](const Occurrence& x, uint32_t pos) { return x.end < pos; });
  for (; o != found.end() && o->end <= end; ++o)
    if (o->begin >= begin) out[static_cast<size_t>(o->atom) / 64] |= uint64_t{1} << (o->atom % 64);
}

}  // namespace hustings
