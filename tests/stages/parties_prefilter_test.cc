#define BOOST_TEST_MODULE parties_prefilter
#include <boost/test/unit_test.hpp>

#include "stages/parties/prefilter.h"

using namespace hustings::matching;

// The readings of pattern text that the parties and people stages build their prefilters and
// group shortcuts on: exact results on the shapes of rules/en/*.re2.tsv.

BOOST_AUTO_TEST_CASE(required_parts_of_person_patterns) {
  const Required paren = required_parts("(?P<name>{NAME}) \\((?P<party>{PARTY})\\)");
  BOOST_TEST(paren.macros == (std::vector<std::string>{"NAME", "PARTY"}), boost::test_tools::per_element());
  BOOST_TEST(paren.punctuation == "()");
  BOOST_TEST(paren.groups == (std::vector<std::string>{"name", "party"}), boost::test_tools::per_element());
  BOOST_TEST(paren.last_group == "");

  const Required role = required_parts("(?P<role>{ROLE}),? (?P<name>{NAME})");
  BOOST_TEST(role.punctuation == "");  // the comma is optional
  BOOST_TEST(role.last_group == "name");
}

BOOST_AUTO_TEST_CASE(required_parts_reads_the_words_of_literal_text) {
  const Required r = required_parts("\\b[Tt]he party(?:'s)? (?i:slogan|motto) \"");
  BOOST_REQUIRE(r.word_sets.size() == 3u);
  BOOST_TEST(r.word_sets[0].size() == 1u);
  BOOST_TEST(r.word_sets[0][0].text == "the");
  BOOST_TEST(r.word_sets[1][0].text == "party");
  BOOST_REQUIRE(r.word_sets[2].size() == 2u);
  BOOST_TEST(r.word_sets[2][0].text == "slogan");
  BOOST_TEST(r.word_sets[2][1].text == "motto");
  BOOST_TEST(r.punctuation == "\"");
}

BOOST_AUTO_TEST_CASE(ascii_chars_of_name_and_word_patterns) {
  const auto name = ascii_chars("[A-Z][a-z]+(?: [A-Z][a-z]+)*");
  BOOST_TEST(name.count() == 53u);  // letters and the space
  BOOST_TEST(!name[',']);
  const auto said = ascii_chars("(?i:said)");
  BOOST_TEST(said.count() == 8u);
  BOOST_TEST((said['S'] && said['s'] && !said['x']));
  BOOST_TEST(ascii_chars("a.b").count() == 128u);   // any character: unsure
  BOOST_TEST(ascii_chars("[^,]+").count() == 128u);  // negated classes: unsure
}

BOOST_AUTO_TEST_CASE(layout_of_a_name_and_its_apposition) {
  const Layout l = layout("(?P<name>{NAME}), (?P<appos>[^,;:\"()]+)");
  BOOST_TEST(l.ok);
  BOOST_TEST(l.first == "name");
  BOOST_TEST(l.first_text == "{NAME}");
  BOOST_TEST(l.separator == ", ");
  BOOST_TEST(l.last == "appos");
  BOOST_TEST(!layout("(?P<name>{NAME}),? (?P<verb>{SPEECHVERB})\\b").ok);  // no literal separator
  BOOST_TEST(!layout("(?P<name>{NAME})|x, y").ok);                         // an alternation
}

BOOST_AUTO_TEST_CASE(opening_of_a_role_pattern) {
  const Opening o = opening("(?P<role>{ROLEPHRASE}),? (?P<name>{NAME})");
  BOOST_TEST(o.ok);
  BOOST_TEST(o.group == "role");
  BOOST_TEST(o.text == "{ROLEPHRASE}");
  BOOST_TEST(o.rest == ",? (?P<name>{NAME})");
  BOOST_TEST(!opening("(?P<role>{ROLEPHRASE})+ (?P<name>{NAME})").ok);  // a repeated group
  BOOST_TEST(!opening("(?P<role>{ROLEPHRASE}) x|y").ok);                // an alternation
}

BOOST_AUTO_TEST_CASE(group_text_unless_a_flag_applies) {
  BOOST_TEST(group_text("(?:(?P<org>{ORG}) |{PARTYREF} )?{ROLE}", "org").value_or("") == "{ORG}");
  BOOST_TEST(!group_text("(?i:(?P<org>{ORG}) )?{ROLE}", "org").has_value());
}

BOOST_AUTO_TEST_CASE(word_filter_finds_whole_words_in_any_case) {
  WordFilter words;
  BOOST_REQUIRE(words.add(0, "said"));
  BOOST_REQUIRE(words.add(1, "party"));
  BOOST_TEST(words.scan("The PARTY, he Said.") == 3u);
  BOOST_TEST(words.scan("unsaid parties") == 0u);  // not whole words
  BOOST_TEST(words.scan("party_line said_") == 0u);  // `_` is a word character
  BOOST_TEST(words.scan("") == 0u);
  BOOST_TEST(words.scan("kinds \xC5\xBF") == 3u);  // U+017F, which (?i) reads as s: every family
}

BOOST_AUTO_TEST_CASE(may_match_needs_the_families_and_the_punctuation) {
  BOOST_TEST(may_match(0b01, "()", 0b11, "Ann Lee (Amanat)"));
  BOOST_TEST(!may_match(0b01, "()", 0b11, "Ann Lee, Amanat"));
  BOOST_TEST(!may_match(0b100, "", 0b11, "Ann Lee (Amanat)"));
}
