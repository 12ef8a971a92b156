// events — one record per campaign action: who (party, actor), what (action class from
// rules/en/actions.tsv and the phrase as written), where (the most specific place stated for it)
// and when (a day).
//
// Needs: sentences, parties, people, dates, places. Adds: events.
// - Actions are found in body sentences only (captions report no events of their own); the
//   words inside quotation marks are not the reporter's narrative and are skipped.
// - Place: the places after the action in its sentence, a region dropped when a place inside it
//   is named ("the Kentau plant in the Turkistan Region" -> Kentau); else the places before it
//   ("In Kostanai, ...", "Taraz hosted ...") but not after a `not-here` word ("Before Astana, ...");
//   else an anaphor ("the region's public") -> the last such place of the section; else the last
//   place of the previous sentence of the same paragraph (rules/en/event-context.tsv). A `multi` action with
//   several places is one event per place ("visited Ulytau, East Kazakhstan and Abai regions").
// - Date: the day nearest to the action in its sentence (an unresolved relative day stays null).
// - Party: a party mention in the sentence (before the action first), else the section's party,
//   else the last party named. An action with neither place nor date, or with neither a party nor
//   a person as its actor, is not reported.
// Example: "On March 1, the party's electoral office visited the North Kazakhstan Region."
//   -> {party: amanat, actor: "party's electoral office", action: visit, date: 2023-03-01,
//       place: North Kazakhstan Region}
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pipeline/rules.h"
#include "pipeline/stage.h"

namespace re2 {
class RE2;
}

namespace hustings {

class EventsStage : public Stage {
 public:
  explicit EventsStage(const RuleLocator& rules);
  ~EventsStage() override;
  std::string_view name() const override { return "events"; }
  std::vector<Layer> needs() const override {
    return {Layer::sentences, Layer::parties, Layer::people, Layer::dates, Layer::places};
  }
  std::vector<Layer> adds() const override { return {Layer::events}; }
  void run(Document& doc) const override;

 private:
  enum class Form { verb, host, noun };
  struct Action {
    std::string cls;
    Form form;
    bool multi;
    std::unique_ptr<re2::RE2> pattern;
    std::string rule;
  };
  std::vector<Action> actions_;
  std::unique_ptr<re2::RE2> noun_cue_;   // before an action noun
  std::unique_ptr<re2::RE2> not_here_;   // before a place that is not the action's
  std::vector<std::pair<std::string, std::string>> anaphors_;  // phrase, place kind
  std::vector<std::unique_ptr<re2::RE2>> anaphor_patterns_;     // "(?i)\bphrase\b" per anaphor
  // All action patterns in one RE2::Set: which of them a sentence holds, in one pass.
  struct ActionSet;
  std::unique_ptr<ActionSet> action_set_;
  // Indices of the actions that may match `text`, ascending (all of them without the set).
  void candidate_actions(std::string_view text, std::vector<int>& out) const;
};

}  // namespace hustings
