// report: the drawn sections — the campaign timeline (SVG, one lane per party) and the place
// table by region (see report.h).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>

#include "pipeline/report.h"

namespace hustings {

namespace {

using json = nlohmann::json;

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};


// Days since 1970-01-01 (H. Hinnant's days_from_civil) and back.
long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

long civil_from_days(long z, int& m, int& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return static_cast<long>(yoe) + era * 400 + (m <= 2);
}

bool digits(const std::string& s, size_t from, size_t n) {
  if (s.size() < from + n) return false;
  for (size_t i = from; i < from + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// "Mar 1", or "Mar 2023" on an axis of several years.
std::string date_label(long day, bool long_axis) {
  int m = 1, d = 1;
  const long year = civil_from_days(day, m, d);
  return std::string(kMonths[m - 1]) + ' ' + (long_axis ? std::to_string(year) : std::to_string(d));
}

}  // namespace

std::optional<long> day_number(const std::string& value, bool& approximate) {
  approximate = false;
  if (!digits(value, 0, 4) || value.size() < 7 || value[4] != '-') return std::nullopt;
  const long y = std::stol(value.substr(0, 4));
  if (value.size() == 8 && value[5] == 'W' && digits(value, 6, 2)) {
    // ISO week: its Thursday (week 1 holds January 4).
    const int week = std::stoi(value.substr(6, 2));
    if (week < 1 || week > 53) return std::nullopt;
    const long jan4 = days_from_civil(y, 1, 4);
    const long monday1 = jan4 - ((jan4 + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
    approximate = true;
    return monday1 + 7 * (week - 1) + 3;
  }
  if (!digits(value, 5, 2)) return std::nullopt;
  const unsigned m = static_cast<unsigned>(std::stoi(value.substr(5, 2)));
  if (m < 1 || m > 12) return std::nullopt;
  if (value.size() >= 10 && value[7] == '-' && digits(value, 8, 2)) {
    const unsigned d = static_cast<unsigned>(std::stoi(value.substr(8, 2)));
    if (d < 1 || d > 31) return std::nullopt;
    return days_from_civil(y, m, d);
  }
  if (value.size() != 7) return std::nullopt;
  approximate = true;
  return days_from_civil(y, m, 15);
}

// ---- timeline ---------------------------------------------------------------------------------

std::string timeline_svg(const std::vector<ReportDocument>& docs, const PartyIndex& parties,
                         const ReportPack* pack) {
  struct Group {
    std::map<std::string, std::set<size_t>> lines;  // event line -> articles reporting it
    bool approximate = false;
  };
  std::vector<std::string> lanes;
  for (const std::string& id : parties.order) lanes.push_back(id);
  lanes.push_back("");  // events without a party
  std::map<std::tuple<size_t, long, bool>, Group> dated;
  std::map<size_t, Group> undated;
  std::set<size_t> used;
  long first = 0, last = 0;
  bool any_dated = false;
  for (size_t i = 0; i < docs.size(); ++i)
    for (const json& r : docs[i].records) {
      if (!is_type(r, "event")) continue;
      const std::string key = party_key(r.value("party", json()), pack);
      size_t lane = std::find(lanes.begin(), lanes.end(), key) - lanes.begin();
      if (lane == lanes.size()) lane = lanes.size() - 1;
      used.insert(lane);
      const std::string date = field_text(r, "date");
      std::string line = (date.empty() ? "undated" : date) + " · " + field_text(r, "action");
      for (const char* part : {"place", "actor"})
        if (!field_text(r, part).empty()) line += " · " + field_text(r, part);
      bool approximate = false;
      const auto day = day_number(date, approximate);
      Group& g = day ? dated[{lane, *day, approximate}] : undated[lane];
      g.lines[line].insert(i);
      g.approximate = approximate;
      if (day) {
        first = any_dated ? std::min(first, *day) : *day;
        last = any_dated ? std::max(last, *day) : *day;
        any_dated = true;
      }
    }
  if (used.empty()) return "<p class=empty>No event records: nothing to draw.</p>";

  std::vector<size_t> shown(used.begin(), used.end());
  const int width = 1100, label = 190, right = 90, top = 34, lane_h = 34;
  const int x0 = label + 16, x1 = width - right - 16;
  const int height = top + lane_h * static_cast<int>(shown.size()) + 12;
  if (first == last) {
    first -= 3;
    last += 3;
  } else {
    first -= 1;
    last += 1;
  }
  const auto x_of = [&](long day) { return x0 + (x1 - x0) * double(day - first) / double(last - first); };
  std::string svg = "<svg class=timeline viewBox=\"0 0 " + std::to_string(width) + ' ' + std::to_string(height) +
                    "\" role=img aria-label=\"Campaign timeline: events by date, one lane per party\">";
  // Lanes.
  for (size_t k = 0; k < shown.size(); ++k) {
    const int y = top + lane_h * static_cast<int>(k);
    const std::string& id = lanes[shown[k]];
    if (k % 2 == 0)
      svg += "<rect x=0 y=" + std::to_string(y) + " width=" + std::to_string(width) + " height=" +
             std::to_string(lane_h) + " fill=\"#f8fafc\"/>";
    svg += "<rect x=8 y=" + std::to_string(y + lane_h / 2 - 5) + " width=10 height=10 rx=2 fill=\"" +
           parties.color(id) + "\"/><text x=24 y=" + std::to_string(y + lane_h / 2 + 4) + " class=lane>" +
           html_escape(excerpt(parties.name(id), 26)) + "</text>";
  }
  // Date axis: about a dozen ticks.
  const long span = last - first;
  const long step = std::max(1L, (span + 11) / 12);
  for (long d = first + (span > 8 ? 1 : 0); d <= last; d += step) {
    const std::string x = fixed(x_of(d), 1);
    svg += "<line x1=" + x + " x2=" + x + " y1=" + std::to_string(top - 6) + " y2=" + std::to_string(height - 8) +
           " class=grid /><text x=" + x + " y=" + std::to_string(top - 12) + " class=tick>" + date_label(d, span > 240) +
           "</text>";
  }
  const int ux = width - right / 2 - 8;
  svg += "<text x=" + std::to_string(ux) + " y=" + std::to_string(top - 12) + " class=tick>undated</text>";
  const auto dot = [&](double x, size_t lane, const Group& g, bool hollow) {
    const int y = top + lane_h * static_cast<int>(std::find(shown.begin(), shown.end(), lane) - shown.begin()) + lane_h / 2;
    const size_t n = g.lines.size();
    const double r = std::min(13.0, 5.5 + 2.5 * std::log2(double(n)));
    const std::string color = parties.color(lanes[lane]);
    std::string title;
    size_t listed = 0;
    for (const auto& [line, in] : g.lines) {
      if (listed++ == 12) {
        title += "\n+ " + std::to_string(n - 12) + " more";
        break;
      }
      title += (title.empty() ? "" : "\n") + line + (in.size() > 1 ? " (" + std::to_string(in.size()) + " articles)" : "");
    }
    std::string out = "<g class=ev><title>" + html_escape(title) + "</title><circle cx=" + fixed(x, 1) +
                      " cy=" + std::to_string(y) + " r=" + fixed(r, 1) + " fill=\"" + (hollow ? "#fff" : color) +
                      "\" stroke=\"" + color + "\" stroke-width=2 />";
    if (n > 1)
      out += "<text x=" + fixed(x, 1) + " y=" + std::to_string(y + 4) + " class=\"n" + (hollow ? " dark" : "") + "\">" +
             std::to_string(n) + "</text>";
    return out + "</g>";
  };
  for (const auto& [key, g] : dated) svg += dot(x_of(std::get<1>(key)), std::get<0>(key), g, g.approximate);
  for (const auto& [lane, g] : undated) svg += dot(ux, lane, g, true);
  svg += "</svg><p class=note>One dot per event (a number: several events that day; hollow: the date is only a month, "
         "or the event is undated). Hover a dot for its events.</p>";
  return svg;
}

// ---- places -----------------------------------------------------------------------------------

const PlaceEntry* ReportPack::place(const std::string& id) const {
  const auto it = place_by_id.find(id);
  return it == place_by_id.end() ? nullptr : &places[it->second];
}

std::string place_region(const json& record, const ReportPack* pack) {
  const std::string parent = field_text(record, "parent");
  if (!pack || pack->places.empty()) return parent.empty() ? "Unresolved" : parent;
  const PlaceEntry* entry = pack->place(field_text(record, "id"));
  for (const char* key : {"name", "text"})
    if (!entry && pack->resolve) entry = pack->place(pack->resolve("place", field_text(record, key)));
  if (!entry && !parent.empty() && pack->resolve) entry = pack->place(pack->resolve("place", parent));
  if (!entry) return "Unresolved";
  std::vector<const PlaceEntry*> chain{entry};
  while (chain.size() < 16 && !chain.back()->parent.empty()) {
    const PlaceEntry* up = pack->place(chain.back()->parent);
    if (!up) break;
    chain.push_back(up);
  }
  for (const PlaceEntry* p : chain)
    if (p->kind == "region") return p->name;
  const auto country = std::find_if(chain.begin(), chain.end(), [](const PlaceEntry* p) { return p->kind == "country"; });
  if (country == chain.end()) return "Other: " + chain.back()->name;
  const auto& home = pack->home_countries;
  if (std::find(home.begin(), home.end(), (*country)->id) == home.end()) return "Abroad: " + (*country)->name;
  if (country == chain.begin()) return (*country)->name + " (country-wide)";
  return (*(country - 1))->name;
}

std::string place_table(const std::vector<ReportDocument>& docs, const ReportPack* pack) {
  struct Region {
    int mentions = 0;
    std::set<size_t> docs;
    std::map<std::string, int> places;
  };
  std::map<std::string, Region> regions;
  int total = 0;
  for (size_t i = 0; i < docs.size(); ++i)
    for (const json& r : docs[i].records) {
      if (!is_type(r, "place")) continue;
      Region& region = regions[place_region(r, pack)];
      ++region.mentions;
      ++total;
      region.docs.insert(i);
      std::string name = field_text(r, "name");
      if (name.empty()) name = field_text(r, "text");
      ++region.places[name];
    }
  if (regions.empty()) return "<p class=empty>No place records.</p>";
  std::vector<std::pair<std::string, const Region*>> rows;
  int most = 1;
  for (const auto& [label, region] : regions) {
    rows.emplace_back(label, &region);
    most = std::max(most, region.mentions);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second->mentions > b.second->mentions; });
  std::string out = "<table class=places><tr><th>region</th><th class=num>mentions</th><th></th><th>places</th>" +
                    std::string(docs.size() > 1 ? "<th class=num>articles</th>" : "") + "</tr>";
  for (const auto& [label, region] : rows) {
    std::vector<std::pair<std::string, int>> names(region->places.begin(), region->places.end());
    std::stable_sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string list;
    for (size_t k = 0; k < names.size() && k < 12; ++k)
      list += (k ? ", " : "") + html_escape(names[k].first) +
              (names[k].second > 1 ? " <small>×" + std::to_string(names[k].second) + "</small>" : "");
    if (names.size() > 12) list += ", +" + std::to_string(names.size() - 12) + " more";
    const double w = 150.0 * region->mentions / most;
    out += "<tr><td>" + html_escape(label) + "</td><td class=num>" + std::to_string(region->mentions) +
           "</td><td><svg width=150 height=12 class=bar><rect width=" + fixed(std::max(w, 2.0), 1) +
           " height=12 rx=2 /></svg></td><td>" + list + "</td>" +
           (docs.size() > 1 ? "<td class=num>" + std::to_string(region->docs.size()) + "</td>" : "") + "</tr>";
  }
  return out + "</table><p class=note>" + std::to_string(total) +
         " place mentions, grouped by the region of the gazetteer entry each resolves to.</p>";
}

}  // namespace hustings
