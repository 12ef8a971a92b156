#include "stages/people/people.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>

#include <re2/re2.h>

#include "pipeline/utf8.h"
#include "stages/parties/matching.h"
#include "stages/parties/prefilter.h"
#include "stages/people/coreference.h"

namespace hustings {

using people::Candidate;
using people::Mention;

namespace {

constexpr char kMask = '\x01';  // party mentions in the masked view
const char* const kPartyMacro = "\\x01+|\\b[Pp]arty";

std::string without_dot(std::string_view w) {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  return std::string(w);
}

std::vector<Span> words_of(std::string_view view, Span span) {
  std::vector<Span> words;
  uint32_t start = span.begin;
  for (uint32_t i = span.begin; i <= span.end; ++i) {
    if (i == span.end || view[i] == ' ') {
      if (i > start) words.push_back({start, i});
      start = i + 1;
    }
  }
  return words;
}

// An alternation of patterns, longest first.
std::string alternation(std::vector<std::string> items) {
  std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "|") + i;
  return out;
}

// Letters, apostrophes and hyphens only.
bool is_word(std::string_view w) {
  if (w.empty()) return false;
  for (size_t i = 0; i < w.size();) {
    int len = 0;
    const char32_t cp = decode_utf8(w, i, &len);
    if (cp != '\'' && cp != '-' && !matching::is_word_char(cp)) return false;
    i += static_cast<size_t>(len > 0 ? len : 1);
  }
  return true;
}

bool is_word_byte(char c) { return matching::is_word_byte(static_cast<unsigned char>(c)); }

// The longest (the last of equals) run of [A-Za-z0-9_] in `text` with a non-word byte or a
// `\b` on each side: `starts`/`ends` say whether the text is preceded/followed by a `\b` in
// its pattern. Every match of the pattern holds it as a whole word (WordFilter); "" when none.
std::string keyword(std::string_view text, bool starts, bool ends) {
  std::string_view best;
  for (size_t a = 0; a < text.size();) {
    if (!is_word_byte(text[a])) {
      ++a;
      continue;
    }
    size_t b = a;
    while (b < text.size() && is_word_byte(text[b])) ++b;
    if ((a > 0 || starts) && (b < text.size() || ends) && b - a >= best.size()) best = text.substr(a, b - a);
    a = b;
  }
  return std::string(best);
}

bool title_case_block(const Document& doc, int block) {
  return block >= 0 && (doc.blocks[block].kind == BlockKind::title || doc.blocks[block].kind == BlockKind::heading);
}

}  // namespace

// Per-document state.
struct PeopleStage::Context {
  explicit Context(const Document& d) : doc(d), masked(d.view()) {}
  const Document& doc;
  std::string masked;                     // the view with party mentions masked
  std::vector<uint32_t> sentence_starts;  // first word of each sentence, sorted
  std::vector<uint32_t> first_word;       // of each of doc.sentences, UINT32_MAX when none
  std::vector<Sentence> sentences;        // doc.sentences, joined after an initial

  bool opens_sentence(uint32_t at) const { return std::binary_search(sentence_starts.begin(), sentence_starts.end(), at); }
  // Whether `w` is written in lower case somewhere: a word token of a sentence with that text
  // which does not start with a capital.
  bool written_lower(const std::string& w) const;
  // Whether `w` is written capitalized inside a body sentence: a word token with that text, not
  // the first word of its sentence, in a block that is not a title or heading.
  bool capitalized_inside(const std::string& w) const;
  mutable std::unordered_map<std::string, bool> places;  // names known to be places or not

 private:
  // The sentence (index into doc.sentences) of the word token [at, at + size), -1 when none.
  int word_token_sentence(uint32_t at, size_t size) const;
  mutable std::unordered_map<std::string, bool> lower_, inside_;  // answers so far
};

int PeopleStage::Context::word_token_sentence(uint32_t at, size_t size) const {
  auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), at, [](const Token& t, uint32_t o) { return t.begin < o; });
  if (it == doc.tokens.end() || it->begin != at || it->end != at + size || it->kind != TokenKind::word) return -1;
  const int s = doc.sentence_at(at);
  return s >= 0 && it->end <= doc.sentences[s].span.end ? s : -1;
}

bool PeopleStage::Context::written_lower(const std::string& w) const {
  if (w.empty() || matching::starts_upper(w)) return false;
  auto [memo, inserted] = lower_.emplace(w, false);
  if (!inserted) return memo->second;
  const std::string_view view = doc.view();
  for (size_t at = view.find(w); at != std::string_view::npos && !memo->second; at = view.find(w, at + 1))
    memo->second = word_token_sentence(static_cast<uint32_t>(at), w.size()) >= 0;
  return memo->second;
}

bool PeopleStage::Context::capitalized_inside(const std::string& w) const {
  if (w.empty() || !matching::starts_upper(w)) return false;
  auto [memo, inserted] = inside_.emplace(w, false);
  if (!inserted) return memo->second;
  const std::string_view view = doc.view();
  for (size_t at = view.find(w); at != std::string_view::npos && !memo->second; at = view.find(w, at + 1)) {
    const int s = word_token_sentence(static_cast<uint32_t>(at), w.size());
    memo->second = s >= 0 && first_word[s] != at && !title_case_block(doc, doc.sentences[s].block);
  }
  return memo->second;
}

PeopleStage::PeopleStage(const RuleLocator& rules) : words_(std::make_unique<matching::WordFilter>()) {
  for (auto& [name, id] : place_names(rules)) places_.insert(std::move(name));
  const auto roles = TsvTable::load(rules.language("roles.tsv"), {"phrase", "role", "affiliation"});
  const auto role_patterns = load_roles(roles);
  load_not_names(rules);
  load_patterns(rules, roles, role_patterns);
}

PeopleStage::~PeopleStage() = default;

std::vector<std::string> PeopleStage::load_roles(const TsvTable& table) {
  std::vector<std::string> patterns;
  bool role_words = true;
  for (const auto& row : table.rows()) {
    const std::string& phrase = table.required(row, "phrase");
    const std::string& key = table.cell(row, "role");
    const std::string& affiliation = table.required(row, "affiliation");
    if (!std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == ' ' || c == '-'; }))
      table.fail(row, "role must be a lower-case key (letters, spaces, hyphens), found '" + key + "'");
    if (affiliation != "party" && affiliation != "none")
      table.fail(row, "affiliation must be party or none, found '" + affiliation + "'");
    // Literal words match case-insensitively; `{party}` becomes the PARTYSLOT macro.
    std::string re = phrase.front() == '{' ? "" : "\\b";
    std::string word;  // for the prefilter: a word of a literal piece bounded inside it
    for (size_t i = 0; i < phrase.size();) {
      if (phrase.compare(i, 7, "{party}") == 0) {
        if (i + 7 >= phrase.size() || phrase[i + 7] != ' ') table.fail(row, "{party} must be followed by a word");
        re += "{PARTYSLOT}";
        i += 8;
        continue;
      }
      if (phrase[i] == '{' || phrase[i] == '}') table.fail(row, "unknown placeholder in '" + phrase + "' (only {party})");
      const size_t next = std::min(phrase.find('{', i), phrase.size());
      re += "(?i:" + RE2::QuoteMeta(phrase.substr(i, next - i)) + ")";
      const std::string w = keyword(std::string_view(phrase).substr(i, next - i), i == 0, next == phrase.size());
      if (w.size() >= word.size()) word = w;
      i = next;
    }
    if (!words_->add(kRoleWord, word)) role_words = false;
    std::string lower_word;
    for (char c : word) lower_word += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    if (word.empty())
      rows_without_word_.push_back(static_cast<int>(roles_.size()));
    else
      rows_by_word_[lower_word].push_back(static_cast<int>(roles_.size()));
    patterns.push_back(re + "\\b");
    roles_.push_back({key, affiliation == "party", nullptr});
  }
  if (role_words) filtered_ |= 1u << kRoleWord;
  return patterns;
}

void PeopleStage::load_not_names(const RuleLocator& rules) {
  static const std::set<std::string> openers = {"function", "pronoun", "title", "time"};
  static const std::set<std::string> parts = {"place-word", "org-word", "media", "other"};
  const auto table = TsvTable::load(rules.language("not-names.tsv"), {"word", "kind"});
  for (const auto& row : table.rows()) {
    const std::string& word = table.required(row, "word");
    const std::string& kind = table.required(row, "kind");
    if (word.find(' ') != std::string::npos || !matching::starts_upper(word))
      table.fail(row, "a not-name is one capitalized word, found '" + word + "'");
    if (!openers.count(kind) && !parts.count(kind))
      table.fail(row, "kind must be function, pronoun, title, time, place-word, org-word, media or other, found '" + kind + "'");
    not_names_[without_dot(word)] = openers.count(kind) > 0;
  }
}

void PeopleStage::load_patterns(const RuleLocator& rules, const TsvTable& roles,
                                const std::vector<std::string>& role_patterns) {
  std::vector<std::string> speech, speech_verbs;
  bool speech_words = true;
  const auto verbs = TsvTable::load(rules.language("speech-verbs.tsv"), {"verb", "kind"});
  for (const auto& row : verbs.rows()) {
    const std::string& verb = verbs.required(row, "verb");
    const std::string& kind = verbs.required(row, "kind");
    if (kind != "verb" && kind != "preposition") verbs.fail(row, "kind must be verb or preposition, found '" + kind + "'");
    speech.push_back(RE2::QuoteMeta(verb));
    if (kind == "verb") speech_verbs.push_back(RE2::QuoteMeta(verb));
    // {SPEECH} and {SPEECHVERB} hold the verbs between `\b`s.
    const std::string word = keyword(verb, true, true);
    speech_words = words_->add(kSpeech, word) && (kind != "verb" || words_->add(kSpeechVerb, word)) && speech_words;
  }
  if (speech_words) filtered_ |= 1u << kSpeech | 1u << kSpeechVerb;
  std::map<std::string, std::string> macros = {
      {"PARTY", kPartyMacro},
      {"SPEECH", "\\b(?i:" + alternation(speech) + ")\\b"},
      {"SPEECHVERB", "\\b(?i:" + alternation(speech_verbs) + ")\\b"},
  };
  // What each macro cannot match without, for the prefilter.
  struct Need {
    uint32_t families = 0;
    std::string punctuation;
  };
  std::map<std::string, Need> needs = {{"SPEECH", {1u << kSpeech}}, {"SPEECHVERB", {1u << kSpeechVerb}}, {"ROLE", {1u << kRoleWord}}};
  const auto need_of = [&](const matching::Required& required) {
    Need need{0, required.punctuation};
    for (const auto& m : required.macros)
      if (auto it = needs.find(m); it != needs.end()) {
        need.families |= it->second.families;
        for (char c : it->second.punctuation)
          if (need.punctuation.find(c) == std::string::npos) need.punctuation += c;
      }
    need.families &= filtered_;
    return need;
  };
  Need role_need;
  std::string role_id;
  const auto table = TsvTable::load(rules.language("people.re2.tsv"), {"id", "kind", "pattern"});
  for (const auto& row : table.rows()) {
    const std::string& id = table.required(row, "id");
    const std::string& kind = table.required(row, "kind");
    const std::string& pattern = table.required(row, "pattern");
    if (pattern.find("{ROLE}") != std::string::npos && !macros.count("ROLE")) {
      if (!macros.count("PARTYSLOT")) table.fail(row, "{ROLE} needs a PARTYSLOT define before it");
      std::vector<std::string> expanded;
      for (size_t r = 0; r < role_patterns.size(); ++r) {
        const TsvRow& role_row = roles.rows()[r];
        expanded.push_back(matching::expand_macros(roles, role_row, role_patterns[r], macros));
        roles_[r].re = matching::compile(roles, role_row, expanded.back());
      }
      macros["ROLE"] = "\\b(?:" + alternation(expanded) + ")";
    }
    const std::string expanded = matching::expand_macros(table, row, pattern, macros);
    auto re = matching::compile(table, row, expanded, kind == "define");
    const matching::Required required = matching::required_parts(pattern);
    if (kind == "define") {
      macros[id] = expanded;
      needs[id] = need_of(required);
    } else if (kind == "join") {
      initial_end_ = std::move(re);
    } else if (kind == "role") {
      if (role_phrase_) table.fail(row, "only one role row");
      role_phrase_ = std::move(re);
      role_phrase_org_ = matching::group_index(*role_phrase_, "org");
      role_id = id;
      macros[id] = expanded;
      if (const auto org = matching::group_text(pattern, "org")) {
        role_org_ = std::make_unique<re2::RE2>(matching::expand_macros(table, row, *org, macros), matching::pattern_options());
        if (!role_org_->ok()) role_org_.reset();
      }
      needs[id] = role_need = need_of(required);
    } else if (kind == "person") {
      Pattern p{id, std::move(re)};
      p.name = matching::group_index(*p.re, "name");
      p.role = matching::group_index(*p.re, "role");
      p.appos = matching::group_index(*p.re, "appos");
      p.org = matching::group_index(*p.re, "org");
      p.party = matching::group_index(*p.re, "party");
      if (p.name < 0) table.fail(row, "a person pattern needs a group 'name'");
      const Need need = need_of(required);
      p.families = need.families | words_->add_best(required.word_sets);
      p.punctuation = need.punctuation;
      p.name_ends_match = required.last_group == "name";
      if (const matching::Layout layout = matching::layout(pattern); layout.ok && layout.first == "name") {
        const std::string name = matching::expand_macros(table, row, layout.first_text, macros);
        const int groups = layout.last.empty() ? 1 : 2;
        if (!matching::ascii_chars(name)[static_cast<unsigned char>(layout.separator[0])] && p.re->NumberOfCapturingGroups() == groups) {
          p.separator = layout.separator;
          if (!layout.last.empty()) p.after_separator = matching::group_index(*p.re, layout.last);
        }
      }
      if (const matching::Opening opening = matching::opening(pattern);
          opening.ok && role_phrase_ && opening.text == "{" + role_id + "}")
        split_at_role(p, opening, matching::expand_macros(table, row, opening.rest, macros));
      // An apposition that takes part in every match must hold a role phrase (a match of the
      // role row): resolved below, once that row is known.
      p.mention_families = std::find(required.groups.begin(), required.groups.end(), "appos") != required.groups.end();
      patterns_.push_back(std::move(p));
    } else {
      table.fail(row, "kind must be define, join, role or person, found '" + kind + "'");
    }
  }
  for (auto& p : patterns_) p.mention_families = p.mention_families ? role_need.families : 0;
  if (!role_phrase_ || !initial_end_) throw RuleError(table.file(), 0, "needs one role row and one join row");
}

void PeopleStage::split_at_role(Pattern& p, const matching::Opening& opening, const std::string& rest) const {
  auto re = std::make_unique<re2::RE2>(rest, matching::pattern_options());
  const auto all_named = [](const re2::RE2& r) {
    return r.ok() && r.NamedCapturingGroups().size() == static_cast<size_t>(r.NumberOfCapturingGroups());
  };
  if (!all_named(*re) || !all_named(*role_phrase_) || !all_named(*p.re)) return;
  const int n = p.re->NumberOfCapturingGroups();
  if (n != 1 + role_phrase_->NumberOfCapturingGroups() + re->NumberOfCapturingGroups()) return;
  std::vector<int> from_rest(static_cast<size_t>(n) + 1, -1), from_role(static_cast<size_t>(n) + 1, -1);
  for (const auto& [name, index] : p.re->NamedCapturingGroups()) {
    if (name == opening.group) {
      p.role_group = index;
    } else if (const int r = matching::group_index(*re, name); r >= 0) {
      from_rest[static_cast<size_t>(index)] = r;
    } else if (const int r = matching::group_index(*role_phrase_, name); r >= 0) {
      from_role[static_cast<size_t>(index)] = r;
    } else {
      return;
    }
  }
  if (p.role_group < 0) return;
  p.rest = std::move(re);
  p.from_rest = std::move(from_rest);
  p.from_role = std::move(from_role);
  p.role_groups = std::any_of(p.from_role.begin(), p.from_role.end(), [](int r) { return r >= 0; });
  p.only_org = std::all_of(p.from_role.begin(), p.from_role.end(), [&](int r) { return r < 0 || r == role_phrase_org_; });
}

// The groups of the match `whole` of a pattern with a role opening (Pattern::rest); false when
// the rest does not match after the role phrase's own match (then RE2 must parse it).
bool PeopleStage::split_groups(const Pattern& p, std::string_view masked, Span whole, std::vector<re2::StringPiece>& g) const {
  re2::StringPiece role;
  if (!role_phrase_->Match(masked, whole.begin, whole.end, RE2::ANCHOR_START, &role, 1)) return false;
  const size_t after = static_cast<size_t>(role.data() - masked.data()) + role.size();
  std::vector<re2::StringPiece> rest(p.rest->NumberOfCapturingGroups() + 1);
  if (!p.rest->Match(masked, after, whole.end, RE2::ANCHOR_START, rest.data(), static_cast<int>(rest.size())) ||
      rest[0].data() + rest[0].size() != masked.data() + whole.end)
    return false;
  std::fill(g.begin(), g.end(), re2::StringPiece());
  g[0] = re2::StringPiece(masked.data() + whole.begin, whole.size());
  g[p.role_group] = role;
  for (size_t i = 0; i < g.size(); ++i)
    if (p.from_rest[i] >= 0) g[i] = rest[p.from_rest[i]];
  // The role phrase's own groups; none when they are only `org` and its text is not there.
  if (p.role_groups && !(p.only_org && !org_may_be_in(masked, {whole.begin, static_cast<uint32_t>(after)}))) {
    std::vector<re2::StringPiece> inner(role_phrase_->NumberOfCapturingGroups() + 1);
    if (!role_phrase_->Match(masked, whole.begin, after, RE2::ANCHOR_BOTH, inner.data(), static_cast<int>(inner.size()))) return false;
    for (size_t i = 0; i < g.size(); ++i)
      if (p.from_role[i] >= 0) g[i] = inner[p.from_role[i]];
  }
  return true;
}

bool PeopleStage::org_may_be_in(std::string_view masked, Span span) const {
  return !role_org_ || role_org_->Match(masked, span.begin, span.end, RE2::UNANCHORED, nullptr, 0);
}

// The best role row found inside `span` of the masked view: keyed roles before descriptors,
// then the row listed first.
std::optional<PeopleStage::RoleFound> PeopleStage::role_in(std::string_view masked, Span span) const {
  const std::string_view text = masked.substr(span.begin, span.size());
  // Only rows whose word the text holds can match (see keyword()).
  thread_local std::vector<int> rows;
  rows.clear();
  if (text.find("\xC5\xBF") != std::string_view::npos || text.find("\xE2\x84\xAA") != std::string_view::npos) {
    for (size_t r = 0; r < roles_.size(); ++r) rows.push_back(static_cast<int>(r));  // (?i) reads U+017F, U+212A as s, k
  } else {
    std::string word;
    for (size_t i = 0; i < text.size();) {
      if (!is_word_byte(text[i])) {
        ++i;
        continue;
      }
      word.clear();
      for (; i < text.size() && is_word_byte(text[i]); ++i)
        word += static_cast<char>(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + ('a' - 'A') : text[i]);
      if (auto it = rows_by_word_.find(word); it != rows_by_word_.end()) rows.insert(rows.end(), it->second.begin(), it->second.end());
    }
    rows.insert(rows.end(), rows_without_word_.begin(), rows_without_word_.end());
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  }
  int best = -1;
  for (const int r : rows) {
    if (!roles_[r].re || !RE2::PartialMatch(text, *roles_[r].re)) continue;
    const bool keyed = !roles_[r].key.empty();
    if (best < 0 || (keyed && roles_[best].key.empty())) best = r;
    if (keyed) break;
  }
  if (best < 0) return std::nullopt;
  return RoleFound{span, best};
}

// The best role phrase inside an apposition.
std::optional<PeopleStage::RoleFound> PeopleStage::best_role_phrase(std::string_view masked, Span span) const {
  // Where each phrase is (the DFAs only); the groups only of the best one.
  std::optional<RoleFound> best;
  re2::StringPiece m;
  for (size_t pos = span.begin; pos < span.end && role_phrase_->Match(masked, pos, span.end, RE2::UNANCHORED, &m, 1);) {
    const uint32_t b = static_cast<uint32_t>(m.data() - masked.data());
    const Span found{b, b + static_cast<uint32_t>(m.size())};
    pos = found.end > b ? found.end : matching::next_char(masked, b);
    auto role = role_in(masked, found);
    if (!role) continue;
    const auto rank = [&](const RoleFound& r) { return std::make_pair(roles_[r.row].key.empty(), r.row); };
    if (!best || rank(*role) < rank(*best)) best = role;
  }
  // Its group `org` only when that group's text appears in it.
  if (best && role_phrase_org_ >= 0 && org_may_be_in(masked, best->span)) {
    std::vector<re2::StringPiece> g(role_phrase_->NumberOfCapturingGroups() + 1);
    if (role_phrase_->Match(masked, best->span.begin, best->span.end, RE2::ANCHOR_BOTH, g.data(), static_cast<int>(g.size())))
      best->org = g[role_phrase_org_].data() != nullptr;
  }
  return best;
}

// A name candidate, cleaned: leading not-names dropped; nullopt when it is no name.
std::optional<Span> PeopleStage::clean_name(const Context& ctx, Span span) const {
  const std::string_view view = ctx.doc.view();
  std::vector<Span> words = words_of(view, span);
  size_t i = 0;
  for (; i < words.size(); ++i) {
    const std::string w = without_dot(view.substr(words[i].begin, words[i].size()));
    const bool common_opener =
        ctx.opens_sentence(words[i].begin) && words.size() - i >= 2 && ctx.written_lower(matching::lower(w));
    if (!not_names_.count(w) && !common_opener) break;
  }
  if (i == words.size()) return std::nullopt;
  words.erase(words.begin(), words.begin() + static_cast<long>(i));
  for (const Span& w : words)
    if (not_names_.count(without_dot(view.substr(w.begin, w.size())))) return std::nullopt;
  const Span name{words.front().begin, words.back().end};
  const std::string_view text = view.substr(name.begin, name.size());
  if (text.back() == '.') return std::nullopt;
  auto [place, unknown] = ctx.places.emplace(text, false);
  if (unknown) place->second = places_.count(fold_name(text)) > 0;
  if (place->second) return std::nullopt;
  if (words.size() > 1) return name;
  // A lone surname.
  const std::string w(text);
  if (const auto prev = people::word_before(view, name.begin); prev && matching::starts_upper(prev->first) && is_word(prev->first)) {
    auto it = not_names_.find(std::string(prev->first));
    if (it == not_names_.end() || !it->second) return std::nullopt;  // "State Counselor said"
  }
  if (ctx.written_lower(matching::lower(w))) return std::nullopt;
  if ((title_case_block(ctx.doc, ctx.doc.block_at(name.begin)) || ctx.opens_sentence(name.begin)) && !ctx.capitalized_inside(w))
    return std::nullopt;
  return name;
}

std::vector<Mention> PeopleStage::find_mentions(const Context& ctx) const {
  const Document& doc = ctx.doc;
  const std::string_view view = doc.view();
  const std::string_view masked = ctx.masked;
  std::vector<Mention> mentions;
  // The patterns each sentence may hold a mention of (prefilter.h): the words and punctuation
  // they need.
  const size_t n = patterns_.size();
  std::vector<uint8_t> may(ctx.sentences.size() * n, 0);
  for (size_t s = 0; s < ctx.sentences.size(); ++s) {
    const Sentence& sentence = ctx.sentences[s];
    if (doc.blocks[sentence.block].kind == BlockKind::boilerplate || title_case_block(doc, sentence.block)) continue;
    const std::string_view text = masked.substr(sentence.span.begin, sentence.span.size());
    const uint32_t words = words_->scan(text);
    for (size_t pi = 0; pi < n; ++pi) {
      const Pattern& p = patterns_[pi];
      may[s * n + pi] = matching::may_match(p.families | p.mention_families, p.punctuation, words, text);
    }
  }
  const auto claimed_at = [&](uint32_t offset) {
    return std::any_of(mentions.begin(), mentions.end(), [&](const Mention& m) { return m.name.begin <= offset && offset < m.name.end; });
  };
  for (size_t pi = 0; pi < n; ++pi) {
    const Pattern& p = patterns_[pi];
    std::vector<re2::StringPiece> g(p.re->NumberOfCapturingGroups() + 1);
    const auto span_of = [&](const re2::StringPiece& s) {
      const uint32_t b = static_cast<uint32_t>(s.data() - masked.data());
      return Span{b, b + static_cast<uint32_t>(s.size())};
    };
    for (size_t s = 0; s < ctx.sentences.size(); ++s) {
      if (!may[s * n + pi]) continue;
      const Sentence& sentence = ctx.sentences[s];
      for (size_t pos = sentence.span.begin; pos < sentence.span.end;) {
        // Where the match is first (the DFAs only); its groups only when it may give a mention.
        if (!p.re->Match(masked, pos, sentence.span.end, RE2::UNANCHORED, g.data(), 1)) break;
        const Span whole = span_of(g[0]);
        const size_t space = masked.find(' ', whole.begin);  // on failure, retry from the second word
        pos = space < whole.end ? space + 1 : matching::next_char(masked, whole.begin);
        // A name that ends the match and a mention already holds is claimed (and without a party
        // group, a claimed name changes nothing).
        if (p.name_ends_match && p.party < 0 && masked[whole.end - 1] != ' ' && claimed_at(whole.end - 1)) continue;
        // An apposition without a role word holds no role phrase and gives no mention.
        if (p.mention_families && (p.mention_families & ~words_->scan(masked.substr(whole.begin, whole.size())))) continue;
        // The groups: from where the separator is (Pattern::separator), else from RE2.
        const size_t cut = p.separator.empty() ? std::string_view::npos : masked.find(p.separator[0], whole.begin);
        if (cut < whole.end && cut + p.separator.size() <= whole.end && masked.compare(cut, p.separator.size(), p.separator) == 0) {
          std::fill(g.begin(), g.end(), re2::StringPiece());
          g[0] = re2::StringPiece(masked.data() + whole.begin, whole.size());
          g[p.name] = re2::StringPiece(masked.data() + whole.begin, cut - whole.begin);
          const size_t rest = cut + p.separator.size();
          if (p.after_separator >= 0) g[p.after_separator] = re2::StringPiece(masked.data() + rest, whole.end - rest);
        } else if (!(p.rest && split_groups(p, masked, whole, g)) &&
                   !p.re->Match(masked, whole.begin, whole.end, RE2::ANCHOR_BOTH, g.data(), static_cast<int>(g.size()))) {
          continue;
        }
        const Span raw = span_of(g[p.name]);
        if (!matching::at_word_bounds(view, raw.begin, raw.end)) continue;
        const auto name = clean_name(ctx, raw);
        if (!name) continue;
        const std::optional<Span> party = p.party >= 0 && g[p.party].data() ? std::optional(span_of(g[p.party])) : std::nullopt;
        auto claimed = std::find_if(mentions.begin(), mentions.end(), [&](const Mention& m) { return m.name.overlaps(*name); });
        if (claimed != mentions.end()) {
          // The same name seen by a later row may add the party named next to it.
          if (claimed->name == *name && !claimed->party) claimed->party = party;
          continue;
        }
        std::optional<RoleFound> role;
        if (p.role >= 0 && g[p.role].data()) {
          role = role_in(masked, span_of(g[p.role]));
          if (role) role->org = p.org >= 0 && g[p.org].data();
        }
        if (p.appos >= 0 && g[p.appos].data() && !(role = best_role_phrase(masked, span_of(g[p.appos])))) continue;
        Mention m{*name, -1, {}, false, party, p.id, sentence.block};
        if (role) m.role_row = role->row, m.role = role->span, m.org = role->org;
        mentions.push_back(std::move(m));
        pos = whole.end;
      }
    }
  }
  std::sort(mentions.begin(), mentions.end(), [](const Mention& a, const Mention& b) { return a.name.begin < b.name.begin; });
  return mentions;
}

// The party of a person: named in its role phrase (by name first, then "the party"), named
// next to its name, else, for a party role, the section's, the recent one or the only one.
std::string PeopleStage::party_of(const Document& doc, const Mention* role, const std::vector<const Mention*>& mentions,
                                  int section) const {
  std::string party;
  if (role) {
    for (int pass = 0; pass < 2 && party.empty(); ++pass)
      for (const auto& m : doc.party_mentions)
        if (role->role.contains(m.span) && matching::is_named(m) == (pass == 0)) {
          party = m.party;
          break;
        }
  }
  for (const Mention* m : mentions)
    for (const auto& pm : doc.party_mentions)
      if (party.empty() && m->party && m->party->contains(pm.span)) party = pm.party;
  if (!party.empty()) return party;
  if (!role) return matching::section_party(doc, section);
  if (!roles_[role->role_row].affiliated || role->org) return {};
  party = matching::section_party(doc, doc.blocks[role->block].section);
  const uint32_t at = std::min(role->role.begin, role->name.begin);
  if (party.empty()) party = matching::recent_party(doc, at, false, matching::previous_paragraph_start(doc, at));
  if (party.empty() && doc.parties.size() == 1) party = doc.parties.front().party;
  return party;
}

void PeopleStage::run(Document& doc) const {
  doc.people.clear();
  const std::string_view view = doc.view();
  Context ctx(doc);
  for (const auto& m : doc.party_mentions) std::fill(ctx.masked.begin() + m.span.begin, ctx.masked.begin() + m.span.end, kMask);
  ctx.first_word.assign(doc.sentences.size(), UINT32_MAX);
  ctx.sentences.reserve(doc.sentences.size());
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), s.span.begin,
                               [](const Token& t, uint32_t o) { return t.begin < o; });
    for (; it != doc.tokens.end() && it->end <= s.span.end; ++it) {
      if (it->kind != TokenKind::word) continue;
      ctx.first_word[i] = it->begin;
      ctx.sentence_starts.push_back(it->begin);
      break;
    }
    // A sentence that ends with an initial ("party member Zh.") goes on in the next one.
    Sentence* last = ctx.sentences.empty() ? nullptr : &ctx.sentences.back();
    if (last && last->block == s.block && RE2::PartialMatch(view.substr(last->span.begin, last->span.size()), *initial_end_))
      last->span.end = s.span.end;
    else
      ctx.sentences.push_back(s);
  }
  std::sort(ctx.sentence_starts.begin(), ctx.sentence_starts.end());

  const std::vector<Mention> mentions = find_mentions(ctx);
  std::vector<Candidate> people = people::group_mentions(view, mentions);
  people::find_surnames(doc, people, [&](std::string_view word, uint32_t begin) {
    const bool initial = word.size() >= 2 && word.size() <= 3 && word.back() == '.';
    return matching::starts_upper(word) && (initial || is_word(word)) && !not_names_.count(without_dot(word)) &&
           !ctx.opens_sentence(begin);
  });

  for (const Candidate& p : people) {
    Person out;
    out.name = p.name();
    out.spans = p.full;
    out.spans.insert(out.spans.end(), p.bare.begin(), p.bare.end());
    for (const Mention* m : p.mentions) out.spans.push_back(m->name);
    std::sort(out.spans.begin(), out.spans.end(),
              [](Span a, Span b) { return a.begin < b.begin || (a.begin == b.begin && a.end > b.end); });
    out.spans.erase(std::unique(out.spans.begin(), out.spans.end(), [](Span a, Span b) { return b.begin < a.end; }),
                    out.spans.end());
    for (const Span s : p.bare) {
      const std::string alias(doc.surface(s));
      if (alias != out.name && std::find(out.aliases.begin(), out.aliases.end(), alias) == out.aliases.end())
        out.aliases.push_back(alias);
    }
    // Role: the first mention with a keyed role, else the first descriptor.
    const Mention* role = nullptr;
    const auto keyed = [&](const Mention* m) { return !roles_[m->role_row].key.empty(); };
    for (const Mention* m : p.mentions)
      if (m->role_row >= 0 && (!role || (keyed(m) && !keyed(role)) || (keyed(m) == keyed(role) && m->name.begin < role->name.begin)))
        role = m;
    if (role) {
      out.role_text = std::string(doc.surface(role->role));
      if (keyed(role)) out.role = roles_[role->role_row].key;
    }
    const Mention* first = *std::min_element(p.mentions.begin(), p.mentions.end(),
                                             [](const Mention* a, const Mention* b) { return a->name.begin < b->name.begin; });
    out.rule = role ? role->rule : first->rule;
    const int block = doc.block_at(out.spans.front().begin);
    const std::string party = party_of(doc, role, p.mentions, block >= 0 ? doc.blocks[block].section : -1);
    if (!party.empty()) out.party = party;
    doc.people.push_back(std::move(out));
  }

  // The chairs of the parties layer: the first person of each party with the role `chair`.
  std::vector<const Person*> ordered;
  for (const auto& p : doc.people) ordered.push_back(&p);
  std::sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->spans.front().begin < b->spans.front().begin; });
  for (const auto* p : ordered)
    for (auto& f : doc.parties)
      if (p->role == "chair" && p->party == f.party && !f.chair) f.chair = p->name;
}

}  // namespace hustings
