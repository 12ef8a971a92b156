// `hustings report`: the highlighted text (nesting, crossing, UTF-8, escaping), the page's counts
// against the records, the gold comparison marks, the sections, and the size for 100 articles.
#define BOOST_TEST_MODULE report
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "pipeline/report.h"
#include "tests/test_util.h"

using namespace hustings;
namespace bdata = boost::unit_test::data;
using json = nlohmann::json;

namespace {

std::vector<json> read_jsonl(const std::string& path) {
  std::vector<json> out;
  std::istringstream in(test::read_file(path));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

size_t count(const std::string& html, const std::string& needle) {
  size_t n = 0;
  for (size_t at = html.find(needle); at != std::string::npos; at = html.find(needle, at + 1)) ++n;
  return n;
}

// The record-counts block of a page.
json record_counts(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"record-counts\">";
  const size_t at = html.find(open);
  BOOST_REQUIRE(at != std::string::npos);
  const size_t from = at + open.size();
  return json::parse(html.substr(from, html.find("</script>", from) - from));
}

// Mentions per type as the records give them: `spans` of parties and people, `span` of the rest.
std::map<std::string, size_t> spans_per_type(const std::vector<json>& records) {
  std::map<std::string, size_t> n;
  for (const json& r : records) {
    const std::string type = r["type"];
    if (type == "party" || type == "person") n[type] += r.value("spans", json::array()).size();
    if (type == "date" || type == "place" || type == "quote") n[type] += r.contains("span") ? 1 : 0;
  }
  return n;
}

const ReportPack& pack() {
  static const ReportPack p = ReportPack::load(RuleLocator::builtin());
  return p;
}

std::string seed_text() { return test::read_file(test::source_path("corpora/seed/seed.txt")); }

// The seed's records from the real pipeline (whatever the stages find today).
const std::vector<json>& seed_records() {
  static const std::vector<json> records = [] {
    const auto r = test::run_command(test::hustings_cli() + " extract --date 2023-03-04 " +
                                     test::source_path("corpora/seed/seed.txt") + " 2>/dev/null");
    std::vector<json> out;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) out.push_back(json::parse(line));
    return out;
  }();
  return records;
}

Mention mention(int64_t b, int64_t e, const std::string& type, int tip) {
  Mention m;
  m.begin = b;
  m.end = e;
  m.type = type;
  m.tip = tip;
  return m;
}

}  // namespace

// ---- the highlighted text -----------------------------------------------------------------

struct HighlightCase {
  const char* name;
  std::string text;
  std::vector<Mention> mentions;
  std::string html;
  std::vector<int> order;
  int invalid;
};
std::ostream& operator<<(std::ostream& os, const HighlightCase& c) { return os << c.name; }

const std::vector<HighlightCase> kHighlight = {
    {"one place", "in Astana today", {mention(3, 9, "place", 0)}, "in <b data-type=place>Astana</b> today", {0}, 0},
    {"nested place in quote",
     "“We love Astana,” he said.",
     {mention(1, 16, "quote", 0), mention(9, 15, "place", 1)},
     "“<b data-type=quote>We love <b data-type=place>Astana</b>,</b>” he said.",
     {0, 1},
     0},
    {"same span: quote outside", "abc", {mention(0, 3, "date", 1), mention(0, 3, "quote", 0)},
     "<b data-type=quote><b data-type=date>abc</b></b>", {0, 1}, 0},
    {"crossing spans continue", "abcdefgh", {mention(0, 5, "date", 7), mention(3, 8, "place", 9)},
     "<b data-type=date>abc<b data-type=place>de</b></b><b data-c=place data-k=1>fgh</b>", {7, 9}, 0},
    {"code points, not bytes", "Қазақстан – Astana", {mention(0, 9, "place", 0), mention(12, 18, "place", 1)},
     "<b data-type=place>Қазақстан</b> – <b data-type=place>Astana</b>", {0, 1}, 0},
    {"escaping", "a<b & \"c\"", {mention(2, 3, "person", 0)}, "a&lt;<b data-type=person>b</b> &amp; &quot;c&quot;", {0}, 0},
    {"invalid spans dropped", "abc",
     {mention(0, 4, "date", 0), mention(2, 2, "date", 1), mention(-1, 1, "date", 2), mention(2, 1, "date", 3)},
     "abc", {}, 4},
    {"no mentions", "plain\ntext", {}, "plain\ntext", {}, 0},
};

BOOST_DATA_TEST_CASE(highlight_nests_splits_and_escapes, bdata::make(kHighlight), c) {
  std::vector<int> order;
  int invalid = 0;
  BOOST_TEST(highlight(c.text, c.mentions, order, invalid) == c.html);
  BOOST_TEST(order == c.order, boost::test_tools::per_element());
  BOOST_TEST(invalid == c.invalid);
}

BOOST_AUTO_TEST_CASE(missed_and_flags_and_speaker_are_attributes) {
  Mention missed = mention(0, 3, "date", 0);
  missed.missed = true;
  Mention quote = mention(4, 9, "quote", 1);
  quote.wrong = true;
  quote.who = "A \"B\"";
  std::vector<int> order;
  int invalid = 0;
  BOOST_TEST(highlight("abc defgh", {missed, quote}, order, invalid) ==
             "<b data-miss=date>abc</b> <b data-type=quote data-wrong data-who=\"A &quot;B&quot;\">defgh</b>");
}

BOOST_AUTO_TEST_CASE(script_json_cannot_close_its_block) {
  const std::string s = script_json(json{{"t", "</script><!--&"}});
  BOOST_TEST(s.find('<') == std::string::npos);
  BOOST_TEST(s.find('&') == std::string::npos);
  BOOST_TEST(json::parse(s)["t"] == "</script><!--&");
}

// ---- pack helpers ---------------------------------------------------------------------------

struct RegionCase {
  const char* name;
  const char* id;
  const char* region;
};
std::ostream& operator<<(std::ostream& os, const RegionCase& c) { return os << c.name; }

BOOST_DATA_TEST_CASE(places_group_by_region,
                     bdata::make(std::vector<RegionCase>{{"Kostanai", "", "Kostanai Region"},
                                                         {"Arkalyk", "1526193", "Kostanai Region"},
                                                         {"North Kazakhstan Region", "", "North Kazakhstan Region"},
                                                         {"Astana", "", "Astana"},
                                                         {"Kazakhstan", "", "Kazakhstan (country-wide)"},
                                                         {"Moscow", "", "Abroad: Russia"},
                                                         {"Nowhere-on-Earth", "", "Unresolved"}}),
                     c) {
  json place = {{"type", "place"}, {"name", c.name}};
  if (*c.id) place["id"] = c.id;
  BOOST_TEST(place_region(place, &pack()) == c.region);
}

BOOST_AUTO_TEST_CASE(date_values_become_days) {
  bool approximate = false;
  const auto a = day_number("2023-03-01", approximate);
  BOOST_TEST((a && !approximate));
  const auto b = day_number("2023-03-02T10:00", approximate);
  BOOST_TEST((b && *b == *a + 1 && !approximate));
  const auto c = day_number("2023-03", approximate);
  BOOST_TEST((c && *c == *a + 14 && approximate));
  // ISO week 9 of 2023 runs Feb 27 - Mar 5: its Thursday is Mar 2.
  const auto w = day_number("2023-W09", approximate);
  BOOST_TEST((w && *w == *a + 1 && approximate));
  for (const char* bad : {"P2W", "2023", "2023-13-01", "2023-W60", "PRESENT_REF", ""}) BOOST_TEST(!day_number(bad, approximate));
}

// ---- the page ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seed_page_highlights_every_mention_of_its_records) {
  const auto& records = seed_records();
  BOOST_REQUIRE(!records.empty());
  auto docs = group_records(records);
  BOOST_REQUIRE(docs.size() == 1u);
  docs[0].text = seed_text();
  ReportOptions options;
  options.pack = &pack();
  ReportStats stats;
  const std::string html = render_report(docs, options, &stats);
  const json counts = record_counts(html);
  for (const auto& [type, n] : spans_per_type(records)) {
    BOOST_TEST_CONTEXT(type) {
      BOOST_TEST(count(html, "<b data-type=" + type) == n);
      BOOST_TEST(counts["mentions"][type].get<size_t>() == n);
      BOOST_TEST(size_t(stats.mentions[type]) == n);
    }
  }
  BOOST_TEST(counts["invalid_spans"] == 0);
  BOOST_TEST(counts["mismatched_spans"] == 0);
  // One document: no index; the sections are there, and nothing is fetched.
  BOOST_TEST(html.find("id=index") == std::string::npos);
  for (const char* section : {"id=summary", "id=timeline", "id=parties", "id=places", "id=\"d0\"", "id=\"dom-counts\""})
    BOOST_TEST(html.find(section) != std::string::npos, section);
  BOOST_TEST(html.find("http://") == std::string::npos);
  BOOST_TEST(html.find("https://") == std::string::npos);
  BOOST_TEST(html.find(" src=") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(gold_as_records_shows_all_types_and_sheets) {
  const auto gold = read_jsonl(test::source_path("corpora/seed/gold.jsonl"));
  auto docs = group_records(gold);
  docs[0].text = seed_text();
  ReportOptions options;
  options.pack = &pack();
  const std::string html = render_report(docs, options);
  const auto expected = spans_per_type(gold);
  for (const char* type : {"date", "place", "quote"}) BOOST_TEST(count(html, std::string("<b data-type=") + type) == expected.at(type));
  // Gold people carry no spans: none highlighted, and the page says why.
  BOOST_TEST(count(html, "<b data-type=person") == 0u);
  BOOST_TEST(html.find("carry no spans") != std::string::npos);
  // Fact sheets: one per party, with the chair and slogan; the timeline draws the dated events.
  BOOST_TEST(count(html, "<article class=sheet") == 7u);
  BOOST_TEST(html.find("Yerlan Koshanov") != std::string::npos);
  BOOST_TEST(html.find("Clean Air, Clean Water") != std::string::npos);
  BOOST_TEST(count(html, "<g class=ev>") > 5u);
  BOOST_TEST(html.find("North Kazakhstan Region</td>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(gold_comparison_marks_every_missed_mention_and_wrong_value) {
  const auto gold = read_jsonl(test::source_path("corpora/seed/gold.jsonl"));
  // Predictions: the gold without every third date/place/quote, and one date value changed.
  std::vector<json> predicted;
  std::map<std::string, size_t> dropped;
  int n = 0;
  bool changed = false;
  for (json r : gold) {
    const std::string type = r["type"];
    if (type == "date" || type == "place" || type == "quote") {
      if (++n % 3 == 0) {
        if (!r.value("optional", false)) ++dropped[type];
        continue;
      }
      if (type == "date" && !changed && r["value"] == "2023-03-01") {
        r["value"] = "2023-03-09";
        changed = true;
      }
    }
    predicted.push_back(r);
  }
  BOOST_REQUIRE(changed);
  auto docs = group_records(predicted);
  docs[0].text = seed_text();
  ReportOptions options;
  options.pack = &pack();
  options.gold = gold;
  const std::string html = render_report(docs, options);
  BOOST_TEST(html.find("id=scores") != std::string::npos);
  BOOST_TEST(html.find("<table class=scores>") != std::string::npos);
  const json counts = record_counts(html);
  for (const auto& [type, k] : dropped) {
    BOOST_TEST_CONTEXT(type) {
      BOOST_TEST(k > 0u);
      BOOST_TEST(count(html, "<b data-miss=" + type + ">") == k);
      BOOST_TEST(counts["missed"][type].get<size_t>() == k);
    }
  }
  BOOST_TEST(count(html, "<b data-type=date data-wrong>") == 1u);
  BOOST_TEST(html.find("value: 2023-03-09 — gold: 2023-03-01") != std::string::npos);
  BOOST_TEST(counts["unmarked_missed"] == 0);
  // Without the gold: no scores, no marks.
  options.gold.reset();
  const std::string plain = render_report(docs, options);
  BOOST_TEST(plain.find("id=scores") == std::string::npos);
  BOOST_TEST(count(plain, "data-miss=") == 0u);
}

BOOST_AUTO_TEST_CASE(missed_people_are_found_by_name) {
  const auto gold = read_jsonl(test::source_path("corpora/seed/gold.jsonl"));
  std::vector<json> predicted;
  for (const json& r : gold)
    if (!(r["type"] == "person" && r["name"] == "Yerlan Koshanov")) predicted.push_back(r);
  auto docs = group_records(predicted);
  docs[0].text = seed_text();
  ReportOptions options;
  options.pack = &pack();
  options.gold = gold;
  const std::string html = render_report(docs, options);
  const std::string text = seed_text();
  // "Yerlan Koshanov" once, then the alias "Koshanov" alone (never inside the full name).
  const size_t full = count(text, "Yerlan Koshanov"), alias = count(text, "Koshanov");
  BOOST_REQUIRE(full >= 1u);
  BOOST_TEST(count(html, "<b data-miss=person>") == alias);
}

BOOST_AUTO_TEST_CASE(hostile_text_and_records_are_escaped) {
  ReportDocument doc;
  doc.id = "x</script>";
  doc.text = "<script>alert(1)</script> & Astana\x01";
  doc.records = {json{{"doc", doc.id}, {"type", "document"}, {"title", "<img src=x onerror=alert(1)>"}},
                 json{{"doc", doc.id}, {"type", "place"}, {"text", "Astana"}, {"span", {28, 34}}, {"name", "</script><b>"}},
                 json{{"doc", doc.id}, {"type", "date"}, {"span", {50, 60}}},
                 json{{"doc", doc.id}, {"type", "quote"}, {"span", "bad"}}};
  ReportStats stats;
  const std::string html = render_report({doc}, ReportOptions{}, &stats);
  BOOST_TEST(html.find("<script>alert") == std::string::npos);
  BOOST_TEST(html.find("<img") == std::string::npos);
  BOOST_TEST(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; <b data-type=place>Astana</b>\xEF\xBF\xBD") !=
             std::string::npos);
  BOOST_TEST(count(html, "</script>") == 3u);  // record-counts, tips, the page's script
  BOOST_TEST(stats.invalid_spans == 2);
  BOOST_TEST(stats.mentions["place"] == 1);
}

BOOST_AUTO_TEST_CASE(records_without_text_are_listed_not_highlighted) {
  auto docs = group_records(read_jsonl(test::source_path("corpora/seed/gold.jsonl")));
  const std::string html = render_report(docs, ReportOptions{});
  BOOST_TEST(count(html, "<b data-") == 0u);
  BOOST_TEST(record_counts(html)["without_text"]["place"] == 50);
  BOOST_TEST(html.find("not available") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(hundred_articles_stay_under_two_megabytes) {
  // The seed replicated 100 times with different ids, through the CLI: records + a JSONL of texts.
  test::TempDir dir;
  std::string records, articles;
  for (int i = 0; i < 100; ++i) {
    const std::string id = "seed-" + std::to_string(1000 + i).substr(1);
    for (json r : seed_records()) {
      r["doc"] = id;
      records += r.dump() + '\n';
    }
    articles += json{{"id", id}, {"text", seed_text()}}.dump() + '\n';
  }
  const std::string out = (dir.path / "report.html").string();
  const auto r = test::run_command(test::hustings_cli() + " report --records " + dir.write("r.jsonl", records) +
                                   " --text " + dir.write("a.jsonl", articles) + " -o " + out + " 2>/dev/null");
  BOOST_TEST(r.exit_code == 0);
  const std::string html = test::read_file(out);
  BOOST_TEST(html.size() < 2'000'000u);
  BOOST_TEST(count(html, "<section class=\"block doc\"") == 100u);
  BOOST_TEST(html.find("id=index") != std::string::npos);
  const auto per_doc = spans_per_type(seed_records());
  for (const auto& [type, n] : per_doc) BOOST_TEST(count(html, "<b data-type=" + type) == 100 * n, type);
}

BOOST_AUTO_TEST_CASE(cli_extracts_and_is_deterministic) {
  test::TempDir dir;
  const std::string seed = test::source_path("corpora/seed/seed.txt");
  const std::string a = (dir.path / "a.html").string(), b = (dir.path / "b.html").string();
  const std::string cmd = test::hustings_cli() + " report --date 2023-03-04 --gold " +
                          test::source_path("corpora/seed/gold.jsonl") + " " + seed + " -o ";
  BOOST_TEST(test::run_command(cmd + a + " 2>/dev/null").exit_code == 0);
  BOOST_TEST(test::run_command(cmd + b + " --jobs 1 2>/dev/null").exit_code == 0);
  const std::string html = test::read_file(a);
  BOOST_TEST(html == test::read_file(b));
  BOOST_TEST(html.find("<table class=scores>") != std::string::npos);
  for (const auto& [type, n] : spans_per_type(seed_records())) BOOST_TEST(count(html, "<b data-type=" + type) == n, type);
}

BOOST_AUTO_TEST_CASE(cli_rejects_bad_usage) {
  const std::string cli = test::hustings_cli() + " report ";
  const std::string gold = test::source_path("corpora/seed/gold.jsonl");
  BOOST_TEST(test::run_command(cli + "--records " + gold + " " + gold + " 2>/dev/null >/dev/null").exit_code == 2);
  BOOST_TEST(test::run_command(cli + "--text /tmp 2>/dev/null >/dev/null </dev/null").exit_code == 2);
  BOOST_TEST(test::run_command(cli + "--records /nonexistent.jsonl 2>/dev/null >/dev/null").exit_code == 2);
  BOOST_TEST(test::run_command(cli + "--date 2023-13-40 - 2>/dev/null >/dev/null </dev/null").exit_code == 2);
}
