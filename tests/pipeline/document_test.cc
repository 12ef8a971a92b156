#define BOOST_TEST_MODULE document
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "pipeline/utf8.h"
#include "tests/test_util.h"

using namespace hustings;

namespace {
struct OffsetCase {
  const char* text;
  const char* needle_in_view;  // what to look for in the view
  const char* surface;         // what the span must give back in the original
  int cp_start;                // code-point offset of the mention in the original
};
std::ostream& operator<<(std::ostream& os, const OffsetCase& c) { return os << c.text; }

const OffsetCase kCases[] = {
    {"Amanat\u2019s chair", "Amanat's", "Amanat\u2019s", 0},
    {"\u201cWe will win,\u201d he said.", "We will win,", "We will win,", 1},
    {"Qazaq\u00a0Party met in \u049a\u043e\u0441\u0442\u0430\u043d\u0430\u0439.", "Qazaq Party", "Qazaq\u00a0Party", 0},
    {"\u049a\u043e\u0441\u0442\u0430\u043d\u0430\u0439 \u2013 Kostanai", "Kostanai", "Kostanai", 11},
    // A combining acute accent composes with its base (NFC); the span still covers both.
    {"Cafe\u0301 Astana", "Astana", "Astana", 6},
    {"Cafe\u0301 Astana", "Caf\u00e9", "Cafe\u0301", 0},
    {"\U0001F600 Shymkent \u2014 Taraz", "Taraz", "Taraz", 13},
    {"ASTANA \u2013 Whether", "ASTANA - Whether", "ASTANA \u2013 Whether", 0},
};
}  // namespace

BOOST_DATA_TEST_CASE(span_surface_equals_original, boost::unit_test::data::make(kCases), c) {
  const Document doc = test::run_stages({"normalize"}, c.text);
  const size_t at = doc.view().find(c.needle_in_view);
  BOOST_REQUIRE(at != std::string::npos);
  const Span span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + std::strlen(c.needle_in_view))};
  BOOST_TEST(doc.surface(span) == c.surface);
  const auto [start, end] = doc.code_points(span);
  BOOST_TEST(start == c.cp_start);
  BOOST_TEST(end - start == static_cast<int64_t>(count_code_points(c.surface)));
}

BOOST_AUTO_TEST_CASE(code_points_of_a_long_text_with_multibyte_characters) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += "\u049a\u0430\u0437\u0430\u049b \u201cx\u201d ";
  text += "Astana";
  const Document doc = test::run_stages({"normalize"}, text);
  const size_t at = doc.view().rfind("Astana");
  const auto [start, end] = doc.code_points({static_cast<uint32_t>(at), static_cast<uint32_t>(at + 6)});
  BOOST_TEST(start == 300 * 10);
  BOOST_TEST(end == 300 * 10 + 6);
}

// Code points are counted from checkpoints: every offset of a mixed text, around and past them.
BOOST_AUTO_TEST_CASE(code_point_of_every_original_offset) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += i % 3 ? "Kaz \u049a\u0430 \u201cq\u201d \U0001F600 " : "plain ascii words ";
  const Document doc = test::run_stages({"normalize"}, text);
  int64_t expected = 0;
  for (size_t offset = 0; offset <= text.size() + 3; ++offset) {
    BOOST_TEST_REQUIRE(doc.code_point_of_original(static_cast<uint32_t>(offset)) == expected, "offset " << offset);
    if (offset < text.size()) expected += (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
  }
}

// count_code_points counts eight bytes at a time: every length and alignment of a mixed text.
BOOST_AUTO_TEST_CASE(code_point_counts_at_every_length_and_offset) {
  const std::string text = "a\u00e9\u049a\U0001F600 b\u201c\xC3 \x80\x80xyz\u0430\u0437\U0001F1F0\U0001F1FF.";
  for (size_t from = 0; from < text.size(); ++from)
    for (size_t to = from; to <= text.size(); ++to) {
      size_t expected = 0;
      for (size_t i = from; i < to; ++i) expected += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
      BOOST_TEST_REQUIRE(count_code_points(std::string_view(text).substr(from, to - from)) == expected);
    }
}

BOOST_AUTO_TEST_CASE(every_seed_sentence_gives_back_its_original_text) {
  const std::string text = test::read_file(test::source_path("corpora/seed/seed.txt"));
  const Document doc = test::run_stages({"normalize", "segment"}, text, "seed");
  BOOST_REQUIRE(!doc.sentences.empty());
  for (const auto& s : doc.sentences) {
    const auto [start, end] = doc.code_points(s.span);
    // Compare with the original cut at code points, the way Python's text[start:end] does.
    size_t byte = 0;
    int64_t cp = 0;
    while (cp < start) {
      byte += 1;
      while (byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) ++byte;
      ++cp;
    }
    BOOST_TEST(std::string(doc.surface(s.span)) == text.substr(byte, doc.surface(s.span).size()));
    BOOST_TEST(end - start == static_cast<int64_t>(count_code_points(doc.surface(s.span))));
  }
}

struct RepairCase {
  std::string input;
  std::string repaired;
  size_t invalid;
};
std::ostream& operator<<(std::ostream& os, const RepairCase& c) { return os << c.repaired; }
const RepairCase kRepairs[] = {
    {"ok", "ok", 0},
    {"a\xC0\xAF" "b", "a\uFFFD\uFFFD" "b", 2},             // overlong '/'
    {"a\xED\xA0\x80" "b", "a\uFFFD\uFFFD\uFFFD" "b", 3},   // lone surrogate: each byte invalid
    {"a\xE2\x82", "a\uFFFD", 1},                            // truncated sequence
    {"\xFE\xFF", "\uFFFD\uFFFD", 2},                        // never valid
    {"\xEF\xBB\xBFtext", "text", 0},                        // BOM dropped
    {std::string("a\0b", 3), std::string("a\0b", 3), 0},  // NUL kept
};
BOOST_DATA_TEST_CASE(invalid_utf8_is_repaired, boost::unit_test::data::make(kRepairs), c) {
  const auto r = repair_utf8(c.input);
  BOOST_TEST(r.text == c.repaired);
  BOOST_TEST(r.invalid_at.size() == c.invalid);
}

// ASCII runs are skipped eight bytes at a time: an invalid byte at every position of a long run.
BOOST_AUTO_TEST_CASE(an_invalid_byte_at_every_position_of_an_ascii_run) {
  for (size_t at = 0; at < 24; ++at) {
    std::string input(24, 'x'), expected(24, 'x');
    input[at] = '\xFF';
    expected.replace(at, 1, "\uFFFD");
    const auto r = repair_utf8(input);
    BOOST_TEST_REQUIRE(r.text == expected, "at " << at);
    BOOST_TEST_REQUIRE(r.invalid_at == std::vector<size_t>{at}, "at " << at);
  }
}
