#define BOOST_TEST_MODULE input
#include <boost/test/unit_test.hpp>

#include "pipeline/input.h"
#include "tests/test_util.h"

using namespace hustings;

namespace {
// With `deferred`, JSONL lines are decoded after the whole input is read, last first, as
// extraction threads may do: the result must not change.
std::vector<InputItem> read_all(std::vector<std::string> paths, InputOptions options = {}, bool deferred = false) {
  InputReader reader(std::move(paths), options);
  std::vector<InputItem> items;
  InputItem item;
  while (reader.next(item, !deferred)) items.push_back(item);
  for (auto it = items.rbegin(); it != items.rend(); ++it) reader.decode(*it);
  return items;
}
}  // namespace

BOOST_AUTO_TEST_CASE(text_file_id_is_its_name_without_extension) {
  const auto items = read_all({test::source_path("corpora/seed/seed.txt")});
  BOOST_REQUIRE(items.size() == 1u);
  BOOST_TEST(items[0].meta.id == "seed");
  BOOST_TEST(!items[0].error.has_value());
  BOOST_TEST(items[0].text.rfind("Motor Rallies", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(directory_reads_every_txt_below_sorted) {
  test::TempDir dir;
  dir.write("b.txt", "B");
  dir.write("a.txt", "A");
  dir.write("sub/c.txt", "C");
  dir.write("notes.md", "not an article");
  const auto items = read_all({dir.path.string()});
  BOOST_REQUIRE(items.size() == 3u);
  BOOST_TEST(items[0].meta.id == "a");
  BOOST_TEST(items[1].meta.id == "b");
  BOOST_TEST(items[2].meta.id == "c");
}

BOOST_AUTO_TEST_CASE(jsonl_reads_metadata) {
  test::TempDir dir;
  const auto path = dir.write("in.jsonl",
                              "{\"id\":\"a1\",\"text\":\"Hello.\",\"title\":\"T\",\"date\":\"2023-03-04\","
                              "\"source\":\"S\",\"url\":\"u\"}\n\n{\"id\":\"a2\",\"text\":\"Bye.\"}\n");
  const auto items = read_all({path});
  BOOST_REQUIRE(items.size() == 2u);
  BOOST_TEST(items[0].meta.id == "a1");
  BOOST_TEST(items[0].meta.title.value_or("") == "T");
  BOOST_TEST(items[0].meta.date.value_or("") == "2023-03-04");
  BOOST_TEST(items[0].meta.source.value_or("") == "S");
  BOOST_TEST(items[1].text == "Bye.");
  BOOST_TEST(items[1].line == 3);
}

BOOST_AUTO_TEST_CASE(malformed_jsonl_lines_become_errors_and_reading_goes_on) {
  test::TempDir dir;
  const auto path = dir.write("in.jsonl",
                              "{\"id\":\"ok1\",\"text\":\"A.\"}\n"
                              "{not json\n"
                              "[1,2]\n"
                              "{\"id\":\"x\"}\n"
                              "{\"id\":\"y\",\"text\":5}\n"
                              "{\"id\":\"ok2\",\"text\":\"B.\"}\n");
  const auto items = read_all({path});
  BOOST_REQUIRE(items.size() == 6u);
  BOOST_TEST(!items[0].error.has_value());
  BOOST_TEST(items[1].error.value_or("") == "malformed JSON");
  BOOST_TEST(items[1].line == 2);
  BOOST_TEST(items[2].error.value_or("") == "a JSONL line must be an object");
  BOOST_TEST(items[3].error.value_or("") == "missing \"text\"");
  BOOST_TEST(items[3].meta.id == "x");
  BOOST_TEST(items[4].error.value_or("") == "\"text\" is not a string");
  BOOST_TEST(!items[5].error.has_value());
  BOOST_TEST(items[5].meta.id == "ok2");
}

BOOST_AUTO_TEST_CASE(jsonl_reads_top_level_fields_the_last_duplicate_winning) {
  test::TempDir dir;
  const auto path = dir.write("in.jsonl",
                              "{\"meta\":{\"id\":\"inner\",\"title\":\"I\"},\"id\":7,\"text\":\"A.\",\"title\":\"T\"}\n"
                              "{\"id\":\"d\",\"text\":\"A.\",\"text\":[\"B.\"]}\n"
                              "{\"id\":\"e\",\"text\":5,\"text\":\"B.\",\"title\":\"T\",\"title\":null}\n"
                              "{\"id\":\"f\",\"id\":1.5,\"text\":\"C.\"}\n"
                              "{\"id\":\"g\",\"text\":\"D.\"} trailing\n");
  const auto items = read_all({path});
  BOOST_REQUIRE(items.size() == 5u);
  BOOST_TEST(items[0].meta.id == "7");
  BOOST_TEST(items[0].meta.title.value_or("") == "T");
  BOOST_TEST(items[1].error.value_or("") == "\"text\" is not a string");
  BOOST_TEST(!items[2].error.has_value());
  BOOST_TEST(items[2].text == "B.");
  BOOST_TEST(!items[2].meta.title.has_value());
  BOOST_TEST(items[3].error.value_or("") == "missing or non-string \"id\"");
  BOOST_TEST(items[4].error.value_or("") == "malformed JSON");
}

BOOST_AUTO_TEST_CASE(jsonl_lines_decoded_later_give_the_same_items) {
  test::TempDir dir;
  const auto path = dir.write("in.jsonl",
                              "{\"id\":\"a\",\"text\":\"A \\u00e9.\",\"title\":\"T\"}\n"
                              "not json\n\n"
                              "{\"id\":\"b\",\"text\":\"B \xFF.\"}\n"
                              "{\"id\":\"c\"}\n"
                              "[1]\n");
  for (const bool strict : {false, true}) {
    const auto now = read_all({path}, {.strict_utf8 = strict});
    const auto later = read_all({path}, {.strict_utf8 = strict}, true);
    BOOST_REQUIRE(now.size() == 5u);
    BOOST_REQUIRE(later.size() == now.size());
    for (size_t i = 0; i < now.size(); ++i) {
      BOOST_TEST(later[i].meta.id == now[i].meta.id);
      BOOST_TEST(later[i].meta.title.value_or("-") == now[i].meta.title.value_or("-"));
      BOOST_TEST(later[i].text == now[i].text);
      BOOST_TEST(later[i].error.value_or("-") == now[i].error.value_or("-"));
      BOOST_TEST(later[i].warnings == now[i].warnings, boost::test_tools::per_element());
      BOOST_TEST(later[i].line == now[i].line);
      BOOST_TEST(later[i].undecoded.empty());
    }
    BOOST_TEST(now[0].text == "A \u00e9.");
    BOOST_TEST(now[1].error.value_or("") == "malformed JSON");
    BOOST_TEST(now[2].error.has_value() == strict);
    BOOST_TEST(now[4].line == 6);
  }
}

BOOST_AUTO_TEST_CASE(invalid_utf8_warns_or_fails_when_strict) {
  test::TempDir dir;
  const auto path = dir.write("bad.txt", "Aq Jol \xFF met.");
  auto items = read_all({path});
  BOOST_REQUIRE(items.size() == 1u);
  BOOST_TEST(!items[0].error.has_value());
  BOOST_TEST(items[0].text == "Aq Jol \uFFFD met.");
  BOOST_REQUIRE(items[0].warnings.size() == 1u);
  BOOST_TEST(items[0].warnings[0].find("invalid UTF-8 at byte 7") != std::string::npos);
  InputOptions strict;
  strict.strict_utf8 = true;
  items = read_all({path}, strict);
  BOOST_TEST(items[0].error.has_value());
}

BOOST_AUTO_TEST_CASE(missing_file_is_an_error_item) {
  const auto items = read_all({"/nonexistent/article.txt", test::source_path("corpora/seed/seed.txt")});
  BOOST_REQUIRE(items.size() == 2u);
  BOOST_TEST(items[0].error.value_or("") == "no such file");
  BOOST_TEST(items[0].meta.id == "article");
  BOOST_TEST(!items[1].error.has_value());
}

BOOST_AUTO_TEST_CASE(oversized_document_is_an_error) {
  test::TempDir dir;
  const auto path = dir.write("big.txt", std::string(5000, 'a'));
  InputOptions options;
  options.max_doc_bytes = 1000;
  const auto items = read_all({path}, options);
  BOOST_REQUIRE(items.size() == 1u);
  BOOST_TEST(items[0].error.has_value());
}

// The text of a JSONL line is not repaired twice, but a leading BOM still goes and a text of
// NUL bytes alone is still an error, as from a file.
BOOST_AUTO_TEST_CASE(jsonl_text_loses_its_bom_and_nul_only_text_is_an_error) {
  test::TempDir dir;
  const auto path = dir.write("in.jsonl",
                              "{\"id\":\"a\",\"text\":\"\\ufeffThe party met.\"}\n"
                              "{\"id\":\"b\",\"text\":\"\\u0000\\u0000\"}\n"
                              "{\"id\":\"c\",\"text\":\"caf\\u00e9 \\ud83d\\ude00\"}\n");
  const auto items = read_all({path});
  BOOST_REQUIRE(items.size() == 3u);
  BOOST_TEST(items[0].text == "The party met.");
  BOOST_TEST(items[1].error.value_or("") == "binary data: the document holds only NUL bytes");
  BOOST_TEST(items[2].text == "caf\u00e9 \U0001F600");
}
