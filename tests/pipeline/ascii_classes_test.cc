#define BOOST_TEST_MODULE ascii_classes
#include <boost/test/unit_test.hpp>

#include <random>

#include <re2/re2.h>

#include "pipeline/ascii_classes.h"

using namespace hustings;

// On ASCII text a cut pattern finds the same matches and groups as the pattern itself.
BOOST_AUTO_TEST_CASE(cut_patterns_match_as_the_originals_on_ascii_text) {
  const std::vector<std::string> patterns = {
      "(?P<name>\\p{Lu}\\p{Ll}+(?: \\p{Lu}\\p{Ll}+)*) (?:said|told)",
      "[^,.;\"]{1,20}\\b(?i:region|oblast)s?\\b",
      "(?i:\\p{Lu}[a-z]+)\\.\\s\\P{L}+",
      "(?s:a.b)|c.d|[\\p{L}\\d_]+-\\w",
      "\\p{^Lu}\\pN[[:alpha:]\\x{2019}']+\\S\\D\\W",
  };
  AsciiClasses classes;
  std::mt19937 random(7);
  const std::string alphabet = "AaBbCcdRrEeGgIiOoNnSs0123 ,.;\"'-_\n\t";
  for (const auto& pattern : patterns) {
    bool cut = false;
    const std::string ascii = classes.cut(pattern, cut);
    BOOST_TEST(cut, pattern);
    const RE2 original(pattern), cut_re(ascii);
    BOOST_REQUIRE_MESSAGE(original.ok() && cut_re.ok(), pattern + " -> " + ascii);
    BOOST_TEST(cut_re.ProgramSize() <= original.ProgramSize(), pattern);
    const int n = original.NumberOfCapturingGroups() + 1;
    BOOST_REQUIRE(cut_re.NumberOfCapturingGroups() + 1 == n);
    for (int k = 0; k < 2000; ++k) {
      std::string text;
      for (int c = random() % 40; c > 0; --c) text += alphabet[random() % alphabet.size()];
      std::vector<re2::StringPiece> a(n), b(n);
      const bool ma = original.Match(text, 0, text.size(), RE2::UNANCHORED, a.data(), n);
      const bool mb = cut_re.Match(text, 0, text.size(), RE2::UNANCHORED, b.data(), n);
      BOOST_REQUIRE_MESSAGE(ma == mb, pattern + " on '" + text + "'");
      for (int g = 0; ma && g < n; ++g) BOOST_REQUIRE(a[g].data() == b[g].data() && a[g].size() == b[g].size());
    }
  }
}

BOOST_AUTO_TEST_CASE(a_pattern_without_classes_is_left_as_is) {
  AsciiClasses classes;
  bool cut = true;
  BOOST_TEST(classes.cut("(?P<x>abc) def", cut) == "(?P<x>abc) def");
  BOOST_TEST(!cut);
}
