// people — the people of an article: full name, role, party, and every mention.
//
// Needs: blocks, sentences, tokens, parties. Adds: people (doc.people). Also fills
// PartyFacts::chair of the parties layer: a chair is a person with role `chair` found here, so
// the people stage writes it (the first such person of each party), not the parties stage.
// Rules: rules/en/people.re2.tsv (patterns), roles.tsv (role phrase -> key), speech-verbs.tsv,
// not-names.tsv (capitalized words that are never names); the pack's gazetteer (a place is no
// surname). No rule names a person.
// - Names come from patterns only, on each body or caption sentence (title-case lines, the
//   title and headings, only take coreferent mentions) with party mentions masked: a capitalized
//   name next to a role phrase ("the party's chair Azat Peruashev", "chaired by X", "X, head of
//   the party's branch"), an apposition holding a role ("X, a lawyer who calls himself a
//   self-nominated candidate"), a speech verb ("said X", "X said"). Names: 2-4 capitalized words
//   with hyphens and apostrophes, or initials and a surname ("Zh. Kuanyshev").
// - Clean-up: leading not-names go ("The", "In", "Mr."); a name holding one elsewhere is no name
//   ("Astana Times"); a lone word (a surname) must not be a place, must never appear in
//   lower case in the document, must not follow a capitalized word other than an opener of
//   not-names.tsv ("State Counselor said"), and when it opens its sentence must also appear
//   capitalized inside a sentence.
// - Coreference: every occurrence of a person's surname is a mention of that person (the one
//   named in full most recently before it); "Koshanov" is an alias of "Yerlan Koshanov".
// - Role: of the first mention with a keyed role (else the first descriptor): role_text as
//   written, role the key of its roles.tsv row (the first row listed wins for "founder and
//   chairman"). Party: the party named in the role phrase ("Amanat candidate", "the party's
//   chair" as the parties stage resolved it), else named next to the name ("Amanat's X",
//   "X (Amanat)"); none for a role of affiliation `none` (akim, observer, journalist,
//   self-nominated candidate) or of another organization ("CEC Chairman"); else the party of
//   the section, else the party mentioned last before it in its paragraph or the one before,
//   else the one party of an article that names only one. A person without a role takes the
//   party named next to its name, else the section's, else none.
// - A surname found alone whose one full form in the text ("Ali Bektayev") no pattern caught
//   takes that full name.
// Speed (same results): a pattern runs only on sentences holding the words and punctuation it
// needs (stages/parties/prefilter.h: a role word, a speech verb, "who"...); a match's groups are
// computed only when it may give a mention, from its layout when that fixes them.
// Example: heading "Respublica", then "Aidarbek Khojanazarov, the party's chair, is ..." ->
// person Aidarbek Khojanazarov, party respublica, role chair, role_text "the party's chair";
// and party respublica gets chair "Aidarbek Khojanazarov".
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <re2/stringpiece.h>

#include "pipeline/pack.h"
#include "pipeline/rules.h"
#include "pipeline/stage.h"

namespace re2 {
class RE2;
}

namespace hustings {

namespace matching {
class WordFilter;
struct Opening;
}
namespace people {
struct Mention;
}

class PeopleStage : public Stage {
 public:
  explicit PeopleStage(const RuleLocator& rules);
  ~PeopleStage() override;
  std::string_view name() const override { return "people"; }
  std::vector<Layer> needs() const override { return {Layer::blocks, Layer::sentences, Layer::tokens, Layer::parties}; }
  std::vector<Layer> adds() const override { return {Layer::people}; }
  void run(Document& doc) const override;

 private:
  struct RoleRow {
    std::string key;  // "" for a descriptor
    bool affiliated = true;
    std::unique_ptr<re2::RE2> re;
  };
  struct Pattern {
    std::string id;
    std::unique_ptr<re2::RE2> re;
    int name = -1, role = -1, appos = -1, org = -1, party = -1;
    // Prefilter (prefilter.h): the word families (Family) and punctuation a match needs, the
    // families a mention needs (its apposition must hold a role phrase, whose {ROLE} holds a
    // role word), and whether the name group ends every match.
    uint32_t families = 0, mention_families = 0;
    std::string punctuation;
    bool name_ends_match = false;
    // When the name group opens every match and literal text it cannot hold follows it
    // (`(?P<name>{NAME}), ...`; prefilter.h layout()): that text, and the group (index) that
    // then ends the match, -1 when none. The groups then follow from where the text is.
    std::string separator;
    int after_separator = -1;
    // When every match opens with the role phrase as a group, `(?P<role>{ROLEPHRASE}),? ...`:
    // the rest of the pattern alone, and where each group of `re` comes from (`from_rest`:
    // index in `rest`, or -1; `from_role`: index in role_phrase_, or -1). A match's groups then
    // follow from the role phrase's own match at its start and the rest's match after it — the
    // parse RE2 gives — when the rest matches there up to the match's end.
    std::unique_ptr<re2::RE2> rest;
    int role_group = -1;
    std::vector<int> from_rest, from_role;
    // Whether some group comes from the role phrase, and whether all such are its `org`.
    bool role_groups = false, only_org = false;
  };
  // Word families of the prefilter: a role phrase of roles.tsv, a speech verb or preposition,
  // a speech verb.
  enum Family { kRoleWord, kSpeech, kSpeechVerb };
  struct RoleFound {
    Span span;
    int row = -1;      // best row of roles_ in the phrase
    bool org = false;  // the phrase names another organization ("CEC Chairman")
  };
  struct Context;  // per-document state (people.cc)

  // roles.tsv: fills roles_ and returns each row's pattern, with {PARTYSLOT} for `{party}`.
  std::vector<std::string> load_roles(const TsvTable& table);
  void load_not_names(const RuleLocator& rules);
  void load_patterns(const RuleLocator& rules, const TsvTable& roles, const std::vector<std::string>& role_patterns);
  void split_at_role(Pattern& p, const matching::Opening& opening, const std::string& rest) const;
  bool split_groups(const Pattern& p, std::string_view masked, Span whole, std::vector<re2::StringPiece>& g) const;
  std::optional<RoleFound> role_in(std::string_view masked, Span span) const;
  std::optional<RoleFound> best_role_phrase(std::string_view masked, Span span) const;
  // Whether the role phrase's group `org` may take part in a match within `span`: its text
  // (role_org_) is there, or is unknown.
  bool org_may_be_in(std::string_view masked, Span span) const;
  std::optional<Span> clean_name(const Context& ctx, Span span) const;
  std::vector<people::Mention> find_mentions(const Context& ctx) const;
  std::string party_of(const Document& doc, const people::Mention* role,
                       const std::vector<const people::Mention*>& mentions, int section) const;

  std::vector<RoleRow> roles_;
  // The rows of roles_ a text may match: by a word each row's matches hold (lower case), and
  // the rows without such a word.
  std::unordered_map<std::string, std::vector<int>> rows_by_word_;
  std::vector<int> rows_without_word_;
  std::unique_ptr<re2::RE2> role_phrase_;
  int role_phrase_org_ = -1;                       // its group `org`
  std::unique_ptr<re2::RE2> role_org_;             // that group's text alone (null when unknown)
  std::unique_ptr<re2::RE2> initial_end_;  // a sentence ending with an initial ("Zh.")
  std::vector<Pattern> patterns_;
  std::unique_ptr<matching::WordFilter> words_;        // one word of each role phrase and speech verb
  uint32_t filtered_ = 0;                              // the families words_ can tell
  std::unordered_map<std::string, bool> not_names_;  // word -> may open a name ("Mr.", "In")
  std::unordered_set<std::string> places_;  // the pack's place names and aliases, as fold_name() writes them
};

}  // namespace hustings
