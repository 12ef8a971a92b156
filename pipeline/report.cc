// report: the page (see report.h) — the articles with their highlighted mentions, the gold
// comparison marked in them, and the assembly of every section.
#include "pipeline/report.h"

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <set>
#include <unordered_map>

namespace hustings {

const std::vector<std::string> kReportTypes = {"party", "person", "date", "place", "quote"};

namespace {

using json = nlohmann::json;
using SpanPair = std::pair<int64_t, int64_t>;

const std::vector<std::string> kRecordTypes = {"party", "person", "date", "place", "event", "quote"};

// Tooltip texts, stored once for the whole page.
class TipTable {
 public:
  int add(const std::string& tip) {
    const auto [it, fresh] = index_.emplace(tip, static_cast<int>(tips_.size()));
    if (fresh) tips_.push_back(tip);
    return it->second;
  }
  const std::vector<std::string>& tips() const { return tips_; }

 private:
  std::vector<std::string> tips_;
  std::unordered_map<std::string, int> index_;
};

std::string type_of(const json& r) { return field_text(r, "type"); }

// A record's mention spans: "span", or each of "spans"; a malformed one becomes {-1, -1}.
std::vector<SpanPair> spans_of(const json& r) {
  const auto one = [](const json& s) -> SpanPair {
    if (s.is_array() && s.size() == 2 && s[0].is_number_integer() && s[1].is_number_integer())
      return {s[0].get<int64_t>(), s[1].get<int64_t>()};
    return {-1, -1};
  };
  std::vector<SpanPair> out;
  if (const auto it = r.find("span"); it != r.end() && !it->is_null()) out.push_back(one(*it));
  if (const auto it = r.find("spans"); it != r.end() && it->is_array())
    for (const json& s : *it) out.push_back(one(s));
  return out;
}

std::string line(const char* label, const std::string& value) {
  return value.empty() ? std::string() : "\n" + std::string(label) + ": " + value;
}

std::string record_tip(const json& r, const PartyIndex& parties, const ReportPack* pack) {
  const std::string type = type_of(r);
  const auto party = [&](const json& rec) {
    const std::string key = party_key(rec.value("party", json()), pack);
    return key.empty() ? std::string() : parties.name(key) + (parties.name(key) == key ? "" : " (" + key + ")");
  };
  std::string tip;
  if (type == "party") {
    tip = "Party · " + field_text(r, "name") + line("id", field_text(r, "party")) + line("chair", field_text(r, "chair")) +
          line("program", field_text(r, "program")) + line("slogan", field_text(r, "slogan"));
  } else if (type == "person") {
    std::string role = field_text(r, "role");
    if (!field_text(r, "role_text").empty()) role += (role.empty() ? "“" : " — “") + field_text(r, "role_text") + "”";
    std::string aliases;
    if (const auto a = r.find("aliases"); a != r.end() && a->is_array())
      for (const json& x : *a)
        if (x.is_string()) aliases += (aliases.empty() ? "" : ", ") + x.get<std::string>();
    tip = "Person · " + field_text(r, "name") + line("party", party(r)) + line("role", role) + line("aliases", aliases);
  } else if (type == "date") {
    const std::string value = field_text(r, "value");
    tip = "Date · " + (value.empty() ? "unresolved" : value) + line("kind", field_text(r, "kind")) +
          line("anchor", field_text(r, "anchor")) + line("why null", field_text(r, "unresolved"));
  } else if (type == "place") {
    tip = "Place · " + field_text(r, "name") + line("kind", field_text(r, "kind")) + line("id", field_text(r, "id")) +
          line("parent", field_text(r, "parent")) + line("region", place_region(r, pack));
  } else if (type == "quote") {
    const std::string speaker = field_text(r, "speaker");
    std::string flags;
    for (const char* flag : {"partial", "indirect"})
      if (r.value(flag, json()).is_boolean() && r.value(flag, json()).get<bool>()) flags += (flags.empty() ? "" : ", ") + std::string(flag);
    tip = "Quote · " + (speaker.empty() ? "no speaker" : speaker) + line("party", party(r)) +
          line("date", field_text(r, "date")) + line("place", field_text(r, "place")) + line("flags", flags);
  } else {
    tip = type;
  }
  return tip + line("rule", field_text(r, "rule"));
}

// One line describing a record, for the findings table.
std::string summarize(const json& r) {
  const std::string type = type_of(r);
  const auto arrow = [&](const char* a, const char* b) {
    const std::string to = field_text(r, b);
    return "“" + field_text(r, a) + "” → " + (to.empty() ? "null" : to);
  };
  if (type == "date") return arrow("text", "value");
  if (type == "place") return arrow("text", "name");
  if (type == "quote") {
    const std::string speaker = field_text(r, "speaker");
    return "“" + excerpt(field_text(r, "text"), 70) + "” — " + (speaker.empty() ? "no speaker" : speaker);
  }
  if (type == "event") {
    std::string out;
    for (const char* k : {"party", "action", "date", "place"})
      out += (out.empty() ? "" : " · ") + (field_text(r, k).empty() ? std::string("null") : field_text(r, k));
    return out;
  }
  if (type == "document") return "date " + field_text(r, "date");
  std::string out = field_text(r, "name");
  if (type == "person")
    for (const char* k : {"party", "role"})
      if (!field_text(r, k).empty()) out += " · " + field_text(r, k);
  return out;
}

std::string attribute_field(const std::string& type, const std::string& attribute) {
  return type == "place" && attribute == "place" ? "name" : attribute;
}

std::string wrong_note(const Finding& f) {
  std::string note;
  for (const std::string& a : f.attributes) {
    const std::string key = attribute_field(f.type, a);
    const std::string p = field_text(f.predicted, key.c_str()), g = field_text(f.gold, key.c_str());
    note += "\n✗ " + a + ": " + (p.empty() ? "null" : p) + " — gold: " + (g.empty() ? "null" : g);
  }
  return note.empty() ? "\n✗ differs from the gold" : note;
}

bool word_char(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Occurrences of the names (longest first, whole words, not overlapping) as code-point spans.
std::vector<SpanPair> locate(const std::string& text, const std::vector<size_t>& cps, std::vector<std::string> names) {
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::vector<std::pair<size_t, size_t>> found;
  for (const std::string& name : names) {
    if (name.size() < 3) continue;
    for (size_t pos = text.find(name); pos != std::string::npos; pos = text.find(name, pos + 1)) {
      const size_t end = pos + name.size();
      if ((pos > 0 && word_char(text[pos - 1])) || (end < text.size() && word_char(text[end]))) continue;
      const bool overlaps = std::any_of(found.begin(), found.end(), [&](const auto& f) { return pos < f.second && f.first < end; });
      if (!overlaps) found.emplace_back(pos, end);
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<SpanPair> spans;
  const auto cp_of = [&](size_t byte) { return static_cast<int64_t>(std::lower_bound(cps.begin(), cps.end(), byte) - cps.begin()); };
  for (const auto& [b, e] : found) spans.emplace_back(cp_of(b), cp_of(e));
  return spans;
}

// Names a missed gold party or person (without spans) may be written as.
std::vector<std::string> names_of(const json& gold, const ReportPack* pack) {
  std::vector<std::string> names{field_text(gold, "name")};
  if (const auto a = gold.find("aliases"); a != gold.end() && a->is_array())
    for (const json& x : *a)
      if (x.is_string()) names.push_back(x.get<std::string>());
  if (type_of(gold) == "party" && pack) {
    const std::string key = party_key(gold.value("party", json()), pack);
    if (const auto it = pack->party_aliases.find(key); it != pack->party_aliases.end())
      names.insert(names.end(), it->second.begin(), it->second.end());
  }
  return names;
}

struct Counts {
  std::map<std::string, int> mentions, missed, records, without_text;
  int invalid = 0, mismatched = 0, unmarked = 0;
};

struct ArticleContext {
  const PartyIndex& parties;
  const ReportPack* pack;
  TipTable& tips;
  Counts& counts;
  bool open;
};

// The gold findings of one document; `wrong` and `extra` index its records.
struct GoldFlags {
  std::map<size_t, const Finding*> wrong;
  std::set<size_t> extra;
  std::vector<const Finding*> missed, wrong_list;
  int extras = 0;
};

GoldFlags gold_flags(const ReportDocument& doc, const CompareReport* gold) {
  GoldFlags flags;
  if (!gold) return flags;
  // Findings carry copies of the predicted records: find them back by their JSON text.
  std::unordered_map<std::string, std::vector<size_t>> by_text;
  for (size_t k = 0; k < doc.records.size(); ++k) by_text[doc.records[k].dump()].push_back(k);
  for (const TypeScore& ts : gold->types)
    for (const Finding& f : ts.findings) {
      if (f.kind == "missed") flags.missed.push_back(&f);
      if (f.kind == "wrong") flags.wrong_list.push_back(&f);
      if (f.kind == "extra") ++flags.extras;
      if (f.predicted.is_null()) continue;
      const auto it = by_text.find(f.predicted.dump());
      if (it == by_text.end()) continue;
      for (const size_t k : it->second) {
        if (f.kind == "wrong") flags.wrong[k] = &f;
        if (f.kind == "extra") flags.extra.insert(k);
      }
    }
  return flags;
}

std::string two_decimals(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", x);
  return buf;
}

std::string findings_table(const CompareReport& gold, const GoldFlags& flags,
                           const std::vector<std::pair<const Finding*, bool>>& missed_rows, bool open) {
  std::string out = "<details class=findings" + std::string(open ? " open" : "") + "><summary>Against the gold: F1 " +
                    two_decimals(gold.overall_f1) + " · " + std::to_string(flags.missed.size()) + " missed · " +
                    std::to_string(flags.wrong_list.size()) + " wrong · " + std::to_string(flags.extras) +
                    " not in the gold</summary><table><tr><th>type</th><th>finding</th><th>gold</th><th>predicted</th></tr>";
  for (const auto& [f, marked] : missed_rows) {
    const bool mention = std::find(kReportTypes.begin(), kReportTypes.end(), f->type) != kReportTypes.end();
    out += "<tr><td>" + f->type + "</td><td class=kind>missed" +
           (marked || !mention ? "" : " <small>(not found in the text)</small>") + "</td><td>" +
           html_escape(summarize(f->gold)) + "</td><td></td></tr>";
  }
  for (const Finding* f : flags.wrong_list) {
    std::string attrs;
    for (const auto& a : f->attributes) attrs += (attrs.empty() ? "" : ", ") + a;
    std::string diff = wrong_note(*f);
    const std::string bullet = "\n✗ ";
    for (size_t at; (at = diff.find(bullet)) != std::string::npos;) diff.replace(at, bullet.size(), at ? "; " : "");
    out += "<tr><td>" + f->type + "</td><td class=kind>wrong " + html_escape(attrs) + "</td><td>" +
           html_escape(summarize(f->gold)) + "</td><td>" + html_escape(diff) + "</td></tr>";
  }
  return out + "</table></details>";
}

std::string article(size_t n, const ReportDocument& doc, const CompareReport* gold, ArticleContext& cx,
                    std::vector<int>& order) {
  const GoldFlags flags = gold_flags(doc, gold);
  const auto& wrong = flags.wrong;
  const auto& extra = flags.extra;
  std::vector<size_t> cps;
  if (doc.text) cps = code_point_offsets(*doc.text);
  const int64_t length = doc.text ? static_cast<int64_t>(cps.size() - 1) : 0;
  const auto valid = [&](const SpanPair& s) { return s.first >= 0 && s.second <= length && s.first < s.second; };
  std::vector<Mention> mentions;
  std::map<std::string, int> per_type;
  int doc_mismatched = 0, doc_invalid = 0, spanless = 0;
  for (size_t k = 0; k < doc.records.size(); ++k) {
    const json& r = doc.records[k];
    const std::string type = type_of(r);
    ++per_type[type];
    if (std::find(kReportTypes.begin(), kReportTypes.end(), type) == kReportTypes.end()) continue;
    std::string tip = record_tip(r, cx.parties, cx.pack);
    if (const auto w = wrong.find(k); w != wrong.end()) tip += wrong_note(*w->second);
    if (extra.count(k)) tip += "\n(not in the gold)";
    const int tip_index = cx.tips.add(tip);
    const std::vector<SpanPair> spans = spans_of(r);
    if (spans.empty() && (type == "party" || type == "person")) ++spanless;
    for (const SpanPair& s : spans) {
      if (!doc.text) {
        ++cx.counts.without_text[type];
        continue;
      }
      if (!valid(s)) {
        ++doc_invalid;
        continue;
      }
      ++cx.counts.mentions[type];
      Mention m{s.first, s.second, type, false, wrong.count(k) > 0, extra.count(k) > 0, tip_index, {}};
      if (type == "quote") m.who = field_text(r, "speaker");
      const std::string said = field_text(r, "text");
      if ((type == "date" || type == "place") && !said.empty() &&
          doc.text->compare(cps[size_t(s.first)], cps[size_t(s.second)] - cps[size_t(s.first)], said) != 0)
        ++doc_mismatched;
      mentions.push_back(std::move(m));
    }
  }
  // Missed gold mentions: their spans, or for parties and people the places their names occur.
  std::vector<std::pair<const Finding*, bool>> missed_rows;  // finding, marked in the text
  for (const Finding* f : flags.missed) {
    bool marked = false;
    if (doc.text && std::find(kReportTypes.begin(), kReportTypes.end(), f->type) != kReportTypes.end()) {
      std::vector<SpanPair> spans = spans_of(f->gold);
      if (spans.empty() && (f->type == "party" || f->type == "person"))
        spans = locate(*doc.text, cps, names_of(f->gold, cx.pack));
      const int tip = cx.tips.add("✗ Missed gold " + f->type + "\n" + record_tip(f->gold, cx.parties, cx.pack));
      for (const SpanPair& s : spans) {
        if (!valid(s)) continue;
        ++cx.counts.missed[f->type];
        mentions.push_back(Mention{s.first, s.second, f->type, true, false, false, tip, {}});
        marked = true;
      }
    }
    const bool mention = std::find(kReportTypes.begin(), kReportTypes.end(), f->type) != kReportTypes.end();
    if (!marked && mention) ++cx.counts.unmarked;
    missed_rows.emplace_back(f, marked);
  }
  cx.counts.invalid += doc_invalid;
  cx.counts.mismatched += doc_mismatched;
  for (const auto& [type, count] : per_type) cx.counts.records[type] += count;

  const std::string title = doc_title(doc);
  std::string out = "<section class=\"block doc\" id=\"d" + std::to_string(n) + "\" data-n=\"" + std::to_string(n) +
                    "\"><h3><span class=docno>" + std::to_string(n + 1) + "</span>" + html_escape(title) + "</h3>";
  std::string meta = "id " + html_escape(doc.id);
  for (const json& r : doc.records)
    if (type_of(r) == "document") {
      for (const char* k : {"date", "dateline", "source"})
        if (!field_text(r, k).empty())
          meta += std::string(" · ") + k + " " + html_escape(field_text(r, k)) +
                  (std::string(k) == "date" && !field_text(r, "date_source").empty()
                       ? " <small>(" + html_escape(field_text(r, "date_source")) + ")</small>"
                       : "");
      break;
    }
  out += "<p class=meta>" + meta + "</p><p>";
  for (const std::string& type : kRecordTypes)
    out += "<span class=\"chip k-" + type + "\">" + type + " records <b>" + std::to_string(per_type[type]) + "</b></span>";
  out += "</p>";
  if (doc.error) out += "<p class=error>Extraction failed: " + html_escape(*doc.error) + "</p>";
  if (spanless)
    out += "<p class=note>" + std::to_string(spanless) +
           " party or person records carry no spans (as gold records do): they are in the fact sheets, not in the text.</p>";
  if (doc_invalid)
    out += "<p class=warn>" + std::to_string(doc_invalid) + " spans lie outside the text or are malformed: not shown.</p>";
  if (doc_mismatched)
    out += "<p class=warn>" + std::to_string(doc_mismatched) +
           " spans do not cover their record's text: is this the text the records were extracted from?</p>";
  if (gold) out += findings_table(*gold, flags, missed_rows, cx.open);
  if (!doc.text) {
    out += "<p class=empty>The text of this document is not available (give it with --text): its mentions are not shown.</p>";
  } else {
    int invalid = 0;
    const std::string body = highlight(*doc.text, mentions, order, invalid);
    int shown = 0, marked_missed = 0;
    for (const Mention& m : mentions) (m.missed ? marked_missed : shown)++;
    out += "<details" + std::string(cx.open ? " open" : "") + "><summary>text · " + std::to_string(shown) + " mentions" +
           (gold ? " · " + std::to_string(marked_missed) + " missed" : "") + "</summary><div class=text>" + body +
           "</div></details>";
  }
  return out + "</section>";
}

std::string chip_counts(const Counts& c, const std::string& type) {
  const auto get = [](const std::map<std::string, int>& m, const std::string& k) {
    const auto it = m.find(k);
    return it == m.end() ? 0 : it->second;
  };
  return "<label class=\"chip k-" + type + "\"><input type=checkbox checked data-toggle=" + type + "> " + type +
         " <b>" + std::to_string(get(c.mentions, type)) + "</b> mentions · " + std::to_string(get(c.records, type)) +
         " records</label>";
}

}  // namespace

std::string render_report(const std::vector<ReportDocument>& docs, const ReportOptions& options, ReportStats* stats) {
  const ReportPack* pack = options.pack;
  const PartyIndex parties = index_parties(docs, pack);
  CompareOptions compare_options;
  if (pack) compare_options.resolve = pack->resolve;

  // The comparison: over the documents of the report, and per document for the marks.
  std::optional<CompareReport> overall;
  std::vector<std::optional<CompareReport>> per_doc(docs.size());
  std::set<std::string> gold_elsewhere;
  if (options.gold) {
    std::set<std::string> ids;
    for (const auto& d : docs) ids.insert(d.id);
    std::map<std::string, std::vector<json>> gold_by_doc;
    std::vector<json> gold_in, predicted;
    for (const json& g : *options.gold) {
      const std::string doc = field_text(g, "doc");
      if (!ids.count(doc)) {
        gold_elsewhere.insert(doc);
        continue;
      }
      gold_in.push_back(g);
      gold_by_doc[doc].push_back(g);
    }
    for (const auto& d : docs) predicted.insert(predicted.end(), d.records.begin(), d.records.end());
    overall = compare(gold_in, predicted, compare_options);
    for (size_t i = 0; i < docs.size(); ++i)
      if (const auto it = gold_by_doc.find(docs[i].id); it != gold_by_doc.end())
        per_doc[i] = compare(it->second, docs[i].records, compare_options);
  }

  TipTable tips;
  Counts counts;
  for (const std::string& t : kReportTypes) counts.mentions[t] = counts.missed[t] = 0;
  ArticleContext cx{parties, pack, tips, counts, docs.size() <= 3};
  json order_lists = json::array();
  std::string articles;
  for (size_t i = 0; i < docs.size(); ++i) {
    std::vector<int> order;
    articles += article(i, docs[i], per_doc[i] ? &*per_doc[i] : nullptr, cx, order);
    order_lists.push_back(order);
  }

  std::string index;
  if (docs.size() > 1) {
    index = "<section class=block id=index><h2>Articles</h2><table><tr><th class=num>#</th><th>article</th><th>date</th>";
    for (const std::string& t : kRecordTypes) index += "<th class=num>" + t + "</th>";
    if (overall) index += "<th class=num>F1</th>";
    index += "</tr>";
    for (size_t i = 0; i < docs.size(); ++i) {
      std::map<std::string, int> n;
      std::string date;
      for (const json& r : docs[i].records) {
        ++n[type_of(r)];
        if (type_of(r) == "document") date = field_text(r, "date");
      }
      index += "<tr><td class=num>" + std::to_string(i + 1) + "</td><td><a href=\"#d" + std::to_string(i) + "\">" +
               html_escape(doc_title(docs[i])) + "</a> <small class=meta>" + html_escape(docs[i].id) + "</small>" +
               (docs[i].error ? "<div class=error>" + html_escape(*docs[i].error) + "</div>" : "") +
               "</td><td class=nowrap>" + html_escape(date) + "</td>";
      for (const std::string& t : kRecordTypes) index += "<td class=num>" + std::to_string(n[t]) + "</td>";
      if (overall)
        index += per_doc[i] ? "<td class=num>" + two_decimals(per_doc[i]->overall_f1) + "</td>" : "<td></td>";
      index += "</tr>";
    }
    index += "</table></section>";
  }

  json record_counts;
  record_counts["documents"] = docs.size();
  record_counts["mentions"] = counts.mentions;
  record_counts["missed"] = counts.missed;
  record_counts["records"] = counts.records;
  record_counts["invalid_spans"] = counts.invalid;
  record_counts["mismatched_spans"] = counts.mismatched;
  record_counts["without_text"] = counts.without_text;
  record_counts["unmarked_missed"] = counts.unmarked;

  int mention_total = 0;
  for (const auto& [t, c] : counts.mentions) mention_total += c;
  std::string out =
      "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><meta name=viewport content=\"width=device-width,"
      "initial-scale=1\"><meta http-equiv=Content-Security-Policy content=\"default-src 'none'; style-src "
      "'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\"><link rel=icon href=\"data:,\"><title>" +
      html_escape(options.title) + "</title><style>" + std::string(report_css()) + "</style></head><body>";
  out += "<header class=top><h1>" + html_escape(options.title) + "</h1><p>" + std::to_string(docs.size()) +
         (docs.size() == 1 ? " article" : " articles") + " · " + std::to_string(parties.order.size()) + " parties · " +
         std::to_string(mention_total) + " highlighted mentions · hustings " + HUSTINGS_VERSION + "</p></header><nav>";
  out += "<a href=\"#summary\">Summary</a>";
  if (overall) out += "<a href=\"#scores\">Scores</a>";
  if (docs.size() > 1) out += "<a href=\"#index\">Articles</a>";
  out += "<a href=\"#timeline\">Timeline</a><a href=\"#parties\">Parties</a><a href=\"#places\">Places</a>";
  if (!docs.empty()) out += "<a href=\"#d0\">Texts</a>";
  out += "<a href=\"#checks\">Checks</a></nav><main>";

  out += "<section class=block id=summary><h2>Summary</h2><div class=legend>";
  for (const std::string& t : kReportTypes) out += chip_counts(counts, t);
  out += "<span class=\"chip\">event <b>" + std::to_string(counts.records["event"]) + "</b> records</span>";
  if (overall) {
    int missed = 0;
    for (const auto& [t, c] : counts.missed) missed += c;
    out += "<br><span class=\"chip k-miss\">missed gold mention <b>" + std::to_string(missed) +
           "</b></span><span class=\"chip k-wrong\">≠ wrong value</span><span class=\"chip k-extra\">not in the gold</span>";
  }
  out += "</div><p class=note>Hover a highlighted mention to see its record (canonical name, normalized value, "
         "parent, rule). Untick a type to hide its highlighting.</p></section>";
  if (overall) {
    out += "<section class=block id=scores><h2>Scores against the gold</h2>" + score_table(*overall);
    if (!gold_elsewhere.empty())
      out += "<p class=note>" + std::to_string(gold_elsewhere.size()) +
             " gold documents are not in this report and were left out.</p>";
    out += "</section>";
  }
  out += index;
  out += "<section class=block id=timeline><h2>Campaign timeline</h2>" + timeline_svg(docs, parties, pack) + "</section>";
  out += "<section class=block id=parties><h2>Parties</h2>" + party_sheets(docs, parties, pack) + "</section>";
  out += "<section class=block id=places><h2>Places by region</h2>" + place_table(docs, pack) + "</section>";
  out += articles;
  out += "<section class=block id=checks><h2>Checks</h2><p id=check-status>The page's script did not run.</p>";
  if (counts.invalid || counts.mismatched || counts.unmarked)
    out += "<p class=warn>" + std::to_string(counts.invalid) + " invalid spans, " + std::to_string(counts.mismatched) +
           " spans not matching their record's text, " + std::to_string(counts.unmarked) +
           " missed gold records not found in a text.</p>";
  out += "<p class=note>Counts the records give (record-counts) and counts of the highlighted elements on this page "
         "(dom-counts, computed by the page's script after it loads):</p><script type=\"application/json\" "
         "id=\"record-counts\">" + script_json(record_counts) + "</script><pre>" + html_escape(record_counts.dump()) +
         "</pre><pre id=\"dom-counts\"></pre></section></main>";
  json tip_data;
  tip_data["t"] = tips.tips();
  tip_data["d"] = std::move(order_lists);
  out += "<script type=\"application/json\" id=\"tips\">" + script_json(tip_data) + "</script><script>" +
         std::string(report_js()) + "</script></body></html>\n";

  if (stats) {
    *stats = ReportStats{};
    stats->mentions = counts.mentions;
    stats->missed = counts.missed;
    stats->invalid_spans = counts.invalid;
    stats->mismatched_spans = counts.mismatched;
    stats->unmarked_missed = counts.unmarked;
    stats->bytes = out.size();
  }
  return out;
}

}  // namespace hustings
