// Hostile input: every bad document gives a clear message naming it, and the rest of the batch
// still comes out; the stderr summary reconciles the counts.
#define BOOST_TEST_MODULE hostile_input
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"

using namespace hustings;

namespace {
struct Run {
  int exit_code;
  std::vector<nlohmann::json> records;
  std::string messages;
};

Run extract(const std::string& args) {
  test::TempDir dir;
  const auto err = (dir.path / "stderr.txt").string();
  const auto r = test::run_command(test::hustings_cli() + " extract " + args + " 2>" + err);
  Run run{r.exit_code, {}, test::read_file(err)};
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) run.records.push_back(nlohmann::json::parse(line));
  return run;
}

std::vector<std::string> kinds(const Run& run) {
  std::vector<std::string> out;
  for (const auto& r : run.records)
    if (r["type"] == "document" || r["type"] == "error") out.push_back(r["type"].get<std::string>() + ":" + (r["doc"].is_string() ? r["doc"].get<std::string>() : "null"));
  return out;
}

struct TextCase {
  const char* name;
  std::string content;
};
std::ostream& operator<<(std::ostream& os, const TextCase& c) { return os << c.name; }
const TextCase kTexts[] = {
    {"overlong", "Aq Jol \xC0\xAF met in Astana."},
    {"surrogate", "Aq Jol \xED\xA0\x80 met."},
    {"truncated", "Aq Jol met \xE2\x82"},
    {"fe_ff", "\xFE\xFF Aq Jol."},
    {"nul_bytes", std::string("Aq Jol\0met\0in Astana.", 21)},
    {"bom", "\xEF\xBB\xBFTitle\n\nASTANA \xE2\x80\x93 The party met."},
    {"crlf", "Title\r\n\r\nThe party met.\r\nIt rained.\r\n"},
    {"lone_cr", "Title\r\rThe party met.\rIt rained."},
    {"empty", ""},
    {"whitespace", " \n\t\n   \n"},
    {"unterminated_quote", "\u201cThis quote never ends. " + std::string(20000, 'x') + " The party met in Astana on March 1."},
    {"many_quotes", std::string(10000, '"') + " The party met."},
    {"many_curly_quotes", [] { std::string s; for (int i = 0; i < 10000; ++i) s += "\u201c"; return s; }()},
};
}  // namespace

// Each text alone, then the same text in a batch between two good articles.
BOOST_DATA_TEST_CASE(bad_text_never_costs_the_batch, boost::unit_test::data::make(kTexts), c) {
  test::TempDir dir;
  const auto bad = dir.write(std::string(c.name) + ".txt", c.content);
  const auto good = test::source_path("corpora/seed/seed.txt");
  const Run run = extract(good + " " + bad + " " + good);
  const std::vector<std::string> expected = {"document:seed", std::string("document:") + c.name, "document:seed"};
  BOOST_TEST(kinds(run) == expected, boost::test_tools::per_element());
  BOOST_TEST(run.exit_code == 0);
  BOOST_TEST(run.messages.find("3 documents read, 3 written, 0 failed") != std::string::npos, run.messages);
  for (const auto& r : run.records) {
    if (!r.contains("span") || !r["span"].is_array()) continue;
    BOOST_TEST(r["span"][0].get<long>() <= r["span"][1].get<long>());
  }
}

BOOST_AUTO_TEST_CASE(invalid_utf8_warning_names_document_and_byte) {
  test::TempDir dir;
  const auto bad = dir.write("bad.txt", "Aq Jol \xFF met.");
  const Run run = extract(bad);
  BOOST_TEST(run.messages.find("bad.txt: invalid UTF-8 at byte 7") != std::string::npos, run.messages);
  const Run strict = extract("--strict " + bad);
  BOOST_TEST(strict.exit_code == 1);
  BOOST_TEST(kinds(strict).at(0) == "error:bad");
}

BOOST_AUTO_TEST_CASE(bad_jsonl_lines_each_give_an_error_record_and_the_counts_reconcile) {
  test::TempDir dir;
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  const auto in = dir.write("batch.jsonl",
                            "{\"id\":\"a\",\"text\":\"One.\"}\n"
                            "not json at all\n"
                            "[\"an\",\"array\"]\n"
                            "{\"id\":\"no-text\"}\n"
                            "{\"id\":\"num\",\"text\":42}\n" +
                                deep + "\n" +
                                "{\"id\":\"deep\",\"text\":\"x\",\"meta\":" + std::string(5000, '[') +
                                std::string(5000, ']') + "}\n" +
                                "{\"id\":\"b\",\"text\":\"Two.\"}\n");
  const Run run = extract(in);
  BOOST_TEST(run.exit_code == 1);
  const std::vector<std::string> expected = {"document:a",     "error:null",    "error:null", "error:no-text",
                                             "error:num",      "error:null",    "document:deep", "document:b"};
  BOOST_TEST(kinds(run) == expected, boost::test_tools::per_element());
  BOOST_TEST(run.messages.find("8 documents read, 3 written, 5 failed") != std::string::npos, run.messages);
  BOOST_TEST(run.messages.find("batch.jsonl:2: malformed JSON") != std::string::npos, run.messages);
}

BOOST_AUTO_TEST_CASE(missing_paths_unreadable_files_and_symlink_loops) {
  test::TempDir dir;
  dir.write("corpus/a.txt", "The party met.");
  const auto locked = dir.write("corpus/locked.txt", "secret");
  ::chmod(locked.c_str(), 0);
  std::filesystem::create_directory_symlink(dir.path / "corpus", dir.path / "corpus/loop");
  const Run run = extract((dir.path / "corpus").string() + " /nonexistent/path.txt");
  // Root can read a file of mode 0: then it is just a document.
  const bool root = ::geteuid() == 0;
  BOOST_TEST(run.exit_code == 1);
  const auto k = kinds(run);
  BOOST_TEST(std::count(k.begin(), k.end(), "document:a") >= 1);
  BOOST_TEST(k.back() == "error:path");
  if (!root) BOOST_TEST(std::count(k.begin(), k.end(), "error:locked") == 1);
  BOOST_TEST(run.messages.find("/nonexistent/path.txt: no such file") != std::string::npos, run.messages);
}

BOOST_AUTO_TEST_CASE(oversized_document_becomes_an_error_record) {
  test::TempDir dir;
  const auto big = dir.write("big.txt", std::string(3 << 20, 'a'));
  const Run run = extract("--max-doc-bytes 1048576 " + big + " " + test::source_path("corpora/seed/seed.txt"));
  BOOST_TEST(run.exit_code == 1);
  const std::vector<std::string> expected = {"error:big", "document:seed"};
  BOOST_TEST(kinds(run) == expected, boost::test_tools::per_element());
}
