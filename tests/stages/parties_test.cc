#define BOOST_TEST_MODULE parties
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "pipeline/compare.h"
#include "pipeline/pack.h"
#include "stages/parties/parties.h"
#include "tests/test_util.h"

using namespace hustings;
using json = nlohmann::json;

namespace {
const std::vector<std::string> kStages = {"normalize", "segment", "parties"};

// Each mention as "surface|party|how".
std::vector<std::string> mentions(const std::string& text) {
  const Document doc = test::run_stages(kStages, text);
  std::vector<std::string> out;
  for (const auto& m : doc.party_mentions) out.push_back(std::string(doc.surface(m.span)) + "|" + m.party + "|" + m.how);
  return out;
}

struct Case {
  const char* text;
  std::vector<std::string> expected;
};
std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.text; }
}  // namespace

// Names, aliases, former names, abbreviations, native script: the pack's list.
BOOST_DATA_TEST_CASE(alias_mentions,
                     boost::unit_test::data::make(std::vector<Case>{
                         {"Amanat held a rally.", {"Amanat|amanat|alias"}},
                         {"The Nur Otan party met voters.", {"Nur Otan party|amanat|alias"}},
                         {"Ak Zhol candidates met traders.", {"Ak Zhol|aq-jol|alias"}},
                         {"NSDP candidates met teachers.", {"NSDP|nsdp|alias"}},
                         {"The OSDP boycotted the vote.", {"OSDP|nsdp|alias"}},
                         {"The People\u2019s Party of Kazakhstan held a rally.",
                          {"People\u2019s Party of Kazakhstan|peoples-party|alias"}},
                         {"It was called the Communist People's Party of Kazakhstan until 2020.",
                          {"Communist People's Party of Kazakhstan|peoples-party|alias"}},
                         {"Respublica party\u2019s Facebook page.", {"Respublica party|respublica|alias"}},
                         {"Baitaq candidates met growers.", {"Baitaq|baytaq|alias"}},
                         {"Партия \u00abАманат\u00bb провела съезд.", {"Аманат|amanat|alias"}},
                         {"АМАНАТ ПАРТИЯСЫ провела съезд.", {"АМАНАТ ПАРТИЯСЫ|amanat|alias"}},
                         {"The Akzhol party met voters.", {"Akzhol party|aq-jol|alias"}},
                     }),
                     c) {
  BOOST_TEST(mentions(c.text) == c.expected, boost::test_tools::per_element());
}

// Spellings the list lacks, found by the `name` patterns and resolved after folding.
BOOST_DATA_TEST_CASE(pattern_mentions,
                     boost::unit_test::data::make(std::vector<Case>{
                         {"The Aq-Jol party met voters.", {"Aq-Jol party|aq-jol|pattern"}},
                         {"Kazakhstan's Aq-Jol party met voters.", {"Aq-Jol party|aq-jol|pattern"}},
                         {"The party \"Ak-Jol\" met voters.", {"Ak-Jol|aq-jol|pattern"}},
                         {"Ak-Jol's candidates met voters.", {"Ak-Jol|aq-jol|pattern"}},
                     }),
                     c) {
  BOOST_TEST(mentions(c.text) == c.expected, boost::test_tools::per_element());
}

// "the party": the section's party, else the most recently named one.
BOOST_DATA_TEST_CASE(anaphors,
                     boost::unit_test::data::make(std::vector<Case>{
                         {"Title line\n\nAq Jol\n\nThe party's chair met voters.", {"Aq Jol|aq-jol|alias", "party|aq-jol|section"}},
                         {"Auyl held a roundtable. The party promised roads.",
                          {"Auyl|auyl|alias", "party|auyl|recent"}},
                         {"Amanat met farmers. Auyl met herders. Party candidates promised roads.",
                          {"Amanat|amanat|alias", "Auyl|auyl|alias", "Party|auyl|recent"}},
                         {"Title line\n\nRespublica\n\nAmanat criticised them. The party replied.",
                          {"Respublica|respublica|alias", "Amanat|amanat|alias", "party|respublica|section"}},
                         {"Title line\n\nWho leads the party\n\nThe party is young.", {}},
                         {"Baytaq met voters.\n\nWho leads the party\n\nThe party is young.",
                          {"Baytaq|baytaq|alias", "party|baytaq|recent", "party|baytaq|recent"}},
                         {"Kazakhstan's largest party met. Its first green party met too.", {}},
                     }),
                     c) {
  BOOST_TEST(mentions(c.text) == c.expected, boost::test_tools::per_element());
}

// No party: another thing's name, a common word, a non-party name.
BOOST_DATA_TEST_CASE(negatives,
                     boost::unit_test::data::make(std::vector<const char*>{
                         "Shukizhanova noted the Kazakh Parliament needs new voices.",
                         "The Kazakh party system is young.",
                         "The word amanat means trust.",
                         "Amanat Media reported the news.",
                         "Aq Jol News said so.",
                         "The opposition newspaper Respublika closed in 2012.",
                         "They met at the Respublica Hotel.",
                         "The Astana Times presents a close-up view.",
                         "He flew to Nur-Sultan.",
                         "Get The Amanat Times stories sent directly to you! Sign up via the website.",
                     }),
                     text) {
  BOOST_TEST(mentions(text).empty(), text << " -> " << (mentions(text).empty() ? "" : mentions(text)[0]));
}

struct FactsCase {
  const char* text;
  const char* party;
  const char* program;
  const char* slogan;
};
std::ostream& operator<<(std::ostream& os, const FactsCase& c) { return os << c.text; }

BOOST_DATA_TEST_CASE(program_and_slogan,
                     boost::unit_test::data::make(std::vector<FactsCase>{
                         {"The Amanat party presented its electoral program titled Together with People.", "amanat",
                          "Together with People", ""},
                         {"Aq Jol\n\nThe party's chair presented the election program titled Changes Are Inevitable.",
                          "aq-jol", "Changes Are Inevitable", ""},
                         {"The party\u2019s election program, titled A Country of Opportunities, promises less. "
                          "Respublica campaigns under the slogan Time for People of Action.",
                          "respublica", "", "Time for People of Action"},
                         {"Baytaq went green with the slogan Clean Air, Clean Water \u2013 Pure Relations, going out.",
                          "baytaq", "", "Clean Air, Clean Water \u2013 Pure Relations"},
                         {"Auyl unveiled a platform called \u201cVillage First\u201d on Monday.", "auyl", "Village First", ""},
                         {"Respublica's slogan is \"Act Now\".", "respublica", "", "Act Now"},
                         {"Amanat presented its election program. According to the party, it is new.", "amanat", "", ""},
                         {"In our political platform, an important role is given to Auyl villages.", "auyl", "", ""},
                     }),
                     c) {
  const Document doc = test::run_stages(kStages, c.text);
  auto it = std::find_if(doc.parties.begin(), doc.parties.end(), [&](const PartyFacts& f) { return f.party == c.party; });
  BOOST_REQUIRE(it != doc.parties.end());
  BOOST_TEST(it->program.value_or("") == c.program);
  BOOST_TEST(it->slogan.value_or("") == c.slogan);
  BOOST_TEST(!it->chair.has_value());  // chairs come from the people stage
}

BOOST_AUTO_TEST_CASE(one_fact_record_per_party_in_order_of_first_mention) {
  const Document doc = test::run_stages(kStages, "Auyl met Amanat. Nur Otan and Auyl replied. The party won.");
  BOOST_REQUIRE(doc.parties.size() == 2u);
  BOOST_TEST(doc.parties[0].party == "auyl");
  BOOST_TEST(doc.parties[0].name == "Auyl People's Democratic Patriotic Party");
  BOOST_TEST(doc.parties[0].spans.size() == 3u);  // Auyl, Auyl, "the party" (the most recent)
  BOOST_TEST(doc.parties[1].party == "amanat");
  BOOST_TEST(doc.parties[1].spans.size() == 2u);  // Amanat, Nur Otan
}

// Scores of party records through compare, names resolved through the pack.
static TypeScore party_score(const std::vector<std::pair<std::string, std::string>>& docs) {
  std::vector<json> gold, pred;
  for (const auto& [id, gold_file] : docs) {
    std::istringstream in(test::read_file(test::source_path(gold_file)));
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) gold.push_back(json::parse(line));
    const std::string txt = id == "seed" ? "corpora/seed/seed.txt" : "corpora/samples/" + id + ".txt";
    const Document doc = test::run_stages({"normalize", "segment", "parties", "people", "facts"},
                                          test::read_file(test::source_path(txt)), id);
    for (const auto& r : doc.records) pred.push_back(json::parse(r.dump()));
  }
  static const PackNames names(RuleLocator::builtin());
  CompareOptions options{[](std::string_view type, std::string_view name) { return names.resolve(type, name); }};
  for (const auto& t : compare(gold, pred, options).types)
    if (t.type == "party") return t;
  BOOST_FAIL("no party row");
  return {};
}

BOOST_AUTO_TEST_CASE(seed_parties_all_right) {
  const TypeScore t = party_score({{"seed", "corpora/seed/gold.jsonl"}});
  BOOST_TEST(t.gold == 7);
  BOOST_TEST(t.predicted == 7);
  BOOST_TEST(t.f1() == 1.0);
  for (const char* a : {"chair", "program", "slogan"}) BOOST_TEST(t.attributes.at(a).accuracy() == 1.0, a);
  BOOST_TEST(t.attributes.at("chair").scored == 4);
}

BOOST_AUTO_TEST_CASE(samples_parties) {
  std::vector<std::pair<std::string, std::string>> docs;
  for (const auto& f : std::filesystem::directory_iterator(test::source_path("corpora/samples")))
    if (f.path().extension() == ".txt")
      docs.push_back({f.path().stem().string(), "corpora/samples/" + f.path().stem().string() + ".gold.jsonl"});
  std::sort(docs.begin(), docs.end());
  BOOST_REQUIRE(docs.size() >= 6u);
  const TypeScore t = party_score(docs);
  BOOST_TEST(t.f1() >= 0.9);
  for (const char* a : {"chair", "program", "slogan"})
    if (t.attributes.count(a)) BOOST_TEST(t.attributes.at(a).accuracy() >= 0.9, a);
}

// A bad line of the pack's party list or of the pattern file stops the run with file:line.
struct BadLine {
  const char* file;  // kz/parties.tsv or en/parties.re2.tsv
  const char* row;
  const char* where;
  const char* reason;
};
std::ostream& operator<<(std::ostream& os, const BadLine& b) { return os << b.file << ": " << b.row; }

BOOST_DATA_TEST_CASE(bad_lines,
                     boost::unit_test::data::make(std::vector<BadLine>{
                         {"kz/parties.tsv", "amanat\tDuplicate\t\t\tactive\thand", "parties.tsv:7:", "duplicate id"},
                         {"kz/parties.tsv", "x\tX\t\tOld@19-20\tactive\thand", "parties.tsv:7:", "YYYY-YYYY"},
                         {"kz/parties.tsv", "x\tX\tactive", "parties.tsv:7:", "tab-separated cells"},
                         {"en/parties.re2.tsv", "x\tname\t(?P<nom>\\p{Lu}+) party", "parties.re2.tsv:3:", "group 'name'"},
                         {"en/parties.re2.tsv", "x\tanaphor\t(the party", "parties.re2.tsv:3:", "invalid RE2"},
                         {"en/parties.re2.tsv", "x\tname\t{NOPE} party", "parties.re2.tsv:3:", "unknown macro {NOPE}"},
                         {"en/parties.re2.tsv", "x\tguess\tparty", "parties.re2.tsv:3:", "kind must be"},
                     }),
                     bad) {
  test::TempDir dir;
  const std::string folder = std::string(bad.file).substr(0, 2);
  for (const auto& f : std::filesystem::directory_iterator(test::source_path("rules/" + folder)))
    dir.write(folder + "/" + f.path().filename().string(), test::read_file(f.path().string()));
  if (folder == "kz") {
    const std::string header = "# list\n# more\nid\tname\taliases\tformer\tstatus\tsource\n";
    dir.write(bad.file, header + "amanat\tAmanat\tNur Otan\t\tactive\thand\n" + "aq-jol\tAq Jol\t\t\tactive\thand\n" +
                            "auyl\tAuyl\t\t\tactive\thand\n" + bad.row + "\n");
  } else {
    dir.write(bad.file, std::string("# patterns\nid\tkind\tpattern\n") + bad.row + "\n");
  }
  try {
    PartiesStage stage(RuleLocator({dir.path}, "kz"));
    BOOST_FAIL("bad line accepted");
  } catch (const RuleError& e) {
    const std::string message = e.what();
    BOOST_TEST(message.find(bad.where) != std::string::npos, message);
    BOOST_TEST(message.find(bad.reason) != std::string::npos, message);
  }
  // The command line stops with exit code 3 and names the line.
  const std::string input = dir.write("in.txt", "Amanat met voters.\n");
  const auto r = test::run_command(test::hustings_cli() + " extract --rules " + dir.path.string() + " " + input + " 2>&1");
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(r.out.find(bad.where) != std::string::npos, r.out);
}
