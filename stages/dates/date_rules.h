// The dates stage's rules: rules/en/months.tsv, rules/en/date-words.tsv, rules/en/dates.re2.tsv
// and the pack's election calendar (rules/<pack>/elections.tsv, optional). Loaded and validated
// once; every bad line is a RuleError with `file:line: reason` (rules/README.md documents them).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <array>
#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "pipeline/rules.h"
#include "stages/dates/calendar.h"

namespace hustings::dates {

// The normalization a rule applies (the `value` column).
enum class Op { literal, date, weekday, weekly, dom, shift, period, time, election };

// The named groups a pattern may use (besides `not...`), in the order of kGroupNames.
enum class Group : uint8_t { m, year, year2, month, month2, day, day2, decade, season, weekday, hour, minute, ampm, clock, number, unit };
constexpr size_t kGroupCount = 16;
extern const std::array<std::string_view, kGroupCount> kGroupNames;

// A count or unit argument: a literal ("1", "-1", "D", "X") or a group ("{number}", "-{number}").
struct Arg {
  std::string literal;
  std::string group;
  Group slot = Group::m;  // the group, when `group` is set
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
  std::array<int, kGroupCount> slots{};  // by Group: its index, 0 when the pattern lacks it
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
  // The same lists for look-up: a word is in a list when it is one of its items, or ends with one
  // of its endings ("-ed": "ed") and is at least two bytes longer than that item.
  enum TenseFlag : uint8_t { kFuture = 1, kPast = 2, kNotPast = 4 };
  std::unordered_map<std::string, uint8_t> tense_items;       // word -> TenseFlags
  std::vector<std::pair<std::string, uint8_t>> tense_endings;  // ending -> TenseFlag
  uint8_t tense_flags(const std::string& word) const;  // the lists holding a lower-case word
  // False when an ASCII word (any case) is in none of the lists: a quick test before tense_flags.
  bool may_have_tense(std::string_view ascii_word) const {
    if (tense_any) return true;
    const auto low = [](char c) { return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); };
    const unsigned char last = low(ascii_word.back());
    return tense_last[last] || tense_keys[tense_key(low(ascii_word.front()), last, ascii_word.size())];
  }
  static size_t tense_key(unsigned char first, unsigned char last, size_t size) {
    return (first * 61u + last * 7u + size) & 4095u;
  }
  std::bitset<4096> tense_keys;  // tense_key of every item
  std::bitset<256> tense_last;   // the last byte of every ending
  bool tense_any = false;        // an empty ending: every word may be listed
};

struct DateRuleSet {
  DateWords words;
  std::vector<DateRule> rules;
  // Every rule's pattern in one automaton: which rules can match somewhere in a text (a filter;
  // the rules themselves still find the matches). Built on first use; nullptr when RE2 cannot
  // build it (then every rule runs).
  const re2::RE2::Set* filter() const;
  std::vector<Election> elections;  // empty when the pack has no elections.tsv
  std::string elections_file;

 private:
  struct Filter {
    std::once_flag once;
    std::unique_ptr<re2::RE2::Set> set;
  };
  std::unique_ptr<Filter> filter_ = std::make_unique<Filter>();
};

DateRuleSet load_date_rules(const RuleLocator& rules);

// A count as written ("3", "three", "twenty-five", "a", "several"): "3", "X" (vague), or nullopt.
std::optional<std::string> read_count(const DateWords& words, std::string_view text);
// A month as written ("March", "Sept", "03"): 1..12, or 0.
int read_month(const DateWords& words, std::string_view text);
std::string lower(std::string_view text);

}  // namespace hustings::dates
