// The dates stage's rules: rules/en/months.tsv, rules/en/date-words.tsv, rules/en/dates.re2.tsv
// and the pack's election calendar (rules/<pack>/elections.tsv, optional). Loaded and validated
// once; every bad line is a RuleError with `file:line: reason` (rules/README.md documents them).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <re2/re2.h>

#include "pipeline/rules.h"
#include "stages/dates/calendar.h"

namespace hustings::dates {

// The normalization a rule applies (the `value` column).
enum class Op { literal, date, weekday, weekly, dom, shift, period, time, election };

// A count or unit argument: a literal ("1", "-1", "D", "X") or a group ("{number}", "-{number}").
struct Arg {
  std::string literal;
  std::string group;
  bool negate = false;
};

struct DateRule {
  std::string id;
  std::string kind;  // date, time, duration, set
  Op op = Op::literal;
  std::string mode;  // literal: the value; date: this|last|next; weekday: last|next;
                     // shift: anchor|ref; election: election_day|campaign_start|campaign_end
  Arg count, unit;
  std::string granularity;  // shift: D, W, M, Y, point, unit
  bool publication = false, in_quote = false, outside_quote = false;
  std::unique_ptr<re2::RE2> pattern;
  std::map<std::string, int> groups;  // named group -> index
  int mention_group = 0;              // `m`, 0 for the whole match
  std::vector<int> not_groups;
  int line = 0;
};

struct Election {
  std::string id, kind;
  Ymd election_day;
  std::optional<Ymd> campaign_start, campaign_end;
};

struct DateWords {
  std::unordered_map<std::string, int> months;            // lower-case name -> 1..12
  std::unordered_map<std::string, std::string> numbers;   // lower-case word -> "3", "X"
  std::unordered_map<std::string, std::string> units;     // lower-case word -> D, W, M, ...
  std::unordered_map<std::string, int> weekdays;          // lower-case name -> 1..7
  std::unordered_map<std::string, std::string> seasons;   // lower-case name -> SP, ...
  std::unordered_map<std::string, std::string> clocks;    // lower-case word -> HH:MM
  // Tense words, lower-case; an item starting with "-" is a word ending ("-ed").
  std::vector<std::string> future, past, not_past;
};

struct DateRuleSet {
  DateWords words;
  std::vector<DateRule> rules;
  std::vector<Election> elections;  // empty when the pack has no elections.tsv
  std::string elections_file;
};

DateRuleSet load_date_rules(const RuleLocator& rules);

// A count as written ("3", "three", "twenty-five", "a", "several"): "3", "X" (vague), or nullopt.
std::optional<std::string> read_count(const DateWords& words, std::string_view text);
// A month as written ("March", "Sept", "03"): 1..12, or 0.
int read_month(const DateWords& words, std::string_view text);
std::string lower(std::string_view text);

}  // namespace hustings::dates
