#define BOOST_TEST_MODULE dates
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <set>
#include <sstream>

#include "pipeline/compare.h"
#include "pipeline/registry.h"
#include "stages/dates/dates.h"
#include "stages/dates/date_rules.h"
#include "tests/test_util.h"

using namespace hustings;
using nlohmann::json;

namespace {

// A document through normalize, segment and dates, with the given document date ("" for none).
Document dated(const std::string& text, const std::string& anchor) {
  static const Pipeline pipeline = Pipeline::named({"normalize", "segment", "dates"}, RuleLocator::builtin());
  Document doc(DocumentMeta{"test", {}, {}, {}, {}}, text);
  if (!anchor.empty()) {
    doc.anchor = anchor;
    doc.anchor_source = "input";
  }
  pipeline.run(doc);
  return doc;
}

// Each mention as "surface=value" (null when unresolved).
std::vector<std::string> mentions(const Document& doc) {
  std::vector<std::string> out;
  for (const auto& d : doc.dates) out.push_back(std::string(doc.surface(d.span)) + "=" + d.value.value_or("null"));
  return out;
}

std::set<std::string>& rules_seen() {
  static std::set<std::string> seen;
  return seen;
}

struct DateCase {
  const char* anchor;
  const char* text;
  std::vector<std::string> expected;
};
std::ostream& operator<<(std::ostream& os, const DateCase& c) { return os << "[" << c.anchor << "] " << c.text; }

}  // namespace

// Expressions in context, with the document date they are read against. Every rule of
// rules/en/dates.re2.tsv is exercised (checked by every_rule_is_covered below).
const std::vector<DateCase> kCases = {
    // Publication dates, which are also the document date when none is given.
    {"", "Published: March 4, 2023. The party met voters on Monday.",
     {"March 4, 2023=2023-03-04", "Monday=2023-02-27"}},
    {"", "As of 10 March 2023, seven parties remain in the race.", {"10 March 2023=2023-03-10"}},
    {"", "Updated 19.03.2023: polling stations closed at 8 p.m.", {"19.03.2023=2023-03-19", "8 p.m.=2023-03-19T20:00"}},
    {"", "Posted on Nov. 8, 2022. Voters go to the polls on Nov. 20.", {"Nov. 8, 2022=2022-11-08", "Nov. 20=2022-11-20"}},
    // Times attached to a date.
    {"2023-03-04", "The campaigning will last through midnight of March 18.", {"midnight of March 18=2023-03-18T00:00"}},
    {"2023-03-05", "Two days later, at 10 a.m. on March 4, volunteers gathered.",
     {"Two days later=null", "10 a.m. on March 4=2023-03-04T10:00"}},
    {"2023-03-04", "The congress opened at noon on Feb. 20.", {"noon on Feb. 20=2023-02-20T12:00"}},
    {"2023-03-04", "It opened at 10:30 a.m. on March 4, 2023, in Astana.", {"10:30 a.m. on March 4, 2023=2023-03-04T10:30"}},
    {"2023-03-10", "Polling stations will open at 7 a.m. on 19 March.", {"7 a.m. on 19 March=2023-03-19T07:00"}},
    {"2023-03-10", "Counting starts at 8 p.m. on 19 March 2023.", {"8 p.m. on 19 March 2023=2023-03-19T20:00"}},
    {"2023-03-05", "The rally began on March 4 at 6 p.m. in the square.", {"March 4 at 6 p.m.=2023-03-04T18:00"}},
    {"2023-03-05", "Results are due March 20 at noon.", {"March 20 at noon=2023-03-20T12:00"}},
    // Ranges.
    {"2022-11-08", "He toured villages of Abai Region on Nov. 1-3.", {"Nov. 1-3=2022-11-01/2022-11-03"}},
    {"2023-02-28", "On Feb. 26-27, party candidates toured the district.", {"Feb. 26-27=2023-02-26/2023-02-27"}},
    {"2023-03-04", "The forum ran March 1 to 3 in Almaty.", {"March 1 to 3=2023-03-01/2023-03-03"}},
    {"2023-01-05", "The festival ran Dec. 30-31, 2022, in Shymkent.", {"Dec. 30-31, 2022=2022-12-30/2022-12-31"}},
    {"2023-04-05", "The tour ran from March 30 to April 2.", {"March 30 to April 2=2023-03-30/2023-04-02"}},
    {"2023-01-05", "The holiday lasted Dec. 28 - Jan. 3.", {"Dec. 28 - Jan. 3=2022-12-28/2023-01-03"}},
    {"2023-03-04", "Debates were held 1-3 March in Astana.", {"1-3 March=2023-03-01/2023-03-03"}},
    // Month and day.
    {"2023-03-04", "On March 1, the party's electoral office visited the region.", {"March 1=2023-03-01"}},
    {"2023-03-04", "said Peruashev during his Feb. 19 meeting with workers", {"Feb. 19=2023-02-19"}},
    {"2023-03-04", "said the candidate at a March 1 roundtable in Kostanai", {"March 1=2023-03-01"}},
    {"2023-03-04", "At a March 2 meeting with the public, she spoke.", {"March 2=2023-03-02"}},
    {"2022-11-08", "He announced his bid on Sept. 5 in Semei.", {"Sept. 5=2022-09-05"}},
    {"2020-12-20", "Three weeks before the Jan. 10 parliamentary elections, Auyl campaigns.",
     {"Three weeks=P3W", "Jan. 10=2021-01-10"}},
    {"2021-01-05", "On December 16, candidates met sheep breeders.", {"December 16=2020-12-16"}},
    {"2023-03-04", "The party was registered on March 1st.", {"March 1st=2023-03-01"}},
    {"", "The vote was held on June 9, 2019.", {"June 9, 2019=2019-06-09"}},
    {"2023-03-04", "ASTANA, MARCH 4 - The commission met.", {"MARCH 4=2023-03-04"}},
    {"2023-03-07", "Kazakhstan elects a new Mazhilis on March 19.", {"March 19=2023-03-19"}},
    {"2023-03-04", "Observers arrived on Sep. 30.", {"Sep. 30=2022-09-30"}},
    {"2023-03-04", "Observers will arrive on Sep. 30.", {"Sep. 30=2023-09-30"}},
    {"2023-03-04", "The date Feb. 30 does not exist.", {"Feb. 30=null"}},
    {"", "On March 1, the party met voters.", {"March 1=XXXX-03-01"}},
    // Day and month.
    {"2023-03-10", "the campaign ahead of the 19 March 2023 parliamentary elections", {"19 March 2023=2023-03-19"}},
    {"2023-03-10", "18 March is the day of silence, when campaigning is banned.", {"18 March=2023-03-18"}},
    {"2023-03-04", "The results came on the 5th of March.", {"5th of March=2023-03-05"}},
    {"2023-03-04", "The law took effect on 1 January.", {"1 January=2023-01-01"}},
    // Numeric dates.
    {"", "The decree of 2023-03-19 set the vote.", {"2023-03-19=2023-03-19"}},
    {"2023-03-20", "Voting took place on 19.03.2023 across the country.", {"19.03.2023=2023-03-19"}},
    {"2023-03-20", "Voting took place on 19/03/2023 across the country.", {"19/03/2023=2023-03-19"}},
    {"2023-03-20", "Order No. 12-2023-03-19-45 was signed.", {}},
    // Months and years, seasons.
    {"2023-03-04", "The party was formed in March 2023.", {"March 2023=2023-03"}},
    {"2023-03-04", "The session resumes mid-March 2023.", {"mid-March 2023=2023-03"}},
    {"2023-03-04", "It was founded in January of 2021.", {"January of 2021=2021-01"}},
    {"2023-03-05", "It plans to plant 10,000 trees in spring 2023.", {"spring 2023=2023-SP"}},
    {"2023-03-05", "Prices rose in the winter of 2022.", {"winter of 2022=2022-WI"}},
    {"2023-03-13", "Registered only this January, Respublica is the youngest party.", {"this January=2023-01"}},
    {"2023-03-13", "The party will plant trees this spring.", {"this spring=2023-SP"}},
    {"2023-03-04", "The party was founded last March.", {"last March=2022-03"}},
    {"2023-03-04", "The party was founded last November.", {"last November=2022-11"}},
    {"2023-03-04", "The drought of last summer hurt farmers.", {"last summer=2022-SU"}},
    {"2023-03-04", "The law takes effect next January.", {"next January=2024-01"}},
    {"2023-03-04", "Elections are due next autumn.", {"next autumn=2023-FA"}},
    // Bare months need a word before them.
    {"2022-03-01", "Branches will replace their signs in March, a spokesperson said.", {"March=2022-03"}},
    {"2022-03-01", "a promise to rebuild confidence after the unrest of January", {"January=2022-01"}},
    {"2021-01-05", "It was called the Communist People's Party until November.", {"November=2020-11"}},
    {"2022-11-08", "The regions were carved out in June.", {"June=2022-06"}},
    {"2023-03-04", "The forum was held in December.", {"December=2022-12"}},
    {"2023-03-04", "The forum will be held in December.", {"December=2023-12"}},
    {"2023-03-04", "The law will be adopted by May.", {"May=2023-05"}},
    {"2023-03-04", "The ballots are printed in early March.", {"early March=2023-03"}},
    {"2023-11-20", "The congress opens in December.", {"December=2023-12"}},
    {"2023-11-20", "The congress was held in December.", {"December=2022-12"}},
    {"2023-03-04", "The session opens mid-March.", {"mid-March=2023-03"}},
    // Decades.
    {"2022-11-08", "Many older voters remember Zhezkazgan as a regional capital in the 1990s.", {"the 1990s=199"}},
    {"2023-03-10", "a housing estate built in the 1950s", {"the 1950s=195"}},
    {"2023-03-10", "Reforms began in the early 2000s.", {"the early 2000s=200"}},
    {"2023-03-10", "Her family moved here in 1980s.", {"1980s=198"}},
    // Years.
    {"2023-03-04", "By 2025, 100 percent of cities will have drinking water.", {"2025=2025"}},
    {"2023-03-04", "The plant has produced milk since 1997.", {"1997=1997"}},
    {"2022-11-08", "Semei was called Semipalatinsk until 2007.", {"2007=2007"}},
    {"2020-12-20", "Auyl failed to pass the 7 percent threshold in 2016.", {"2016=2016"}},
    {"2022-03-01", "The party was founded as Otan in 1999 and merged with others in 2006.", {"1999=1999", "2006=2006"}},
    {"2023-03-04", "Turnout is expected to rise by mid-2023.", {"2023=2023"}},
    {"2023-03-04", "The program covers 2023-2025 in detail.", {}},
    {"2023-03-04", "The program runs in 2023-2025.", {"2023-2025=2023/2025"}},
    {"2023-03-04", "The budget grows in 2022-23.", {"2022-23=2022/2023"}},
    {"2023-03-04", "He led the region from 2019 to 2022.", {"2019 to 2022=2019/2022"}},
    {"2023-03-04", "He led the region between 2015 and 2019.", {"2015 and 2019=2015/2019"}},
    {"2023-03-04", "Observers praised the 2023 parliamentary elections.", {"2023=2023"}},
    {"2023-03-04", "She lost the 2019 snap presidential election.", {"2019=2019"}},
    {"2023-03-04", "In 2021, food prices rose.", {"2021=2021"}},
    // Weekdays.
    {"2023-03-10", "On Monday, a campaign team of the Amanat party met farmers.", {"Monday=2023-03-06"}},
    {"2023-03-10", "Baytaq candidates met local ecologists on Tuesday.", {"Tuesday=2023-03-07"}},
    {"2022-03-01", "Nur Otan renamed itself Amanat on Tuesday at a congress.", {"Tuesday=2022-03-01"}},
    {"2021-01-05", "Ak Zhol candidates spent Monday on Al-Farabi Square.", {"Monday=2021-01-04"}},
    {"2021-01-05", "The OSDP gathered supporters on Saturday.", {"Saturday=2021-01-02"}},
    {"2021-01-05", "Polling stations will be open from 7 a.m. to 8 p.m. on Sunday.",
     {"7 a.m.=2021-01-10T07:00", "8 p.m.=2021-01-10T20:00", "Sunday=2021-01-10"}},
    {"2022-11-08", "\"Every list will be corrected by Nov. 15,\" Pak said on Monday.", {"Nov. 15=2022-11-15", "Monday=2022-11-07"}},
    {"2023-03-06", "The party met voters last Monday.", {"last Monday=2023-02-27"}},
    {"2023-03-10", "The commission meets next Friday.", {"next Friday=2023-03-17"}},
    {"2023-03-10", "The branch meets voters every Monday.", {"every Monday=XXXX-WXX-1"}},
    {"", "The party met voters on Monday.", {"Monday=null"}},
    // A day of the current month.
    {"2023-03-10", "The branch met voters on the 5th, officials said.", {"the 5th=2023-03-05"}},
    {"2023-03-10", "The branch met voters on the 25th.", {"the 25th=2023-02-25"}},
    {"2023-03-10", "The branch will meet voters on the 25th.", {"the 25th=2023-03-25"}},
    // Relative to the document date.
    {"2023-03-04", "\"Today, many people suffer from allergies,\" said the founder.", {"Today=PRESENT_REF"}},
    {"2023-03-04", "The party held a rally today in Astana.", {"today=2023-03-04"}},
    {"2023-03-10", "The Auyl party held a roundtable in Petropavlovsk yesterday.", {"yesterday=2023-03-09"}},
    {"2023-03-10", "The commission will publish the lists tomorrow.", {"tomorrow=2023-03-11"}},
    {"2023-03-07", "the first of two such broadcasts scheduled for this week", {"this week=2023-W10"}},
    {"2021-01-05", "Parties held their last rallies this week.", {"this week=2021-W01"}},
    {"2019-05-20", "volunteers had visited more than 200,000 households since the campaign opened earlier this month",
     {"earlier this month=2019-05"}},
    {"2022-11-08", "Konaev was known as Kapchagay until this year.", {"this year=2022"}},
    {"2023-03-04", "Under last year's constitutional reform, land belongs to the people.", {"last year=2022"}},
    {"2019-05-20", "Last week, the party's youth wing gathered students.", {"Last week=2019-W20"}},
    {"2022-03-01", "Last month alone, we received more than 40,000 proposals.", {"Last month=2022-02"}},
    {"2020-12-20", "Next year we will push for a law.", {"Next year=2021"}},
    {"2021-01-05", "Contracts for the new season are signed next month.", {"next month=2021-02"}},
    {"2023-03-07", "The second debate is next week.", {"next week=2023-W11"}},
    {"2023-02-28", "A week ago, Amanat candidates held meetings in Pavlodar.", {"A week ago=2023-02-21"}},
    {"2023-03-04", "The party was founded two years ago.", {"two years ago=2021"}},
    {"2023-03-04", "The office opened three days ago.", {"three days ago=2023-03-01"}},
    {"2023-03-04", "The office opened a month ago.", {"a month ago=2023-02"}},
    {"2023-03-13", "They never planned to enter politics until a few years ago.", {"a few years ago=PAST_REF"}},
    {"2023-03-13", "The plant closed years ago.", {"years ago=PAST_REF"}},
    // Relative to the narrative.
    {"2023-03-13", "On March 4, the party brought its caravan to Aktobe. A week later, on March 11, it held a concert.",
     {"March 4=2023-03-04", "A week later=2023-03-11", "March 11=2023-03-11"}},
    {"2023-03-10", "On Monday, the team met farmers. Two days later, the team travelled to Karaganda.",
     {"Monday=2023-03-06", "Two days later=2023-03-08"}},
    {"2023-03-04", "The party organized a campaign in Shymkent on March 3. A day earlier, Taraz hosted a rally.",
     {"March 3=2023-03-03", "A day earlier=2023-03-02"}},
    {"2023-03-04", "One of the party's trips was to Shymkent. A day earlier, the candidates met workers.",
     {"A day earlier=null"}},
    {"2023-03-04", "The party met voters on March 3. Two weeks earlier, it opened its office.",
     {"March 3=2023-03-03", "Two weeks earlier=2023-02-17"}},
    {"2023-02-28", "On Feb. 27, they returned to Semey.\n\nThe next day, Mamutov met students. On the same day, the youth wing held a concert.",
     {"Feb. 27=2023-02-27", "The next day=2023-02-28", "the same day=2023-02-28"}},
    {"2023-03-04", "The party met farmers on March 1. The following day, it visited a school.",
     {"March 1=2023-03-01", "The following day=2023-03-02"}},
    {"2023-03-10", "The party opened its office on March 1. The following week, it held a rally.",
     {"March 1=2023-03-01", "The following week=2023-W10"}},
    {"2023-03-07", "Candidates debated on March 6 in a debate scheduled for this week.\n\nThe day before, NSDP candidates met teachers.",
     {"March 6=2023-03-06", "this week=2023-W10", "The day before=2023-03-05"}},
    {"2023-03-07", "Candidates met the day before the vote.", {}},
    {"2023-03-04", "The party met workers on March 2. That same day, it visited a farm.",
     {"March 2=2023-03-02", "That same day=2023-03-02"}},
    {"2023-03-05", "Volunteers gathered on March 4.\n\nVoters in the election on March 19 will judge them.\n\nLater that day, candidates met apple growers.",
     {"March 4=2023-03-04", "March 19=2023-03-19", "Later that day=2023-03-04"}},
    {"2019-05-20", "Last week, the youth wing gathered students. Two days later, the bus reached Pavlodar.",
     {"Last week=2019-W20", "Two days later=null"}},
    {"2019-05-20", "The bus reached Pavlodar two days later, the day after it left.", {"two days later=null"}},
    {"2023-03-04", "\"Prices rose in 2021,\" he said.\n\nThe party met voters on March 1.\n\nA day earlier, it met farmers.",
     {"2021=2021", "March 1=2023-03-01", "A day earlier=2023-02-28"}},
    {"", "On March 3, the party met voters. A day earlier, it met farmers.", {"March 3=XXXX-03-03", "A day earlier=XXXX-03-02"}},
    // The election calendar of the pack.
    {"2022-11-08", "\"On election day the doors open at 7 a.m.,\" said the akim.",
     {"election day=2022-11-20", "7 a.m.=2022-11-20T07:00"}},
    {"2019-05-20", "The final rally is on June 7, the last day of campaigning.",
     {"June 7=2019-06-07", "the last day of campaigning=2019-06-07"}},
    {"2016-03-01", "Turnout on election day was high.", {"election day=null"}},
    // Times alone.
    {"2019-05-20", "Polling stations will be open on June 9 from 7 a.m. to 8 p.m.",
     {"June 9=2019-06-09", "7 a.m.=2019-06-09T07:00", "8 p.m.=2019-06-09T20:00"}},
    {"2021-01-05", "Polling stations will be open on Sunday. The commission will report turnout at 6 p.m.",
     {"Sunday=2021-01-10", "6 p.m.=2021-01-10T18:00"}},
    {"2023-03-04", "The party will announce its list at 6 p.m.", {"6 p.m.=2023-03-04T18:00"}},
    {"2023-03-04", "The polls close at 20:00 sharp.", {"20:00=2023-03-04T20:00"}},
    {"2023-03-04", "The rally starts at midnight.", {"midnight=2023-03-04T00:00"}},
    {"2023-03-04", "Turnout was 69 percent in 2019. Polls open at 7:00 local time.", {"2019=2019", "7:00=2023-03-04T07:00"}},
    // Sets.
    {"2023-03-04", "60,000 students go abroad every year.", {"every year=P1Y"}},
    {"2021-01-05", "Every year the water reaches our fields two weeks late.", {"Every year=P1Y", "two weeks=P2W"}},
    {"2023-03-13", "Come and vote, and then ask us every day what we have done.", {"every day=P1D"}},
    {"2023-03-04", "The council is elected every five years.", {"every five years=P5Y"}},
    {"2023-03-04", "Each year the party holds a congress.", {"Each year=P1Y"}},
    {"2023-03-10", "Mobile clinics must visit every village at least once a month.", {"once a month=P1M"}},
    {"2020-12-20", "We lose up to a third of the crop annually.", {"annually=P1Y"}},
    // Durations.
    {"2022-11-08", "The observer has spent the past week checking voter lists.", {"the past week=P1W"}},
    {"2023-03-04", "Prices doubled over the last two years.", {"the last two years=P2Y"}},
    {"2023-03-04", "one might get lost, two weeks into electoral campaigning", {"two weeks=P2W"}},
    {"2023-03-04", "nothing has changed in 30 years", {"30 years=P30Y"}},
    {"2023-03-07", "For two hours, representatives argued about prices.", {"two hours=PT2H"}},
    {"2023-03-13", "Kenzhebekov spoke for only three minutes.", {"three minutes=PT3M"}},
    {"2023-03-05", "The region lost a third of its orchards in thirty years.", {"thirty years=P30Y"}},
    {"2022-11-08", "For forty years the steppe was a testing ground.", {"forty years=P40Y"}},
    {"2023-03-04", "She led the branch for twenty-five years.", {"twenty-five years=P25Y"}},
    {"2023-03-04", "The reform took several years.", {"several years=PXY"}},
    {"2022-11-08", "Twelve days before the Nov. 20 snap presidential election, the race is quiet.",
     {"Twelve days=P12D", "Nov. 20=2022-11-20"}},
    {"2021-01-05", "The party has promised a three-year moratorium on checks.", {"three-year=P3Y"}},
    {"2019-05-20", "Among them was a 71-year-old retired miner.", {"71-year-old=P71Y"}},
    {"2023-03-04", "The five-day forum opened.", {"five-day=P5D"}},
    {"2023-03-04", "For decades, our capital has been unable to gasify.", {"decades=PXDE"}},
    {"2023-03-04", "The plant has stood idle for years.", {"years=PXY"}},
    {"2023-03-04", "The program promises cheaper loans within a year.", {"a year=P1Y"}},
    // The present and the past in general.
    {"2022-11-08", "Taldykorgan now heads Jetisu Region.", {"now=PRESENT_REF"}},
    {"2023-03-04", "The party currently holds 12 seats.", {"currently=PRESENT_REF"}},
    {"2023-03-04", "Many have been leaving the country in recent years.", {"recent years=PAST_REF"}},
    {"2023-03-04", "The party recently opened an office.", {"recently=PAST_REF"}},
    {"2023-03-04", "Such rallies were rare in the past.", {"the past=PAST_REF"}},
    {"2023-03-04", "Voters were angry in the past week.", {"the past week=P1W"}},
    {"2023-03-04", "The party will open offices in the coming weeks.", {"the coming weeks=FUTURE_REF"}},
    {"2023-03-04", "We will build more schools in the future.", {"the future=FUTURE_REF"}},
    // Not dates.
    {"2023-03-04", "Thousands say they march for cleaner air.", {}},
    {"2023-03-04", "May I ask a question? The party may win 5 seats.", {}},
    {"2023-03-04", "The party may 7 times more often appear on TV.", {}},
    {"2023-03-04", "The concert gathered 2,500 people.", {}},
    {"2023-03-04", "Some 60,000 students go abroad.", {}},
    {"2023-03-04", "The 7 parties on the ballot were registered.", {}},
    {"2023-03-04", "Call +7 (7172) 74-11-11 or 8 701 555 12 34 for details.", {}},
    {"2023-03-04", "The hotline 8-800-080-7777 works around the clock.", {}},
    {"2023-03-04", "Under Section 19 of the law, and Article 5, parties report.", {}},
    {"2023-03-04", "Deputies of the 8th convocation met on the 8th floor.", {}},
    {"2023-03-04", "Grades one to four get free meals; 100 percent of towns have water.", {}},
    {"2023-03-04", "More than 1,000 delegates and 3,000 meetings.", {}},
    {"2023-03-04", "Mayor Marchenko met Augustine at a Junior club in Mayskoye.", {}},
    {"2023-03-04", "One of the party candidates spoke.", {}},
    {"2023-03-04", "The rally was held on Sundays.", {}},
    {"2023-03-04", "The vote count reached 1,997 in the district.", {}},
    {"2023-03-04", "Around 2000 people came, by 1500 votes.", {}},
};

BOOST_DATA_TEST_CASE(expressions_in_context, boost::unit_test::data::make(kCases), c) {
  const Document doc = dated(c.text, c.anchor);
  BOOST_TEST(mentions(doc) == c.expected, boost::test_tools::per_element());
  for (const auto& d : doc.dates) rules_seen().insert(d.rule);
}

BOOST_AUTO_TEST_CASE(every_rule_is_covered) {
  BOOST_TEST(kCases.size() >= 150u);
  std::set<std::string> missing;
  for (const auto& rule : dates::load_date_rules(RuleLocator::builtin()).rules)
    if (!rules_seen().count(rule.id)) missing.insert(rule.id);
  BOOST_TEST(missing.empty(), "rules without a case: " << [&] {
    std::string s;
    for (const auto& m : missing) s += m + " ";
    return s;
  }());
}

BOOST_AUTO_TEST_CASE(kinds_rules_and_anchors) {
  const Document doc = dated("On March 3, the party met voters. A day earlier, it met farmers every year for two weeks.",
                             "2023-03-04");
  BOOST_REQUIRE_EQUAL(doc.dates.size(), 4u);
  BOOST_TEST(doc.dates[0].kind == "date");
  BOOST_TEST(doc.dates[0].rule == "md");
  BOOST_TEST(doc.dates[0].anchor == "document:2023-03-04");
  BOOST_TEST(doc.dates[1].rule == "ref-earlier");
  BOOST_TEST(doc.dates[1].anchor == "narrative:2023-03-03");
  BOOST_TEST(doc.dates[2].kind == "set");
  BOOST_TEST(doc.dates[3].kind == "duration");
  const Document time = dated("The campaigning will last through midnight of March 18.", "2023-03-04");
  BOOST_TEST(time.dates.at(0).kind == "time");
}

BOOST_AUTO_TEST_CASE(unresolved_says_why) {
  const Document doc = dated("Last week, the youth wing met students. Two days later, it reached Pavlodar.", "2019-05-20");
  BOOST_REQUIRE_EQUAL(doc.dates.size(), 2u);
  BOOST_TEST(!doc.dates[1].value.has_value());
  BOOST_TEST(doc.dates[1].unresolved.find("\"Last week\" is not a single day") != std::string::npos);
  const Document alone = dated("A day earlier, the candidates met workers.", "2023-03-04");
  BOOST_TEST(alone.dates.at(0).unresolved == "no earlier date in its section");
  const Document none = dated("The party was founded last year.", "");
  BOOST_TEST(none.dates.at(0).unresolved == "no document date");
}

// The document date: input, else printed in the text, else the election calendar, else none.
struct AnchorCase {
  const char* input;
  const char* text;
  const char* anchor;  // "" for none
  const char* source;
};
std::ostream& operator<<(std::ostream& os, const AnchorCase& c) { return os << c.text; }

const std::vector<AnchorCase> kAnchorCases = {
    {"2023-03-04", "Published: March 10, 2023. The party met voters.", "2023-03-04", "input"},
    {"", "Published: March 10, 2023. The party met voters.", "2023-03-10", "text"},
    {"", "Title of the story\n\nASTANA, March 4, 2023 - The party met voters on March 1.", "2023-03-04", "text"},
    {"", "Title of the story\n\n4 March 2023\n\nThe party met voters.", "2023-03-04", "text"},
    {"", "Title of the story\n\nALMATY, Nov. 8, 2022 (Reuters) - Kazakhs vote on Nov. 20.", "2022-11-08", "text"},
    {"", "Title of the story\n\nThe party met voters. It said on Nov. 8, 2022 - the eve - that it won.", "", "none"},
    {"", "The campaigning will last through midnight of March 18.", "2023-03-19", "pack"},
    {"", "Voters elect a president on Nov. 20, when polls open at 7 a.m.", "2022-11-20", "pack"},
    {"", "The party met voters in 2016 and on March 1.", "", "none"},
    {"not-a-date", "The party met voters on March 1.", "", "none"},
};

BOOST_DATA_TEST_CASE(document_date, boost::unit_test::data::make(kAnchorCases), c) {
  const Document doc = dated(c.text, c.input);
  BOOST_TEST(doc.anchor.value_or("") == c.anchor);
  BOOST_TEST(doc.anchor_source == c.source);
}

BOOST_AUTO_TEST_CASE(pack_anchor_resolves_year_less_dates) {
  const Document doc = dated("On March 1, the party met voters. The campaigning will last through midnight of March 18.", "");
  BOOST_TEST(mentions(doc) == (std::vector<std::string>{"March 1=2023-03-01", "midnight of March 18=2023-03-18T00:00"}),
             boost::test_tools::per_element());
}

namespace {
std::vector<json> read_jsonl(const std::string& path) {
  std::vector<json> out;
  std::istringstream in(test::read_file(path));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

std::vector<json> of_type(const std::vector<json>& records, const std::string& type) {
  std::vector<json> out;
  for (const auto& r : records)
    if (r.value("type", "") == type) out.push_back(r);
  return out;
}

// The records of an article through the standard pipeline, anchored to `date`.
std::vector<json> extract(const std::string& file, const std::string& id, const std::string& date) {
  static const Pipeline pipeline = Pipeline::standard(RuleLocator::builtin());
  Document doc(DocumentMeta{id, {}, {}, {}, {}}, test::read_file(test::source_path(file)));
  doc.anchor = date;
  doc.anchor_source = "input";
  pipeline.run(doc);
  std::vector<json> out;
  for (const auto& r : doc.records) out.push_back(json::parse(r.dump()));
  return out;
}

const TypeScore& date_score(const CompareReport& report) {
  for (const auto& t : report.types)
    if (t.type == "date") return t;
  throw std::runtime_error("no date row");
}
}  // namespace

BOOST_AUTO_TEST_CASE(seed_dates_f1_and_values) {
  const auto gold = of_type(read_jsonl(test::source_path("corpora/seed/gold.jsonl")), "date");
  const auto pred = of_type(extract("corpora/seed/seed.txt", "seed", "2023-03-04"), "date");
  const TypeScore score = date_score(compare(gold, pred, {}));
  BOOST_TEST(score.gold == 24);
  BOOST_TEST(score.f1() == 1.0);
  BOOST_TEST(score.attributes.at("value").accuracy() == 1.0);
  BOOST_TEST(score.attributes.at("value").scored == 24);
}

BOOST_AUTO_TEST_CASE(samples_value_accuracy) {
  std::vector<json> gold, pred;
  const auto dir = std::filesystem::path(test::source_path("corpora/samples"));
  int documents = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    const std::string id = entry.path().stem().string();
    const auto g = read_jsonl((dir / (id + ".gold.jsonl")).string());
    const std::string date = g.front().at("date").get<std::string>();
    for (const auto& r : of_type(g, "date")) gold.push_back(r);
    for (const auto& r : of_type(extract("corpora/samples/" + id + ".txt", id, date), "date")) pred.push_back(r);
    ++documents;
  }
  BOOST_TEST(documents >= 10);
  const TypeScore score = date_score(compare(gold, pred, {}));
  BOOST_TEST(score.attributes.at("value").accuracy() >= 0.95);
  BOOST_TEST(score.f1() >= 0.95);
}

// A rule file with an invalid RE2 pattern stops the run with file:line and RE2's own error.
BOOST_AUTO_TEST_CASE(invalid_rule_names_file_line_and_re2_error) {
  test::TempDir dir;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_path("rules/en")))
    dir.write("en/" + entry.path().filename().string(), test::read_file(entry.path().string()));
  const std::string bad = "id\tkind\tvalue\tflags\tpattern\nmd\tdate\tdate\t\t(?P<month>March \\d+\n";
  const std::string file = dir.write("en/dates.re2.tsv", bad);
  try {
    DatesStage stage(RuleLocator({dir.path}, "kz"));
    BOOST_FAIL("an invalid pattern was accepted");
  } catch (const RuleError& e) {
    const std::string message = e.what();
    BOOST_TEST(message.find("dates.re2.tsv:2:") != std::string::npos, message);
    BOOST_TEST(message.find("missing )") != std::string::npos, message);
  }
  const auto result = test::run_command(test::hustings_cli() + " extract --rules " + dir.path.string() +
                                        " - < /dev/null 2>&1");
  BOOST_TEST(result.exit_code == 3);
  BOOST_TEST(result.out.find("dates.re2.tsv:2:") != std::string::npos, result.out);
}

struct BadRule {
  const char* row;
  const char* reason;
};
std::ostream& operator<<(std::ostream& os, const BadRule& c) { return os << c.row; }

const std::vector<BadRule> kBadRules = {
    {"x\tdate\tdate\t\t\\b(?P<month>{MONTHS})", "unknown macro {MONTHS}"},
    {"x\tdate\tdate\t\t\\b(?P<mnth>{MONTH})", "unknown group 'mnth'"},
    {"x\tdate\tweekday\t\t\\b(?P<month>{MONTH})", "needs a group weekday"},
    {"x\tdate\tshift anchor -1 Q D\t\t\\blast\\b", "bad unit 'Q'"},
    {"x\tdate\tguess\t\t\\bsoon\\b", "unknown normalization 'guess'"},
    {"x\tmoment\tdate\t\t\\b(?P<year>\\d{4})", "kind must be"},
    {"x\tdate\tdate\tloud\t\\b(?P<year>\\d{4})", "unknown flag 'loud'"},
    {"x\tdate\tdate\t\t(?P<year>\\d{4})?", "matches the empty string"},
};

BOOST_DATA_TEST_CASE(bad_rules_are_reported, boost::unit_test::data::make(kBadRules), c) {
  test::TempDir dir;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_path("rules/en")))
    dir.write("en/" + entry.path().filename().string(), test::read_file(entry.path().string()));
  dir.write("en/dates.re2.tsv", std::string("# comment\nid\tkind\tvalue\tflags\tpattern\n") + c.row + "\n");
  try {
    DatesStage stage(RuleLocator({dir.path}, "kz"));
    BOOST_FAIL("a bad rule was accepted");
  } catch (const RuleError& e) {
    const std::string message = e.what();
    BOOST_TEST(message.find("dates.re2.tsv:3:") != std::string::npos, message);
    BOOST_TEST(message.find(c.reason) != std::string::npos, message);
  }
}
