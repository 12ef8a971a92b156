#include "stages/parties/parties.h"

#include <algorithm>
#include <map>

#include <re2/re2.h>

#include "pipeline/compare.h"
#include "pipeline/utf8.h"
#include "stages/normalize/normalize.h"
#include "stages/parties/matching.h"
#include "stages/parties/prefilter.h"

namespace hustings {

namespace {

// Folded (case, diacritics) with everything but letters and digits removed: "Aq-Jol" -> "aqjol".
std::string loose_key(std::string_view name) {
  const std::string folded = fold_name(name);
  std::string out;
  for (size_t i = 0; i < folded.size();) {
    int len = 0;
    const char32_t cp = decode_utf8(folded, i, &len);
    if (matching::is_word_char(cp)) out.append(folded, i, static_cast<size_t>(len));
    i += static_cast<size_t>(len > 0 ? len : 1);
  }
  return out;
}

bool skipped(const Block& b) { return b.kind == BlockKind::boilerplate; }

std::string_view piece(const re2::StringPiece& p) { return {p.data(), p.size()}; }

}  // namespace

PartiesStage::PartiesStage(const RuleLocator& rules) : words_(std::make_unique<matching::WordFilter>()) {
  parties_ = load_parties(rules.pack("parties.tsv"));
  const NormalizeStage normalize(rules);
  const std::string parties_file = rules.pack("parties.tsv").string();
  for (size_t i = 0; i < parties_.size(); ++i) {
    const PartyEntry& p = parties_[i];
    std::vector<std::string> names = {p.name};
    names.insert(names.end(), p.aliases.begin(), p.aliases.end());
    for (const auto& f : p.former) names.push_back(f.name);
    for (const auto& name : names) {
      const std::string view = normalize.normalize(name).view;
      Alias a{matching::fold_case_string(view), static_cast<int>(i), matching::starts_upper(view),
              "parties.tsv:" + std::to_string(p.line)};
      if (a.folded.empty()) continue;
      aliases_.push_back(std::move(a));
      const std::string key = loose_key(view);
      if (key.empty()) continue;
      auto [it, inserted] = loose_.emplace(key, static_cast<int>(i));
      if (!inserted && it->second != static_cast<int>(i)) it->second = -1;
    }
  }
  std::stable_sort(aliases_.begin(), aliases_.end(),
                   [](const Alias& a, const Alias& b) { return a.folded.size() > b.folded.size(); });

  const auto table = TsvTable::load(rules.language("parties.re2.tsv"), {"id", "kind", "pattern"});
  std::map<std::string, std::string> macros;
  const std::map<std::string, Kind> kinds = {{"extend", Kind::extend},   {"not-party", Kind::not_party},
                                             {"name", Kind::name},       {"anaphor", Kind::anaphor},
                                             {"program", Kind::program}, {"slogan", Kind::slogan}};
  for (const auto& row : table.rows()) {
    const std::string& id = table.required(row, "id");
    const std::string& kind = table.required(row, "kind");
    const std::string expanded = matching::expand_macros(table, row, table.required(row, "pattern"), macros);
    if (kind == "define") {
      matching::compile(table, row, expanded, true);
      macros[id] = expanded;
      continue;
    }
    auto k = kinds.find(kind);
    if (k == kinds.end())
      table.fail(row, "kind must be define, extend, not-party, name, anaphor, program or slogan, found '" + kind + "'");
    Pattern p{id, k->second, matching::compile(table, row, expanded)};
    const matching::Required required = matching::required_parts(table.required(row, "pattern"));
    if (k->second != Kind::extend) p.families = words_->add_best(required.word_sets);
    p.punctuation = required.punctuation;
    const char* group = k->second == Kind::name ? "name" : k->second == Kind::anaphor ? "party" : "value";
    if (k->second != Kind::extend && k->second != Kind::not_party) {
      p.group = matching::group_index(*p.re, group);
      if (p.group < 0) table.fail(row, std::string("a ") + kind + " pattern needs a group '" + group + "'");
    }
    p.mention = matching::group_index(*p.re, "mention");
    patterns_.push_back(std::move(p));
  }
  by_first_byte_.resize(256);
  alias_gate_.assign(1024, 0);
  for (size_t i = 0; i < aliases_.size(); ++i) {
    const std::string& f = aliases_[i].folded;
    const unsigned first = static_cast<unsigned char>(f[0]);
    by_first_byte_[first].push_back(static_cast<int>(i));
    for (unsigned second = 0; second < 256; ++second)
      if (f.size() == 1 || static_cast<unsigned char>(f[1]) == second)
        alias_gate_[(first << 8 | second) >> 6] |= uint64_t{1} << ((first << 8 | second) & 63);
  }
}

PartiesStage::~PartiesStage() = default;

std::string PartiesStage::resolve(std::string_view spelling) const {
  const std::string key = loose_key(spelling);
  for (const std::string& k : {key, key + "party"}) {
    auto it = loose_.find(k);
    if (it != loose_.end()) return it->second < 0 ? std::string() : parties_[it->second].id;
  }
  return {};
}

void PartiesStage::run(Document& doc) const {
  doc.party_mentions.clear();
  doc.parties.clear();
  // The words of each line, for the prefilter.
  const std::string_view view = doc.view();
  std::vector<uint32_t> line_words(doc.blocks.size(), 0);
  for (size_t b = 0; b < doc.blocks.size(); ++b)
    if (!skipped(doc.blocks[b])) line_words[b] = words_->scan(view.substr(doc.blocks[b].span.begin, doc.blocks[b].span.size()));
  find_names(doc, line_words);
  find_anaphors(doc, line_words);
  find_program_and_slogan(doc, line_words);
}

// Names (alias rows of the pack, then `name` patterns) in every line but boilerplate.
void PartiesStage::find_names(Document& doc, const std::vector<uint32_t>& line_words) const {
  const std::string_view view = doc.view();
  std::vector<PartyMention> found;
  const auto overlaps_found = [&](Span s) {
    return std::any_of(found.begin(), found.end(), [&](const PartyMention& m) { return m.span.overlaps(s); });
  };
  std::vector<std::pair<int, size_t>> occurrences;  // (alias, folded offset)
  for (const Block& block : doc.blocks) {
    if (skipped(block)) continue;
    const uint32_t words = line_words[&block - doc.blocks.data()];
    const std::string_view line = view.substr(block.span.begin, block.span.size());
    const auto to_view = [&](const re2::StringPiece& p) {
      const uint32_t b = block.span.begin + static_cast<uint32_t>(p.data() - line.data());
      return Span{b, b + static_cast<uint32_t>(p.size())};
    };
    // Spans of other things' names.
    std::vector<Span> blocked;
    for (const auto& p : patterns_) {
      if (p.kind != Kind::not_party || !matching::may_match(p.families, p.punctuation, words, line)) continue;
      re2::StringPiece m;
      for (size_t pos = 0; pos < line.size() && p.re->Match(line, pos, line.size(), RE2::UNANCHORED, &m, 1);) {
        blocked.push_back(to_view(m));
        pos = static_cast<size_t>(m.data() - line.data()) + std::max<size_t>(m.size(), 1);
      }
    }
    const auto is_blocked = [&](Span s) {
      return std::any_of(blocked.begin(), blocked.end(), [&](Span b) { return b.contains(s); });
    };

    // Aliases, longest first, compared after case folding. Every occurrence of every alias,
    // then taken alias by alias, each in order. An alias starts where no letter or digit is
    // before it (else at_word_bounds fails: a folded ASCII letter or digit comes from a word
    // character).
    const matching::Folded folded = matching::fold_case(line);
    const std::string& text = folded.text;
    occurrences.clear();
    for (size_t at = 0; at < text.size(); ++at) {
      if (at > 0) {
        const auto before = static_cast<unsigned char>(text[at - 1]);
        if ((before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z') || (before >= '0' && before <= '9')) continue;
      }
      const auto c = static_cast<unsigned char>(text[at]);
      const unsigned key = c << 8 | (at + 1 < text.size() ? static_cast<unsigned char>(text[at + 1]) : 0u);
      if (!(alias_gate_[key >> 6] >> (key & 63) & 1)) continue;
      if ((c & 0xC0) == 0x80) continue;
      for (int a : by_first_byte_[c])
        if (text.compare(at, aliases_[a].folded.size(), aliases_[a].folded) == 0) occurrences.emplace_back(a, at);
    }
    std::sort(occurrences.begin(), occurrences.end());
    std::vector<PartyMention> line_found;
    for (const auto& [index, at] : occurrences) {
      const Alias& a = aliases_[index];
      const size_t b = folded.to_source[at], e = folded.to_source[at + a.folded.size()];
      if (!matching::at_word_bounds(line, b, e)) continue;
      if (a.capitalized && !matching::starts_upper(line.substr(b))) continue;
      const Span span{block.span.begin + static_cast<uint32_t>(b), block.span.begin + static_cast<uint32_t>(e)};
      if (is_blocked(span)) continue;
      if (std::any_of(line_found.begin(), line_found.end(), [&](const PartyMention& m) { return m.span.overlaps(span); }))
        continue;
      line_found.push_back({span, parties_[a.party].id, "alias", a.rule});
    }
    for (auto& m : line_found) {
      for (const auto& p : patterns_) {
        if (p.kind != Kind::extend) continue;
        re2::StringPiece ext;
        if (p.re->Match(line, m.span.end - block.span.begin, line.size(), RE2::ANCHOR_START, &ext, 1)) {
          m.span.end = to_view(ext).end;
          break;
        }
      }
    }
    found.insert(found.end(), line_found.begin(), line_found.end());

    // Name patterns: the words of the group, dropping leading ones until the pack knows them.
    for (const auto& p : patterns_) {
      if (p.kind != Kind::name || !matching::may_match(p.families, p.punctuation, words, line)) continue;
      std::vector<re2::StringPiece> g(p.re->NumberOfCapturingGroups() + 1);
      for (size_t pos = 0; pos < line.size();) {
        if (!p.re->Match(line, pos, line.size(), RE2::UNANCHORED, g.data(), static_cast<int>(g.size()))) break;
        pos = matching::next_char(line, static_cast<size_t>(g[0].data() - line.data()));
        if (g[p.group].data() == nullptr) continue;
        const Span name_span = to_view(g[p.group]);
        const Span mention_span = p.mention >= 0 && g[p.mention].data() ? to_view(g[p.mention]) : name_span;
        std::string_view name = piece(g[p.group]);
        while (!name.empty()) {
          std::string_view trimmed = name;
          if (trimmed.ends_with("'s")) trimmed.remove_suffix(2);
          const std::string id = resolve(trimmed);
          if (!id.empty()) {
            const uint32_t begin = block.span.begin + static_cast<uint32_t>(name.data() - line.data());
            const Span span{begin == name_span.begin ? mention_span.begin : begin, mention_span.end};
            if (!overlaps_found(span) && !is_blocked(span) && matching::at_word_bounds(view, span.begin, span.end))
              found.push_back({span, id, "pattern", p.id});
            break;
          }
          const size_t space = name.find(' ');
          if (space == std::string_view::npos) break;
          name.remove_prefix(space + 1);
        }
      }
    }
  }
  std::sort(found.begin(), found.end(), [](const PartyMention& a, const PartyMention& b) { return a.span.begin < b.span.begin; });
  doc.party_mentions = std::move(found);
}

// "the party": the party of the section, else the most recently named one.
void PartiesStage::find_anaphors(Document& doc, const std::vector<uint32_t>& line_words) const {
  const std::string_view view = doc.view();
  std::vector<PartyMention> resolved;
  std::vector<std::string> section_parties;
  for (size_t s = 0; s < doc.sections.size(); ++s) section_parties.push_back(matching::section_party(doc, static_cast<int>(s)));
  for (const Block& block : doc.blocks) {
    if (skipped(block)) continue;
    const uint32_t words = line_words[&block - doc.blocks.data()];
    const std::string_view line = view.substr(block.span.begin, block.span.size());
    for (const auto& p : patterns_) {
      if (p.kind != Kind::anaphor || !matching::may_match(p.families, p.punctuation, words, line)) continue;
      std::vector<re2::StringPiece> g(p.re->NumberOfCapturingGroups() + 1);
      for (size_t pos = 0; pos < line.size();) {
        if (!p.re->Match(line, pos, line.size(), RE2::UNANCHORED, g.data(), static_cast<int>(g.size()))) break;
        pos = static_cast<size_t>(g[p.group].data() - line.data()) + g[p.group].size();
        const uint32_t b = block.span.begin + static_cast<uint32_t>(g[p.group].data() - line.data());
        const Span span{b, b + static_cast<uint32_t>(g[p.group].size())};
        const auto overlaps = [&](const PartyMention& m) { return m.span.overlaps(span); };
        if (std::any_of(doc.party_mentions.begin(), doc.party_mentions.end(), overlaps) ||
            std::any_of(resolved.begin(), resolved.end(), overlaps))
          continue;
        std::string party = block.section >= 0 ? section_parties[block.section] : std::string();
        std::string how = "section";
        if (party.empty()) {
          party = matching::recent_party(doc, span.begin, true);
          how = "recent";
        }
        if (!party.empty()) resolved.push_back({span, party, how, p.id});
      }
    }
  }
  doc.party_mentions.insert(doc.party_mentions.end(), resolved.begin(), resolved.end());
  std::sort(doc.party_mentions.begin(), doc.party_mentions.end(),
            [](const PartyMention& a, const PartyMention& b) { return a.span.begin < b.span.begin; });

  // One PartyFacts per party, in order of first mention.
  for (const auto& m : doc.party_mentions) {
    auto it = std::find_if(doc.parties.begin(), doc.parties.end(), [&](const PartyFacts& f) { return f.party == m.party; });
    if (it == doc.parties.end()) {
      const auto entry = std::find_if(parties_.begin(), parties_.end(), [&](const PartyEntry& e) { return e.id == m.party; });
      PartyFacts f;
      f.party = m.party;
      f.name = entry->name;
      f.rule = m.rule;
      doc.parties.push_back(std::move(f));
      it = doc.parties.end() - 1;
    }
    it->spans.push_back(m.span);
  }
}

void PartiesStage::find_program_and_slogan(Document& doc, const std::vector<uint32_t>& line_words) const {
  const std::string_view view = doc.view();
  const auto program_or_slogan = [](const Pattern& p) { return p.kind == Kind::program || p.kind == Kind::slogan; };
  // The lines where some program or slogan pattern may match (-1: not known yet).
  std::vector<int8_t> line_may(doc.blocks.size(), -1);
  const auto word_byte = [&](uint32_t at) { return matching::is_word_byte(static_cast<unsigned char>(view[at])); };
  for (const Sentence& sentence : doc.sentences) {
    const Block& block = doc.blocks[sentence.block];
    if (skipped(block)) continue;
    const std::string_view text = view.substr(sentence.span.begin, sentence.span.size());
    int8_t& may = line_may[sentence.block];
    if (may < 0) {
      const std::string_view line = view.substr(block.span.begin, block.span.size());
      may = std::any_of(patterns_.begin(), patterns_.end(), [&](const Pattern& p) {
        return program_or_slogan(p) && matching::may_match(p.families, p.punctuation, line_words[sentence.block], line);
      });
    }
    // A sentence that cuts no word holds no word its line lacks.
    if (!may && (sentence.span.begin == block.span.begin || !word_byte(sentence.span.begin - 1)) &&
        (sentence.span.end == block.span.end || !word_byte(sentence.span.end)))
      continue;
    const uint32_t words = words_->scan(text);
    for (const auto& p : patterns_) {
      if (!program_or_slogan(p) || !matching::may_match(p.families, p.punctuation, words, text)) continue;
      std::vector<re2::StringPiece> g(p.re->NumberOfCapturingGroups() + 1);
      if (!p.re->Match(text, 0, text.size(), RE2::UNANCHORED, g.data(), static_cast<int>(g.size()))) continue;
      const uint32_t match_begin = sentence.span.begin + static_cast<uint32_t>(g[0].data() - text.data());
      const uint32_t b = sentence.span.begin + static_cast<uint32_t>(g[p.group].data() - text.data());
      const Span value{b, b + static_cast<uint32_t>(g[p.group].size())};
      // The party mentioned last before the pattern in the sentence, else the context's.
      std::string party;
      for (const auto& m : doc.party_mentions)
        if (sentence.span.contains(m.span) && m.span.begin < match_begin) party = m.party;
      if (party.empty()) party = matching::section_party(doc, block.section);
      if (party.empty()) party = matching::recent_party(doc, match_begin, false);
      auto it = std::find_if(doc.parties.begin(), doc.parties.end(), [&](const PartyFacts& f) { return f.party == party; });
      if (it == doc.parties.end()) continue;
      auto& field = p.kind == Kind::program ? it->program : it->slogan;
      if (!field) field = std::string(doc.surface(value));
    }
  }
}

}  // namespace hustings
