#define BOOST_TEST_MODULE segment
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "tests/test_util.h"

using namespace hustings;

namespace {
const Document& seed() {
  static const Document doc = test::run_stages(
      {"normalize", "segment"}, test::read_file(test::source_path("corpora/seed/seed.txt")), "seed");
  return doc;
}
std::vector<std::string> blocks_of_kind(const Document& doc, BlockKind kind) {
  std::vector<std::string> out;
  for (const auto& b : doc.blocks)
    if (b.kind == kind) out.emplace_back(doc.surface(b.span));
  return out;
}
std::vector<std::string> sentences(const std::string& text) {
  const Document doc = test::run_stages({"normalize", "segment"}, text);
  std::vector<std::string> out;
  for (const auto& s : doc.sentences) out.emplace_back(doc.surface(s.span));
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(seed_title_and_dateline) {
  BOOST_TEST(seed().title.value_or("") ==
             "Motor Rallies, Environmental Actions, Pop Concert: Campaigning Gains Momentum in Kazakhstan");
  BOOST_TEST(seed().dateline.value_or("") == "Astana");
  BOOST_REQUIRE(seed().dateline_span.has_value());
  BOOST_TEST(seed().surface(*seed().dateline_span) == "ASTANA");
  BOOST_TEST(seed().source.value_or("") == "The Astana Times");
}

BOOST_AUTO_TEST_CASE(seed_has_7_party_headings) {
  const std::vector<std::string> expected = {"Amanat party",
                                             "Aq Jol",
                                             "Auyl People\u2019s Democratic Patriotic Party",
                                             "Baytaq party",
                                             "National Social Democratic Party",
                                             "People\u2019s Party of Kazakhstan",
                                             "Respublica party"};
  BOOST_TEST(blocks_of_kind(seed(), BlockKind::heading) == expected, boost::test_tools::per_element());
  BOOST_TEST(seed().sections.size() == 7u);
}

BOOST_AUTO_TEST_CASE(seed_has_13_photo_captions) {
  const auto captions = blocks_of_kind(seed(), BlockKind::caption);
  BOOST_TEST(captions.size() == 13u);
  for (const auto& c : captions) BOOST_TEST(c.find("Photo credit") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(seed_newsletter_trailer_is_boilerplate) {
  const auto trailer = blocks_of_kind(seed(), BlockKind::boilerplate);
  BOOST_REQUIRE(trailer.size() == 1u);
  BOOST_TEST(trailer[0].rfind("Get The Astana Times stories sent directly to you!", 0) == 0u);
  BOOST_TEST((seed().blocks.back().kind == BlockKind::boilerplate));
}

BOOST_AUTO_TEST_CASE(seed_no_break_after_feb) {
  for (const auto& s : seed().sentences) {
    const auto text = seed().surface(s.span);
    BOOST_TEST(!text.ends_with("Feb."));
  }
  const auto it = std::find_if(seed().sentences.begin(), seed().sentences.end(), [](const Sentence& s) {
    return seed().surface(s.span).find("Feb. 19 meeting") != std::string_view::npos;
  });
  BOOST_TEST((it != seed().sentences.end()));
}

struct SentenceCase {
  const char* text;
  std::vector<std::string> expected;
};
std::ostream& operator<<(std::ostream& os, const SentenceCase& c) { return os << c.text; }
const SentenceCase kSentences[] = {
    {"He met Dr. Smith in Almaty. Then he left.", {"He met Dr. Smith in Almaty.", "Then he left."}},
    {"U.S. officials came. They stayed.", {"U.S. officials came.", "They stayed."}},
    {"It was in the U.S. The next day was calm.", {"It was in the U.S.", "The next day was calm."}},
    {"On Sept. 5 the party met. K. Tokayev spoke.", {"On Sept. 5 the party met.", "K. Tokayev spoke."}},
    {"Party member Zh. Kuanyshev added more. He left.", {"Party member Zh. Kuanyshev added more.", "He left."}},
    {"The vote is on Jan. 10. Polls open at 7 a.m. in Astana.",
     {"The vote is on Jan. 10.", "Polls open at 7 a.m. in Astana."}},
    {"\u201cWe will win,\u201d he said. \u201cThe people are with us.\u201d",
     {"\u201cWe will win,\u201d he said.", "\u201cThe people are with us.\u201d"}},
};
BOOST_DATA_TEST_CASE(abbreviations_do_not_end_sentences, boost::unit_test::data::make(kSentences), c) {
  BOOST_TEST(sentences(c.text) == c.expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(empty_and_whitespace_documents_have_no_sentences) {
  BOOST_TEST(test::run_stages({"normalize", "segment"}, "").sentences.empty());
  BOOST_TEST(test::run_stages({"normalize", "segment"}, " \n\r\n\t \n").sentences.empty());
}

BOOST_AUTO_TEST_CASE(crlf_lines_and_other_datelines) {
  const Document doc = test::run_stages(
      {"normalize", "segment"}, "Title of the piece\r\n\r\nALMATY. KAZINFORM \u2013 The party met.\r\nIt rained.\r\n");
  BOOST_TEST(doc.title.value_or("") == "Title of the piece");
  BOOST_TEST(doc.dateline.value_or("") == "Almaty");
  BOOST_REQUIRE(doc.sentences.size() == 3u);  // the title is a sentence too
  BOOST_TEST(doc.surface(doc.sentences[1].span) == "ALMATY. KAZINFORM – The party met.");
  BOOST_TEST(doc.surface(doc.sentences[2].span) == "It rained.");
}

BOOST_AUTO_TEST_CASE(hyphenated_dateline) {
  const Document doc = test::run_stages({"normalize", "segment"}, "Headline\n\nNUR-SULTAN \u2013 Campaigning began.\n");
  BOOST_TEST(doc.dateline.value_or("") == "Nur-Sultan");
}

BOOST_AUTO_TEST_CASE(tokens_skip_spaces_and_keep_words) {
  const Document doc = test::run_stages({"normalize", "segment"}, "Aq Jol met 2,500 people.");
  std::vector<std::string> words;
  for (const auto& t : doc.tokens) words.emplace_back(doc.view().substr(t.begin, t.end - t.begin));
  const std::vector<std::string> expected = {"Aq", "Jol", "met", "2,500", "people", "."};
  BOOST_TEST(words == expected, boost::test_tools::per_element());
  BOOST_TEST((doc.tokens[3].kind == TokenKind::number));
}
