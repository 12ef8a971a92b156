// Resolution of the dates stage: turns the selected matches of one document into values,
// against the document date and the narrative (see stages/dates/dates.h for the policy).
#pragma once

#include <functional>
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
  const re2::StringPiece* groups = nullptr;  // by group index; data() == nullptr when absent
  int sentence = -1, block = -1;
  bool quoted = false;  // inside a quotation

  bool done = false;
  std::optional<std::string> value;
  std::string anchor, unresolved;
  bool point = false;           // a date of the narrative, usable as a reference
  std::optional<int> day;       // its (last) day, when it is day-precise
  std::optional<int> start;     // the first day it covers
  bool year_unknown = false;    // day computed in a placeholder year

  std::string_view group(Group g) const {
    const int index = rule->slots[static_cast<size_t>(g)];
    if (!index) return {};
    const re2::StringPiece& piece = groups[index];
    return piece.data() ? std::string_view(piece.data(), piece.size()) : std::string_view();
  }
  bool has(Group g) const { return group(g).data() != nullptr; }
};

// The tense of an item's clause (computed when resolution needs it).
using TenseOf = std::function<Tense(const Item&)>;

// Resolves every item in place (items sorted by span).
void resolve_items(const Document& doc, const DateRuleSet& rules, std::optional<Ymd> anchor,
                   std::vector<Item>& items, const TenseOf& tense_of);

// The election of the pack nearest a day, when the day falls in or near its campaign.
const Election* election_near(const DateRuleSet& rules, int day);

}  // namespace hustings::dates
