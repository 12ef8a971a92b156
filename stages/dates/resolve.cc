#include "stages/dates/resolve.h"

#include <cstdio>
#include <cstdlib>
#include <span>

namespace hustings::dates {

const Election* election_near(const DateRuleSet& rules, int day) {
  const Election* best = nullptr;
  int best_distance = 0;
  for (const auto& e : rules.elections) {
    const int election = days_from_civil(e.election_day);
    const int opens = e.campaign_start ? days_from_civil(*e.campaign_start) : election - 60;
    if (day < opens - 30 || day > election + 30) continue;
    const int distance = std::abs(election - day);
    if (!best || distance < best_distance) best = &e, best_distance = distance;
  }
  return best;
}

namespace {

constexpr int kPlaceholderYear = 2000;  // a leap year: "Feb. 29" stays valid without a year
constexpr int kAgainstTense = 3;        // a year-less date against the tense costs 3x its distance

int to_int(std::string_view s) { return std::atoi(std::string(s).c_str()); }

class Resolver {
 public:
  Resolver(const Document& doc, const DateRuleSet& rules, std::optional<Ymd> anchor, std::vector<Item>& items,
           const TenseOf& tense_of)
      : doc_(doc), words_(rules.words), rules_(rules), anchor_(anchor), items_(items), tense_of_(tense_of) {
    if (anchor_) {
      anchor_day_ = days_from_civil(*anchor_);
      document_note_ = "document:" + format_day(*anchor_);
    }
    // Items by sentence, in order: sentence s holds in_sentence_[first_[s] .. first_[s + 1]).
    first_.assign(doc.sentences.size() + 1, 0);
    for (const Item& item : items_)
      if (item.sentence >= 0) ++first_[item.sentence + 1];
    for (size_t s = 1; s < first_.size(); ++s) first_[s] += first_[s - 1];
    in_sentence_.resize(first_.back());
    std::vector<int> next(first_.begin(), first_.end() - 1);
    for (size_t i = 0; i < items_.size(); ++i)
      if (items_[i].sentence >= 0) in_sentence_[next[items_[i].sentence]++] = static_cast<int>(i);
  }

  void run() {
    for (auto& it : items_)
      if (it.rule->op != Op::time && !(it.rule->op == Op::shift && it.rule->mode == "ref")) resolve(it);
    for (auto& it : items_)
      if (!it.done) resolve(it);
  }

 private:
  const std::string& document_note() const { return document_note_; }
  Tense tense(const Item& it) const { return tense_of_(it); }

  void fail(Item& it, std::string why) {
    it.value.reset();
    it.unresolved = std::move(why);
  }

  void set_day(Item& it, Ymd date, bool year_unknown) {
    it.point = true;
    it.year_unknown = year_unknown;
    it.day = days_from_civil(year_unknown ? Ymd{kPlaceholderYear, date.m, date.d} : date);
    if (!it.start) it.start = it.day;
  }

  void resolve(Item& it) {
    it.done = true;
    switch (it.rule->op) {
      case Op::literal: it.value = it.rule->mode; break;
      case Op::date: resolve_date(it); break;
      case Op::weekday: resolve_weekday(it); break;
      case Op::weekly: it.value = "XXXX-WXX-" + std::to_string(weekday(it)); break;
      case Op::dom: resolve_dom(it); break;
      case Op::shift: resolve_shift(it); break;
      case Op::period: resolve_period(it); break;
      case Op::time: resolve_time(it); break;
      case Op::election: resolve_election(it); break;
    }
  }

  int weekday(const Item& it) const {
    auto w = words_.weekdays.find(lower(it.group(Group::weekday)));
    return w == words_.weekdays.end() ? 1 : w->second;
  }

  // Year of a year-less day: nearest the anchor, a day against the tense counting 3x its
  // distance. A year-less month: the latest on or before the anchor's month in a past clause,
  // the earliest on or after it in a future one, else the nearest. Ties go backward, or forward
  // in a future clause.
  int nearest_year(int month, int day, Tense tense) const {
    int best = 0;
    long best_cost = 0;
    const bool future = tense == Tense::future;
    for (int y = anchor_->y - 1; y <= anchor_->y + 1; ++y) {
      if (day && !valid_date(y, month, day)) continue;
      const long distance = day ? days_from_civil({y, month, day}) - anchor_day_
                                : (y * 12L + month) - (anchor_->y * 12L + anchor_->m);
      const bool against = (tense == Tense::future && distance < 0) || (tense == Tense::past && distance > 0);
      if (!day && against) continue;
      const long cost = std::labs(distance) * (against ? kAgainstTense : 1);
      if (!best || cost < best_cost || (cost == best_cost && future)) best = y, best_cost = cost;
    }
    return best;
  }

  // The year of a month named relative to the anchor: this, last or next (else nearest).
  int relative_year(const std::string& mode, int month, int day, const Item& it) const {
    if (mode == "this") return anchor_->y;
    if (mode == "last") return month < anchor_->m ? anchor_->y : anchor_->y - 1;
    if (mode == "next") return month > anchor_->m ? anchor_->y : anchor_->y + 1;
    return nearest_year(month, day, tense(it));
  }

  std::optional<std::string> clock(const Item& it) const {
    if (it.has(Group::clock)) {
      auto c = words_.clocks.find(lower(it.group(Group::clock)));
      if (c != words_.clocks.end()) return c->second;
    }
    if (!it.has(Group::hour)) return std::nullopt;
    int hour = to_int(it.group(Group::hour));
    const int minute = it.has(Group::minute) ? to_int(it.group(Group::minute)) : 0;
    if (it.has(Group::ampm)) {
      if (hour < 1 || hour > 12) return std::nullopt;
      const bool pm = it.group(Group::ampm)[0] == 'p' || it.group(Group::ampm)[0] == 'P';
      hour = pm ? (hour % 12) + 12 : hour % 12;
    }
    if (hour > 23 || minute > 59) return std::nullopt;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", hour, minute);
    return std::string(buffer);
  }

  void resolve_date(Item& it) {
    const std::string& mode = it.rule->mode;
    const int year = it.has(Group::year) ? to_int(it.group(Group::year)) : 0;
    if (it.has(Group::decade)) {
      it.value = std::string(it.group(Group::decade));
      return;
    }
    const bool needs_year = !year;
    if (needs_year && !anchor_ && (it.has(Group::season) || !mode.empty())) return fail(it, "no document date");
    if (needs_year && anchor_) it.anchor = document_note();
    if (it.has(Group::season)) {
      const std::string code = words_.seasons.at(lower(it.group(Group::season)));
      const int first_month = code == "SP" ? 3 : code == "SU" ? 6 : code == "FA" ? 9 : 12;
      const int y = year ? year : relative_year(mode.empty() ? "this" : mode, first_month, 0, it);
      it.value = format_year(y) + "-" + code;
      it.point = true;
      it.start = days_from_civil({y, first_month, 1});
      return;
    }
    const int month = it.has(Group::month) ? read_month(words_, it.group(Group::month)) : 0;
    if (!month) {  // a year, or a span of years
      it.point = true;
      it.start = days_from_civil({year, 1, 1});
      std::string value = format_year(year);
      if (it.has(Group::year2)) {
        int year2 = to_int(it.group(Group::year2));
        if (year2 < 100) year2 += year / 100 * 100;
        value += "/" + format_year(year2);
      }
      it.value = value;
      return;
    }
    if (!it.has(Group::day)) {  // a month
      const int y = year ? year : anchor_ ? relative_year(mode, month, 0, it) : 0;
      it.value = format_month(y, month);
      it.point = true;
      if (y) it.start = days_from_civil({y, month, 1});
      return;
    }
    const int day = to_int(it.group(Group::day));
    const int y = year ? year : anchor_ ? relative_year(mode, month, day, it) : 0;
    if (!valid_date(y ? y : kPlaceholderYear, month, day)) return fail(it, "no such day");
    std::string value = format_day({y, month, day});
    set_day(it, {y, month, day}, y == 0);
    if (it.has(Group::day2)) {
      const int month2 = it.has(Group::month2) ? read_month(words_, it.group(Group::month2)) : month;
      const int day2 = to_int(it.group(Group::day2));
      const int y2 = y && (month2 < month || (month2 == month && day2 < day)) ? y + 1 : y;
      if (!valid_date(y2 ? y2 : kPlaceholderYear, month2, day2)) return fail(it, "no such day");
      value += "/" + format_day({y2, month2, day2});
      it.day = days_from_civil({y2 ? y2 : kPlaceholderYear, month2, day2});
    }
    if (it.has(Group::hour) || it.has(Group::clock)) {
      const auto time = clock(it);
      if (!time) return fail(it, "no such time");
      value += "T" + *time;
    }
    it.value = value;
  }

  void resolve_weekday(Item& it) {
    if (!anchor_) return fail(it, "no document date");
    const int target = weekday(it), today = weekday_of(anchor_day_);
    const bool forward = it.rule->mode == "next" || (it.rule->mode.empty() && tense(it) == Tense::future);
    int delta;
    if (forward) {
      delta = (target - today + 7) % 7;
      if (delta == 0) delta = 7;
    } else {
      delta = -((today - target + 7) % 7);
      if (delta == 0 && it.rule->mode == "last") delta = -7;
    }
    const Ymd date = civil_from_days(anchor_day_ + delta);
    it.value = format_day(date);
    it.anchor = document_note();
    set_day(it, date, false);
  }

  void resolve_dom(Item& it) {
    if (!anchor_) return fail(it, "no document date");
    const int day = to_int(it.group(Group::day));
    int shift = 0;
    const bool future = tense(it) == Tense::future;
    if (future && day < anchor_->d) shift = 1;
    if (!future && day > anchor_->d) shift = -1;
    Ymd month = add_months({anchor_->y, anchor_->m, 1}, shift);
    if (!valid_date(month.y, month.m, day)) return fail(it, "no such day");
    const Ymd date{month.y, month.m, day};
    it.value = format_day(date);
    it.anchor = document_note();
    set_day(it, date, false);
  }

  // A count argument: an integer, or "X" for a vague amount; nullopt when unreadable.
  std::optional<std::string> count(const Item& it, const Arg& arg) const {
    if (arg.group.empty()) return arg.literal;
    if (!it.has(arg.slot)) return std::string(arg.negate ? "-1" : "1");
    auto c = read_count(words_, it.group(arg.slot));
    if (c && arg.negate && *c != "X") c = std::to_string(-std::stoi(*c));
    return c;
  }

  std::optional<std::string> unit(const Item& it, const Arg& arg) const {
    if (arg.group.empty()) return arg.literal;
    auto u = words_.units.find(lower(it.group(arg.slot)));
    if (u == words_.units.end()) return std::nullopt;
    return u->second;
  }

  void resolve_period(Item& it) {
    const auto n = count(it, it.rule->count);
    const auto u = unit(it, it.rule->unit);
    if (!n || !u) return fail(it, "unreadable amount");
    const std::string& amount = *n;
    if (*u == "H") it.value = "PT" + amount + "H";
    else if (*u == "MIN") it.value = "PT" + amount + "M";
    else it.value = "P" + amount + *u;
  }

  // The value `n` units after `base`, at the rule's granularity.
  void shift_from(Item& it, int base, bool year_unknown, const std::string& note) {
    it.anchor = note;
    const auto n = count(it, it.rule->count);
    const auto u = unit(it, it.rule->unit);
    if (!n || !u) return fail(it, "unreadable amount");
    if (*n == "X") return fail(it, "the amount is vague");
    const int k = std::stoi(*n);
    const Ymd b = civil_from_days(base);
    Ymd r = b;
    if (*u == "D") r = civil_from_days(base + k);
    else if (*u == "W") r = civil_from_days(base + 7 * k);
    else if (*u == "M") r = add_months(b, k);
    else if (*u == "Y") r = add_months(b, 12 * k);
    else if (*u == "DE") r = add_months(b, 120 * k);
    else if (*u == "CE") r = add_months(b, 1200 * k);
    std::string g = it.rule->granularity;
    const bool small = *u == "D" || *u == "H" || *u == "MIN";
    if (g == "point") g = small || *u == "W" ? "D" : *u == "M" ? "M" : "Y";
    if (g == "unit") g = small ? "D" : *u == "CE" ? "Y" : *u;
    if (year_unknown && (r.y != kPlaceholderYear || g == "W" || g == "Y" || g == "DE"))
      return fail(it, "the year of its reference is unknown");
    const int y = year_unknown ? 0 : r.y;
    if (g == "D") {
      it.value = format_day({y, r.m, r.d});
      set_day(it, r, year_unknown);
    } else if (g == "W") {
      it.value = format_iso_week(days_from_civil(r));
      const int days = days_from_civil(r);
      it.point = true;
      it.start = days - weekday_of(days) + 1;
    } else if (g == "M") {
      it.value = format_month(y, r.m);
      it.point = true;
      it.start = days_from_civil({r.y, r.m, 1});
    } else if (g == "DE") {
      it.value = format_year(r.y).substr(0, 3);
    } else {
      it.value = format_year(r.y);
      it.point = true;
      it.start = days_from_civil({r.y, 1, 1});
    }
  }

  void resolve_shift(Item& it) {
    if (it.rule->mode == "anchor") {
      if (!anchor_) return fail(it, "no document date");
      return shift_from(it, anchor_day_, false, document_note());
    }
    it.point = true;  // an unresolved relative date still stops the search of later ones
    const Item* ref = reference(it);
    if (!ref) return fail(it, "no earlier date in its section");
    if (!ref->value) return fail(it, "its reference \"" + surface(*ref) + "\" is unresolved");
    if (!ref->day) {
      it.anchor = "narrative:" + *ref->value;
      return fail(it, "its reference \"" + surface(*ref) + "\" is not a single day");
    }
    shift_from(it, *ref->day, ref->year_unknown, "narrative:" + day_text(*ref));
  }

  void resolve_time(Item& it) {
    const auto time = clock(it);
    if (!time) return fail(it, "no such time");
    const Item* on = same_sentence_day(it);
    if (!on) on = reference(it);
    if (on && !on->day) on = nullptr;  // the narrative names no day: the document date's
    if (on) {
      it.anchor = "narrative:" + day_text(*on);
      it.value = day_text(*on) + "T" + *time;
      set_day(it, civil_from_days(*on->day), on->year_unknown);
      return;
    }
    if (!anchor_) return fail(it, "no date for this time");
    it.anchor = document_note();
    it.value = format_day(*anchor_) + "T" + *time;
    set_day(it, *anchor_, false);
  }

  void resolve_election(Item& it) {
    if (!anchor_) return fail(it, "no document date");
    const Election* e = election_near(rules_, anchor_day_);
    if (!e) return fail(it, "no election of the pack near the document date");
    std::optional<Ymd> date = e->election_day;
    if (it.rule->mode == "campaign_start") date = e->campaign_start;
    if (it.rule->mode == "campaign_end") date = e->campaign_end;
    if (!date) return fail(it, "the election calendar has no " + it.rule->mode + " for " + e->id);
    it.anchor = "pack:" + e->id;
    it.value = format_day(*date);
    set_day(it, *date, false);
  }

  std::string surface(const Item& it) const { return std::string(doc_.surface(it.span)); }

  std::string day_text(const Item& it) const {
    const Ymd d = civil_from_days(*it.day);
    return format_day({it.year_unknown ? 0 : d.y, d.m, d.d});
  }

  // A date of its own sentence for a lone time: the nearest day-precise one.
  const Item* same_sentence_day(const Item& it) const {
    if (it.sentence < 0) return nullptr;
    const Item* best = nullptr;
    long best_distance = 0;
    for (int j : by_sentence(it.sentence)) {
      const Item& other = items_[j];
      if (&other == &it || !other.done || !other.day || other.rule->op == Op::time) continue;
      const long distance = std::labs(static_cast<long>(other.span.begin) - static_cast<long>(it.span.begin));
      if (!best || distance < best_distance) best = &other, best_distance = distance;
    }
    return best;
  }

  bool usable_reference(const Item& ref, const Item& it) const {
    if (&ref == &it || !ref.point || !ref.done || ref.span.begin >= it.span.begin) return false;
    if (ref.quoted && !it.quoted) return false;
    const BlockKind kind = doc_.blocks[ref.block].kind;
    if (kind != BlockKind::body && ref.block != it.block) return false;
    // A date after the document date is not what narrative outside the future counts from.
    if (anchor_ && ref.start && !ref.year_unknown && *ref.start > anchor_day_ && tense(it) != Tense::future)
      return false;
    return true;
  }

  // The narrative reference: an earlier date of the same sentence, else the first date of the
  // nearest earlier body sentence of the same section that has one.
  const Item* reference(const Item& it) const {
    if (it.sentence < 0) return nullptr;
    const auto own = by_sentence(it.sentence);
    for (auto j = own.rbegin(); j != own.rend(); ++j)
      if (usable_reference(items_[*j], it)) return &items_[*j];
    if (doc_.blocks[it.block].kind != BlockKind::body) return nullptr;  // captions, titles: alone
    const int section = doc_.blocks[it.block].section;
    for (int s = it.sentence - 1; s >= 0; --s) {
      const Block& block = doc_.blocks[doc_.sentences[s].block];
      if (block.section != section) break;
      if (block.kind != BlockKind::body) continue;
      for (int j : by_sentence(s))
        if (usable_reference(items_[j], it)) return &items_[j];
    }
    return nullptr;
  }

  const Document& doc_;
  const DateWords& words_;
  const DateRuleSet& rules_;
  std::optional<Ymd> anchor_;
  int anchor_day_ = 0;
  std::string document_note_;  // "document:<anchor>"
  std::vector<Item>& items_;
  const TenseOf& tense_of_;
  std::vector<int> first_, in_sentence_;

  std::span<const int> by_sentence(int s) const {
    return std::span<const int>(in_sentence_.data() + first_[s], in_sentence_.data() + first_[s + 1]);
  }
};

}  // namespace

void resolve_items(const Document& doc, const DateRuleSet& rules, std::optional<Ymd> anchor,
                   std::vector<Item>& items, const TenseOf& tense_of) {
  Resolver(doc, rules, anchor, items, tense_of).run();
}

}  // namespace hustings::dates
