// End-to-end quality gates: the seed and the samples extracted by the CLI and scored by compare.
// A drop below these figures fails CI.
#define BOOST_TEST_MODULE scores
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "tests/test_util.h"

using namespace hustings;

namespace {
std::string cli(const std::string& args) { return test::hustings_cli() + " " + args + " 2>/dev/null"; }

nlohmann::json compare_json(const std::string& gold, const std::string& pred) {
  const auto r = test::run_command(cli("compare --json " + gold + " " + pred));
  BOOST_REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

double type_f1(const nlohmann::json& report, const std::string& type) {
  for (const auto& t : report["types"])
    if (t["type"] == type) return t["f1"].get<double>();
  return -1;
}

// Extracts the seed as the README's main job does.
std::string extract_seed(const test::TempDir& dir) {
  const auto out = (dir.path / "seed.jsonl").string();
  BOOST_REQUIRE(test::run_command(cli("extract --date 2023-03-04 " + test::source_path("corpora/seed/seed.txt") +
                                      " > " + out)).exit_code == 0);
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(seed_overall_and_event_f1) {
  test::TempDir dir;
  const auto report = compare_json(test::source_path("corpora/seed/gold.jsonl"), extract_seed(dir));
  const double overall = report["overall"]["f1"].get<double>();
  BOOST_TEST_MESSAGE("seed overall F1 " << overall);
  BOOST_TEST(overall >= 0.97);
  BOOST_TEST(type_f1(report, "event") >= 0.9);
  for (const char* type : {"party", "person", "date", "place", "quote"}) BOOST_TEST(type_f1(report, type) >= 0.95, type);
}

BOOST_AUTO_TEST_CASE(samples_overall_f1) {
  const auto r = test::run_command("bash " + test::source_path("scripts/compare-samples.sh") + " " +
                                   std::filesystem::path(test::hustings_cli()).parent_path().string() + " --json");
  BOOST_REQUIRE(r.exit_code == 0);
  const auto report = nlohmann::json::parse(r.out);
  BOOST_TEST(report["documents"]["gold"].get<int>() >= 10);
  const double overall = report["overall"]["f1"].get<double>();
  BOOST_TEST_MESSAGE("samples overall F1 " << overall);
  BOOST_TEST(overall >= 0.85);
}

BOOST_AUTO_TEST_CASE(diff_lists_what_compare_counts_as_missed_or_wrong) {
  test::TempDir dir;
  const auto seed = extract_seed(dir);
  // Degrade the extraction: drop every third date and place, and change two quote speakers.
  std::ifstream in(seed);
  std::ofstream out(dir.path / "worse.jsonl");
  std::string line;
  int n = 0, speakers = 0;
  while (std::getline(in, line)) {
    auto r = nlohmann::json::parse(line);
    if ((r["type"] == "date" || r["type"] == "place") && n++ % 3 == 0) continue;
    if (r["type"] == "quote" && speakers < 2) {
      r["speaker"] = "Nobody Known";
      ++speakers;
    }
    out << r.dump() << '\n';
  }
  out.close();
  const auto worse = (dir.path / "worse.jsonl").string();
  const auto gold = test::source_path("corpora/seed/gold.jsonl");
  const auto report = compare_json(gold, worse);
  int missed = 0, wrong_main = 0;
  for (const auto& t : report["types"]) {
    if (t["type"] == "document") continue;
    missed += t["gold"].get<int>() - t["matched"].get<int>();
    wrong_main += t["matched"].get<int>() - t["right"].get<int>();
  }
  const auto r = test::run_command(cli("diff --json " + gold + " " + worse));
  BOOST_TEST(r.exit_code == 1);
  int dropped = 0, changed_main = 0;
  std::istringstream lines(r.out);
  while (std::getline(lines, line)) {
    const auto c = nlohmann::json::parse(line);
    if (c["change"] == "dropped") ++dropped;
    if (c["change"] == "changed") {
      const auto& attrs = c["attributes"];
      for (const char* main : {"value", "place", "speaker", "party"})
        if (std::find(attrs.begin(), attrs.end(), main) != attrs.end() &&
            !(c["type"] == "quote" && std::string(main) == "party") && !(c["type"] == "quote" && std::string(main) == "place")) {
          ++changed_main;
          break;
        }
    }
  }
  BOOST_TEST(missed > 0);
  BOOST_TEST(dropped == missed);
  BOOST_TEST(wrong_main == 2);
  BOOST_TEST(changed_main == wrong_main);
}

BOOST_AUTO_TEST_CASE(sqlite_of_the_seed_answers_questions) {
  test::TempDir dir;
  const auto db_path = (dir.path / "facts.db").string();
  BOOST_REQUIRE(test::run_command(cli("extract --date 2023-03-04 --format sqlite -o " + db_path + " " +
                                      test::source_path("corpora/seed/seed.txt"))).exit_code == 0);
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  std::map<std::string, int> events, quotes;
  const auto collect = [&](const char* sql, std::map<std::string, int>& into) {
    sqlite3_stmt* stmt = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
    while (sqlite3_step(stmt) == SQLITE_ROW)
      into[reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))] = sqlite3_column_int(stmt, 1);
    sqlite3_finalize(stmt);
  };
  collect("SELECT party, count(*) FROM events GROUP BY party", events);
  collect("SELECT speaker, count(*) FROM quotes WHERE indirect = 0 GROUP BY speaker", quotes);
  sqlite3_close(db);
  // The seed's gold: Amanat reported 5 campaign actions, Aq Jol 3; Aituganov is quoted twice.
  BOOST_TEST(events["amanat"] == 5);
  BOOST_TEST(events["aq-jol"] == 3);
  BOOST_TEST(events["respublica"] == 4);
  BOOST_TEST(quotes["Kairat Aituganov"] == 2);
  BOOST_TEST(quotes["Dinara Shukizhanova"] == 1);
}
