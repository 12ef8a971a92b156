#include "stages/places/places.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <numeric>
#include <optional>
#include <tuple>

#include <re2/re2.h>

#include "pipeline/utf8.h"

namespace hustings {

namespace {

using Role = PlacesStage::Role;

Role role_of_group(const std::string& name) {
  if (name == "region") return Role::region;
  if (name == "settlement") return Role::settlement;
  if (name == "block") return Role::block;
  return Role::none;
}

// Replaces each {NAME} of a pattern with the macro's body, as a non-capturing group.
std::string expand_macros(const TsvTable& table, const TsvRow& row, const std::string& pattern,
                          const std::map<std::string, std::string>& macros) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const bool property = i >= 2 && pattern[i - 2] == '\\' && (pattern[i - 1] == 'p' || pattern[i - 1] == 'P');
    if (pattern[i] == '{' && !property && (i == 0 || pattern[i - 1] != '\\')) {
      const size_t close = pattern.find('}', i);
      const std::string name = close == std::string::npos ? "" : pattern.substr(i + 1, close - i - 1);
      if (!name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)) || c == '_'; })) {
        const auto it = macros.find(name);
        if (it == macros.end()) table.fail(row, "unknown macro {" + name + "}");
        out += "(?:" + it->second + ")";
        i = close;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

bool has_lower_or_none_upper(std::string_view s) {
  bool upper = false;
  for (size_t i = 0; i < s.size();) {
    int len = 0;
    const auto c = static_cast<UChar32>(decode_utf8(s, i, &len));
    if (u_islower(c)) return true;
    upper = upper || u_isupper(c);
    i += static_cast<size_t>(len > 0 ? len : 1);
  }
  return !upper;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

struct PlacesStage::Context {
  const std::vector<uint8_t>& in_document;  // entry -> found by the first pass
  const std::vector<int>& first;            // match -> its first-pass entry
  const size_t* sentence_begin;             // the matches of the same sentence
  const size_t* sentence_end;
  size_t self;
  // 0 for an entry another match of the sentence names, 1 for one named in the document.
  int operator()(int entry) const {
    for (const size_t* o = sentence_begin; o != sentence_end; ++o)
      if (*o != self && first[*o] == entry) return 0;
    return in_document[static_cast<size_t>(entry)] ? 1 : 1 << 20;
  }
};

struct PlacesStage::Match {
  Span span;
  std::string key;
  const std::vector<GazetteerHit>* hits = nullptr;
  int sentence = -1;
  Role role = Role::none;
  std::string rule;
};

PlacesStage::PlacesStage(const RuleLocator& rules) : gazetteer_(rules), prefilter_(std::make_unique<PatternPrefilter>()) {
  const auto table = TsvTable::load(rules.language("places.re2.tsv"), {"id", "pattern", "example"});
  std::map<std::string, std::string> macros;
  RE2::Options options;
  options.set_log_errors(false);
  for (const auto& row : table.rows()) {
    const std::string& id = table.required(row, "id");
    const std::string pattern = expand_macros(table, row, table.required(row, "pattern"), macros);
    if (id[0] == '@') {
      macros[id.substr(1)] = pattern;
      continue;
    }
    std::string error;
    const int index = prefilter_->add(pattern, options, &error);
    if (index < 0) table.fail(row, "invalid RE2 pattern: " + error);
    Pattern p{id, index, {}};
    // The ASCII version answers as the pattern does for ASCII text: "", an ASCII example.
    const RE2& on_ascii = prefilter_->on_ascii(index);
    if (RE2::FullMatch("", on_ascii)) table.fail(row, "pattern matches the empty string");
    for (const auto& [name, group] : on_ascii.NamedCapturingGroups()) {
      const Role role = role_of_group(name);
      if (role == Role::none) table.fail(row, "group '" + name + "' must be region, settlement or block");
      p.groups.emplace_back(group, role);
    }
    if (p.groups.empty()) table.fail(row, "a pattern needs a group region, settlement or block");
    const std::string& example = table.cell(row, "example");
    if (!example.empty() && !RE2::PartialMatch(example, is_ascii(example) ? on_ascii : prefilter_->pattern(index)))
      table.fail(row, "pattern does not match its example");
    max_groups_ = std::max(max_groups_, on_ascii.NumberOfCapturingGroups());
    patterns_.push_back(std::move(p));
  }
  prefilter_->compile();
}

PlacesStage::~PlacesStage() = default;

std::vector<PlacesStage::Match> PlacesStage::find_matches(const Document& doc) const {
  const std::string_view view = doc.view();
  const auto& tokens = doc.tokens;
  std::vector<Match> out;
  std::string phrase;
  for (const auto& block : doc.blocks) {
    if (block.kind == BlockKind::boilerplate) continue;
    const bool caps_block = !has_lower_or_none_upper(view.substr(block.span.begin, block.span.size()));
    auto first = std::lower_bound(tokens.begin(), tokens.end(), block.span.begin,
                                  [](const Token& t, uint32_t pos) { return t.begin < pos; });
    const size_t end = static_cast<size_t>(
        std::lower_bound(first, tokens.end(), block.span.end, [](const Token& t, uint32_t pos) { return t.begin < pos; }) -
        tokens.begin());
    const bool dateline_here = doc.dateline_span && doc.dateline_span->overlaps(block.span);
    for (size_t i = static_cast<size_t>(first - tokens.begin()); i < end; ++i) {
      if (tokens[i].kind == TokenKind::punct) continue;
      const bool caps = caps_block || (dateline_here && doc.dateline_span->contains({tokens[i].begin, tokens[i].end}));
      const std::string_view word = view.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
      // No phrase starts with the word's first byte: none starts with its lead word either.
      if (!caps && (word.empty() || !gazetteer_.may_start(static_cast<unsigned char>(word[0])))) continue;
      const std::string_view lead = Gazetteer::lead_word(word);
      const auto starts_phrase = [](const Gazetteer::Phrase* p) { return p && p->prefix; };
      if (!starts_phrase(gazetteer_.lookup(lead)) && !(caps && starts_phrase(gazetteer_.lookup(lead, true)))) continue;

      phrase.clear();
      const std::vector<GazetteerHit>* best_hits = nullptr;
      size_t best_last = 0, best_cut = 0;
      uint32_t best_stop = 0;
      for (size_t j = i; j < end; ++j) {
        if (j > i) {
          const std::string_view gap = view.substr(tokens[j - 1].end, tokens[j].begin - tokens[j - 1].end);
          if (!std::all_of(gap.begin(), gap.end(), is_space)) break;  // a newline or a dropped character
          if (!gap.empty()) phrase += ' ';
        }
        phrase.append(view.substr(tokens[j].begin, tokens[j].end - tokens[j].begin));
        const Gazetteer::Phrase* whole = gazetteer_.lookup(phrase);
        // In capitals, the folded phrase too: looked up (and folded) at most once per step.
        std::optional<const Gazetteer::Phrase*> folded;
        const auto folded_whole = [&] { return folded ? *folded : *(folded = gazetteer_.lookup(phrase, true)); };
        // The whole phrase, then without a possessive ending ("Kazakhstan's", "regions'").
        const size_t cuts[2] = {phrase.size(), phrase.size() - (phrase.ends_with("'s") ? 2 : phrase.ends_with("'") ? 1 : 0)};
        for (size_t c = 0; c < 2; ++c) {
          const size_t cut = cuts[c];
          if (cut == 0 || (c == 1 && cut == cuts[0])) continue;
          const std::string_view key = std::string_view(phrase).substr(0, cut);
          const Gazetteer::Phrase* exact = c == 0 ? whole : gazetteer_.lookup(key);
          const std::vector<GazetteerHit>* hits = exact && !exact->hits.empty() ? &exact->hits : nullptr;
          if (!hits && caps && !has_lower_or_none_upper(key)) {
            const Gazetteer::Phrase* f = c == 0 ? folded_whole() : gazetteer_.lookup(key, true);
            hits = f && !f->hits.empty() ? &f->hits : nullptr;
          }
          if (!hits) continue;
          best_hits = hits;
          best_cut = cut;
          best_stop = tokens[j].end - static_cast<uint32_t>(phrase.size() - cut);
          best_last = j;
          break;
        }
        if (!starts_phrase(whole) && !(caps && starts_phrase(folded_whole()))) break;
      }
      if (!best_hits) continue;
      // The phrase only grew after the best cut: its start is still the best key.
      out.push_back(Match{{tokens[i].begin, best_stop}, phrase.substr(0, best_cut), best_hits,
                          doc.sentence_at(tokens[i].begin), Role::none, "gazetteer"});
      i = best_last;
    }
  }
  return out;
}

std::vector<PlacesStage::RoleSpan> PlacesStage::find_roles(const Document& doc, const std::vector<Match>& matches) const {
  std::vector<RoleSpan> roles;
  const std::string_view view = doc.view();
  // A role matters only when it contains a place of the gazetteer: a block without one runs no
  // pattern, and a pattern stops at its first match that starts after the last place.
  std::vector<Span> places;
  for (const Match& m : matches)
    if (m.hits->front().entry >= 0) places.push_back(m.span);
  std::sort(places.begin(), places.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<re2::StringPiece> groups(static_cast<size_t>(max_groups_) + 1);
  PatternPrefilter::Scan scan;
  // No match crosses a breaker of its pattern: a block splits at them into parts, and only the
  // parts that hold a place and the strings a pattern requires are searched, each on its own
  // (with the block around it for \b), which finds the same matches there as a search of the
  // whole block.
  struct Part {
    size_t begin, end;       // in the block
    size_t first_place;      // index into places
    uint32_t last_place;     // start of the part's last place (view offset)
    PatternPrefilter::Atoms atoms;
    bool ascii;              // no byte above 0x7F
  };
  std::vector<std::vector<Part>> parts(prefilter_->breaker_classes());
  std::vector<size_t> part_count(parts.size());  // parts[c] beyond this are spare (buffers kept)
  for (const auto& block : doc.blocks) {
    if (block.kind == BlockKind::boilerplate) continue;
    const auto first_place = std::lower_bound(places.begin(), places.end(), block.span.begin,
                                              [](const Span& s, uint32_t pos) { return s.begin < pos; });
    auto place = first_place;
    bool any_place = false;
    for (; place != places.end() && place->begin < block.span.end; ++place)
      any_place = any_place || block.span.contains(*place);
    if (!any_place) continue;
    const re2::StringPiece text(view.data() + block.span.begin, block.span.size());
    prefilter_->scan(view.substr(block.span.begin, block.span.size()), scan);
    const auto& marks = scan.marks;
    for (size_t c = 0; c < parts.size(); ++c) {
      part_count[c] = 0;
      const uint64_t bit = uint64_t{1} << c;
      size_t m = 0;                               // marks before m lie before the place
      int64_t last_break = -1, last_wide = -1;    // the last breaker and non-ASCII byte there
      size_t part_end = 0;
      for (auto g = first_place; g != place; ++g) {
        if (!block.span.contains(*g)) continue;
        const uint32_t g_begin = g->begin - block.span.begin, g_end = g->end - block.span.begin;
        if (g_begin < part_end) continue;  // in the part before
        for (; m < marks.size() && marks[m].pos < g_begin; ++m) {
          if (marks[m].classes & bit) last_break = marks[m].pos;
          if (marks[m].classes & PatternPrefilter::kWide) last_wide = marks[m].pos;
        }
        bool wide = last_wide > last_break;
        size_t next_break = text.size();
        for (size_t k = m; k < marks.size(); ++k) {
          if (marks[k].classes & bit) {
            next_break = marks[k].pos;
            break;
          }
          wide = wide || (marks[k].classes & PatternPrefilter::kWide);
        }
        if (next_break < g_end) continue;  // a breaker inside: in no match
        const auto part_begin = static_cast<size_t>(last_break + 1);
        part_end = next_break;
        uint32_t last_place = g->begin;
        for (auto h = g; h != place && h->begin < block.span.begin + part_end; ++h)
          if (h->end <= block.span.begin + part_end) last_place = std::max(last_place, h->begin);
        if (part_count[c] == parts[c].size()) parts[c].emplace_back();
        Part& part = parts[c][part_count[c]++];
        part.begin = part_begin;
        part.end = part_end;
        part.first_place = static_cast<size_t>(g - places.begin());
        part.last_place = last_place;
        part.ascii = !wide;
        prefilter_->atoms_inside(scan.atoms, static_cast<uint32_t>(part_begin), static_cast<uint32_t>(part_end), part.atoms);
      }
    }
    for (size_t pi = 0; pi < patterns_.size(); ++pi) {
      const Pattern& p = patterns_[pi];
      const int k = static_cast<int>(pi);
      const int ngroups = prefilter_->on_ascii(k).NumberOfCapturingGroups() + 1;
      const RE2* ascii_re = prefilter_->ascii_pattern(k);
      const auto c = static_cast<size_t>(prefilter_->breaker_class(k));
      for (size_t pk = 0; pk < part_count[c]; ++pk) {
        const Part& part = parts[c][pk];
        if (!prefilter_->may_match(k, part.atoms)) continue;  // the part lacks a string every match holds
        // An ASCII part: the pattern's ASCII version finds the same matches and groups, faster.
        const RE2& re = part.ascii && ascii_re ? *ascii_re : prefilter_->pattern(k);
        const auto g = places.begin() + static_cast<std::ptrdiff_t>(part.first_place);
        size_t pos = part.begin;
        re2::StringPiece match;
        while (pos <= part.end && re.Match(text, pos, part.end, RE2::UNANCHORED, &match, 1)) {
          const auto match_begin = static_cast<uint32_t>(match.data() - view.data());
          if (match_begin > part.last_place) break;  // holds no place
          const Span match_span{match_begin, match_begin + static_cast<uint32_t>(match.size())};
          const size_t match_end = static_cast<size_t>(match.data() + match.size() - text.data());
          pos = match_end > pos ? match_end : pos + 1;
          // The groups lie inside the match: they matter only when it holds a place. RE2 finds
          // the groups of an unanchored match the same way, on the match alone.
          if (!std::any_of(g, place, [&](const Span& s) { return match_span.contains(s); })) continue;
          const size_t from = match_span.begin - block.span.begin;
          if (!re.Match(text, from, from + match.size(), RE2::ANCHOR_BOTH, groups.data(), ngroups)) continue;
          for (const auto& [index, role] : p.groups) {
            const auto& group = groups[static_cast<size_t>(index)];
            if (group.data() == nullptr) continue;
            const auto begin = static_cast<uint32_t>(group.data() - view.data());
            roles.push_back({{begin, begin + static_cast<uint32_t>(group.size())}, role, p.id});
          }
        }
      }
    }
  }
  // Party and person mentions found by earlier stages are no places.
  for (const auto& m : doc.party_mentions) roles.push_back({m.span, Role::block, "party"});
  for (const auto& person : doc.people)
    for (const auto& s : person.spans) roles.push_back({s, Role::block, "person"});
  return roles;
}

int PlacesStage::resolve(const Match& m, Role role, const Context* context) const {
  const Gazetteer& g = gazetteer_;
  const std::vector<GazetteerHit>& hits = *m.hits;
  if (role == Role::region) {
    for (const auto& h : hits)
      if (g.entry(h.entry).kind == "region") return h.entry;
    if (const int region = g.region_of_base(m.key); region >= 0) return region;
    for (const auto& h : hits)
      if (g.is_settlement(h.entry) && g.parent(h.entry) >= 0 && g.entry(g.parent(h.entry)).kind == "region")
        return g.parent(h.entry);
  }
  const bool settlements_only =
      role == Role::settlement &&
      std::any_of(hits.begin(), hits.end(), [&](const GazetteerHit& h) { return g.is_settlement(h.entry); });

  // 0 for an entry inside one named in the same sentence, 1 elsewhere in the document, else 2.
  const auto closeness = [&](int entry) {
    int best = 2;
    if (context)
      for (int a = g.parent(entry); a >= 0; a = g.parent(a)) best = std::min(best, (*context)(a));
    return best;
  };
  const auto rank = [&](const GazetteerHit& h) {
    return std::make_tuple(g.kind_rank(h.entry), closeness(h.entry), !h.canonical, h.entry);
  };
  // The first of the best-ranked candidates.
  const GazetteerHit* best = nullptr;
  std::tuple<int, int, bool, int> best_rank;
  for (const auto& h : hits) {
    if (settlements_only && !g.is_settlement(h.entry)) continue;
    const auto r = rank(h);
    if (!best || r < best_rank) {
      best = &h;
      best_rank = r;
    }
  }
  const auto& kind = g.entry(best->entry).kind;
  if (role == Role::none && (kind == "town" || kind == "village"))
    if (const int region = g.region_of_base(m.key); region >= 0) return region;
  return best->entry;
}

void PlacesStage::run(Document& doc) const {
  doc.places.clear();
  std::vector<Match> matches = find_matches(doc);
  const auto roles = find_roles(doc, matches);

  // The roles by start, so that those containing a match are found without a scan.
  std::vector<uint32_t> by_start(roles.size());
  std::iota(by_start.begin(), by_start.end(), 0u);
  std::stable_sort(by_start.begin(), by_start.end(),
                   [&](uint32_t a, uint32_t b) { return roles[a].span.begin < roles[b].span.begin; });
  uint32_t longest = 0;
  for (const auto& r : roles) longest = std::max(longest, r.span.size());
  std::vector<uint32_t> containing;
  std::erase_if(matches, [&](Match& m) {
    if (m.hits->front().entry < 0) return true;  // a block phrase
    // A role containing the match starts in [m.end - longest, m.begin]; they apply in their order.
    const uint32_t from = m.span.end > longest ? m.span.end - longest : 0;
    auto it = std::lower_bound(by_start.begin(), by_start.end(), from,
                               [&](uint32_t r, uint32_t pos) { return roles[r].span.begin < pos; });
    containing.clear();
    for (; it != by_start.end() && roles[*it].span.begin <= m.span.begin; ++it)
      if (roles[*it].span.contains(m.span)) containing.push_back(*it);
    std::sort(containing.begin(), containing.end());
    for (const uint32_t k : containing) {
      const RoleSpan& r = roles[k];
      if (r.role == Role::block) return true;
      if (m.role == Role::none || r.role == Role::region) {
        m.role = r.role;
        m.rule = "gazetteer+" + r.rule;
      }
    }
    return false;
  });

  // Two passes: the second prefers, among equal candidates, one inside a place the first pass
  // found in the same sentence, else in the document.
  const size_t n = gazetteer_.entries().size();
  std::vector<int> first(matches.size());
  for (size_t k = 0; k < matches.size(); ++k) first[k] = resolve(matches[k], matches[k].role, nullptr);
  std::vector<uint8_t> in_document(n, 0);
  for (const int e : first) in_document[static_cast<size_t>(e)] = 1;
  // The matches grouped by sentence.
  std::vector<size_t> by_sentence(matches.size());
  std::iota(by_sentence.begin(), by_sentence.end(), size_t{0});
  std::stable_sort(by_sentence.begin(), by_sentence.end(),
                   [&](size_t a, size_t b) { return matches[a].sentence < matches[b].sentence; });
  for (size_t k = 0; k < matches.size(); ++k) {
    const Match& m = matches[k];
    int entry = first[k];
    if (m.hits->size() > 1) {
      const auto [lo, hi] = std::equal_range(by_sentence.begin(), by_sentence.end(), k, [&](size_t a, size_t b) {
        return matches[a].sentence < matches[b].sentence;
      });
      const Context context{in_document, first, by_sentence.data() + (lo - by_sentence.begin()),
                            by_sentence.data() + (hi - by_sentence.begin()), k};
      entry = resolve(m, m.role, &context);
    }
    const PlaceEntry& e = gazetteer_.entry(entry);
    const int parent = gazetteer_.parent(entry);
    doc.places.push_back({m.span, e.name, e.kind, e.id, parent >= 0 ? gazetteer_.entry(parent).name : "", m.rule});
  }
}

}  // namespace hustings
