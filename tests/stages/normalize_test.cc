#define BOOST_TEST_MODULE normalize
#include <boost/test/unit_test.hpp>

#include "stages/normalize/normalize.h"
#include "tests/test_util.h"

using namespace hustings;

// ASCII is copied in runs; a run stops before a folded character and leaves its last byte to
// the cluster path when a combining mark may follow. Every view byte keeps its origin.
BOOST_AUTO_TEST_CASE(ascii_runs_next_to_backticks_and_combining_marks) {
  const NormalizeStage stage(RuleLocator::builtin());
  const NormalizedText n = stage.normalize("Say `hi` to Jose\u0301 and Zoe\u0308, ok.");
  BOOST_TEST(n.view == "Say 'hi' to Jos\u00e9 and Zo\u00eb, ok.");
  const std::vector<uint32_t> expected = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
                                          15, 18, 19, 20, 21, 22, 23, 24, 25, 25, 28, 29, 30, 31, 32, 33};
  BOOST_TEST(n.to_original == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_text_of_one_ascii_byte_before_a_mark) {
  const NormalizeStage stage(RuleLocator::builtin());
  const NormalizedText n = stage.normalize("e\u0301");
  BOOST_TEST(n.view == "\u00e9");
  BOOST_TEST(n.to_original == (std::vector<uint32_t>{0, 0, 3}), boost::test_tools::per_element());
}

// fold.tsv may fold any ASCII character, not only the backtick it ships with.
BOOST_AUTO_TEST_CASE(an_ascii_row_added_to_fold_tsv_is_applied) {
  test::TempDir dir;
  dir.write("en/fold.tsv", test::read_file(test::source_path("rules/en/fold.tsv")) +
                               "U+0022\t'\tstraight double quote, as a single one\n");
  const NormalizeStage stage(RuleLocator({dir.path}, "kz"));
  const NormalizedText n = stage.normalize("He said \"yes\".");
  BOOST_TEST(n.view == "He said 'yes'.");
  BOOST_TEST(n.to_original.size() == n.view.size() + 1);
}
