// compare — scores predicted records against gold records (SPEC.md, "Compare"). See compare.h.
#include "pipeline/compare.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include <utf8proc.h>

#include "pipeline/utf8.h"

namespace hustings {

namespace {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Ratios (conventions documented in compare.h).

double ratio(int right, int denominator, int other_side) {
  if (denominator > 0) return double(right) / denominator;
  return other_side == 0 ? 1.0 : 0.0;
}

double harmonic(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

// ---------------------------------------------------------------------------------------------
// Field access.

bool is_optional(const json& record) {
  auto it = record.find("optional");
  return it != record.end() && it->is_boolean() && it->get<bool>();
}

std::optional<std::pair<long, long>> span_of(const json& record) {
  auto it = record.find("span");
  if (it == record.end() || !it->is_array() || it->size() != 2) return std::nullopt;
  const json& a = (*it)[0];
  const json& b = (*it)[1];
  if (!a.is_number_integer() || !b.is_number_integer()) return std::nullopt;
  long s = a.get<long>(), e = b.get<long>();
  if (e < s) return std::nullopt;
  return std::make_pair(s, e);
}

const json& field(const json& record, const char* key) {
  static const json null_value;
  auto it = record.find(key);
  return it == record.end() ? null_value : *it;
}

bool truthy(const json& v) { return v.is_boolean() ? v.get<bool>() : false; }

// A string that folds to nothing counts as null.
std::optional<std::string> folded(const json& v) {
  if (!v.is_string()) return std::nullopt;
  std::string f = fold_name(v.get_ref<const std::string&>());
  if (f.empty()) return std::nullopt;
  return f;
}

// ---------------------------------------------------------------------------------------------
// Comparators (null equals null).

struct Comparators {
  const NameResolver& resolve;

  std::string key(std::string_view type, const json& v) const {
    if (!resolve || !v.is_string()) return {};
    return resolve(type, v.get_ref<const std::string&>());
  }

  static bool same_value(const json& g, const json& p) {
    if (g.is_null() || p.is_null()) return g.is_null() && p.is_null();
    return g == p;
  }

  static bool same_name(const json& g, const json& p) { return folded(g) == folded(p); }

  // Places: both names resolve to the same non-empty key, else equal after folding.
  bool same_place(const json& g, const json& p) const {
    auto fg = folded(g), fp = folded(p);
    if (!fg || !fp) return !fg && !fp;
    std::string kg = key("place", g);
    if (!kg.empty() && kg == key("place", p)) return true;
    return *fg == *fp;
  }

  // Parties: ids or names; equal after folding, or resolving to the same entry (a name may also
  // resolve to the other side's id).
  bool same_party(const json& g, const json& p) const {
    auto fg = folded(g), fp = folded(p);
    if (!fg || !fp) return !fg && !fp;
    if (*fg == *fp) return true;
    std::string kg = key("party", g), kp = key("party", p);
    if (!kg.empty() && (kg == kp || kg == p.get_ref<const std::string&>())) return true;
    if (!kp.empty() && kp == g.get_ref<const std::string&>()) return true;
    return false;
  }

  // Speakers: person names after folding; a party/organization also through the party aliases.
  bool same_speaker(const json& g, const json& p) const { return same_party(g, p); }
};

// Scores attribute `key` when the gold record states it; returns the verdict, or nullopt when
// the attribute is not scored.
template <typename Cmp>
std::optional<bool> score_attribute(TypeScore& ts, const char* name, const json& g, const json& p,
                                    const char* key, Cmp cmp) {
  auto it = g.find(key);
  if (it == g.end()) return std::nullopt;
  bool ok = cmp(*it, field(p, key));
  AttributeScore& a = ts.attributes[name];
  ++a.scored;
  if (ok) ++a.right;
  return ok;
}

// ---------------------------------------------------------------------------------------------
// One-to-one greedy assignment over candidate pairs, best first.

struct Candidate {
  long cost;       // lower is better (negated overlap or match strength)
  int optional;    // non-optional gold first
  long gs, ge, ps, pe;  // positions, for deterministic ties
  int g, p;
  auto key() const { return std::tie(cost, optional, gs, ge, ps, pe, g, p); }
};

// Returns, for each gold index, the matched prediction index or -1.
std::vector<int> assign(std::vector<Candidate> cands, size_t n_gold, size_t n_pred) {
  std::sort(cands.begin(), cands.end(),
            [](const Candidate& a, const Candidate& b) { return a.key() < b.key(); });
  std::vector<int> gold_to_pred(n_gold, -1);
  std::vector<bool> pred_used(n_pred, false);
  for (const Candidate& c : cands) {
    if (gold_to_pred[c.g] >= 0 || pred_used[c.p]) continue;
    gold_to_pred[c.g] = c.p;
    pred_used[c.p] = true;
  }
  return gold_to_pred;
}

using Records = std::vector<const json*>;

// Candidate pairs whose spans overlap; for quotes the overlap must cover half the gold span.
std::vector<Candidate> span_candidates(const Records& gold, const Records& pred, bool half_gold) {
  std::vector<Candidate> out;
  for (size_t i = 0; i < gold.size(); ++i) {
    auto gs = span_of(*gold[i]);
    if (!gs) continue;
    for (size_t j = 0; j < pred.size(); ++j) {
      auto ps = span_of(*pred[j]);
      if (!ps) continue;
      long overlap = std::min(gs->second, ps->second) - std::max(gs->first, ps->first);
      if (overlap <= 0) continue;
      if (half_gold && 2 * overlap < gs->second - gs->first) continue;
      out.push_back({-overlap, is_optional(*gold[i]) ? 1 : 0, gs->first, gs->second, ps->first,
                     ps->second, int(i), int(j)});
    }
  }
  return out;
}

// Candidate pairs from a predicate giving a match strength (0 = no match).
template <typename Strength>
std::vector<Candidate> predicate_candidates(const Records& gold, const Records& pred,
                                            Strength strength) {
  std::vector<Candidate> out;
  for (size_t i = 0; i < gold.size(); ++i)
    for (size_t j = 0; j < pred.size(); ++j)
      if (int s = strength(*gold[i], *pred[j]); s > 0)
        out.push_back({-long(s), is_optional(*gold[i]) ? 1 : 0, 0, 0, 0, 0, int(i), int(j)});
  return out;
}

// Applies an assignment: counts gold/predicted/matched/strict/right and the attributes.
// `attributes` scores one matched pair and returns whether its main attribute is right.
template <typename Attributes>
void tally(TypeScore& ts, const Records& gold, const Records& pred,
           const std::vector<int>& gold_to_pred, Attributes attributes) {
  int matched_to_optional = 0;
  std::vector<bool> pred_matched(pred.size(), false);
  for (size_t i = 0; i < gold.size(); ++i) {
    bool optional = is_optional(*gold[i]);
    int j = gold_to_pred[i];
    if (j >= 0) pred_matched[j] = true;
    if (optional) {
      if (j >= 0) ++matched_to_optional;
      continue;
    }
    ++ts.gold;
    if (j < 0) {
      ts.findings.push_back({"missed", ts.type, *gold[i], nullptr, {}});
      continue;
    }
    ++ts.matched;
    if (ts.spanned) {
      auto gs = span_of(*gold[i]), ps = span_of(*pred[j]);
      if (gs && ps && *gs == *ps) ++ts.strict;
    }
    const auto before = ts.attributes;
    const bool right = attributes(*gold[i], *pred[j]);
    if (right) ++ts.right;
    std::vector<std::string> differing;
    for (const auto& [name, score] : ts.attributes) {
      auto it = before.find(name);
      const int wrong_before = it == before.end() ? 0 : it->second.scored - it->second.right;
      if (score.scored - score.right > wrong_before) differing.push_back(name);
    }
    if (!right || !differing.empty())
      ts.findings.push_back({"wrong", ts.type, *gold[i], *pred[j], std::move(differing)});
  }
  for (size_t j = 0; j < pred.size(); ++j)
    if (!pred_matched[j]) ts.findings.push_back({"extra", ts.type, nullptr, *pred[j], {}});
  ts.predicted += int(pred.size()) - matched_to_optional;
}

bool main_right(std::optional<bool> verdict) { return verdict.value_or(true); }

// ---------------------------------------------------------------------------------------------
// Per-type scoring of one document.

void score_dates(TypeScore& ts, const Records& g, const Records& p, const Comparators&) {
  tally(ts, g, p, assign(span_candidates(g, p, false), g.size(), p.size()),
        [&](const json& a, const json& b) {
          auto v = score_attribute(ts, "value", a, b, "value", Comparators::same_value);
          score_attribute(ts, "kind", a, b, "kind", Comparators::same_name);
          return main_right(v);
        });
}

void score_places(TypeScore& ts, const Records& g, const Records& p, const Comparators& c) {
  auto place = [&](const json& x, const json& y) { return c.same_place(x, y); };
  tally(ts, g, p, assign(span_candidates(g, p, false), g.size(), p.size()),
        [&](const json& a, const json& b) {
          auto v = score_attribute(ts, "place", a, b, "name", place);
          score_attribute(ts, "kind", a, b, "kind", Comparators::same_name);
          return main_right(v);
        });
}

void score_quotes(TypeScore& ts, const Records& g, const Records& p_all, const Comparators& c) {
  // Predicted indirect quotes are dropped when the gold document has no indirect quotes.
  bool gold_has_indirect = std::any_of(g.begin(), g.end(), [](const json* r) {
    return truthy(field(*r, "indirect"));
  });
  Records p;
  for (const json* r : p_all)
    if (gold_has_indirect || !truthy(field(*r, "indirect"))) p.push_back(r);

  auto speaker = [&](const json& x, const json& y) { return c.same_speaker(x, y); };
  auto party = [&](const json& x, const json& y) { return c.same_party(x, y); };
  auto place = [&](const json& x, const json& y) { return c.same_place(x, y); };
  auto flag = [](const json& x, const json& y) { return truthy(x) == truthy(y); };
  tally(ts, g, p, assign(span_candidates(g, p, true), g.size(), p.size()),
        [&](const json& a, const json& b) {
          auto v = score_attribute(ts, "speaker", a, b, "speaker", speaker);
          score_attribute(ts, "party", a, b, "party", party);
          score_attribute(ts, "date", a, b, "date", Comparators::same_value);
          score_attribute(ts, "place", a, b, "place", place);
          score_attribute(ts, "partial", a, b, "partial", flag);
          if (gold_has_indirect) score_attribute(ts, "indirect", a, b, "indirect", flag);
          return main_right(v);
        });
}

void score_people(TypeScore& ts, const Records& g, const Records& p, const Comparators& c) {
  auto strength = [](const json& a, const json& b) {
    auto fa = folded(field(a, "name"));
    return fa && fa == folded(field(b, "name")) ? 1 : 0;
  };
  auto party = [&](const json& x, const json& y) { return c.same_party(x, y); };
  tally(ts, g, p, assign(predicate_candidates(g, p, strength), g.size(), p.size()),
        [&](const json& a, const json& b) {
          auto v = score_attribute(ts, "party", a, b, "party", party);
          score_attribute(ts, "role", a, b, "role", Comparators::same_name);
          return main_right(v);
        });
}

void score_parties(TypeScore& ts, const Records& g, const Records& p, const Comparators& c) {
  // 3: same id; 2: names (or a name and the other's id) resolve to the same entry;
  // 1: names equal after folding.
  auto strength = [&](const json& a, const json& b) {
    const json& ia = field(a, "party");
    const json& ib = field(b, "party");
    if (ia.is_string() && ib.is_string() && !ia.get_ref<const std::string&>().empty() &&
        ia == ib)
      return 3;
    std::string ka = c.key("party", field(a, "name"));
    std::string kb = c.key("party", field(b, "name"));
    if (!ka.empty() && (ka == kb || (ib.is_string() && ka == ib.get_ref<const std::string&>())))
      return 2;
    if (!kb.empty() && ia.is_string() && kb == ia.get_ref<const std::string&>()) return 2;
    auto fa = folded(field(a, "name"));
    if (fa && fa == folded(field(b, "name"))) return 1;
    return 0;
  };
  tally(ts, g, p, assign(predicate_candidates(g, p, strength), g.size(), p.size()),
        [&](const json& a, const json& b) {
          score_attribute(ts, "chair", a, b, "chair", Comparators::same_name);
          score_attribute(ts, "program", a, b, "program", Comparators::same_name);
          score_attribute(ts, "slogan", a, b, "slogan", Comparators::same_name);
          return true;  // the main attribute is the match itself
        });
}

void score_events(TypeScore& ts, const Records& g, const Records& p, const Comparators& c) {
  // Same (party, date, place); a component absent from the gold record is not compared.
  auto strength = [&](const json& a, const json& b) {
    if (a.contains("party") && !c.same_party(a["party"], field(b, "party"))) return 0;
    if (a.contains("date") && !Comparators::same_value(a["date"], field(b, "date"))) return 0;
    if (a.contains("place") && !c.same_place(a["place"], field(b, "place"))) return 0;
    return 1;
  };
  tally(ts, g, p, assign(predicate_candidates(g, p, strength), g.size(), p.size()),
        [](const json&, const json&) { return true; });
}

void score_documents(TypeScore& ts, const Records& g, const Records& p) {
  // At most one document record per side counts.
  if (!g.empty()) ++ts.gold;
  if (!p.empty()) ++ts.predicted;
  if (g.empty() || p.empty()) return;
  ++ts.matched;
  auto v = score_attribute(ts, "date", *g.front(), *p.front(), "date", Comparators::same_value);
  if (main_right(v)) ++ts.right;
}

// ---------------------------------------------------------------------------------------------

const std::vector<std::string>& mention_types() {
  static const std::vector<std::string> types = {"party", "person", "date",
                                                 "place", "quote",  "event"};
  return types;
}

std::optional<std::string> doc_of(const json& record) {
  if (!record.is_object()) return std::nullopt;
  auto it = record.find("doc");
  if (it == record.end()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return std::nullopt;
}

std::string type_of(const json& record) {
  auto it = record.find("type");
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

using ByDocType = std::map<std::string, std::map<std::string, Records>>;

ByDocType group(const std::vector<json>& records, std::set<std::string>& docs) {
  ByDocType out;
  for (const json& r : records) {
    auto doc = doc_of(r);
    if (!doc) continue;
    docs.insert(*doc);
    std::string type = type_of(r);
    if (type.empty() || type == "error") continue;
    out[*doc][type].push_back(&r);
  }
  return out;
}

std::string fixed(double x, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

}  // namespace

// -----------------------------------------------------------------------------------------------

double TypeScore::precision() const { return ratio(right, predicted, gold); }
double TypeScore::recall() const { return ratio(right, gold, predicted); }
double TypeScore::f1() const { return harmonic(precision(), recall()); }

CompareReport compare(const std::vector<json>& gold, const std::vector<json>& predicted,
                      const CompareOptions& options) {
  CompareReport report;
  std::set<std::string> gold_docs, pred_docs;
  ByDocType g = group(gold, gold_docs);
  ByDocType p = group(predicted, pred_docs);
  report.gold_documents = int(gold_docs.size());
  report.predicted_documents = int(pred_docs.size());
  for (const std::string& d : pred_docs)
    if (!gold_docs.count(d)) ++report.ignored_documents;

  Comparators cmp{options.resolve};
  static const Records none;
  auto records = [](const ByDocType& by, const std::string& doc, const std::string& type)
      -> const Records& {
    auto d = by.find(doc);
    if (d == by.end()) return none;
    auto t = d->second.find(type);
    return t == d->second.end() ? none : t->second;
  };

  // document row: only when some scored document has a document record.
  bool any_document = false;
  for (const std::string& doc : gold_docs)
    if (!records(g, doc, "document").empty() || !records(p, doc, "document").empty())
      any_document = true;
  if (any_document) {
    TypeScore ts;
    ts.type = "document";
    ts.in_overall = false;
    for (const std::string& doc : gold_docs)
      score_documents(ts, records(g, doc, "document"), records(p, doc, "document"));
    report.types.push_back(std::move(ts));
  }

  for (const std::string& type : mention_types()) {
    TypeScore ts;
    ts.type = type;
    ts.spanned = type == "date" || type == "place" || type == "quote";
    for (const std::string& doc : gold_docs) {
      const Records& gr = records(g, doc, type);
      const Records& pr = records(p, doc, type);
      if (type == "party") score_parties(ts, gr, pr, cmp);
      else if (type == "person") score_people(ts, gr, pr, cmp);
      else if (type == "date") score_dates(ts, gr, pr, cmp);
      else if (type == "place") score_places(ts, gr, pr, cmp);
      else if (type == "quote") score_quotes(ts, gr, pr, cmp);
      else if (type == "event") score_events(ts, gr, pr, cmp);
    }
    report.types.push_back(std::move(ts));
  }

  int right = 0, n_gold = 0, n_pred = 0;
  for (const TypeScore& ts : report.types) {
    if (!ts.in_overall) continue;
    right += ts.right;
    n_gold += ts.gold;
    n_pred += ts.predicted;
  }
  report.overall_precision = ratio(right, n_pred, n_gold);
  report.overall_recall = ratio(right, n_gold, n_pred);
  report.overall_f1 = harmonic(report.overall_precision, report.overall_recall);
  return report;
}

std::string CompareReport::table() const {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"type", "gold", "pred", "matched", "strict", "right", "P", "R", "F1",
                  "attributes"});
  bool excluded = false;
  for (const TypeScore& ts : types) {
    std::string attrs;
    for (const auto& [name, a] : ts.attributes) {
      if (!attrs.empty()) attrs += ' ';
      attrs += name + '=' + fixed(a.accuracy(), 2);
    }
    std::string name = ts.type;
    if (!ts.in_overall) {
      name += '*';
      excluded = true;
    }
    rows.push_back({name, std::to_string(ts.gold), std::to_string(ts.predicted),
                    std::to_string(ts.matched), ts.spanned ? std::to_string(ts.strict) : "-",
                    std::to_string(ts.right), fixed(ts.precision(), 4), fixed(ts.recall(), 4),
                    fixed(ts.f1(), 4), attrs});
  }
  std::vector<size_t> width(rows.front().size(), 0);
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());

  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) line += "  ";
      if (i + 1 == row.size()) {
        line += row[i];  // last column unpadded
      } else if (i == 0) {
        line += row[i] + std::string(width[i] - row[i].size(), ' ');
      } else {
        line += std::string(width[i] - row[i].size(), ' ') + row[i];
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  if (excluded) out += "* not counted in the overall figures\n";
  out += "documents: gold " + std::to_string(gold_documents) + ", predicted " +
         std::to_string(predicted_documents) + ", ignored (absent from the gold) " +
         std::to_string(ignored_documents) + '\n';
  out += "overall F1 " + fixed(overall_f1, 4) + " (P " + fixed(overall_precision, 4) + " R " +
         fixed(overall_recall, 4) + ")\n";
  return out;
}

nlohmann::ordered_json CompareReport::json() const {
  nlohmann::ordered_json out;
  out["documents"] = {{"gold", gold_documents},
                      {"predicted", predicted_documents},
                      {"ignored", ignored_documents}};
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const TypeScore& ts : types) {
    nlohmann::ordered_json row;
    row["type"] = ts.type;
    row["gold"] = ts.gold;
    row["predicted"] = ts.predicted;
    row["matched"] = ts.matched;
    row["strict"] = ts.spanned ? nlohmann::ordered_json(ts.strict) : nlohmann::ordered_json();
    row["right"] = ts.right;
    row["precision"] = ts.precision();
    row["recall"] = ts.recall();
    row["f1"] = ts.f1();
    nlohmann::ordered_json attrs = nlohmann::ordered_json::object();
    for (const auto& [name, a] : ts.attributes)
      attrs[name] = {{"right", a.right}, {"scored", a.scored}, {"accuracy", a.accuracy()}};
    row["attributes"] = std::move(attrs);
    row["in_overall"] = ts.in_overall;
    rows.push_back(std::move(row));
  }
  out["types"] = std::move(rows);
  out["overall"] = {{"precision", overall_precision},
                    {"recall", overall_recall},
                    {"f1", overall_f1}};
  return out;
}

std::string fold_name(std::string_view name) {
  // ASCII (most names) needs no utf8proc, and invalid UTF-8 cannot have it: their bytes are
  // lower-cased as they are.
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t n =
      is_ascii(name) ? -1
                     : utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()), utf8proc_ssize_t(name.size()),
                                    &mapped,
                                    utf8proc_option_t(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK));
  std::vector<utf8proc_int32_t> cps;
  cps.reserve(name.size());
  if (n >= 0) {
    for (utf8proc_ssize_t i = 0; i < n;) {
      utf8proc_int32_t cp;
      utf8proc_ssize_t len = utf8proc_iterate(mapped + i, n - i, &cp);
      if (len <= 0) break;
      cps.push_back(cp);
      i += len;
    }
  } else {
    for (unsigned char ch : name)
      cps.push_back(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  }
  std::free(mapped);

  std::string out;
  bool pending_space = false;
  for (utf8proc_int32_t cp : cps) {
    switch (cp) {
      case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x2032: case 0x00B4:
        cp = '\'';
        break;
      case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
      case 0x2212:
        cp = '-';
        break;
      default:
        break;
    }
    bool space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
                 cp == '\v' || (cp > 0x7f && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS) ||
                 cp == 0x2028 || cp == 0x2029 || cp == 0x85;
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
      continue;
    }
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t len = utf8proc_encode_char(cp, buf);
    out.append(reinterpret_cast<const char*>(buf), size_t(len));
  }
  return out;
}

}  // namespace hustings
