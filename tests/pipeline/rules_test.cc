#define BOOST_TEST_MODULE rules
#include <boost/test/unit_test.hpp>

#include "pipeline/pack.h"
#include "pipeline/registry.h"
#include "tests/test_util.h"

using namespace hustings;

namespace {
// Expects `load` to throw a RuleError whose message starts with "file:line:".
template <typename F>
void expect_rule_error(F load, const std::string& file, int line, const std::string& reason_part) {
  try {
    load();
    BOOST_FAIL("no RuleError for " + reason_part);
  } catch (const RuleError& e) {
    const std::string message = e.what();
    BOOST_TEST(message.rfind(file + ":" + std::to_string(line) + ": ", 0) == 0u, message);
    BOOST_TEST(message.find(reason_part) != std::string::npos, message);
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(tsv_rows_must_have_the_header_cell_count) {
  test::TempDir dir;
  const auto path = dir.write("x.tsv", "# comment\nid\tname\na\tA\nb\tB\textra\n");
  expect_rule_error([&] { TsvTable::load(path, {"id", "name"}); }, path, 4, "expected 2 tab-separated cells, found 3");
}

BOOST_AUTO_TEST_CASE(tsv_header_must_have_required_columns) {
  test::TempDir dir;
  const auto path = dir.write("x.tsv", "id\tvalue\n");
  expect_rule_error([&] { TsvTable::load(path, {"id", "name"}); }, path, 1, "lacks the column 'name'");
}

BOOST_AUTO_TEST_CASE(lists_split_on_bars) {
  const std::vector<std::string> expected = {"Ak Zhol", "Ak Jol"};
  BOOST_TEST(split_list(" Ak Zhol | | Ak Jol ") == expected, boost::test_tools::per_element());
}

namespace {
// A rule root holding a copy of the built-in en/ with one file replaced.
std::string root_with(const test::TempDir& dir, const std::string& file, const std::string& content) {
  const auto builtin = std::filesystem::path(HUSTINGS_BUILTIN_RULES);
  std::filesystem::create_directories(dir.path / "root");
  std::filesystem::copy(builtin / "en", dir.path / "root/en", std::filesystem::copy_options::recursive);
  dir.write("root/" + file, content);
  return (dir.path / "root").string();
}
}  // namespace

BOOST_AUTO_TEST_CASE(invalid_re2_pattern_reports_file_line_and_re2_error) {
  test::TempDir dir;
  const auto root = root_with(dir, "en/blocks.re2.tsv", "id\tkind\tpattern\nok\tcaption\tphoto\nbad\tcaption\t(unclosed\n");
  const RuleLocator rules({root}, "kz");
  expect_rule_error([&] { make_stage("segment", rules); }, root + "/en/blocks.re2.tsv", 3, "missing ): (unclosed");
}

BOOST_AUTO_TEST_CASE(pattern_matching_the_empty_string_is_rejected) {
  test::TempDir dir;
  const auto root = root_with(dir, "en/blocks.re2.tsv", "id\tkind\tpattern\nempty\tcaption\t(?:photo)?\n");
  const RuleLocator rules({root}, "kz");
  expect_rule_error([&] { make_stage("segment", rules); }, root + "/en/blocks.re2.tsv", 2, "empty string");
}

BOOST_AUTO_TEST_CASE(bad_abbreviation_kind) {
  test::TempDir dir;
  const auto root = root_with(dir, "en/abbreviations.tsv", "abbreviation\tkind\nDr.\ttitle\nFeb.\tmonthly\n");
  const RuleLocator rules({root}, "kz");
  expect_rule_error([&] { make_stage("segment", rules); }, root + "/en/abbreviations.tsv", 3, "kind must be");
}

BOOST_AUTO_TEST_CASE(user_root_comes_before_builtin_and_pack_falls_back) {
  test::TempDir dir;
  const auto root = root_with(dir, "en/abbreviations.tsv", "abbreviation\tkind\nDr.\ttitle\n");
  const RuleLocator rules({root}, "kz");
  BOOST_TEST(rules.language("abbreviations.tsv").string() == root + "/en/abbreviations.tsv");
  // The user root has no kz/: the pack comes from the built-in root.
  BOOST_TEST(rules.pack("parties.tsv").string() == "builtin:rules/kz/parties.tsv");
  std::string content;
  BOOST_TEST(read_rule_file(rules.pack("parties.tsv"), content));
  BOOST_TEST(content == test::read_file(std::string(HUSTINGS_BUILTIN_RULES) + "/kz/parties.tsv"));
  BOOST_CHECK_THROW(RuleLocator({root}, "nowhere"), RuleError);
}

BOOST_AUTO_TEST_CASE(gazetteer_parent_must_exist) {
  test::TempDir dir;
  const auto path = dir.write("places.tsv",
                              "id\tname\tkind\tparent\tlat\tlon\taliases\tsource\n"
                              "1\tKazakhstan\tcountry\t\t48\t68\t\tgeonames\n"
                              "2\tAstana\tcity\t9\t51\t71\t\tgeonames\n");
  expect_rule_error([&] { load_places({path}); }, path, 3, "parent id '9' does not exist");
}

BOOST_AUTO_TEST_CASE(party_ids_are_unique) {
  test::TempDir dir;
  const auto path = dir.write("parties.tsv",
                              "id\tname\taliases\tformer\tstatus\tsource\n"
                              "amanat\tAmanat\t\tNur Otan@1999-2022\tregistered\t\n"
                              "amanat\tAmanat 2\t\t\tregistered\t\n");
  expect_rule_error([&] { load_parties(path); }, path, 3, "duplicate id 'amanat'");
}
