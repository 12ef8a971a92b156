#define BOOST_TEST_MODULE segment
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <random>

#include "stages/segment/breaks.h"
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

// The hand-written scanners of stages/segment/breaks.h against ICU itself.
namespace {
std::string describe(const std::string& text, const std::vector<Token>& tokens, size_t k) {
  if (k >= tokens.size()) return "end";
  const Token& t = tokens[k];
  return "\"" + text.substr(t.begin, t.end - t.begin) + "\" at " + std::to_string(t.begin) + " kind " +
         std::to_string(static_cast<int>(t.kind));
}
// Compares both tokenizers on `text` and both sentence splitters on each of its lines; returns
// the number of lines.
int check_breaks(const std::string& text) {
  std::vector<Token> fast, icu;
  breaks::tokens(text, fast);
  breaks::icu_tokens(text, 0, icu);
  size_t k = 0;
  while (k < fast.size() && k < icu.size() && fast[k].begin == icu[k].begin && fast[k].end == icu[k].end &&
         fast[k].kind == icu[k].kind)
    ++k;
  BOOST_TEST(describe(text, fast, k) == describe(text, icu, k),
             "token " << k << " of \"" << text.substr(0, 200) << "\"");
  std::vector<int32_t> fast_breaks, icu_breaks;
  int lines = 0;
  for (size_t start = 0; start <= text.size(); ++lines) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    const std::string_view line = std::string_view(text).substr(start, nl - start);
    breaks::sentence_breaks(line, fast_breaks);
    breaks::icu_sentence_breaks(line, icu_breaks);
    BOOST_TEST(fast_breaks == icu_breaks, "sentence breaks of \"" << line << "\"");
    start = nl + 1;
  }
  return lines;
}
}  // namespace

BOOST_AUTO_TEST_CASE(fast_breaks_match_icu_on_corpora) {
  int files = 0, lines = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(test::source_path("corpora"))) {
    if (!entry.is_regular_file()) continue;
    lines += check_breaks(test::read_file(entry.path().string()));
    ++files;
  }
  BOOST_TEST_MESSAGE(files << " corpus files, " << lines << " lines compared");
  BOOST_TEST(files >= 20);
}

BOOST_AUTO_TEST_CASE(fast_breaks_match_icu_on_random_text) {
  // Pieces that exercise WB5-WB13 and SB6-SB11 with the characters the scanners know ...
  const std::vector<std::string> known = {
      "a", "b", "Z", "K", "e", "1", "0", "9", ".", ",", "'", ":", ";", "_", "-", "/", "$", "%", "\"", "(", ")",
      "!", "?", "[", "]", " ", " ", " ", "  ", "\n", "\r\n", "\t", "\v", "\x01", "\u2019", "\u2018", "\u201c",
      "\u201d", "\u00a0", "\u2013", "\u2014", "\u2026", "U.S.", "e.g.", "1,000", "3.5", "don't", "Dr. ", ". ", "? ",
      ".) a", ". 5 b", "A1", "1st", "a_1", "__"};
  // ... and ones they leave to ICU: a letter, a combining mark and a soft hyphen (WB4, SB5),
  // MidLetter, an ideographic full stop, a paragraph separator, Hebrew (WB7a-c), Thai (dictionary).
  const std::vector<std::string> other = {"\u00e9", "\u0301", " \u0301", "\u00ad", "\u00b7",
                                          "\u3002", "\u2028", "\u05d0", "\u0e01\u0e32"};
  std::mt19937 random(29);
  std::uniform_int_distribution<size_t> length(0, 40);
  int lines = 0;
  for (int n = 0; n < 6000; ++n) {
    // Every third string mixes in the characters left to ICU.
    const size_t pieces = known.size() + (n % 3 == 0 ? other.size() : 0);
    std::uniform_int_distribution<size_t> piece(0, pieces - 1);
    std::string text;
    for (size_t k = length(random); k > 0; --k) {
      const size_t p = piece(random);
      text += p < known.size() ? known[p] : other[p - known.size()];
    }
    lines += check_breaks(text);
  }
  BOOST_TEST_MESSAGE("6000 random strings, " << lines << " lines compared");
}
