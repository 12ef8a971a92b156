#include "stages/dates/calendar.h"

#include <cstdio>

namespace hustings::dates {

// Howard Hinnant's algorithms (public domain), for the proleptic Gregorian calendar.
int days_from_civil(Ymd date) {
  const int y = date.y - (date.m <= 2);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (date.m + (date.m > 2 ? -3 : 9)) + 2) / 5 + date.d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Ymd civil_from_days(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2), m, d};
}

namespace {
int month_length(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}
}  // namespace

bool valid_date(int y, int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= month_length(y, m); }

int weekday_of(int days) {
  const int w = (days + 3) % 7;  // 1970-01-01 was a Thursday (3 with Monday = 0)
  return (w < 0 ? w + 7 : w) + 1;
}

Ymd add_months(Ymd date, int months) {
  int index = date.y * 12 + (date.m - 1) + months;
  const int y = index >= 0 ? index / 12 : (index - 11) / 12;
  const int m = index - y * 12 + 1;
  const int length = month_length(y, m);
  return {y, m, date.d > length ? length : date.d};
}

std::optional<Ymd> parse_iso_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() < 10) return std::nullopt;
  const std::string s(text.substr(0, 10));
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!valid_date(y, m, d)) return std::nullopt;
  return Ymd{y, m, d};
}

namespace {
// "-%02d", without printf for the usual values.
void append_dash2(std::string& out, int v) {
  if (v >= 0 && v <= 99) {
    const char digits[3] = {'-', static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
    out.append(digits, 3);
    return;
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "-%02d", v);
  out += buffer;
}
}  // namespace

std::string format_year(int y) {
  if (y == 0) return "XXXX";
  if (y > 0 && y <= 9999) {
    const char digits[4] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                            static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10)};
    return std::string(digits, 4);
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d", y);
  return buffer;
}

std::string format_month(int y, int m) {
  std::string out = format_year(y);
  append_dash2(out, m);
  return out;
}

std::string format_day(Ymd date) {
  std::string out = format_month(date.y, date.m);
  append_dash2(out, date.d);
  return out;
}

std::string format_iso_week(int days) {
  // The ISO year is the year of the week's Thursday.
  const int thursday = days - weekday_of(days) + 4;
  const Ymd t = civil_from_days(thursday);
  const int week = (thursday - days_from_civil({t.y, 1, 1})) / 7 + 1;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "-W%02d", week);
  return format_year(t.y) + buffer;
}

}  // namespace hustings::dates
