#define BOOST_TEST_MODULE output
#include <boost/test/unit_test.hpp>

#include <set>
#include <sstream>

#include <sqlite3.h>

#include "pipeline/diff.h"
#include "pipeline/output.h"
#include "tests/test_util.h"

using namespace hustings;
using Json = nlohmann::ordered_json;

namespace {
Records doc_records(const std::string& doc, const std::string& speaker) {
  return {
      Json{{"doc", doc}, {"type", "document"}, {"title", "T\tab"}, {"dateline", "Astana"}, {"source", nullptr},
           {"date", "2023-03-04"}, {"date_source", "input"}},
      Json{{"doc", doc}, {"type", "person"}, {"name", speaker}, {"party", "amanat"}, {"role", "chair"},
           {"role_text", "chaired by"}, {"aliases", {"A", "B"}}, {"spans", {{1, 5}, {9, 12}}}},
      Json{{"doc", doc}, {"type", "event"}, {"party", "amanat"}, {"actor", "party"}, {"action", "visit"},
           {"action_text", "visited"}, {"date", "2023-03-01"}, {"place", "Astana"}, {"span", {0, 10}}},
      Json{{"doc", doc}, {"type", "event"}, {"party", "aq-jol"}, {"actor", "party"}, {"action", "meeting"},
           {"action_text", "met"}, {"date", nullptr}, {"place", "Shymkent"}, {"span", {11, 20}}},
      Json{{"doc", doc}, {"type", "quote"}, {"text", "line one\nline \\two"}, {"span", {30, 50}},
           {"speaker", speaker}, {"speaker_span", {1, 5}}, {"party", "amanat"}, {"date", nullptr},
           {"place", nullptr}, {"partial", false}, {"indirect", false}},
  };
}

long long query_int(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  BOOST_REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  BOOST_REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  const long long v = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return v;
}
}  // namespace

BOOST_AUTO_TEST_CASE(tsv_escapes_tabs_newlines_and_backslashes) {
  BOOST_TEST(tsv_escape("a\tb\nc\\d") == "a\\tb\\nc\\\\d");
}

BOOST_AUTO_TEST_CASE(tsv_writes_one_file_per_type_with_headers) {
  test::TempDir dir;
  {
    TsvWriter writer((dir.path / "out").string());
    writer.write(doc_records("d1", "Ann Lee"));
    writer.finish();
  }
  const auto people = test::read_file((dir.path / "out/people.tsv").string());
  BOOST_TEST(people == "doc\tname\tparty\trole\trole_text\taliases\tspans\nd1\tAnn Lee\tamanat\tchair\tchaired by\tA|B\t1-5|9-12\n");
  const auto quotes = test::read_file((dir.path / "out/quotes.tsv").string());
  BOOST_TEST(quotes.find("d1\tline one\\nline \\\\two\t30\t50\tAnn Lee\t1\t5\tamanat\t\t\t0\t0\n") != std::string::npos,
             quotes);
  const auto documents = test::read_file((dir.path / "out/documents.tsv").string());
  BOOST_TEST(documents.find("T\\tab") != std::string::npos);
  BOOST_TEST(std::filesystem::exists(dir.path / "out/dates.tsv"));
}

BOOST_AUTO_TEST_CASE(sqlite_answers_questions_and_replaces_rerun_documents) {
  test::TempDir dir;
  const auto path = (dir.path / "facts.db").string();
  for (int run = 0; run < 2; ++run) {  // the second run replaces the rows of the first
    SqliteWriter writer(path);
    writer.write(doc_records("d1", "Ann Lee"));
    writer.write(doc_records("d2", run == 0 ? "Bo Kim" : "Cy Park"));
    writer.finish();
  }
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  BOOST_TEST(query_int(db, "SELECT count(*) FROM documents") == 2);
  BOOST_TEST(query_int(db, "SELECT count(*) FROM events WHERE party = 'amanat'") == 2);
  BOOST_TEST(query_int(db, "SELECT count(*) FROM quotes WHERE speaker = 'Bo Kim'") == 0);
  BOOST_TEST(query_int(db, "SELECT count(*) FROM quotes WHERE speaker = 'Cy Park'") == 1);
  BOOST_TEST(query_int(db, "SELECT count(*) FROM events e JOIN documents d USING (doc) WHERE e.date IS NULL") == 2);
  BOOST_TEST(query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'events_place'") == 1);
  sqlite3_close(db);
}

// Each write puts out its own block once, invalid UTF-8 replaced; encode() gives the same bytes
// for the extraction threads.
BOOST_AUTO_TEST_CASE(jsonl_writer_writes_each_block_once_with_replacement) {
  const Json tricky{{"doc", "d1"},
                    {"quote\"key\\", "tab\there \x01 \u00ab\u0410"},
                    {"bad", "cut \xE2\x82 and \xFF\xFE, overlong \xC0\xAF, surrogate \xED\xA0\x80"},
                    {"numbers", {0, -7, 18446744073709551615u, -9223372036854775807 - 1, 1.5, -0.0}},
                    {"empty", {{"object", Json::object()}, {"array", Json::array()}, {"string", ""}}},
                    {"flags", {true, false, nullptr}}};
  const std::string tricky_line =
      "{\"doc\":\"d1\",\"quote\\\"key\\\\\":\"tab\\there \\u0001 \u00ab\u0410\","
      "\"bad\":\"cut \uFFFD and \uFFFD\uFFFD, overlong \uFFFD\uFFFD, surrogate \uFFFD\uFFFD\uFFFD\","
      "\"numbers\":[0,-7,18446744073709551615,-9223372036854775808,1.5,-0.0],"
      "\"empty\":{\"object\":{},\"array\":[],\"string\":\"\"},\"flags\":[true,false,null]}\n";
  Records records = doc_records("d1", "Ann Lee");
  records.push_back(tricky);
  std::string expected;
  for (size_t i = 0; i + 1 < records.size(); ++i) expected += records[i].dump() + "\n";
  expected += tricky_line;
  std::ostringstream out;
  JsonlWriter writer(out);
  writer.write(records);
  writer.write({tricky});
  BOOST_TEST(out.str() == expected + tricky_line);
  BOOST_TEST(writer.encode(records).value_or("") == expected);
}

BOOST_AUTO_TEST_CASE(diff_of_equal_sets_is_empty) {
  std::vector<nlohmann::json> a;
  for (const auto& r : doc_records("d1", "Ann Lee")) a.push_back(nlohmann::json::parse(r.dump()));
  BOOST_TEST(diff_records(a, a, {}).empty());
}

BOOST_AUTO_TEST_CASE(diff_lists_added_dropped_and_changed_facts_by_party) {
  std::vector<nlohmann::json> base, now;
  for (const auto& r : doc_records("d1", "Ann Lee")) base.push_back(nlohmann::json::parse(r.dump()));
  now = base;
  now[1]["party"] = "aq-jol";                   // the person changes party
  now.erase(now.begin() + 3);                   // the aq-jol event is dropped
  now.push_back({{"doc", "d1"}, {"type", "event"}, {"party", "auyl"}, {"actor", "party"}, {"action", "rally"},
                 {"date", "2023-03-02"}, {"place", "Taraz"}});  // a new event
  const auto changes = diff_records(base, now, {});
  BOOST_REQUIRE(changes.size() == 3u);
  std::multiset<std::string> kinds;
  for (const auto& c : changes) kinds.insert(c.change + ":" + c.type + ":" + c.party);
  const std::multiset<std::string> expected = {"changed:person:amanat", "dropped:event:aq-jol", "added:event:auyl"};
  BOOST_TEST((kinds == expected));
  const std::string text = diff_text(changes);
  BOOST_TEST(text.find("== auyl") != std::string::npos, text);
  BOOST_TEST(text.find("[party]") != std::string::npos, text);
}
