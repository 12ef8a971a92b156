// Speaker resolution for the quotes stage: turns the words of an attribution ("said the party's
// founder and chairman Azamatkhan Amirtai", "he", "the party") into a speaker.
//
// Candidates inside a region of the view, in this order of evidence:
//   1. a person mention of the people layer (full name or surname: the person's full name);
//   2. a party mention of the parties layer, or a group noun of quote-referents.tsv ("the
//      party", "they"): the party, named by its canonical name;
//   3. a pronoun of quote-referents.tsv ("he", "she"): the last person named before it in the
//      same section, outside quotes (captions only for a caption), skipping people known to be
//      of the other gender (a role word such as "spokeswoman", a title, a surname ending);
//   4. a written name (rules/en/quotes.re2.tsv `name`) that the people layer missed.
// A mention followed by 's ("the party's founder") is a modifier, never the speaker.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/document.h"

namespace re2 {
class RE2;
}

namespace hustings::quotes_internal {
class Program;
}

namespace hustings {

struct Referent {
  std::string phrase;
  bool party = false;  // refers to a party ("the party", "they"), else to a person ("he")
  char gender = 0;     // 'm', 'f', or 0 for any
};

// What the quotes stage loaded once: referent phrases and the written-name pattern.
struct SpeakerRules {
  std::vector<Referent> referents;
  std::unique_ptr<re2::RE2> referent_re;  // one alternation of every phrase, case-insensitive
  std::shared_ptr<const quotes_internal::Program> name;  // group `name`
  bool name_whole = false;  // group `name` is all of the pattern (RE2 then needs no groups)
  std::vector<std::string> not_names;     // capitalized words that never start a name
  std::vector<std::pair<std::string, char>> gender_words;     // lower-case word -> 'm' / 'f'
  std::vector<std::pair<std::string, char>> surname_endings;  // lower-case ending -> 'm' / 'f'
  int max_words = 12;                     // a speaker named after a verb stands this close to it
};

struct Speaker {
  std::optional<std::string> name;
  std::optional<Span> span;  // the words of the attribution that name the speaker
  std::optional<std::string> party;
  std::string how;  // person, party, pronoun, group, name
  explicit operator bool() const { return name.has_value(); }
};

class SpeakerResolver {
 public:
  // `quoted`: the spans of every quote (mentions inside them never antecede a pronoun).
  SpeakerResolver(const Document& doc, const SpeakerRules& rules, std::vector<Span> quoted);

  // first: the earliest candidate (a person within rules.max_words wins over a group).
  // adjacent: the candidate right before the region's end, or before one apposition there
  //           ("Olga Tsoi, the party's spokeswoman in Shymkent," said ...).
  enum class Mode { first, adjacent };
  Speaker resolve(Span region, Mode mode) const;

  // The party named in the heading of the section holding `pos`.
  std::optional<std::string> section_party(uint32_t pos) const;
  // The last person named before `pos` in the same paragraph, outside quotes.
  Speaker last_person_in_paragraph(uint32_t pos) const;

 private:
  struct Candidate {
    Span span;
    int person = -1;        // index into doc.people
    std::string party;      // a party id
    bool pronoun = false;   // resolve to the last person named
    char gender = 0;        // of a pronoun
    bool group = false;     // resolve to the context's party
    std::string written;    // a written name
  };
  std::vector<Candidate> candidates(Span region) const;
  Speaker from(const Candidate& c) const;
  Speaker person_speaker(int person, Span span, const char* how) const;
  int last_person_before(uint32_t pos, bool same_paragraph, char gender = 0) const;
  char gender_of(const Person& p) const;
  std::string last_party_before(uint32_t pos) const;
  std::string party_name(const std::string& id) const;
  bool quoted(Span s) const;
  bool possessive(uint32_t end) const;
  int words_between(uint32_t begin, uint32_t end) const;

  const Document& doc_;
  const SpeakerRules& rules_;
  std::vector<Span> quoted_;                           // sorted by begin
  std::vector<std::pair<Span, int>> person_mentions_;  // sorted by begin
  std::vector<const PartyMention*> party_mentions_;    // sorted by begin
  std::vector<std::string> section_parties_;           // per section, "" for none
  std::vector<int> paragraph_of_block_;
  static constexpr char kUnknownGender = '?';  // not yet worked out
  mutable std::vector<char> gender_;  // per person: 'm', 'f' or 0, worked out when a pronoun asks
};

}  // namespace hustings
