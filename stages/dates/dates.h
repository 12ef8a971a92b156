// dates — every temporal expression of the article, normalized to a TIMEX3-style value.
//
// Needs: blocks, sentences, tokens. Adds: dates (doc.dates), and refines the document date
// (doc.anchor, doc.anchor_source): a date given by the input (--date, JSONL `date`; source
// "input") is kept; else a date printed in the text (a publication line such as "As of 10 March
// 2023", a date in the dateline, a line holding only a date; "text"); else the pack's election
// calendar (rules/<pack>/elections.tsv: an article that mentions an election's day or the end of
// its campaign — the last day, or the midnight after it — is anchored to that election day;
// "pack"); else none.
//
// Rules: rules/en/dates.re2.tsv (RE2 patterns with named groups and a normalization per rule),
// rules/en/months.tsv, rules/en/date-words.tsv; see rules/README.md.
//
// Resolution:
// - Tense: a clause is future with a future word of date-words.tsv ("will", "scheduled"), past
//   with a past word ("said", "-ed"), else unknown; only the words on the mention's side of any
//   quotation count. Year-less dates take the year that puts them nearest the document date in
//   the direction of the tense (a month: never against it; a day: against it only when much
//   nearer); with no document date the year stays unknown ("XXXX-03-01"). Weekdays: the nearest
//   such day on or before the document date, or after it in a future clause.
// - "A day earlier", "the same day", "two days later" count from the narrative: an earlier date
//   of the same sentence, else the first date of the nearest earlier sentence of the same
//   section that has one (captions and quotations skipped; dates after the document date skipped
//   unless the clause is in the future; a relative date already resolved counts). When that
//   reference is not a single day or is unresolved, the value is null and `unresolved` says why.
// - A time alone ("at 6 p.m.") takes the date of its sentence, else of the narrative, else the
//   document date.
//
// Example (document date 2023-03-04): "People's Party organized a campaign on March 3. A day
// earlier, Taraz hosted a rally." -> "March 3" = 2023-03-03 (rule md, anchor
// document:2023-03-04), "A day earlier" = 2023-03-02 (rule ref-earlier, anchor
// narrative:2023-03-03).
#pragma once

#include <memory>

#include "pipeline/rules.h"
#include "pipeline/stage.h"

namespace hustings {

namespace dates {
struct DateRuleSet;
}

class DatesStage : public Stage {
 public:
  explicit DatesStage(const RuleLocator& rules);
  ~DatesStage() override;
  std::string_view name() const override { return "dates"; }
  std::vector<Layer> needs() const override { return {Layer::blocks, Layer::sentences, Layer::tokens}; }
  std::vector<Layer> adds() const override { return {Layer::dates}; }
  void run(Document& doc) const override;

 private:
  std::unique_ptr<const dates::DateRuleSet> rules_;
};

}  // namespace hustings
