#define BOOST_TEST_MODULE people
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "pipeline/compare.h"
#include "pipeline/pack.h"
#include "stages/people/people.h"
#include "tests/test_util.h"

using namespace hustings;
using json = nlohmann::json;

namespace {
const std::vector<std::string> kStages = {"normalize", "segment", "parties", "people"};

// Each person as "name|party|role|role_text", in order of first mention.
std::vector<std::string> persons(const std::string& text) {
  const Document doc = test::run_stages(kStages, text);
  std::vector<const Person*> sorted;
  for (const auto& p : doc.people) sorted.push_back(&p);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->spans.front().begin < b->spans.front().begin; });
  std::vector<std::string> out;
  for (const Person* p : sorted)
    out.push_back(p->name + "|" + p->party.value_or("-") + "|" + p->role.value_or("-") + "|" + p->role_text.value_or("-"));
  return out;
}

struct Case {
  const char* text;
  std::vector<std::string> expected;
};
std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.text; }
}  // namespace

// One case per pattern of rules/en/people.re2.tsv.
BOOST_DATA_TEST_CASE(patterns,
                     boost::unit_test::data::make(std::vector<Case>{
                         // role-name
                         {"Aq Jol\n\nThe party\u2019s chair Azat Peruashev met voters.",
                          {"Azat Peruashev|aq-jol|chair|The party\u2019s chair"}},
                         {"The Amanat party, chaired by Yerlan Koshanov, met voters.",
                          {"Yerlan Koshanov|amanat|chair|chaired by"}},
                         {"Baytaq met voters. \u201cWe will win,\u201d said the party\u2019s founder and chairman Azamatkhan Amirtai.",
                          {"Azamatkhan Amirtai|baytaq|chair|the party\u2019s founder and chairman"}},
                         {"Baytaq met voters. \u201cYes,\u201d said the chairwoman of the party\u2019s branch Bazarkul Umbetova.",
                          {"Bazarkul Umbetova|baytaq|branch head|the chairwoman of the party\u2019s branch"}},
                         {"Auyl met voters. \u201cYes,\u201d said one of the party candidates Kairat Aituganov at a roundtable.",
                          {"Kairat Aituganov|auyl|candidate|one of the party candidates"}},
                         {"NSDP met voters. \u201cYes,\u201d said a party candidate, Talgat Omarov.",
                          {"Talgat Omarov|nsdp|candidate|a party candidate"}},
                         {"Amanat candidate Marat Zhaksylykov defended prices.",
                          {"Marat Zhaksylykov|amanat|candidate|Amanat candidate"}},
                         {"Amanat met voters. First deputy chair Bauyrzhan Omarbekov told the congress.",
                          {"Bauyrzhan Omarbekov|amanat|deputy chair|First deputy chair"}},
                         {"The debate was moderated by journalist Saule Kenzhebayeva.",
                          {"Saule Kenzhebayeva|-|-|journalist"}},
                         {"Amanat met voters. Party member Zh. Kuanyshev added that the party would win.",
                          {"Zh. Kuanyshev|amanat|member|Party member"}},
                         {"Amanat met voters. Candidate Aigerim Mukhamedzhanova-Sattar spoke.",
                          {"Aigerim Mukhamedzhanova-Sattar|amanat|candidate|Candidate"}},
                         {"CEC Chairman Nurlan Abdirov told a briefing. Amanat agreed.",
                          {"Nurlan Abdirov|-|chair|CEC Chairman"}},
                         // name-role (an apposition holding a role phrase)
                         {"Respublica\n\nAidarbek Khojanazarov, the party\u2019s chair, is also a rider.",
                          {"Aidarbek Khojanazarov|respublica|chair|the party\u2019s chair"}},
                         {"Amanat met voters. Nadezhda Lee, secretary of the party's political council, spoke.",
                          {"Nadezhda Lee|amanat|secretary|secretary of the party's political council"}},
                         {"The OSDP met voters. Serik Zhaksybekov, head of the OSDP branch in Shymkent, said so.",
                          {"Serik Zhaksybekov|nsdp|branch head|head of the OSDP branch in Shymkent"}},
                         {"Nur Otan met voters. Aizhan Baimukhanova, who heads the Nur Otan branch in Pavlodar Region, "
                          "took part.",
                          {"Aizhan Baimukhanova|amanat|branch head|who heads the Nur Otan branch in Pavlodar Region"}},
                         {"Amanat met voters. Yerbol Sarsenbayev, a 44-year-old lawyer who calls himself a "
                          "self-nominated candidate, toured villages.",
                          {"Yerbol Sarsenbayev|-|candidate|a self-nominated candidate"}},
                         {"Timur Li, a political analyst based in Almaty, said the party was new.",
                          {"Timur Li|-|-|a political analyst"}},
                         // role-surname
                         {"Amanat met voters. Party chairman Koshanov said the party would win.",
                          {"Koshanov|amanat|chair|Party chairman"}},
                         // speech verbs, names and lone surnames
                         {"\u201cWe will win,\u201d said Talgat Omarov.", {"Talgat Omarov|-|-|-"}},
                         {"Talgat Omarov said the program was ready.", {"Talgat Omarov|-|-|-"}},
                         {"According to Zhanar Serikova, turnout was high.", {"Zhanar Serikova|-|-|-"}},
                         {"\u201cYes,\u201d said Omarov. Omarov added that taxes would fall.", {"Omarov|-|-|-"}},
                         {"Baurzhan Zhanibekov, 34, a teacher from Oral, said he would vote.", {"Baurzhan Zhanibekov|-|-|-"}},
                         {"Later, Vogel, who runs a chain of bakeries, stressed that taxes would fall. \u201cNo,\u201d said Vogel.",
                          {"Vogel|-|-|-"}},
                         // party-possessive, name-party
                         {"Ak Zhol\u2019s Azat Peruashev spoke first.", {"Azat Peruashev|aq-jol|-|-"}},
                         {"Their candidates Marat Ospanov (Amanat) and Gani Bekov (Ak Zhol) met.",
                          {"Marat Ospanov|amanat|candidate|candidates", "Gani Bekov|aq-jol|-|-"}},
                         // names of other origins, hyphens, initials
                         {"President Kassym-Jomart Tokayev met farmers. K. Tokayev promised canals.",
                          {"Kassym-Jomart Tokayev|-|president|President"}},
                         {"Candidate Aliya Zhunusova-Berg said the air was clean.", {"Aliya Zhunusova-Berg|-|candidate|Candidate"}},
                         {"Akim Rashid Yusupov inspected polling stations.", {"Rashid Yusupov|-|akim|Akim"}},
                     }),
                     c) {
  BOOST_TEST(persons(c.text) == c.expected, boost::test_tools::per_element());
}

// Affiliation: the party named in the role phrase, the section's, the recent one, the only one,
// or none.
BOOST_DATA_TEST_CASE(affiliation,
                     boost::unit_test::data::make(std::vector<Case>{
                         {"Title\n\nAuyl\n\nAmanat was criticised. Candidate Ali Bektayev said so.",
                          {"Ali Bektayev|auyl|candidate|Candidate"}},
                         {"Title\n\nAuyl\n\nAmanat candidate Ali Bektayev said so.", {"Ali Bektayev|amanat|candidate|Amanat candidate"}},
                         {"Auyl met voters. Amanat met farmers. Candidate Ali Bektayev spoke.",
                          {"Ali Bektayev|amanat|candidate|Candidate"}},
                         {"Auyl met voters.\n\nThey drove on.\n\nCandidate Ali Bektayev spoke.",
                          {"Ali Bektayev|auyl|candidate|Candidate"}},
                         {"Auyl met voters. Amanat met farmers.\n\nThey drove on.\n\nThe road was long.\n\n"
                          "Candidate Ali Bektayev spoke.",
                          {"Ali Bektayev|-|candidate|Candidate"}},
                         {"Auyl met voters. Akim Ali Bektayev spoke.", {"Ali Bektayev|-|akim|Akim"}},
                         {"Title\n\nAuyl\n\n\u201cYes,\u201d said Ali Bektayev.", {"Ali Bektayev|auyl|-|-"}},
                         {"Auyl met voters. \u201cYes,\u201d said Ali Bektayev.", {"Ali Bektayev|-|-|-"}},
                     }),
                     c) {
  BOOST_TEST(persons(c.text) == c.expected, boost::test_tools::per_element());
}

// No person.
BOOST_DATA_TEST_CASE(negatives,
                     boost::unit_test::data::make(std::vector<const char*>{
                         "The Astana Times said turnout was high.",
                         "Astana Times said turnout was high.",
                         "The Kazakh Parliament said nothing.",
                         "Critics say the plan is weak. Officials said otherwise.",
                         "Residents told reporters that the roads were bad.",
                         "Yesterday said it all.",
                         "People told us honestly what worries them.",
                         "Amanat said the vote was fair. The party said so again.",
                         "According to the Central Election Commission, 77 percent voted.",
                         "The party\u2019s chair met voters in Kostanai Region.",
                         "Party Leaders Say Turnout Was High\n\nThe leaders spoke.",
                         "In Taldykorgan, Semei said nothing.",
                         "The adviser, the State Counselor, said the vote was fair.",
                         "Analysts Say The Race Is Open.",
                         "Get The Astana Times stories sent directly to you! Said Koshanov, sign up via the website.",
                     }),
                     text) {
  const auto found = persons(text);
  BOOST_TEST(found.empty(), text << " -> " << (found.empty() ? "" : found[0]));
}

// A capitalized word opening a sentence is no part of the name.
BOOST_DATA_TEST_CASE(sentence_openers,
                     boost::unit_test::data::make(std::vector<Case>{
                         {"Meanwhile Talgat Omarov said the program was ready.", {"Talgat Omarov|-|-|-"}},
                         {"Yesterday Omarov said the program was ready. \u201cYes,\u201d said Omarov.", {"Omarov|-|-|-"}},
                         {"In Taldykorgan, Marina Pak, an observer, checked lists.", {"Marina Pak|-|observer|an observer"}},
                     }),
                     c) {
  BOOST_TEST(persons(c.text) == c.expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(surname_coreference_and_spans) {
  const Document doc = test::run_stages(
      kStages, "Amanat met voters. The party, chaired by Yerlan Koshanov, won. Koshanov\u2019s team said more. "
               "Koshanov left. Anna Koshanova stayed.");
  BOOST_REQUIRE(doc.people.size() == 1u);
  const Person& p = doc.people[0];
  BOOST_TEST(p.name == "Yerlan Koshanov");
  BOOST_TEST(p.aliases == std::vector<std::string>{"Koshanov"}, boost::test_tools::per_element());
  BOOST_REQUIRE(p.spans.size() == 3u);
  BOOST_TEST(doc.surface(p.spans[0]) == "Yerlan Koshanov");
  BOOST_TEST(doc.surface(p.spans[1]) == "Koshanov");
  BOOST_TEST(doc.surface(p.spans[2]) == "Koshanov");
}

BOOST_AUTO_TEST_CASE(same_surname_goes_to_the_nearest_full_name) {
  const Document doc = test::run_stages(
      kStages, "Candidate Marina Pak met voters. Pak said yes. Akim Anna Pak arrived. Pak said no.");
  BOOST_REQUIRE(doc.people.size() == 2u);
  BOOST_TEST(doc.people[0].name == "Marina Pak");
  BOOST_TEST(doc.people[0].spans.size() == 2u);
  BOOST_TEST(doc.people[1].name == "Anna Pak");
  BOOST_TEST(doc.people[1].spans.size() == 2u);
  BOOST_TEST(doc.surface(doc.people[1].spans[1]) == "Pak");
  BOOST_TEST(doc.people[1].spans[1].begin > doc.people[1].spans[0].begin);
}

BOOST_AUTO_TEST_CASE(lone_surname_takes_its_full_form) {
  BOOST_TEST(persons("Title\n\nAuyl\n\nAli Bektayev, who heads the party's Zhambyl branch, met farmers. "
                    "\u201cRoads,\u201d Bektayev said.") ==
                 std::vector<std::string>{"Ali Bektayev|auyl|branch head|who heads the party's Zhambyl branch"},
             boost::test_tools::per_element());
  BOOST_TEST(persons("Businessman Ayan Zhumabekov spoke. Zhumabekov told reporters so.") ==
                 std::vector<std::string>{"Ayan Zhumabekov|-|-|-"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(people_fill_party_chairs) {
  const Document doc = test::run_stages(
      kStages, "Respublica\n\nAidarbek Khojanazarov, the party\u2019s chair, spoke. The party\u2019s co-chairwoman "
               "Dinara Shukizhanova noted more.\n\nBaytaq\n\nThe party\u2019s founder, Kanat Baimurzin, joined.");
  BOOST_REQUIRE(doc.parties.size() == 2u);
  BOOST_TEST(doc.parties[0].chair.value_or("") == "Aidarbek Khojanazarov");
  BOOST_TEST(!doc.parties[1].chair.has_value());  // a founder is no chair
}

// Scores of person records through compare.
static TypeScore person_score(const std::vector<std::pair<std::string, std::string>>& docs) {
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
    if (t.type == "person") return t;
  BOOST_FAIL("no person row");
  return {};
}

BOOST_AUTO_TEST_CASE(seed_people_all_right) {
  const TypeScore t = person_score({{"seed", "corpora/seed/gold.jsonl"}});
  BOOST_TEST(t.gold == 10);
  BOOST_TEST(t.predicted == 10);
  BOOST_TEST(t.f1() == 1.0);
  BOOST_TEST(t.attributes.at("party").accuracy() == 1.0);
  BOOST_TEST(t.attributes.at("role").accuracy() == 1.0);
}

BOOST_AUTO_TEST_CASE(samples_people) {
  std::vector<std::pair<std::string, std::string>> docs;
  for (const auto& f : std::filesystem::directory_iterator(test::source_path("corpora/samples")))
    if (f.path().extension() == ".txt")
      docs.push_back({f.path().stem().string(), "corpora/samples/" + f.path().stem().string() + ".gold.jsonl"});
  std::sort(docs.begin(), docs.end());
  BOOST_REQUIRE(docs.size() >= 6u);
  const TypeScore t = person_score(docs);
  BOOST_TEST(t.gold >= 30);
  BOOST_TEST(t.f1() >= 0.9);
  BOOST_TEST(t.attributes.at("party").accuracy() >= 0.9);
  BOOST_TEST(t.attributes.at("role").accuracy() >= 0.9);
}

// A bad line of a people rule file stops the run with file:line.
struct BadLine {
  const char* file;
  const char* content;  // header and rows
  const char* where;
  const char* reason;
};
std::ostream& operator<<(std::ostream& os, const BadLine& b) { return os << b.file << ": " << b.where; }

BOOST_DATA_TEST_CASE(bad_lines,
                     boost::unit_test::data::make(std::vector<BadLine>{
                         {"roles.tsv", "# roles\nphrase\trole\taffiliation\nchairman\tchair\tparty\nleader\tLeader\tparty\n",
                          "roles.tsv:4:", "lower-case key"},
                         {"roles.tsv", "phrase\trole\taffiliation\nchairman\tchair\tmaybe\n", "roles.tsv:2:", "affiliation"},
                         {"roles.tsv", "phrase\trole\taffiliation\nchairman\tchair\n", "roles.tsv:2:", "tab-separated cells"},
                         {"roles.tsv", "phrase\trole\taffiliation\nhead of the {party}\tbranch head\tparty\n", "roles.tsv:2:",
                          "{party} must be followed"},
                         {"roles.tsv", "phrase\trole\taffiliation\nhead of {branch}\tbranch head\tparty\n", "roles.tsv:2:",
                          "placeholder"},
                         {"roles.tsv", "phrase\tkey\taffiliation\nchairman\tchair\tparty\n", "roles.tsv:1:", "column 'role'"},
                         {"speech-verbs.tsv", "verb\tkind\nsaid\tverb\nsays\tnoun\n", "speech-verbs.tsv:3:", "kind must be"},
                         {"not-names.tsv", "word\tkind\nThe\tfunction\nthe party\tfunction\n", "not-names.tsv:3:",
                          "one capitalized word"},
                     }),
                     bad) {
  test::TempDir dir;
  for (const auto& f : std::filesystem::directory_iterator(test::source_path("rules/en")))
    dir.write("en/" + f.path().filename().string(), test::read_file(f.path().string()));
  dir.write(std::string("en/") + bad.file, bad.content);
  try {
    PeopleStage stage(RuleLocator({dir.path}, "kz"));
    BOOST_FAIL("bad line accepted");
  } catch (const RuleError& e) {
    const std::string message = e.what();
    BOOST_TEST(message.find(bad.where) != std::string::npos, message);
    BOOST_TEST(message.find(bad.reason) != std::string::npos, message);
  }
  const std::string input = dir.write("in.txt", "Amanat met voters.\n");
  const auto r = test::run_command(test::hustings_cli() + " extract --rules " + dir.path.string() + " " + input + " 2>&1");
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(r.out.find(bad.where) != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(bad_person_pattern) {
  test::TempDir dir;
  for (const auto& f : std::filesystem::directory_iterator(test::source_path("rules/en")))
    dir.write("en/" + f.path().filename().string(), test::read_file(f.path().string()));
  std::string patterns = test::read_file(test::source_path("rules/en/people.re2.tsv"));
  patterns += "broken\tperson\t(?P<nom>{NAME}) said\n";
  dir.write("en/people.re2.tsv", patterns);
  const int line = static_cast<int>(std::count(patterns.begin(), patterns.end(), '\n'));
  try {
    PeopleStage stage(RuleLocator({dir.path}, "kz"));
    BOOST_FAIL("bad pattern accepted");
  } catch (const RuleError& e) {
    BOOST_TEST(e.line() == line);
    BOOST_TEST(std::string(e.what()).find("group 'name'") != std::string::npos, e.what());
  }
}
