// report: the corpus-wide sections — the parties and their fact sheets, and the score table
// (see report.h).
#include <algorithm>
#include <cstdio>
#include <set>

#include "pipeline/report.h"

namespace hustings {

namespace {

using json = nlohmann::json;

const char* const kPalette[] = {"#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#db2777",
                                "#0891b2", "#65a30d", "#ea580c", "#4f46e5", "#0d9488", "#9333ea"};


// A person's name folded for grouping ("Yerlan Koshanov" and "yerlan koshanov").
std::string person_key(const std::string& name) { return fold_name(name); }

}  // namespace

std::string field_text(const json& record, const char* key) {
  const auto it = record.find(key);
  if (it == record.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number() || it->is_boolean()) return it->dump();
  return {};
}

std::string doc_title(const ReportDocument& doc) {
  for (const json& r : doc.records)
    if (is_type(r, "document")) {
      const std::string title = field_text(r, "title");
      if (!title.empty()) return title;
      break;
    }
  return doc.id;
}

std::string excerpt(std::string_view text, size_t max_code_points) {
  const auto offsets = code_point_offsets(text);
  if (offsets.size() - 1 <= max_code_points) return std::string(text);
  std::string cut(text.substr(0, offsets[max_code_points]));
  while (!cut.empty() && cut.back() == ' ') cut.pop_back();
  return cut + "…";
}

// ---- parties ----------------------------------------------------------------------------------

std::string PartyIndex::name(const std::string& id) const {
  if (id.empty()) return "no party";
  const auto it = names.find(id);
  return it == names.end() ? id : it->second;
}

std::string PartyIndex::color(const std::string& id) const {
  const auto it = colors.find(id);
  return it == colors.end() ? "#64748b" : it->second;
}

std::string party_key(const json& value, const ReportPack* pack) {
  if (!value.is_string()) return {};
  const std::string& s = value.get_ref<const std::string&>();
  if (pack && !pack->party_names.count(s) && pack->resolve) {
    std::string id = pack->resolve("party", s);
    if (!id.empty()) return id;
  }
  return s;
}

PartyIndex index_parties(const std::vector<ReportDocument>& docs, const ReportPack* pack) {
  struct Tally {
    std::set<size_t> docs;
    int mentions = 0;
  };
  std::map<std::string, Tally> tally;
  PartyIndex index;
  for (size_t i = 0; i < docs.size(); ++i)
    for (const json& r : docs[i].records) {
      const std::string key = party_key(r.value("party", json()), pack);
      if (key.empty()) continue;
      Tally& t = tally[key];
      t.docs.insert(i);
      if (is_type(r, "party")) {
        if (const auto s = r.find("spans"); s != r.end() && s->is_array()) t.mentions += static_cast<int>(s->size());
        const std::string name = field_text(r, "name");
        if (!name.empty()) index.names.emplace(key, name);
      }
    }
  for (const auto& [key, t] : tally) {
    index.order.push_back(key);
    if (!index.names.count(key) && pack) {
      const auto it = pack->party_names.find(key);
      if (it != pack->party_names.end()) index.names.emplace(key, it->second);
    }
  }
  std::stable_sort(index.order.begin(), index.order.end(), [&](const std::string& a, const std::string& b) {
    const Tally &ta = tally[a], &tb = tally[b];
    if (ta.docs.size() != tb.docs.size()) return ta.docs.size() > tb.docs.size();
    if (ta.mentions != tb.mentions) return ta.mentions > tb.mentions;
    return index.name(a) < index.name(b);
  });
  for (size_t i = 0; i < index.order.size(); ++i)
    index.colors[index.order[i]] = kPalette[i % (sizeof kPalette / sizeof *kPalette)];
  return index;
}

namespace {

struct PersonRow {
  std::string name, role, role_text;
  std::set<size_t> docs;
};
struct EventRow {
  std::string date, action, actor, place;
  std::set<size_t> docs;
};
struct QuoteRow {
  std::string speaker, text, date, place;
  std::set<size_t> docs;
};
struct Sheet {
  std::map<std::string, std::map<std::string, std::set<size_t>>> facts;  // chair -> value -> docs
  std::vector<PersonRow> people;
  std::map<std::string, size_t> person_at;
  std::vector<EventRow> events;
  std::map<std::string, size_t> event_at;
  std::vector<QuoteRow> quotes;
  std::map<std::string, size_t> quote_at;
  std::set<size_t> docs;
  int mentions = 0;
};

template <typename Row>
Row& row_for(std::vector<Row>& rows, std::map<std::string, size_t>& at, const std::string& key) {
  const auto [it, fresh] = at.emplace(key, rows.size());
  if (fresh) rows.emplace_back();
  return rows[it->second];
}

std::string doc_link(size_t doc, const std::vector<ReportDocument>& docs) {
  return "<a href=\"#d" + std::to_string(doc) + "\" title=\"" + html_escape(doc_title(docs[doc])) + "\">" +
         std::to_string(doc + 1) + "</a>";
}

std::string docs_cell(const std::set<size_t>& in, const std::vector<ReportDocument>& docs) {
  if (docs.size() < 2 || in.empty()) return {};
  std::string out = " <span class=docs>";
  size_t shown = 0;
  for (const size_t d : in) {
    if (shown++ == 4) {
      out += " +" + std::to_string(in.size() - 4);
      break;
    }
    out += (shown > 1 ? " " : "") + doc_link(d, docs);
  }
  return out + "</span>";
}

std::string more_row(size_t total, size_t shown, int columns) {
  if (total <= shown) return {};
  return "<tr><td colspan=" + std::to_string(columns) + " class=more>+ " + std::to_string(total - shown) +
         " more</td></tr>";
}

}  // namespace

std::string party_sheets(const std::vector<ReportDocument>& docs, const PartyIndex& parties, const ReportPack* pack) {
  std::map<std::string, Sheet> sheets;
  for (size_t i = 0; i < docs.size(); ++i)
    for (const json& r : docs[i].records) {
      const std::string key = party_key(r.value("party", json()), pack);
      if (key.empty()) continue;
      Sheet& s = sheets[key];
      s.docs.insert(i);
      if (is_type(r, "party")) {
        if (const auto sp = r.find("spans"); sp != r.end() && sp->is_array()) s.mentions += static_cast<int>(sp->size());
        for (const char* fact : {"chair", "program", "slogan"}) {
          const std::string v = field_text(r, fact);
          if (!v.empty()) s.facts[fact][v].insert(i);
        }
      } else if (is_type(r, "person")) {
        const std::string name = field_text(r, "name");
        if (name.empty()) continue;
        PersonRow& p = row_for(s.people, s.person_at, person_key(name));
        if (p.name.empty()) p.name = name;
        if (p.role.empty()) p.role = field_text(r, "role");
        if (p.role_text.empty()) p.role_text = field_text(r, "role_text");
        p.docs.insert(i);
      } else if (is_type(r, "event")) {
        EventRow e{field_text(r, "date"), field_text(r, "action"), field_text(r, "actor"), field_text(r, "place"), {}};
        EventRow& row = row_for(s.events, s.event_at, e.date + '\t' + e.action + '\t' + e.actor + '\t' + e.place);
        if (row.docs.empty()) row = e;
        row.docs.insert(i);
      } else if (is_type(r, "quote")) {
        QuoteRow q{field_text(r, "speaker"), field_text(r, "text"), field_text(r, "date"), field_text(r, "place"), {}};
        QuoteRow& row = row_for(s.quotes, s.quote_at, q.speaker + '\t' + q.text);
        if (row.docs.empty()) row = q;
        row.docs.insert(i);
      }
    }
  if (sheets.empty()) return "<p class=empty>No party appears in the records.</p>";

  std::string out = "<div class=sheets>";
  for (const std::string& id : parties.order) {
    const auto found = sheets.find(id);
    if (found == sheets.end()) continue;
    Sheet& s = found->second;
    out += "<article class=sheet style=\"--party:" + parties.color(id) + "\" id=\"party-" + html_escape(id) + "\">";
    out += "<h3>" + html_escape(parties.name(id)) + " <small>" + html_escape(id) + "</small></h3><p class=meta>" +
           std::to_string(s.mentions) + " mentions · " + std::to_string(s.docs.size()) +
           (s.docs.size() == 1 ? " article" : " articles") + "</p><dl>";
    for (const char* fact : {"chair", "program", "slogan"}) {
      out += "<dt>" + std::string(fact) + "</dt><dd>";
      const auto f = s.facts.find(fact);
      if (f == s.facts.end()) {
        out += "<span class=none>not stated</span>";
      } else {
        bool first = true;
        for (const auto& [value, in] : f->second) {
          out += (first ? "" : "<br>") + html_escape(value) + docs_cell(in, docs);
          first = false;
        }
      }
      out += "</dd>";
    }
    out += "</dl>";

    if (!s.people.empty()) {
      out += "<h4>People</h4><ul class=people>";
      for (size_t k = 0; k < s.people.size() && k < 40; ++k) {
        const PersonRow& p = s.people[k];
        out += "<li><b>" + html_escape(p.name) + "</b>";
        if (!p.role.empty())
          out += " <span class=role title=\"" + html_escape(p.role_text) + "\">" + html_escape(p.role) + "</span>";
        out += docs_cell(p.docs, docs) + "</li>";
      }
      if (s.people.size() > 40) out += "<li class=more>+ " + std::to_string(s.people.size() - 40) + " more</li>";
      out += "</ul>";
    }

    if (!s.events.empty()) {
      // Dated events in date order, then the undated ones in order of appearance.
      std::stable_sort(s.events.begin(), s.events.end(), [](const EventRow& a, const EventRow& b) {
        bool aa = false, ab = false;
        const auto da = day_number(a.date, aa), db = day_number(b.date, ab);
        if (da.has_value() != db.has_value()) return da.has_value();
        if (da && db && *da != *db) return *da < *db;
        return false;
      });
      out += "<h4>Events</h4><table class=events><tr><th>date</th><th>action</th><th>place</th><th>actor</th></tr>";
      for (size_t k = 0; k < s.events.size() && k < 40; ++k) {
        const EventRow& e = s.events[k];
        out += "<tr><td class=nowrap>" + (e.date.empty() ? "<span class=none>undated</span>" : html_escape(e.date)) +
               "</td><td>" + html_escape(e.action) + "</td><td>" + html_escape(e.place) + "</td><td>" +
               html_escape(e.actor) + docs_cell(e.docs, docs) + "</td></tr>";
      }
      out += more_row(s.events.size(), 40, 4) + "</table>";
    }

    if (!s.quotes.empty()) {
      out += "<h4>Quotes</h4>";
      for (size_t k = 0; k < s.quotes.size() && k < 12; ++k) {
        const QuoteRow& q = s.quotes[k];
        std::string where;
        for (const std::string* part : {&q.date, &q.place})
          if (!part->empty()) where += (where.empty() ? "" : ", ") + html_escape(*part);
        out += "<blockquote>“" + html_escape(excerpt(q.text, 220)) + "”<cite>— " +
               (q.speaker.empty() ? "<span class=none>unattributed</span>" : html_escape(q.speaker)) +
               (where.empty() ? "" : " · " + where) + " · <a href=\"#d" + std::to_string(*q.docs.begin()) +
               "\">article " + std::to_string(*q.docs.begin() + 1) + "</a>" +
               (q.docs.size() > 1 ? " (+" + std::to_string(q.docs.size() - 1) + ")" : "") + "</cite></blockquote>";
      }
      if (s.quotes.size() > 12) out += "<p class=more>+ " + std::to_string(s.quotes.size() - 12) + " more quotes</p>";
    }
    out += "</article>";
  }
  return out + "</div>";
}

// ---- scores -----------------------------------------------------------------------------------

std::string score_table(const CompareReport& report) {
  const auto cell = [](double x) {
    return "<td class=num style=\"background:hsl(" + fixed(120 * x, 0) + " 70% 88%)\">" + fixed(x, 3) + "</td>";
  };
  std::string out =
      "<table class=scores><tr><th>type</th><th class=num>gold</th><th class=num>predicted</th><th class=num>"
      "matched</th><th class=num>strict</th><th class=num>right</th><th class=num>P</th><th class=num>R</th>"
      "<th class=num>F1</th><th>attribute accuracy</th></tr>";
  for (const TypeScore& ts : report.types) {
    std::string attrs;
    for (const auto& [name, a] : ts.attributes)
      attrs += (attrs.empty() ? "" : " · ") + html_escape(name) + " " + fixed(a.accuracy(), 2) + " <small>(" +
               std::to_string(a.right) + "/" + std::to_string(a.scored) + ")</small>";
    out += "<tr><td>" + html_escape(ts.type) + (ts.in_overall ? "" : "*") + "</td><td class=num>" +
           std::to_string(ts.gold) + "</td><td class=num>" + std::to_string(ts.predicted) + "</td><td class=num>" +
           std::to_string(ts.matched) + "</td><td class=num>" + (ts.spanned ? std::to_string(ts.strict) : "–") +
           "</td><td class=num>" + std::to_string(ts.right) + "</td>" + cell(ts.precision()) + cell(ts.recall()) +
           cell(ts.f1()) + "<td>" + attrs + "</td></tr>";
  }
  out += "<tr class=overall><td>overall</td><td colspan=5>micro average over the types; * not counted</td>" +
         cell(report.overall_precision) + cell(report.overall_recall) + cell(report.overall_f1) + "<td></td></tr>";
  return out + "</table><p class=note>Documents: gold " + std::to_string(report.gold_documents) + ", predicted " +
         std::to_string(report.predicted_documents) + ", ignored (absent from the gold) " +
         std::to_string(report.ignored_documents) + ".</p>";
}

}  // namespace hustings
