#define BOOST_TEST_MODULE quotes
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <sstream>

#include "pipeline/compare.h"
#include "pipeline/pack.h"
#include "stages/quotes/quotes.h"
#include "tests/test_util.h"

using namespace hustings;

// Unit tests build the layers the quotes stage needs by hand (people, parties, dates, places),
// so they test the stage alone: normalize and segment run for real, then QuotesStage::run.
namespace {

const QuotesStage& stage() {
  static const QuotesStage s(RuleLocator::builtin());
  return s;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; }

// Every word-bounded occurrence of `phrase` in the view.
std::vector<Span> find_all(const Document& doc, const std::string& phrase) {
  std::vector<Span> out;
  const std::string_view view = doc.view();
  for (size_t at = view.find(phrase); at != std::string_view::npos; at = view.find(phrase, at + 1)) {
    const size_t end = at + phrase.size();
    if ((at > 0 && word_char(view[at - 1])) || (end < view.size() && word_char(view[end]))) continue;
    out.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(end)});
  }
  return out;
}

struct PersonSpec {
  std::string name;
  std::string party;  // "" for none
};

const std::vector<std::pair<std::string, std::string>> kParties = {
    {"amanat", "Amanat"}, {"aq-jol", "Aq Jol"}, {"baytaq", "Baytaq"}, {"respublica", "Respublica"}, {"auyl", "Auyl"}};
const std::vector<std::pair<std::string, std::string>> kDates = {
    {"March 1", "2023-03-01"}, {"March 2", "2023-03-02"}, {"Feb. 19", "2023-02-19"}, {"next year", "2024"}};
const std::vector<std::string> kPlaces = {"Kostanai", "Karagandy", "Taraz", "Talgar", "Shymkent", "Astana", "Almaty"};

// A document with the layers of the stages before quotes filled by hand.
Document build(const std::string& text, const std::vector<PersonSpec>& people) {
  Document doc = test::run_stages({"normalize", "segment"}, text);
  for (const auto& [id, name] : kParties) {
    const auto spans = find_all(doc, name);
    for (const Span s : spans) doc.party_mentions.push_back({s, id, "alias", "test"});
    if (!spans.empty()) doc.parties.push_back({id, name, {}, {}, {}, spans, "test"});
  }
  for (const auto& spec : people) {
    Person p;
    p.name = spec.name;
    if (!spec.party.empty()) p.party = spec.party;
    p.spans = find_all(doc, spec.name);
    const std::string surname = spec.name.substr(spec.name.rfind(' ') + 1);
    for (const Span s : find_all(doc, surname)) {
      if (std::any_of(p.spans.begin(), p.spans.end(), [&](Span f) { return f.overlaps(s); })) continue;
      p.spans.push_back(s);
      if (p.aliases.empty()) p.aliases.push_back(surname);
    }
    doc.people.push_back(std::move(p));
  }
  for (const auto& [phrase, value] : kDates)
    for (const Span s : find_all(doc, phrase)) doc.dates.push_back({s, value, "date", "test", "", ""});
  for (const auto& name : kPlaces)
    for (const Span s : find_all(doc, name)) doc.places.push_back({s, name, "city", "", "", "test"});
  return doc;
}

std::string show(const std::optional<std::string>& s) { return s ? *s : "null"; }

std::string show(const Quote& q) {
  return q.text + " | " + show(q.speaker) + " | " + show(q.party) + " | " + show(q.date) + " | " + show(q.place) +
         (q.partial ? " | partial" : "") + (q.indirect ? " | indirect" : "");
}

struct Expect {
  std::string text;
  std::optional<std::string> speaker, party, date, place;
  bool partial = false;
  bool indirect = false;
};
std::string show(const Expect& e) {
  Quote q;
  q.text = e.text;
  q.speaker = e.speaker;
  q.party = e.party;
  q.date = e.date;
  q.place = e.place;
  q.partial = e.partial;
  q.indirect = e.indirect;
  return show(q);
}

struct Case {
  const char* name;
  std::string text;
  std::vector<PersonSpec> people;
  std::vector<Expect> expected;
  bool indirect = false;  // compare indirect records too
};
std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.name; }

std::vector<std::string> records(const Document& doc, bool indirect) {
  std::vector<std::string> out;
  for (const auto& q : doc.quotes)
    if (indirect || !q.indirect) out.push_back(show(q));
  return out;
}

void check(const Case& c) {
  Document doc = build(c.text, c.people);
  stage().run(doc);
  std::vector<std::string> expected;
  for (const auto& e : c.expected) expected.push_back(show(e));
  BOOST_TEST(records(doc, c.indirect) == expected, boost::test_tools::per_element());
  // Spans give the text back (single-paragraph quotes).
  for (const auto& q : doc.quotes)
    if (q.text.find('\n') == std::string::npos) BOOST_TEST(doc.surface(q.span) == q.text);
}

const std::string kTitle = "Campaign news\n\n";
const auto null = std::nullopt;

}  // namespace

// One row per attribution pattern (SPEC: quotes; issue: speaker attribution).
const Case kAttribution[] = {
    {"after: said X (surname -> full name)",
     kTitle + "Yerlan Koshanov visited farms.\n\n“The party will create the conditions for working in the fields,” said Koshanov.\n",
     {{"Yerlan Koshanov", "amanat"}},
     {{"The party will create the conditions for working in the fields,", "Yerlan Koshanov", "amanat", null, null}}},
    {"after: X said",
     kTitle + "“We kept our voters and our principles,” Olga Tsoi said.\n",
     {{"Olga Tsoi", ""}},
     {{"We kept our voters and our principles,", "Olga Tsoi", null, null, null}}},
    {"after: said the party's founder and chairman X (party from the section)",
     kTitle + "Baytaq party\n\n“For decades, our capital has been unable to gasify!” said the party’s founder and chairman Azamatkhan Amirtai.\n",
     {{"Azamatkhan Amirtai", ""}},
     {{"For decades, our capital has been unable to gasify!", "Azamatkhan Amirtai", "baytaq", null, null}}},
    {"after: said one of the party candidates X at a March 1 roundtable in Kostanai",
     kTitle + "“The Auyl Party knows the rural problems very well,” said one of the party candidates Kairat Aituganov at a March 1 roundtable in Kostanai.\n",
     {{"Kairat Aituganov", "auyl"}},
     {{"The Auyl Party knows the rural problems very well,", "Kairat Aituganov", "auyl", "2023-03-01", "Kostanai"}}},
    {"after: said a party candidate, X, at the rally",
     kTitle + "“We will bring the voices of ordinary Kazakhs to power,” said a party candidate, Zhanat Bastaubaeva, at the rally.\n",
     {{"Zhanat Bastaubaeva", "amanat"}},
     {{"We will bring the voices of ordinary Kazakhs to power,", "Zhanat Bastaubaeva", "amanat", null, null}}},
    {"after: said X during his Feb. 19 meeting with workers in Karagandy",
     kTitle + "“Their profits shouldn’t be transferred abroad,” said Peruashev during his Feb. 19 meeting with workers in Karagandy, a major industrial center.\n",
     {{"Azat Peruashev", "aq-jol"}},
     {{"Their profits shouldn’t be transferred abroad,", "Azat Peruashev", "aq-jol", "2023-02-19", "Karagandy"}}},
    {"after: X, apposition, said",
     kTitle + "“We are not professional politicians, and that is our advantage,” Saltanat Omirzakova, the party’s co-chair, said.\n",
     {{"Saltanat Omirzakova", "respublica"}},
     {{"We are not professional politicians, and that is our advantage,", "Saltanat Omirzakova", "respublica", null, null}}},
    {"after: an apposition's place is not the quote's",
     kTitle + "“Young people leave small towns because nobody asks them,” noted Respublica candidate Timur Kim, a logistics entrepreneur from Karagandy.\n",
     {{"Timur Kim", "respublica"}},
     {{"Young people leave small towns because nobody asks them,", "Timur Kim", "respublica", null, null}}},
    {"after: a participle clause is not the scene",
     kTitle + "“The village is not a museum,” Aibek Nurlanov said in Taraz, adding that the party would open centers in Shymkent next year.\n",
     {{"Aibek Nurlanov", "auyl"}},
     {{"The village is not a museum,", "Aibek Nurlanov", "auyl", null, "Taraz"}}},
    {"after: X told Y above Z on a date",
     kTitle + "“We came here to work, not to pose for photos,” Kanat Baimurzin told volunteers above Almaty on March 2.\n",
     {{"Kanat Baimurzin", "baytaq"}},
     {{"We came here to work, not to pose for photos,", "Kanat Baimurzin", "baytaq", "2023-03-02", "Almaty"}}},
    {"before: X said: “…”",
     kTitle + "Askar Temirbekov said: “Kostanai region feeds a large part of the country.”\n",
     {{"Askar Temirbekov", "amanat"}},
     {{"Kostanai region feeds a large part of the country.", "Askar Temirbekov", "amanat", null, null}}},
    {"before: X, apposition, said: “…”",
     kTitle + "Viktor Lim, a Baytaq candidate from Almaty, said: “Baytaq demands real-time public monitoring at every plant.”\n",
     {{"Viktor Lim", "baytaq"}},
     {{"Baytaq demands real-time public monitoring at every plant.", "Viktor Lim", "baytaq", null, null}}},
    {"before: According to X, “…”",
     kTitle + "According to Aq Jol candidate Yelena Vogel, “Small businesses pay for every mistake made by regulators.”\n",
     {{"Yelena Vogel", "aq-jol"}},
     {{"Small businesses pay for every mistake made by regulators.", "Yelena Vogel", "aq-jol", null, null}}},
    {"before: a caption with a colon",
     kTitle + "Candidate Gulmira Kaliyeva speaks to traders in Shymkent: “Small business feeds this city.” Photo credit: akzhol.kz.\n",
     {{"Gulmira Kaliyeva", "aq-jol"}},
     {{"Small business feeds this city.", "Gulmira Kaliyeva", "aq-jol", null, "Shymkent"}}},
    {"pronoun: he said -> the last person named",
     kTitle + "Olga Tsoi met Serik Zhaksybekov in the morning.\n\n“We will watch the count and write down every number,” he said.\n",
     {{"Olga Tsoi", ""}, {"Serik Zhaksybekov", "auyl"}},
     {{"We will watch the count and write down every number,", "Serik Zhaksybekov", "auyl", null, null}}},
    {"pronoun: she said skips a man named last (surname ending)",
     kTitle + "Aizhan Baimukhanova took part in the meeting with Marat Zhaksylykov.\n\n“People told us honestly what worries them,” she said.\n",
     {{"Aizhan Baimukhanova", "amanat"}, {"Marat Zhaksylykov", "aq-jol"}},
     {{"People told us honestly what worries them,", "Aizhan Baimukhanova", "amanat", null, null}}},
    {"pronoun: he said skips a woman named last (title)",
     kTitle + "Timur Li spoke after Mrs. Olga Tsoi.\n\n“The party has not yet shown it can fill a parliament,” he said.\n",
     {{"Timur Li", ""}, {"Olga Tsoi", ""}},
     {{"The party has not yet shown it can fill a parliament,", "Timur Li", null, null, null}}},
    {"pronoun: a person named inside a quote does not count",
     kTitle + "Kanat Baimurzin joined them.\n\n“I asked Olga Tsoi to come with us,” he said.\n",
     {{"Kanat Baimurzin", "baytaq"}, {"Olga Tsoi", ""}},
     {{"I asked Olga Tsoi to come with us,", "Kanat Baimurzin", "baytaq", null, null}}},
    {"group: the party said -> the section's party",
     kTitle + "Amanat\n\n“Free hot meals for every pupil are a duty of the state,” the party said in a statement.\n",
     {},
     {{"Free hot meals for every pupil are a duty of the state,", "Amanat", "amanat", null, null}}},
    {"group: the candidates said -> the last party named",
     kTitle + "Respublica held a concert on March 2.\n\n“We want every young voter to come,” the candidates said.\n",
     {},
     {{"We want every young voter to come,", "Respublica", "respublica", null, null}}},
    {"written name: a speaker the people layer missed",
     kTitle + "“We will win the vote in every district,” said Marat Zhaksylykov.\n",
     {},
     {{"We will win the vote in every district,", "Marat Zhaksylykov", null, null, null}}},
};
BOOST_DATA_TEST_CASE(attribution_patterns, boost::unit_test::data::make(kAttribution), c) { check(c); }

// Spans and kinds: interrupted, multi-paragraph, straight and single marks, partial quotes,
// scare quotes and titles, captions.
const Case kSpans[] = {
    {"interrupted: two records, one speaker",
     kTitle + "Kanat Baimurzin spoke first.\n\n“We will win,” he said. “The people are with us.”\n",
     {{"Kanat Baimurzin", "baytaq"}},
     {{"We will win,", "Kanat Baimurzin", "baytaq", null, null}, {"The people are with us.", "Kanat Baimurzin", "baytaq", null, null}}},
    {"interrupted: the attribution after the second part",
     kTitle + "“Every region needs its own water plan. Farmers lose their harvest.” “Without irrigation, nothing works,” said Ruslan Abdrakhmanov.\n",
     {{"Ruslan Abdrakhmanov", "baytaq"}},
     {{"Every region needs its own water plan. Farmers lose their harvest.", "Ruslan Abdrakhmanov", "baytaq", null, null},
      {"Without irrigation, nothing works,", "Ruslan Abdrakhmanov", "baytaq", null, null}}},
    {"multi-paragraph: opening mark on each paragraph",
     kTitle + "“People here remember the tests. The families are still waiting.\n\n“I do not belong to any party. My program is simple,” Yerbol Sarsenbayev told voters in Taraz on March 2.\n",
     {{"Yerbol Sarsenbayev", ""}},
     {{"People here remember the tests. The families are still waiting.\nI do not belong to any party. My program is simple,",
       "Yerbol Sarsenbayev", null, "2023-03-02", "Taraz"}}},
    {"straight quotes with an apostrophe inside",
     kTitle + "Askar Temirbekov said: \"Miners' towns were the pride of the country.\"\n",
     {{"Askar Temirbekov", "amanat"}},
     {{"Miners' towns were the pride of the country.", "Askar Temirbekov", "amanat", null, null}}},
    {"straight quotes after the quote",
     kTitle + "\"Nothing about the party's obligations to voters changes,\" Aidos Kurmangazy said.\n",
     {{"Aidos Kurmangazy", "amanat"}},
     {{"Nothing about the party's obligations to voters changes,", "Aidos Kurmangazy", "amanat", null, null}}},
    {"single marks as outer quotes",
     kTitle + "Nurbolat Kenzhebekov spoke. ‘A strong small business means a salary for the parties’ nurses,’ he told supporters.\n",
     {{"Nurbolat Kenzhebekov", "respublica"}},
     {{"A strong small business means a salary for the parties’ nurses,", "Nurbolat Kenzhebekov", "respublica", null, null}}},
    {"a quote inside a quote is part of it",
     kTitle + "Marat Zhaksylykov spoke first. ‘He called it “nonsense”, and I agree,’ he said.\n",
     {{"Marat Zhaksylykov", "amanat"}},
     {{"He called it “nonsense”, and I agree,", "Marat Zhaksylykov", "amanat", null, null}}},
    {"guillemets",
     kTitle + "«We will not give up,» said Azat Peruashev at a rally in Shymkent.\n",
     {{"Azat Peruashev", "aq-jol"}},
     {{"We will not give up,", "Azat Peruashev", "aq-jol", null, "Shymkent"}}},
    {"straight quotes interrupted by the attribution",
     kTitle + "\"Straight quotes,\" Yelena Vogel said, \"continue after the attribution.\"\n",
     {{"Yelena Vogel", "aq-jol"}},
     {{"Straight quotes,", "Yelena Vogel", "aq-jol", null, null}, {"continue after the attribution.", "Yelena Vogel", "aq-jol", null, null}}},
    {"a question and asked",
     kTitle + "“Why not?” asked Peruashev. “The people want change.”\n",
     {{"Azat Peruashev", "aq-jol"}},
     {{"Why not?", "Azat Peruashev", "aq-jol", null, null}, {"The people want change.", "Azat Peruashev", "aq-jol", null, null}}},
    {"brackets and ellipsis inside",
     kTitle + "“There won’t be a single student left at [our] universities. (…) Nothing has changed,” said Talgat Omarov.\n",
     {{"Talgat Omarov", ""}},
     {{"There won’t be a single student left at [our] universities. (…) Nothing has changed,", "Talgat Omarov", null, null, null}}},
    {"partial quote: described as",
     kTitle + "Respublica\n\nThe party organized a concert on March 2 in Almaty, gathering 2,500 people in what they described as “one of the most creative community meetings.”\n",
     {},
     {{"one of the most creative community meetings.", "Respublica", "respublica", "2023-03-02", "Almaty", true}}},
    {"partial quote: inside a reported sentence",
     kTitle + "Timur Li said the party was “not yet ready” for parliament.\n",
     {{"Timur Li", ""}},
     {{"not yet ready", "Timur Li", null, null, null, true}}},
    {"a full sentence after a verb without a colon is not partial",
     kTitle + "Koshanov said “We will build roads in every district.”\n",
     {{"Yerlan Koshanov", "amanat"}},
     {{"We will build roads in every district.", "Yerlan Koshanov", "amanat", null, null}}},
    {"scare quote: no record",
     kTitle + "Aq Jol focuses on the fight against corruption and “de-offshorization”, social justice and entrepreneurship, and visits the regions to speak to people.\n",
     {},
     {}},
    {"title in quotes: no record",
     kTitle + "Amanat said it presented its program titled “Together with People” to voters.\n",
     {},
     {}},
    {"short quote with no attribution: no record",
     kTitle + "The party brought its “digital caravan” to Almaty.\n",
     {},
     {}},
    {"caption quote",
     kTitle + "“Every tree we plant is a vote for clean air,” candidate Aliya Zhunusova-Berg said while planting saplings in Talgar. Photo credit: baytaq.kz.\n",
     {{"Aliya Zhunusova-Berg", "baytaq"}},
     {{"Every tree we plant is a vote for clean air,", "Aliya Zhunusova-Berg", "baytaq", null, "Talgar"}}},
    {"long quote with no attribution: the last person in the paragraph",
     kTitle + "Sergei Kovalenko walked the streets. “In the 1990s we queued for bread here, and the mine paid us in coal.”\n",
     {{"Sergei Kovalenko", "amanat"}},
     {{"In the 1990s we queued for bread here, and the mine paid us in coal.", "Sergei Kovalenko", "amanat", null, null}}},
};
BOOST_DATA_TEST_CASE(spans_and_kinds, boost::unit_test::data::make(kSpans), c) { check(c); }

// Indirect speech: records with indirect = true.
const Case kIndirect[] = {
    {"noted that",
     kTitle + "At a March 2 meeting, the party’s co-chairwoman Dinara Shukizhanova noted that the people’s interests should be represented.\n",
     {{"Dinara Shukizhanova", "respublica"}},
     {{"the people’s interests should be represented", "Dinara Shukizhanova", "respublica", "2023-03-02", null, false, true}},
     true},
    {"noting after a direct quote",
     kTitle + "“But nothing changed,” said Dinara Shukizhanova, noting the Kazakh Parliament needs new voices.\n",
     {{"Dinara Shukizhanova", "respublica"}},
     {{"But nothing changed,", "Dinara Shukizhanova", "respublica", null, null},
      {"the Kazakh Parliament needs new voices", "Dinara Shukizhanova", "respublica", null, null, false, true}},
     true},
    {"according to the party",
     kTitle + "Amanat\n\nAccording to the party, this measure will prevent the outflow of citizens abroad.\n",
     {},
     {{"this measure will prevent the outflow of citizens abroad", "Amanat", "amanat", null, null, false, true}},
     true},
    {"X, apposition, said (no that)",
     kTitle + "Olga Tsoi, the party’s spokeswoman in Shymkent, said the new name had not changed its values.\n",
     {{"Olga Tsoi", "amanat"}},
     {{"the new name had not changed its values", "Olga Tsoi", "amanat", null, null, false, true}},
     true},
    {"no speech: no record",
     kTitle + "The party visited Shymkent on March 2 and met farmers.\n",
     {},
     {},
     true},
};
BOOST_DATA_TEST_CASE(indirect_speech, boost::unit_test::data::make(kIndirect), c) { check(c); }

BOOST_AUTO_TEST_CASE(unclosed_quote_in_a_long_article_drops_only_itself) {
  std::string text = kTitle;
  const int paragraphs = 40;
  for (int i = 0; i < paragraphs; ++i) {
    if (i == 20) text += "“This quote never closes. It goes on and on about the campaign.\n\nThe party met voters.\n\n";
    else if (i == 30) text += "He said “this one does not close either and a new one opens “Here it is,” said Koshanov.\n\n";
    else text += "“Point number " + std::to_string(i) + " of our program matters,” said Koshanov.\n\n";
  }
  Document doc = build(text, {{"Yerlan Koshanov", "amanat"}});
  stage().run(doc);
  BOOST_TEST(doc.quotes.size() == static_cast<size_t>(paragraphs - 1));  // 38 regular + "Here it is,"
  for (const auto& q : doc.quotes) {
    BOOST_TEST(q.speaker.value_or("") == "Yerlan Koshanov");
    BOOST_TEST(q.text.find("never closes") == std::string::npos);
    BOOST_TEST(q.text.size() < 60u);
  }
  BOOST_TEST(doc.quotes.back().text == "Point number 39 of our program matters,");
  BOOST_TEST(doc.warnings.size() == 2u);
  for (const auto& w : doc.warnings) BOOST_TEST(w.find("unclosed quotation mark") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(multi_paragraph_quote_that_never_closes_is_dropped) {
  const std::string text = kTitle + "“First paragraph of a quote.\n\n“Second paragraph, still open.\n\nThe party met voters.\n\n“A closed one at last,” said Koshanov.\n";
  Document doc = build(text, {{"Yerlan Koshanov", "amanat"}});
  stage().run(doc);
  BOOST_REQUIRE(doc.quotes.size() == 1u);
  BOOST_TEST(doc.quotes[0].text == "A closed one at last,");
  BOOST_TEST(doc.warnings.size() == 1u);
}

struct Flood {
  const char* name;
  std::string mark;
};
std::ostream& operator<<(std::ostream& os, const Flood& f) { return os << f.name; }
const Flood kFloods[] = {{"straight double", "\""}, {"curly left", "“"}, {"curly right", "”"},
                         {"straight single", "'"},  {"curly single", "’"}, {"spaced curly left", "“ "}};

BOOST_DATA_TEST_CASE(ten_thousand_marks_in_a_row_do_not_hang, boost::unit_test::data::make(kFloods), f) {
  std::string marks;
  for (int i = 0; i < 10000; ++i) marks += f.mark;
  const std::string text = kTitle + "Koshanov spoke. " + marks + " the end.\n\n“We will win the election,” said Koshanov.\n";
  const auto start = std::chrono::steady_clock::now();
  Document doc = build(text, {{"Yerlan Koshanov", "amanat"}});
  stage().run(doc);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(seconds < 5.0);
  BOOST_TEST(doc.warnings.size() <= 11u);
  BOOST_REQUIRE(!doc.quotes.empty());
  BOOST_TEST(doc.quotes.back().text == "We will win the election,");
  BOOST_TEST(doc.quotes.back().speaker.value_or("") == "Yerlan Koshanov");
}

BOOST_AUTO_TEST_CASE(run_is_const_and_repeatable) {
  const std::string text = kTitle + "“We will win,” said Koshanov.\n";
  Document a = build(text, {{"Yerlan Koshanov", "amanat"}});
  Document b = build(text, {{"Yerlan Koshanov", "amanat"}});
  stage().run(a);
  stage().run(b);
  stage().run(b);  // a second run replaces the layer
  BOOST_TEST(records(a, true) == records(b, true), boost::test_tools::per_element());
  BOOST_REQUIRE(a.quotes.size() == 1u);
  BOOST_TEST(a.quotes[0].rule == "after-verb-speaker");
  BOOST_REQUIRE(a.quotes[0].speaker_span.has_value());
  BOOST_TEST(a.surface(*a.quotes[0].speaker_span) == "Koshanov");
}

BOOST_AUTO_TEST_CASE(bad_rule_file_names_file_and_line) {
  test::TempDir dir;
  const std::string en = test::read_file(test::source_path("rules/en/speech-verbs.tsv"));
  dir.write("rules/en/speech-verbs.tsv", en);
  for (const char* file : {"rules/en/quote-referents.tsv", "rules/en/gender-words.tsv"})
    dir.write(file, test::read_file(test::source_path(file)));
  dir.write("rules/en/quotes.re2.tsv", "id\twhere\tpattern\texample\nok\tafter\t^\\s*{verb}\\s+(?P<speaker>\\w+)\tsaid X\nbad\tafter\t(?P<speaker>[\tx\n");
  dir.write("rules/kz/parties.tsv", "id\tname\n");
  const RuleLocator rules({dir.path / "rules"}, "kz");
  try {
    QuotesStage broken(rules);
    BOOST_FAIL("a bad pattern was accepted");
  } catch (const RuleError& e) {
    BOOST_TEST(e.line() == 3);
    BOOST_TEST(std::string(e.what()).find("quotes.re2.tsv:3") != std::string::npos);
  }
  dir.write("rules/en/quotes.re2.tsv", "id\twhere\tpattern\texample\nnospeaker\tafter\t^\\s*{verb}\\s+\\w+\tsaid X\n");
  BOOST_CHECK_THROW(QuotesStage(RuleLocator({dir.path / "rules"}, "kz")), RuleError);
  dir.write("rules/en/quotes.re2.tsv", "id\twhere\tpattern\texample\nex\tafter\t^\\s*{verb}\\s+(?P<speaker>\\w+)\tnothing here\n");
  BOOST_CHECK_THROW(QuotesStage(RuleLocator({dir.path / "rules"}, "kz")), RuleError);
}

// The whole pipeline on the seed and the samples, scored with compare (SPEC: Compare). The
// quotes' date and place are reported, not gated: the events stage completes them.
namespace {

std::vector<nlohmann::json> jsonl(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

std::string extract(const std::string& args, const std::string& date) {
  const std::string date_arg = date.empty() ? "" : " --date " + date;
  const auto result = test::run_command(test::hustings_cli() + " extract" + date_arg + " " + args + " 2>/dev/null");
  BOOST_REQUIRE(result.exit_code == 0);
  return result.out;
}

TypeScore quote_score(const std::vector<nlohmann::json>& gold, const std::vector<nlohmann::json>& pred) {
  static const PackNames names(RuleLocator::builtin());
  CompareOptions options;
  options.resolve = [](std::string_view type, std::string_view name) { return names.resolve(type, name); };
  const CompareReport report = compare(gold, pred, options);
  for (const auto& t : report.types)
    if (t.type == "quote") return t;
  BOOST_FAIL("no quote row in the report");
  return {};
}

double accuracy(const TypeScore& t, const std::string& attribute) {
  const auto it = t.attributes.find(attribute);
  return it == t.attributes.end() ? 0.0 : it->second.accuracy();
}

}  // namespace

BOOST_AUTO_TEST_CASE(seed_quotes_and_speakers_are_all_right) {
  const std::string pred = extract(test::source_path("corpora/seed/seed.txt"), "2023-03-04");
  const auto score = quote_score(jsonl(test::read_file(test::source_path("corpora/seed/gold.jsonl"))), jsonl(pred));
  BOOST_TEST_MESSAGE("seed quotes: F1 " << score.f1() << ", speaker " << accuracy(score, "speaker") << ", date "
                                         << accuracy(score, "date") << ", place " << accuracy(score, "place"));
  BOOST_TEST(score.gold == 11);
  BOOST_TEST(score.f1() == 1.0);
  BOOST_TEST(score.strict == 11);
  BOOST_TEST(accuracy(score, "speaker") == 1.0);
  BOOST_TEST(accuracy(score, "party") == 1.0);
  for (const auto& r : jsonl(pred))
    if (r["type"] == "quote") BOOST_TEST(r["text"].get<std::string>().find("offshorization") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(samples_quotes_and_speakers) {
  // One extract run over a JSONL of every sample, each with its gold document date.
  std::vector<nlohmann::json> gold;
  std::string input;
  int documents = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_path("corpora/samples"))) {
    if (entry.path().extension() != ".txt") continue;
    const std::string gold_path = entry.path().parent_path() / (entry.path().stem().string() + ".gold.jsonl");
    if (!std::filesystem::exists(gold_path)) continue;
    const auto g = jsonl(test::read_file(gold_path));
    for (auto& r : g) gold.push_back(r);
    const nlohmann::json doc = {{"id", entry.path().stem().string()},
                                {"text", test::read_file(entry.path().string())},
                                {"date", g.front().value("date", "")}};
    input += doc.dump() + "\n";
    ++documents;
  }
  test::TempDir dir;
  const auto pred = jsonl(extract(dir.write("samples.jsonl", input) + " --input jsonl", ""));
  BOOST_TEST(documents >= 10);
  const auto score = quote_score(gold, pred);
  BOOST_TEST_MESSAGE("samples quotes: F1 " << score.f1() << ", speaker " << accuracy(score, "speaker") << ", date "
                                            << accuracy(score, "date") << ", place " << accuracy(score, "place"));
  BOOST_TEST(score.f1() >= 0.95);
  BOOST_TEST(accuracy(score, "speaker") >= 0.9);
}
