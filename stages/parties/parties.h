// parties — party mentions, resolved to the pack's party list, and one PartyFacts per party.
//
// Needs: blocks, sentences, tokens. Adds: parties (doc.party_mentions sorted by position, and
// doc.parties with program and slogan; `chair` is filled later by the people stage, which finds
// people and their roles — the one field of this layer another stage writes).
// Rules: rules/<pack>/parties.tsv (names, aliases, former names) and rules/en/parties.re2.tsv.
// Every line but boilerplate is searched, in the matching view:
// - alias: every name, alias and former name of parties.tsv, compared after ICU case folding
//   (so Cyrillic names match in any case); a mention starts and ends at word bounds and, when
//   the name is capitalized, starts with a capital ("amanat" the word is no mention). The
//   longest name wins ("People's Party of Kazakhstan" before "People's Party"). `extend` rows
//   add a following " party" to the span. Names inside a `not-party` match (an outlet, a
//   company: "Amanat Media", "the newspaper Respublika") are dropped.
// - pattern: `name` rows ("the X party", `party "X"`, "X's candidates") whose X resolves
//   through the pack after folding case, diacritics, spaces and hyphens ("the Aq-Jol party").
// - section / recent: `anaphor` rows ("the party", "party candidates") resolve to the party of
//   the section (a heading naming a party opens one), else to the most recently named party;
//   an anaphor with no party before it is dropped.
// Program and slogan: `program` / `slogan` rows ("election program titled Changes Are
// Inevitable", "with the slogan Clean Air, ..."), for the party mentioned last before them in
// the sentence, else the section's or the most recent party; the first one stated wins.
// Speed (same results): aliases are looked up where a word starts, by their first two bytes; a
// pattern runs only on lines or sentences holding the words and punctuation its own text needs
// (prefilter.h: "party", "slogan"...).
// Example: heading "Aq Jol", then "The party's chair met voters, presenting the election program
// titled Changes Are Inevitable." -> mentions "Aq Jol" (alias) and "party" (section), party
// aq-jol with program "Changes Are Inevitable".
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "pipeline/pack.h"
#include "pipeline/rules.h"
#include "pipeline/stage.h"

namespace re2 {
class RE2;
}

namespace hustings {

namespace matching {
class WordFilter;
}

class PartiesStage : public Stage {
 public:
  explicit PartiesStage(const RuleLocator& rules);
  ~PartiesStage() override;
  std::string_view name() const override { return "parties"; }
  std::vector<Layer> needs() const override { return {Layer::blocks, Layer::sentences, Layer::tokens}; }
  std::vector<Layer> adds() const override { return {Layer::parties}; }
  void run(Document& doc) const override;

  // The pack id for a spelling (folded case, diacritics, spaces, hyphens), "" when unknown or
  // ambiguous.
  std::string resolve(std::string_view spelling) const;

 private:
  enum class Kind { extend, not_party, name, anaphor, program, slogan };
  struct Pattern {
    std::string id;
    Kind kind;
    std::unique_ptr<re2::RE2> re;
    int group = -1;    // name, party or value
    int mention = -1;  // name rows: the span of the mention
    // Prefilter (prefilter.h): the word families of words_ and the punctuation a match needs.
    uint32_t families = 0;
    std::string punctuation;
  };
  struct Alias {
    std::string folded;  // ICU case-folded, as normalize writes it
    int party = 0;       // index into parties_
    bool capitalized = false;
    std::string rule;    // parties.tsv:<line>
  };

  // The find_ functions take the word families of each line (prefilter.h, words_.scan()).
  void find_names(Document& doc, const std::vector<uint32_t>& line_words) const;
  void find_anaphors(Document& doc, const std::vector<uint32_t>& line_words) const;
  void find_program_and_slogan(Document& doc, const std::vector<uint32_t>& line_words) const;

  std::vector<PartyEntry> parties_;
  std::vector<Alias> aliases_;                    // longest first
  std::vector<std::vector<int>> by_first_byte_;   // 256 lists of aliases_ indices, in order
  std::vector<uint64_t> alias_gate_;              // bits of the first two bytes aliases start with
  std::unordered_map<std::string, int> loose_;    // loose key -> party index, -1 when ambiguous
  std::vector<Pattern> patterns_;
  std::unique_ptr<matching::WordFilter> words_;  // words the patterns need
};

}  // namespace hustings
