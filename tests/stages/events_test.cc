#define BOOST_TEST_MODULE events
#include <boost/test/unit_test.hpp>

#include "stages/events/events.h"
#include "tests/test_util.h"

using namespace hustings;

namespace {
// A document segmented for real, with parties, dates and places filled by hand, so that this
// suite tests the events stage alone.
struct Fixture {
  Document doc;
  explicit Fixture(const std::string& text) : doc(test::run_stages({"normalize", "segment"}, text)) {}
  Span find(const std::string& needle, int nth = 0) {
    size_t at = doc.view().find(needle);
    while (nth-- > 0) at = doc.view().find(needle, at + 1);
    BOOST_REQUIRE(at != std::string::npos);
    return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
  }
  void party(const std::string& needle, const std::string& id, int nth = 0) {
    doc.party_mentions.push_back({find(needle, nth), id, "alias", "test"});
  }
  void date(const std::string& needle, std::optional<std::string> value) {
    doc.dates.push_back({find(needle), value, "date", "test", "", ""});
  }
  void place(const std::string& needle, const std::string& name, const std::string& kind, const std::string& parent,
             int nth = 0) {
    doc.places.push_back({find(needle, nth), name, kind, "id", parent, "test"});
  }
  std::vector<std::string> run() {
    static const EventsStage stage(RuleLocator::builtin());
    std::sort(doc.places.begin(), doc.places.end(), [](auto& a, auto& b) { return a.span.begin < b.span.begin; });
    std::sort(doc.dates.begin(), doc.dates.end(), [](auto& a, auto& b) { return a.span.begin < b.span.begin; });
    std::sort(doc.party_mentions.begin(), doc.party_mentions.end(),
              [](auto& a, auto& b) { return a.span.begin < b.span.begin; });
    stage.run(doc);
    std::vector<std::string> out;
    for (const auto& e : doc.events)
      out.push_back(e.party.value_or("-") + "|" + e.action + "|" + e.date.value_or("-") + "|" + e.place.value_or("-"));
    return out;
  }
};
}  // namespace

BOOST_AUTO_TEST_CASE(a_visit_with_a_fronted_date) {
  Fixture f("Amanat party\n\nOn March 1, the party's electoral office visited the North Kazakhstan Region.");
  f.party("Amanat", "amanat");
  f.party("party's", "amanat");
  f.date("March 1", "2023-03-01");
  f.place("North Kazakhstan Region", "North Kazakhstan Region", "region", "Kazakhstan");
  const std::vector<std::string> expected = {"amanat|visit|2023-03-01|North Kazakhstan Region"};
  BOOST_TEST(f.run() == expected, boost::test_tools::per_element());
  BOOST_TEST(f.doc.events[0].actor == "party's electoral office");
}

BOOST_AUTO_TEST_CASE(one_visit_per_coordinated_place_and_containers_dropped) {
  Fixture f("Before Astana, the Amanat party representatives visited Arkalyk town in Kostanai Region, Ulytau, "
            "East Kazakhstan and Abai regions.");
  f.party("Amanat", "amanat");
  f.place("Astana", "Astana", "city", "Kazakhstan");
  f.place("Arkalyk", "Arkalyk", "town", "Kostanai Region");
  f.place("Kostanai Region", "Kostanai Region", "region", "Kazakhstan");
  f.place("Ulytau", "Ulytau Region", "region", "Kazakhstan");
  f.place("East Kazakhstan", "East Kazakhstan Region", "region", "Kazakhstan");
  f.place("Abai", "Abai Region", "region", "Kazakhstan");
  const std::vector<std::string> expected = {"amanat|visit|-|Arkalyk", "amanat|visit|-|Ulytau Region",
                                             "amanat|visit|-|East Kazakhstan Region", "amanat|visit|-|Abai Region"};
  BOOST_TEST(f.run() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_most_specific_place_and_a_host_verb_class) {
  Fixture f("NSDP\n\nOn March 2, party candidates met with the staff of the Kentau transformer plant in the "
            "Turkistan Region. The party organized a concert on March 3 in Uralsk.");
  f.party("NSDP", "nsdp");
  f.date("March 2", "2023-03-02");
  f.date("March 3", "2023-03-03");
  f.place("Kentau", "Kentau", "city", "Turkistan Region");
  f.place("Turkistan Region", "Turkistan Region", "region", "Kazakhstan");
  f.place("Uralsk", "Uralsk", "city", "West Kazakhstan Region");
  const std::vector<std::string> expected = {"nsdp|meeting|2023-03-02|Kentau", "nsdp|concert|2023-03-03|Uralsk"};
  BOOST_TEST(f.run() == expected, boost::test_tools::per_element());
  BOOST_TEST(f.doc.events[1].action_text == "organized a concert");
}

BOOST_AUTO_TEST_CASE(noun_actions_in_attribution_and_nothing_inside_quotes) {
  Fixture f("\u201cWe visited Taraz on March 9,\u201d said a candidate at a March 1 roundtable in Kostanai.");
  f.party("candidate", "auyl");
  f.date("March 9", "2023-03-09");
  f.date("March 1", "2023-03-01");
  f.place("Taraz", "Taraz", "city", "Zhambyl Region");
  f.place("Kostanai", "Kostanai", "city", "Kostanai Region");
  const std::vector<std::string> expected = {"auyl|roundtable|2023-03-01|Kostanai"};
  BOOST_TEST(f.run() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(place_from_a_fronted_in_phrase_or_the_previous_sentence) {
  Fixture f("In Kostanai, a major centre of Kazakhstan, the party members were also acquainted with dairy "
            "production since 1997.\n\nOne of the trips was to Shymkent. The chair met with people there.");
  f.party("party", "respublica");
  f.date("1997", "1997");
  f.place("Kostanai", "Kostanai", "city", "Kostanai Region");
  f.place("Kazakhstan", "Kazakhstan", "country", "");
  f.place("Shymkent", "Shymkent", "city", "Kazakhstan");
  const std::vector<std::string> expected = {"respublica|visit|-|Kostanai", "respublica|meeting|-|Shymkent"};
  const auto got = f.run();
  BOOST_TEST(got == expected, boost::test_tools::per_element());
  for (const auto& g : got) BOOST_TEST_MESSAGE(g);
}

BOOST_AUTO_TEST_CASE(no_event_without_place_or_date_and_none_from_captions) {
  Fixture f("The party visits different parts of the country.\n\nPeruashev addresses the public in Shymkent. "
            "Photo credit: akzhol.kz.");
  f.party("party", "aq-jol");
  f.place("Shymkent", "Shymkent", "city", "Kazakhstan");
  BOOST_TEST(f.run().empty());
}

BOOST_AUTO_TEST_CASE(bad_action_row_is_a_rule_error) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path / "root");
  std::filesystem::copy(std::filesystem::path(HUSTINGS_BUILTIN_RULES) / "en", dir.path / "root/en",
                        std::filesystem::copy_options::recursive);
  dir.write("root/en/actions.tsv", "class\tpattern\tform\tmulti\nvisit\tvisited\tverbish\tyes\n");
  BOOST_CHECK_THROW(EventsStage(RuleLocator({dir.path / "root"}, "kz")), RuleError);
}
