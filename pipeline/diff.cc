#include "pipeline/diff.h"

#include <algorithm>
#include <map>

namespace hustings {

namespace {

using json = nlohmann::json;

std::string str(const json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end() || it->is_null()) return "null";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string party_of(const json& record) {
  if (record.is_null()) return "";
  auto it = record.find("party");
  return it != record.end() && it->is_string() ? it->get<std::string>() : "";
}

// One line that says what a record states.
std::string describe(const std::string& type, const json& r) {
  if (r.is_null()) return "-";
  if (type == "party") return str(r, "name") + " (chair " + str(r, "chair") + ", program " + str(r, "program") + ")";
  if (type == "person") return str(r, "name") + " (" + str(r, "role") + ", " + str(r, "party") + ")";
  if (type == "date") return "\"" + str(r, "text") + "\" " + str(r, "span") + " = " + str(r, "value");
  if (type == "place") return "\"" + str(r, "text") + "\" " + str(r, "span") + " = " + str(r, "name");
  if (type == "event")
    return str(r, "actor") + " " + str(r, "action") + " at " + str(r, "place") + " on " + str(r, "date");
  if (type == "quote") {
    std::string text = str(r, "text");
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return "\"" + text + "\" by " + str(r, "speaker") + " (" + str(r, "date") + ", " + str(r, "place") + ")";
  }
  return r.dump();
}

}  // namespace

std::vector<FactChange> diff_records(const std::vector<json>& base, const std::vector<json>& now,
                                     const CompareOptions& options) {
  const CompareReport report = compare(base, now, options);
  std::vector<FactChange> changes;
  for (const TypeScore& ts : report.types) {
    if (!ts.in_overall) continue;
    for (const Finding& f : ts.findings) {
      FactChange c;
      c.change = f.kind == "missed" ? "dropped" : f.kind == "extra" ? "added" : "changed";
      c.type = f.type;
      c.base = f.gold;
      c.now = f.predicted;
      c.attributes = f.attributes;
      c.party = party_of(f.gold.is_null() ? f.predicted : f.gold);
      changes.push_back(std::move(c));
    }
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const FactChange& a, const FactChange& b) { return a.party < b.party; });
  return changes;
}

std::string diff_text(const std::vector<FactChange>& changes) {
  std::string out;
  std::string current = "\x01";
  for (const auto& c : changes) {
    if (c.party != current) {
      current = c.party;
      out += "== " + (current.empty() ? std::string("(no party)") : current) + "\n";
    }
    const char mark = c.change == "added" ? '+' : c.change == "dropped" ? '-' : '~';
    out += std::string("  ") + mark + " " + c.type + "\t";
    if (c.change == "changed") {
      std::string attrs;
      for (const auto& a : c.attributes) attrs += (attrs.empty() ? "" : ",") + a;
      out += describe(c.type, c.base) + "  ->  " + describe(c.type, c.now);
      if (!attrs.empty()) out += "  [" + attrs + "]";
    } else {
      out += describe(c.type, c.change == "added" ? c.now : c.base);
    }
    out += "\n";
  }
  return out;
}

std::string diff_jsonl(const std::vector<FactChange>& changes) {
  std::string out;
  for (const auto& c : changes) {
    nlohmann::ordered_json j;
    j["change"] = c.change;
    j["type"] = c.type;
    j["party"] = c.party.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.party);
    j["base"] = c.base;
    j["new"] = c.now;
    if (c.change == "changed") j["attributes"] = c.attributes;
    out += j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  }
  return out;
}

}  // namespace hustings
