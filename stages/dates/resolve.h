// Resolution of the dates stage: turns the selected matches of one document into values,
// against the document date and the narrative (see stages/dates/dates.h for the policy).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "pipeline/document.h"
#include "stages/dates/date_rules.h"

namespace hustings::dates {

enum class Tense { unknown, past, future };

// One selected mention and what resolution learns about it.
struct Item {
  Span span;
  const DateRule* rule = nullptr;
  std::vector<re2::StringPiece> groups;  // by group index; data() == nullptr when absent
  int sentence = -1, block = -1;
  bool quoted = false;  // inside a quotation
  Tense tense = Tense::unknown;  // of its clause

  bool done = false;
  std::optional<std::string> value;
  std::string anchor, unresolved;
  bool point = false;           // a date of the narrative, usable as a reference
  std::optional<int> day;       // its (last) day, when it is day-precise
  std::optional<int> start;     // the first day it covers
  bool year_unknown = false;    // day computed in a placeholder year

  std::string_view group(const char* name) const;
  bool has(const char* name) const { return group(name).data() != nullptr; }
};

// Resolves every item in place (items sorted by span).
void resolve_items(const Document& doc, const DateRuleSet& rules, std::optional<Ymd> anchor,
                   std::vector<Item>& items);

// The election of the pack nearest a day, when the day falls in or near its campaign.
const Election* election_near(const DateRuleSet& rules, int day);

}  // namespace hustings::dates
