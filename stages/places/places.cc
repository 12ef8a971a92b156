#include "stages/places/places.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <map>
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

struct PlacesStage::Match {
  Span span;
  std::string key;
  const std::vector<GazetteerHit>* hits = nullptr;
  int sentence = -1;
  Role role = Role::none;
  std::string rule;
};

PlacesStage::PlacesStage(const RuleLocator& rules) : gazetteer_(rules) {
  const auto table = TsvTable::load(rules.language("places.re2.tsv"), {"id", "pattern", "example"});
  std::map<std::string, std::string> macros;
  for (const auto& row : table.rows()) {
    const std::string& id = table.required(row, "id");
    const std::string pattern = expand_macros(table, row, table.required(row, "pattern"), macros);
    if (id[0] == '@') {
      macros[id.substr(1)] = pattern;
      continue;
    }
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<re2::RE2>(pattern, options);
    if (!re->ok()) table.fail(row, "invalid RE2 pattern: " + re->error());
    if (RE2::FullMatch("", *re)) table.fail(row, "pattern matches the empty string");
    Pattern p{id, std::move(re), {}};
    for (const auto& [name, index] : p.re->NamedCapturingGroups()) {
      const Role role = role_of_group(name);
      if (role == Role::none) table.fail(row, "group '" + name + "' must be region, settlement or block");
      p.groups.emplace_back(index, role);
    }
    if (p.groups.empty()) table.fail(row, "a pattern needs a group region, settlement or block");
    const std::string& example = table.cell(row, "example");
    if (!example.empty() && !RE2::PartialMatch(example, *p.re)) table.fail(row, "pattern does not match its example");
    patterns_.push_back(std::move(p));
  }
}

PlacesStage::~PlacesStage() = default;

std::vector<PlacesStage::Match> PlacesStage::find_matches(const Document& doc) const {
  const std::string_view view = doc.view();
  const auto& tokens = doc.tokens;
  std::vector<Match> out;
  for (const auto& block : doc.blocks) {
    if (block.kind == BlockKind::boilerplate) continue;
    const bool caps_block = !has_lower_or_none_upper(view.substr(block.span.begin, block.span.size()));
    auto first = std::lower_bound(tokens.begin(), tokens.end(), block.span.begin,
                                  [](const Token& t, uint32_t pos) { return t.begin < pos; });
    const size_t end = static_cast<size_t>(
        std::lower_bound(first, tokens.end(), block.span.end, [](const Token& t, uint32_t pos) { return t.begin < pos; }) -
        tokens.begin());
    for (size_t i = static_cast<size_t>(first - tokens.begin()); i < end; ++i) {
      if (tokens[i].kind == TokenKind::punct) continue;
      const bool caps = caps_block || (doc.dateline_span && doc.dateline_span->contains({tokens[i].begin, tokens[i].end}));
      const std::string lead(Gazetteer::lead_word(view.substr(tokens[i].begin, tokens[i].end - tokens[i].begin)));
      if (!gazetteer_.is_prefix(lead, false) && !(caps && gazetteer_.is_prefix(lead, true))) continue;

      std::string phrase;
      Match best;
      size_t best_last = 0;
      for (size_t j = i; j < end; ++j) {
        if (j > i) {
          const std::string_view gap = view.substr(tokens[j - 1].end, tokens[j].begin - tokens[j - 1].end);
          if (!std::all_of(gap.begin(), gap.end(), is_space)) break;  // a newline or a dropped character
          if (!gap.empty()) phrase += ' ';
        }
        phrase.append(view.substr(tokens[j].begin, tokens[j].end - tokens[j].begin));
        // The whole phrase, then without a possessive ending ("Kazakhstan's", "regions'").
        const size_t cuts[2] = {phrase.size(), phrase.size() - (phrase.ends_with("'s") ? 2 : phrase.ends_with("'") ? 1 : 0)};
        for (const size_t cut : cuts) {
          if (cut == 0) continue;
          const std::string key = phrase.substr(0, cut);
          const std::vector<GazetteerHit>* hits = gazetteer_.find(key, false);
          if (!hits && caps && !has_lower_or_none_upper(key)) hits = gazetteer_.find(key, true);
          if (!hits) continue;
          const uint32_t stop = tokens[j].end - static_cast<uint32_t>(phrase.size() - cut);
          best = Match{{tokens[i].begin, stop}, key, hits, doc.sentence_at(tokens[i].begin), Role::none, "gazetteer"};
          best_last = j;
          break;
        }
        if (!gazetteer_.is_prefix(phrase, false) && !(caps && gazetteer_.is_prefix(phrase, true))) break;
      }
      if (!best.hits) continue;
      out.push_back(std::move(best));
      i = best_last;
    }
  }
  return out;
}

std::vector<PlacesStage::RoleSpan> PlacesStage::find_roles(const Document& doc) const {
  std::vector<RoleSpan> roles;
  const std::string_view view = doc.view();
  for (const auto& block : doc.blocks) {
    if (block.kind == BlockKind::boilerplate) continue;
    const re2::StringPiece text(view.data() + block.span.begin, block.span.size());
    for (const auto& p : patterns_) {
      std::vector<re2::StringPiece> groups(static_cast<size_t>(p.re->NumberOfCapturingGroups()) + 1);
      size_t pos = 0;
      while (pos <= text.size() &&
             p.re->Match(text, pos, text.size(), RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size()))) {
        for (const auto& [index, role] : p.groups) {
          const auto& g = groups[static_cast<size_t>(index)];
          if (g.data() == nullptr) continue;
          const auto begin = static_cast<uint32_t>(g.data() - view.data());
          roles.push_back({{begin, begin + static_cast<uint32_t>(g.size())}, role, p.id});
        }
        const size_t match_end = static_cast<size_t>(groups[0].data() + groups[0].size() - text.data());
        pos = match_end > pos ? match_end : pos + 1;
      }
    }
  }
  // Party and person mentions found by earlier stages are no places.
  for (const auto& m : doc.party_mentions) roles.push_back({m.span, Role::block, "party"});
  for (const auto& person : doc.people)
    for (const auto& s : person.spans) roles.push_back({s, Role::block, "person"});
  return roles;
}

int PlacesStage::resolve(const Match& m, Role role, const std::vector<int>& context) const {
  const Gazetteer& g = gazetteer_;
  std::vector<GazetteerHit> hits = *m.hits;
  if (role == Role::region) {
    for (const auto& h : hits)
      if (g.entry(h.entry).kind == "region") return h.entry;
    if (const int region = g.region_of_base(m.key); region >= 0) return region;
    for (const auto& h : hits)
      if (g.is_settlement(h.entry) && g.parent(h.entry) >= 0 && g.entry(g.parent(h.entry)).kind == "region")
        return g.parent(h.entry);
  }
  if (role == Role::settlement &&
      std::any_of(hits.begin(), hits.end(), [&](const GazetteerHit& h) { return g.is_settlement(h.entry); }))
    std::erase_if(hits, [&](const GazetteerHit& h) { return !g.is_settlement(h.entry); });

  // context[k] is 0 for an entry named in the same sentence, 1 elsewhere in the document.
  const auto closeness = [&](int entry) {
    int best = 2;
    for (int a = g.parent(entry); a >= 0; a = g.parent(a))
      if (static_cast<size_t>(a) < context.size() && context[static_cast<size_t>(a)] < best) best = context[static_cast<size_t>(a)];
    return best;
  };
  const auto rank = [&](const GazetteerHit& h) {
    return std::make_tuple(g.kind_rank(h.entry), closeness(h.entry), !h.canonical, h.entry);
  };
  const GazetteerHit& best = *std::min_element(hits.begin(), hits.end(),
                                               [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  const auto& kind = g.entry(best.entry).kind;
  if (role == Role::none && (kind == "town" || kind == "village"))
    if (const int region = g.region_of_base(m.key); region >= 0) return region;
  return best.entry;
}

void PlacesStage::run(Document& doc) const {
  doc.places.clear();
  std::vector<Match> matches = find_matches(doc);
  const auto roles = find_roles(doc);
  std::erase_if(matches, [&](Match& m) {
    if (m.hits->front().entry < 0) return true;  // a block phrase
    for (const auto& r : roles) {
      if (!r.span.contains(m.span)) continue;
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
  for (size_t k = 0; k < matches.size(); ++k) first[k] = resolve(matches[k], matches[k].role, {});
  std::vector<int> doc_context(n, 1 << 20);
  for (const int e : first) doc_context[static_cast<size_t>(e)] = 1;
  for (size_t k = 0; k < matches.size(); ++k) {
    const Match& m = matches[k];
    int entry = first[k];
    if (m.hits->size() > 1) {
      std::vector<int> context = doc_context;
      for (size_t o = 0; o < matches.size(); ++o)
        if (o != k && matches[o].sentence == m.sentence) context[static_cast<size_t>(first[o])] = 0;
      entry = resolve(m, m.role, context);
    }
    const PlaceEntry& e = gazetteer_.entry(entry);
    const int parent = gazetteer_.parent(entry);
    doc.places.push_back({m.span, e.name, e.kind, e.id, parent >= 0 ? gazetteer_.entry(parent).name : "", m.rule});
  }
}

}  // namespace hustings
