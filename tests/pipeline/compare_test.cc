// Tests for pipeline/compare: matching rules, counts, conventions and the report formats.
#define BOOST_TEST_MODULE compare
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/compare.h"

using hustings::CompareOptions;
using hustings::CompareReport;
using hustings::TypeScore;
using nlohmann::json;

namespace {

std::vector<json> load_seed_gold() {
  std::ifstream in(HUSTINGS_SOURCE_DIR "/corpora/seed/gold.jsonl");
  BOOST_REQUIRE_MESSAGE(in, "cannot open corpora/seed/gold.jsonl");
  std::vector<json> out;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(json::parse(line));
  BOOST_REQUIRE(!out.empty());
  return out;
}

const TypeScore& row(const CompareReport& r, const std::string& type) {
  for (const TypeScore& ts : r.types)
    if (ts.type == type) return ts;
  BOOST_FAIL("no row for type " + type);
  return r.types.front();  // unreachable
}

int count_gold(const std::vector<json>& gold, const std::string& type) {
  int n = 0;
  for (const json& r : gold)
    if (r["type"] == type && !r.value("optional", false)) ++n;
  return n;
}

json date(std::string doc, long s, long e, json value, bool optional = false) {
  json r = {{"doc", doc}, {"type", "date"}, {"span", {s, e}}, {"value", value}, {"kind", "date"}};
  if (optional) r["optional"] = true;
  return r;
}

json place(std::string doc, long s, long e, std::string name) {
  return {{"doc", doc}, {"type", "place"}, {"span", {s, e}}, {"name", name}, {"kind", "city"}};
}

json quote(std::string doc, long s, long e, json speaker, bool indirect = false) {
  json r = {{"doc", doc}, {"type", "quote"}, {"span", {s, e}}, {"speaker", speaker}};
  if (indirect) r["indirect"] = true;
  return r;
}

const std::vector<std::string> kMentionTypes = {"party", "person", "date",
                                                "place", "quote",  "event"};

}  // namespace

// ----------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seed_gold_against_itself_is_perfect) {
  auto gold = load_seed_gold();
  CompareReport r = hustings::compare(gold, gold, {});
  BOOST_TEST(r.gold_documents == 1);
  BOOST_TEST(r.ignored_documents == 0);
  for (const std::string& type : kMentionTypes) {
    BOOST_TEST_CONTEXT("type " << type) {
      const TypeScore& ts = row(r, type);
      BOOST_TEST(ts.gold == count_gold(gold, type));
      BOOST_TEST(ts.gold > 0);
      // predictions matched to optional gold are not counted
      BOOST_TEST(ts.predicted == ts.gold);
      BOOST_TEST(ts.matched == ts.gold);
      BOOST_TEST(ts.right == ts.gold);
      if (ts.spanned) BOOST_TEST(ts.strict == ts.gold);
      BOOST_TEST(ts.precision() == 1.0);
      BOOST_TEST(ts.recall() == 1.0);
      BOOST_TEST(ts.f1() == 1.0);
      for (const auto& [name, a] : ts.attributes) {
        BOOST_TEST_CONTEXT("attribute " << name) {
          BOOST_TEST(a.scored > 0);
          BOOST_TEST(a.right == a.scored);
        }
      }
    }
  }
  BOOST_TEST(row(r, "date").gold == 24);  // 27 dates, 3 optional
  BOOST_TEST(row(r, "date").attributes.at("value").scored == 24);
  BOOST_TEST(row(r, "quote").attributes.at("partial").scored == 1);  // only where stated
  const TypeScore& doc = row(r, "document");
  BOOST_TEST(!doc.in_overall);
  BOOST_TEST(doc.f1() == 1.0);
  BOOST_TEST(r.overall_precision == 1.0);
  BOOST_TEST(r.overall_recall == 1.0);
  BOOST_TEST(r.overall_f1 == 1.0);
}

BOOST_AUTO_TEST_CASE(empty_prediction_scores_zero) {
  auto gold = load_seed_gold();
  CompareReport r = hustings::compare(gold, {}, {});
  for (const std::string& type : kMentionTypes) {
    BOOST_TEST_CONTEXT("type " << type) {
      const TypeScore& ts = row(r, type);
      BOOST_TEST(ts.predicted == 0);
      BOOST_TEST(ts.matched == 0);
      BOOST_TEST(ts.recall() == 0.0);
      BOOST_TEST(ts.f1() == 0.0);
    }
  }
  BOOST_TEST(r.overall_recall == 0.0);
  BOOST_TEST(r.overall_f1 == 0.0);
}

// Conventions for zero denominators (documented in compare.h).
struct Counts {
  int gold, predicted, right;
  double p, r, f1;
};
const std::vector<Counts> kConventions = {
    {0, 0, 0, 1.0, 1.0, 1.0}, {3, 0, 0, 0.0, 0.0, 0.0}, {0, 2, 0, 0.0, 0.0, 0.0},
    {4, 2, 2, 1.0, 0.5, 2.0 / 3}, {2, 4, 1, 0.25, 0.5, 1.0 / 3}};
std::ostream& operator<<(std::ostream& os, const Counts& c) {
  return os << c.gold << '/' << c.predicted << '/' << c.right;
}
BOOST_DATA_TEST_CASE(zero_denominator_conventions, boost::unit_test::data::make(kConventions), c) {
  TypeScore ts;
  ts.gold = c.gold;
  ts.predicted = c.predicted;
  ts.right = c.right;
  BOOST_TEST(ts.precision() == c.p, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(ts.recall() == c.r, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(ts.f1() == c.f1, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(shifted_date_span_matches_but_is_not_strict) {
  auto gold = load_seed_gold();
  auto pred = gold;
  int shifted = 0;
  for (json& r : pred)
    if (r["type"] == "date" && r["text"] == "March 3" && !shifted) {
      r["span"][0] = r["span"][0].get<int>() + 2;
      r["span"][1] = r["span"][1].get<int>() + 2;
      ++shifted;
    }
  BOOST_REQUIRE(shifted == 1);
  CompareReport r = hustings::compare(gold, pred, {});
  const TypeScore& d = row(r, "date");
  BOOST_TEST(d.matched == d.gold);
  BOOST_TEST(d.strict == d.gold - 1);
  BOOST_TEST(d.right == d.gold);
  BOOST_TEST(d.attributes.at("value").accuracy() == 1.0);
  BOOST_TEST(r.overall_f1 == 1.0);
}

// A small document: which prediction spans match the gold span [10, 17), and strictly?
struct SpanCase {
  long s, e;
  int matched, strict;
};
const std::vector<SpanCase> kSpanCases = {
    {10, 17, 1, 1}, {12, 19, 1, 0}, {8, 11, 1, 0}, {17, 25, 0, 0}, {0, 10, 0, 0}, {30, 37, 0, 0}};
std::ostream& operator<<(std::ostream& os, const SpanCase& c) {
  return os << '[' << c.s << ',' << c.e << ')';
}
BOOST_DATA_TEST_CASE(date_span_overlap, boost::unit_test::data::make(kSpanCases), c) {
  std::vector<json> gold = {date("d", 10, 17, "2023-03-01")};
  std::vector<json> pred = {date("d", c.s, c.e, "2023-03-01")};
  CompareReport r = hustings::compare(gold, pred, {});
  const TypeScore& d = row(r, "date");
  BOOST_TEST(d.matched == c.matched);
  BOOST_TEST(d.strict == c.strict);
  BOOST_TEST(d.right == c.matched);
}

BOOST_AUTO_TEST_CASE(largest_overlap_wins_one_to_one) {
  std::vector<json> gold = {date("d", 10, 20, "A"), date("d", 20, 30, "B")};
  // the first prediction overlaps gold A by 2 and gold B by 8; the second only gold A by 10
  std::vector<json> pred = {date("d", 18, 28, "B"), date("d", 10, 20, "A")};
  CompareReport r = hustings::compare(gold, pred, {});
  const TypeScore& d = row(r, "date");
  BOOST_TEST(d.matched == 2);
  BOOST_TEST(d.right == 2);
  BOOST_TEST(d.strict == 1);
  // two predictions over one gold: only one matches
  r = hustings::compare({date("d", 10, 20, "A")}, {date("d", 10, 15, "A"), date("d", 15, 20, "A")},
                        {});
  BOOST_TEST(row(r, "date").matched == 1);
  BOOST_TEST(row(r, "date").predicted == 2);
  BOOST_TEST(row(r, "date").precision() == 0.5);
}

BOOST_AUTO_TEST_CASE(wrong_date_value_matches_but_is_not_right) {
  auto gold = load_seed_gold();
  auto pred = gold;
  for (json& r : pred)
    if (r["type"] == "date" && r["value"] == "2025") r["value"] = "2024";
  CompareReport r = hustings::compare(gold, pred, {});
  const TypeScore& d = row(r, "date");
  BOOST_TEST(d.matched == d.gold);
  BOOST_TEST(d.right == d.gold - 1);
  BOOST_TEST(d.attributes.at("value").accuracy() < 1.0);
  BOOST_TEST(d.attributes.at("value").right == d.gold - 1);
  BOOST_TEST(d.f1() < 1.0);
  BOOST_TEST(r.overall_f1 < 1.0);
  BOOST_TEST(r.overall_f1 > 0.9);

  // null is a value of its own: null vs a value is wrong, null vs null right
  r = hustings::compare({date("d", 0, 5, nullptr), date("d", 10, 15, nullptr)},
                        {date("d", 0, 5, "2023-03-01"), date("d", 10, 15, nullptr)}, {});
  BOOST_TEST(row(r, "date").right == 1);
}

BOOST_AUTO_TEST_CASE(optional_gold_is_neither_miss_nor_hit) {
  std::vector<json> gold = {date("d", 0, 5, "2023"), date("d", 10, 15, nullptr, true)};
  // unmatched optional: no miss
  CompareReport r = hustings::compare(gold, {date("d", 0, 5, "2023")}, {});
  BOOST_TEST(row(r, "date").gold == 1);
  BOOST_TEST(row(r, "date").recall() == 1.0);
  BOOST_TEST(r.overall_f1 == 1.0);
  // matched optional: not a hit, and the prediction leaves the predicted count
  r = hustings::compare(gold, {date("d", 0, 5, "2023"), date("d", 10, 15, "2022")}, {});
  BOOST_TEST(row(r, "date").predicted == 1);
  BOOST_TEST(row(r, "date").matched == 1);
  BOOST_TEST(row(r, "date").attributes.at("value").scored == 1);
  BOOST_TEST(r.overall_f1 == 1.0);
  // a prediction over nothing still counts against precision
  r = hustings::compare(gold, {date("d", 0, 5, "2023"), date("d", 40, 45, "2022")}, {});
  BOOST_TEST(row(r, "date").predicted == 2);
  BOOST_TEST(r.overall_precision == 0.5);
}

BOOST_AUTO_TEST_CASE(place_names_resolve_through_the_resolver) {
  std::vector<json> gold = {place("d", 0, 6, "Uralsk"),
                            {{"doc", "d"}, {"type", "event"}, {"party", "respublica"},
                             {"date", "2023-03-02"}, {"place", "Uralsk"}}};
  std::vector<json> pred = {place("d", 0, 4, "Oral"),
                            {{"doc", "d"}, {"type", "event"}, {"party", "respublica"},
                             {"date", "2023-03-02"}, {"place", "Oral"}}};
  CompareOptions resolving;
  resolving.resolve = [](std::string_view type, std::string_view name) -> std::string {
    if (type == "place" && (name == "Oral" || name == "Uralsk")) return "kz-uralsk";
    return "";
  };
  CompareReport without = hustings::compare(gold, pred, {});
  BOOST_TEST(row(without, "place").matched == 1);
  BOOST_TEST(row(without, "place").right == 0);
  BOOST_TEST(row(without, "event").matched == 0);

  CompareReport with = hustings::compare(gold, pred, resolving);
  BOOST_TEST(row(with, "place").matched == 1);
  BOOST_TEST(row(with, "place").right == 1);
  BOOST_TEST(row(with, "place").attributes.at("place").accuracy() == 1.0);
  BOOST_TEST(row(with, "event").matched == 1);
  BOOST_TEST(with.overall_f1 == 1.0);

  // a resolver that knows neither name falls back to folding
  CompareReport folded = hustings::compare({place("d", 0, 6, "Kostanai Region")},
                                           {place("d", 0, 6, "kostanai  region")}, resolving);
  BOOST_TEST(row(folded, "place").right == 1);
}

BOOST_AUTO_TEST_CASE(parties_and_speakers_resolve_through_the_resolver) {
  CompareOptions resolving;
  resolving.resolve = [](std::string_view type, std::string_view name) -> std::string {
    if (type == "party" && (name == "Respublica" || name == "Respublica Party")) return "respublica";
    return "";
  };
  std::vector<json> gold = {
      {{"doc", "d"}, {"type", "party"}, {"party", "respublica"}, {"name", "Respublica"}},
      quote("d", 100, 140, "Respublica")};
  std::vector<json> pred = {
      {{"doc", "d"}, {"type", "party"}, {"party", nullptr}, {"name", "Respublica Party"}},
      quote("d", 100, 140, "Respublica Party")};
  CompareReport r = hustings::compare(gold, pred, resolving);
  BOOST_TEST(row(r, "party").matched == 1);
  BOOST_TEST(row(r, "quote").right == 1);
  r = hustings::compare(gold, pred, {});
  BOOST_TEST(row(r, "party").matched == 0);
  BOOST_TEST(row(r, "quote").matched == 1);
  BOOST_TEST(row(r, "quote").right == 0);
}

BOOST_AUTO_TEST_CASE(person_main_attribute_is_party) {
  auto gold = load_seed_gold();
  auto pred = gold;
  for (json& r : pred)
    if (r["type"] == "person" && r["name"] == "Talgat Omarov") {
      r["name"] = "TALGAT  OMAROV";  // same name after folding
      r["party"] = nullptr;
    }
  CompareReport r = hustings::compare(gold, pred, {});
  const TypeScore& p = row(r, "person");
  BOOST_TEST(p.matched == p.gold);
  BOOST_TEST(p.right == p.gold - 1);
  BOOST_TEST(p.attributes.at("role").accuracy() == 1.0);
  BOOST_TEST(p.attributes.at("party").right == p.gold - 1);
}

BOOST_AUTO_TEST_CASE(quote_needs_half_the_gold_span) {
  std::vector<json> gold = {quote("d", 100, 200, "A B")};
  CompareReport r = hustings::compare(gold, {quote("d", 150, 260, "a b")}, {});
  BOOST_TEST(row(r, "quote").matched == 1);  // overlap 50 of 100
  BOOST_TEST(row(r, "quote").right == 1);
  r = hustings::compare(gold, {quote("d", 151, 260, "A B")}, {});
  BOOST_TEST(row(r, "quote").matched == 0);  // overlap 49 of 100
}

BOOST_AUTO_TEST_CASE(predicted_documents_absent_from_gold_are_ignored) {
  auto gold = load_seed_gold();
  auto pred = gold;
  pred.push_back({{"doc", "other"}, {"type", "document"}, {"date", "2023-01-01"}});
  pred.push_back(date("other", 0, 5, "2023-01-01"));
  pred.push_back(place("other", 10, 16, "Astana"));
  CompareReport r = hustings::compare(gold, pred, {});
  BOOST_TEST(r.predicted_documents == 2);
  BOOST_TEST(r.ignored_documents == 1);
  BOOST_TEST(row(r, "date").predicted == row(r, "date").gold);
  BOOST_TEST(row(r, "place").predicted == row(r, "place").gold);
  BOOST_TEST(r.overall_f1 == 1.0);
  BOOST_TEST(r.table().find("ignored (absent from the gold) 1") != std::string::npos);
  BOOST_TEST(r.json()["documents"]["ignored"] == 1);
}

BOOST_AUTO_TEST_CASE(indirect_quotes_ignored_when_gold_has_none) {
  auto gold = load_seed_gold();
  auto pred = gold;
  pred.push_back(quote("seed", 20, 60, "Someone", true));
  CompareReport r = hustings::compare(gold, pred, {});
  BOOST_TEST(row(r, "quote").predicted == row(r, "quote").gold);
  BOOST_TEST(r.overall_f1 == 1.0);

  // the same prediction without the flag counts against precision
  pred.back().erase("indirect");
  r = hustings::compare(gold, pred, {});
  BOOST_TEST(row(r, "quote").predicted == row(r, "quote").gold + 1);
  BOOST_TEST(r.overall_precision < 1.0);

  // when the gold has indirect quotes, predicted indirect ones are scored
  std::vector<json> g2 = {quote("d", 0, 10, "A", true)};
  r = hustings::compare(g2, {quote("d", 0, 10, "A", true), quote("d", 50, 60, "B", true)}, {});
  BOOST_TEST(row(r, "quote").predicted == 2);
  BOOST_TEST(row(r, "quote").matched == 1);
}

BOOST_AUTO_TEST_CASE(event_triples_match_with_nulls) {
  json g = {{"doc", "d"}, {"type", "event"}, {"party", "auyl"}, {"date", nullptr},
            {"place", "Kostanai"}};
  json same = g;
  same["action"] = "something else";
  json other_date = g;
  other_date["date"] = "2023-03-01";
  CompareReport r = hustings::compare({g, g}, {same, other_date}, {});
  BOOST_TEST(row(r, "event").gold == 2);
  BOOST_TEST(row(r, "event").matched == 1);  // one-to-one; null date only matches null
  BOOST_TEST(r.overall_f1 == 0.5);
}

BOOST_AUTO_TEST_CASE(records_of_type_document_and_error_are_not_mentions) {
  std::vector<json> gold = {{{"doc", "d"}, {"type", "document"}, {"date", "2023-03-04"}},
                            date("d", 0, 5, "2023")};
  std::vector<json> pred = {{{"doc", "d"}, {"type", "document"}, {"date", "2023-03-05"}},
                            {{"doc", "d"}, {"type", "error"}, {"message", "x"}},
                            date("d", 0, 5, "2023")};
  CompareReport r = hustings::compare(gold, pred, {});
  const TypeScore& doc = row(r, "document");
  BOOST_TEST(doc.matched == 1);
  BOOST_TEST(doc.attributes.at("date").accuracy() == 0.0);
  BOOST_TEST(r.overall_f1 == 1.0);  // the wrong document date stays out of the overall
}

BOOST_AUTO_TEST_CASE(report_formats) {
  auto gold = load_seed_gold();
  auto pred = gold;
  for (json& r : pred)
    if (r["type"] == "date" && r["value"] == "2025") r["value"] = "2024";
  CompareReport r = hustings::compare(gold, pred, {});
  std::string table = r.table();
  BOOST_REQUIRE(!table.empty());
  BOOST_TEST(table.back() == '\n');
  std::string last = table.substr(table.rfind('\n', table.size() - 2) + 1);
  char expected[64];
  std::snprintf(expected, sizeof expected, "overall F1 %.4f (P %.4f R %.4f)\n", r.overall_f1,
                r.overall_precision, r.overall_recall);
  BOOST_TEST(last == expected);
  BOOST_TEST(table.find("value=0.96") != std::string::npos);
  BOOST_TEST(table.find("kind=1.00") != std::string::npos);

  auto j = r.json();
  BOOST_TEST(j["types"].is_array());
  BOOST_TEST(j["types"].size() == r.types.size());
  BOOST_TEST(j["types"][0]["type"] == "document");
  BOOST_TEST(j["overall"]["f1"].get<double>() == r.overall_f1);
  BOOST_TEST(j["overall"]["precision"].get<double>() == r.overall_precision);
  BOOST_TEST(j["overall"]["recall"].get<double>() == r.overall_recall);
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  BOOST_TEST(keys.back() == "overall");
}

struct FoldCase {
  std::string in, out;
};
std::ostream& operator<<(std::ostream& os, const FoldCase& c) { return os << c.in; }
const std::vector<FoldCase> kFold = {
    {"People\u2019s Party", "people's party"},
    {"\u2018Nur\u2019", "'nur'"},
    {"Clean Earth \u2013 Pure \u2014 Human\u2010Relations", "clean earth - pure - human-relations"},
    {"  Zhanat \t  Bastaubaeva\n", "zhanat bastaubaeva"},
    {"\u00c1st\u00e1na", "astana"},
    {"Qaza\u0301qstan", "qazaqstan"},
    {"\ufb01nal\u00a0round", "final round"},
    {"STRASSE Stra\u00dfe", "strasse strasse"},
    {"", ""},
};
BOOST_DATA_TEST_CASE(fold_name_cases, boost::unit_test::data::make(kFold), c) {
  BOOST_TEST(hustings::fold_name(c.in) == c.out);
}

// ASCII takes a fast path: each ASCII byte between letters folds as it does next to a non-ASCII
// letter, which sends the text through utf8proc.
BOOST_AUTO_TEST_CASE(fold_name_ascii_fast_path_agrees_with_utf8proc) {
  for (int b = 1; b < 128; ++b) {
    const std::string s = std::string("Ab") + static_cast<char>(b) + static_cast<char>(b) + "Z";
    BOOST_TEST(hustings::fold_name(s + "\u00c9") == hustings::fold_name(s) + "e", "byte " << b);
  }
  BOOST_TEST(hustings::fold_name("  Nur \t Sultan\n") == "nur sultan");
}
