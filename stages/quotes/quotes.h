// quotes — direct and indirect quotes, who said them, for which party, when and where.
//
// Needs: sentences, tokens, blocks, parties, people, dates, places, events. Adds: quotes.
// - Quote spans (marks.h): “…” and "…", single marks as outer quotes, several sentences,
//   several paragraphs (an opening mark on each, the closing mark on the last: the text joins the
//   paragraphs with "\n"); an unclosed quote is dropped with a warning.
// - Speaker (speaker.h), by rules/en/quotes.re2.tsv with the verbs of rules/en/speech-verbs.tsv:
//   the attribution after the quote (`…,” said X`, `…,” X said`, `…,” said the party's chairman X
//   at a March 1 roundtable in Kostanai`), else before it (`X said: “…”`, `According to X, “…”`);
//   pronouns and group nouns by rules/en/quote-referents.tsv ("she said" skips a man named
//   last: rules/en/gender-words.tsv, rules/<pack>/surname-endings.tsv). A quote interrupted by its
//   attribution (“A,” he said. “B.”) gives two records with one speaker (rule `continuation`).
// - A quote that continues a sentence (`described as “…”`, `said the plan was “…”`) needs a
//   speech cue there and is partial when it starts lower-case; one after a title cue (`titled
//   “…”`) or a short one with no attribution (a scare quote) is no record.
// - speaker_span: the words of the attribution that name the speaker ("he" for "he said").
// - Context: party = the speaker's party, else the party of the section's heading; date and
//   place = the first date (its value) and place (its canonical name) of the attribution clause,
//   leaving out appositions about the speaker ("a doctor from Talgar") and participle clauses
//   (", noting …"); when the clause names neither, those of the most recent event reported before
//   the quote in the same section (captions report no events); else null.
// - Indirect speech ("X noted that …", ", noting …", "According to the party, …"): records with
//   indirect = true and the reported words as text.
// Example: “We will win,” said party chairman Azat Peruashev during his Feb. 19 meeting in
// Karagandy. -> text "We will win,", speaker "Azat Peruashev", party "aq-jol",
// date "2023-02-19", place "Karagandy", rule "after-verb-speaker".
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pipeline/rules.h"
#include "pipeline/stage.h"
#include "stages/quotes/speaker.h"

namespace re2 {
class RE2;
}

namespace hustings {

namespace quotes_internal {
struct Attribution;
class Program;
}

struct QuotesOptions {
  int min_unattributed_words = 6;  // a shorter quote without attribution is no quote record
  uint32_t window_bytes = 480;     // attribution windows are cut to this many bytes
  size_t max_warnings = 10;        // unclosed quotes reported one by one, then counted
};

class QuotesStage : public Stage {
 public:
  explicit QuotesStage(const RuleLocator& rules, QuotesOptions options = {});
  ~QuotesStage() override;
  std::string_view name() const override { return "quotes"; }
  std::vector<Layer> needs() const override {
    return {Layer::sentences, Layer::tokens, Layer::blocks, Layer::parties,
            Layer::people,    Layer::dates,  Layer::places, Layer::events};
  }
  std::vector<Layer> adds() const override { return {Layer::quotes}; }
  void run(Document& doc) const override;

  // A pattern's programs (patterns.h): long counted repetitions ({NP}{1,100}?, [^"]{1,240}?)
  // are unbounded, each in a group of its own; a match in which one holds more code points than
  // its count allows is redone with `exact`, or is no match when the bound is decisive.
  struct PatternSet;
  struct Bound {
    int group = -1;    // capturing group index
    uint32_t max = 0;  // code points
    bool decisive = false;
  };
  struct Pattern {
    std::string id;
    std::shared_ptr<const quotes_internal::Program> program;
    int speaker = -1, verb = -1, content = -1;  // capturing group indices, -1 when absent
    std::vector<Bound> bounds;
    std::shared_ptr<const quotes_internal::Program> exact;  // as written, compiled on first use; set with bounds
  };

 private:
  struct Work;
  struct Windows {
    Span sentence, before, after;
  };
  Windows windows(const Work& work, size_t quote) const;
  void direct_quotes(Work& work) const;
  void indirect_quotes(Work& work) const;
  // The first pattern of `patterns` whose speaker resolves, on a window after or before a quote.
  bool attribute(const Work& work, const std::vector<Pattern>& patterns, Span window, bool after,
                 quotes_internal::Attribution& out) const;
  // [begin, end) less an apposition at its start (", a doctor from Talgar,") and anything from a
  // clause-end pattern on (", noting ...").
  Span cut_clause(const Work& work, uint32_t begin, uint32_t end) const;
  uint32_t skip_apposition(const Work& work, uint32_t begin, uint32_t end) const;

  QuotesOptions options_;
  SpeakerRules speaker_rules_;
  std::vector<Pattern> after_, before_, partial_, not_quote_, circumstance_, clause_end_, indirect_;
  std::unique_ptr<PatternSet> indirect_set_;  // which indirect_ patterns match a sentence at all
};

}  // namespace hustings
