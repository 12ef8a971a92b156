// Calendar arithmetic for the dates stage: proleptic Gregorian days, ISO weeks, TIMEX3 strings.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hustings::dates {

struct Ymd {
  int y = 0, m = 0, d = 0;
  bool operator==(const Ymd&) const = default;
};

int days_from_civil(Ymd date);   // days since 1970-01-01
Ymd civil_from_days(int days);
bool valid_date(int y, int m, int d);
int weekday_of(int days);        // 1 = Monday ... 7 = Sunday
Ymd add_months(Ymd date, int months);  // clamps the day to the month's length

// "2023-03-04" -> date; nullopt when malformed.
std::optional<Ymd> parse_iso_date(std::string_view text);

std::string format_day(Ymd date);                // 2023-03-04 (year 0 prints XXXX)
std::string format_month(int y, int m);          // 2023-03
std::string format_year(int y);                  // 2023
std::string format_iso_week(int days);           // 2023-W09

}  // namespace hustings::dates
