#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"

using namespace hustings;

namespace {
std::string cli(const std::string& args) { return test::hustings_cli() + " " + args + " 2>/dev/null"; }
std::vector<nlohmann::json> lines(const std::string& out) {
  std::vector<nlohmann::json> records;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) records.push_back(nlohmann::json::parse(line));
  return records;
}
}  // namespace

BOOST_AUTO_TEST_CASE(extract_seed_prints_its_document_record) {
  const auto r = test::run_command(cli("extract --date 2023-03-04 " + test::source_path("corpora/seed/seed.txt")));
  BOOST_TEST(r.exit_code == 0);
  const auto records = lines(r.out);
  BOOST_REQUIRE(!records.empty());
  BOOST_TEST(records[0]["doc"] == "seed");
  BOOST_TEST(records[0]["type"] == "document");
  BOOST_TEST(records[0]["dateline"] == "Astana");
  BOOST_TEST(records[0]["date"] == "2023-03-04");
  BOOST_TEST(records[0]["date_source"] == "input");
  BOOST_TEST(records[0]["title"].get<std::string>().rfind("Motor Rallies", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(same_input_gives_byte_identical_output) {
  const auto a = test::run_command(cli("extract " + test::source_path("corpora/seed/seed.txt")));
  const auto b = test::run_command(cli("extract " + test::source_path("corpora/seed/seed.txt")));
  BOOST_TEST(a.out == b.out);
  BOOST_TEST(!a.out.empty());
}

BOOST_AUTO_TEST_CASE(compare_gold_with_itself_is_perfect) {
  const auto gold = test::source_path("corpora/seed/gold.jsonl");
  const auto r = test::run_command(cli("compare --json " + gold + " " + gold));
  BOOST_TEST(r.exit_code == 0);
  const auto report = nlohmann::json::parse(r.out);
  BOOST_TEST(report["overall"]["f1"].get<double>() == 1.0);
}

BOOST_AUTO_TEST_CASE(min_f1_exits_4_below_threshold) {
  test::TempDir dir;
  const auto empty = dir.write("empty.jsonl", "");
  const auto gold = test::source_path("corpora/seed/gold.jsonl");
  BOOST_TEST(test::run_command(cli("compare --min-f1 0.5 " + gold + " " + empty)).exit_code == 4);
  BOOST_TEST(test::run_command(cli("compare --min-f1 0.5 " + gold + " " + gold)).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(malformed_jsonl_line_gives_error_record_and_exit_1) {
  test::TempDir dir;
  const auto in = dir.write("in.jsonl", "{\"id\":\"a\",\"text\":\"One.\"}\n{oops\n{\"id\":\"b\",\"text\":\"Two.\"}\n");
  const auto r = test::run_command(cli("extract " + in));
  BOOST_TEST(r.exit_code == 1);
  const auto records = lines(r.out);
  std::vector<std::string> seen;
  for (const auto& rec : records)
    if (rec["type"] == "document" || rec["type"] == "error") seen.push_back(rec["type"].get<std::string>());
  const std::vector<std::string> expected = {"document", "error", "document"};
  BOOST_TEST(seen == expected, boost::test_tools::per_element());
  for (const auto& rec : records)
    if (rec["type"] == "error") BOOST_TEST(rec["line"] == 2);
}

BOOST_AUTO_TEST_CASE(empty_file_gives_a_document_record) {
  test::TempDir dir;
  const auto in = dir.write("empty.txt", "");
  const auto r = test::run_command(cli("extract " + in));
  BOOST_TEST(r.exit_code == 0);
  const auto records = lines(r.out);
  BOOST_REQUIRE(records.size() >= 1u);
  BOOST_TEST(records[0]["type"] == "document");
  BOOST_TEST(records[0]["doc"] == "empty");
}

BOOST_AUTO_TEST_CASE(stdin_text_takes_the_given_id) {
  const auto r = test::run_command("printf 'Hello.' | " + cli("extract --id mine -"));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(lines(r.out).at(0)["doc"] == "mine");
}

BOOST_AUTO_TEST_CASE(bad_rule_file_exits_3_naming_file_and_line) {
  test::TempDir dir;
  std::filesystem::copy(std::filesystem::path(HUSTINGS_BUILTIN_RULES) / "en", dir.path / "en",
                        std::filesystem::copy_options::recursive);
  dir.write("en/abbreviations.tsv", "abbreviation\tkind\nDr.\n");
  const auto r = test::run_command(test::hustings_cli() + " extract --rules " + dir.path.string() + " " +
                                   test::source_path("corpora/seed/seed.txt") + " 2>&1 >/dev/null");
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(r.out.find("abbreviations.tsv:2: ") != std::string::npos, r.out);
}

// Each --rules takes one directory: the paths after it stay inputs.
BOOST_AUTO_TEST_CASE(rules_option_takes_one_directory_each_time) {
  test::TempDir a, b;
  const auto r = test::run_command(cli("extract --rules " + a.path.string() + " --rules " + b.path.string() + " " +
                                       test::source_path("corpora/seed/seed.txt")));
  BOOST_TEST(r.exit_code == 0);
  const auto records = lines(r.out);
  BOOST_REQUIRE(!records.empty());
  BOOST_TEST(records.at(0)["doc"] == "seed");
  BOOST_TEST(records.size() > 50u);
}

BOOST_AUTO_TEST_CASE(bad_usage_exits_2) {
  BOOST_TEST(test::run_command(cli("extract --date 2023-13-45 x.txt")).exit_code == 2);
  BOOST_TEST(test::run_command(cli("frobnicate")).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(stages_lists_each_stage_with_needs_and_adds) {
  const auto r = test::run_command(cli("stages"));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.find("segment\tneeds: view\tadds: blocks, sentences, tokens") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(diff_exit_codes_follow_diff1) {
  test::TempDir dir;
  const auto gold = test::source_path("corpora/seed/gold.jsonl");
  BOOST_TEST(test::run_command(cli("diff " + gold + " " + gold)).exit_code == 0);
  const auto empty = dir.write("empty.jsonl", "");
  const auto r = test::run_command(cli("diff " + gold + " " + empty));
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.out.find("== amanat") != std::string::npos);
  BOOST_TEST(test::run_command(cli("diff /nonexistent.jsonl " + gold)).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(tsv_output_has_the_jsonl_counts_per_type) {
  test::TempDir dir;
  const auto inputs = test::source_path("corpora/seed/seed.txt") + " " + test::source_path("corpora/samples");
  const auto jsonl = test::run_command(cli("extract " + inputs));
  BOOST_TEST(jsonl.exit_code == 0);
  std::map<std::string, int> counts;
  for (const auto& r : lines(jsonl.out)) ++counts[r["type"].get<std::string>()];
  BOOST_TEST(test::run_command(cli("extract --format tsv -o " + (dir.path / "tsv").string() + " " + inputs)).exit_code == 0);
  const std::map<std::string, std::string> files = {{"document", "documents"}, {"party", "parties"},
                                                    {"person", "people"},    {"date", "dates"},
                                                    {"place", "places"},     {"event", "events"},
                                                    {"quote", "quotes"}};
  for (const auto& [type, table] : files) {
    const auto text = test::read_file((dir.path / "tsv" / (table + ".tsv")).string());
    const int rows = static_cast<int>(std::count(text.begin(), text.end(), '\n')) - 1;
    BOOST_TEST(rows == counts[type], type);
  }
  BOOST_TEST(counts["document"] == 11);
}
