// Coreference for the people stage: groups the name mentions its patterns found into people,
// then finds every mention of each person by surname ("Koshanov" after "Yerlan Koshanov").
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/document.h"

namespace hustings::people {

// A name found by a pattern, with what the pattern said about it.
struct Mention {
  Span name;
  int role_row = -1;  // roles.tsv row of its role phrase, -1 when none
  Span role;          // the role phrase
  bool org = false;   // the role phrase names another organization ("CEC Chairman")
  std::optional<Span> party;  // a party named next to the name ("Amanat's X", "X (Amanat)")
  std::string rule;
  int block = -1;
};

struct Candidate {
  std::vector<std::string> words;  // of the fullest name seen
  std::vector<const Mention*> mentions;
  std::vector<Span> full, bare;    // found by the surname scan
  const std::string& surname() const { return words.back(); }
  std::string name() const;
};

// Full names first (merging "K. Tokayev" into "Kassym-Jomart Tokayev"), then lone surnames,
// each to the person of that surname named in full most recently before (else a new person).
std::vector<Candidate> group_mentions(std::string_view view, const std::vector<Mention>& mentions);

// True when the capitalized word ending just before `at` is a given name (so "Anna Pak" is not
// "Pak" alone).
using GivenNameTest = std::function<bool(std::string_view word, uint32_t word_begin)>;

// Every occurrence of each surname outside party mentions and boilerplate: after the person's
// given names (or their initial) it is a full mention, after another given name it belongs to
// someone else, else it is a bare mention of the person named in full most recently before.
// A lone surname whose only full form in the text is one "Given Surname" takes that name.
void find_surnames(const Document& doc, std::vector<Candidate>& people, const GivenNameTest& given_name);

// The word ending right before `at` (separated by one space), and where it begins.
std::optional<std::pair<std::string_view, uint32_t>> word_before(std::string_view view, uint32_t at);

}  // namespace hustings::people
