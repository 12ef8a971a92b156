#include "pipeline/cli/commands.h"

#include <fstream>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <re2/re2.h>

#include "pipeline/compare.h"
#include "pipeline/diff.h"
#include "pipeline/extract.h"
#include "pipeline/pack.h"
#include "pipeline/registry.h"
#include "pipeline/report.h"
#include "pipeline/utf8.h"

namespace hustings::cli {

namespace {

struct RuleArgs {
  std::vector<std::string> roots;
  std::string pack = "kz";
  void add_to(CLI::App* app) {
    // One directory per --rules, so that "--rules DIR article.txt" leaves the article an input.
    app->add_option("--rules", roots, "Rule root to search before the built-in rules (repeatable)")
        ->allow_extra_args(false);
    app->add_option("--pack", pack, "Country pack")->capture_default_str();
  }
  RuleLocator locator() const {
    std::vector<std::filesystem::path> paths(roots.begin(), roots.end());
    return RuleLocator(paths, pack);
  }
};

bool valid_date(const std::string& date) {
  static const RE2 kDate(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  return RE2::FullMatch(date, kDate);
}

// Reads a records JSONL file; malformed lines are reported and skipped.
std::vector<nlohmann::json> read_records(const std::string& path, bool& ok) {
  std::vector<nlohmann::json> records;
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) {
      std::cerr << "hustings: cannot read " << path << '\n';
      ok = false;
      return records;
    }
    in = &file;
  }
  std::string line;
  long number = 0;
  while (std::getline(*in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto json = nlohmann::json::parse(repair_utf8(line).text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
      std::cerr << "warning: " << path << ":" << number << ": not a JSON object, skipped\n";
      continue;
    }
    records.push_back(std::move(json));
  }
  return records;
}

int cmd_extract(const std::vector<std::string>& inputs, const std::string& input_format,
                const std::string& format, const std::string& out, ExtractOptions options,
                const RuleArgs& rules, bool explain) {
  if (options.date && !valid_date(*options.date)) {
    std::cerr << "hustings: --date must be YYYY-MM-DD, got '" << *options.date << "'\n";
    return kUsage;
  }
  options.input.format = input_format == "jsonl"  ? InputFormat::jsonl
                         : input_format == "text" ? InputFormat::text
                                                  : InputFormat::automatic;
  const Pipeline pipeline = Pipeline::standard(rules.locator(), StageOptions{explain});
  std::ofstream file;
  std::unique_ptr<RecordWriter> writer;
  if (format == "jsonl") {
    std::ostream* os = &std::cout;
    if (!out.empty() && out != "-") {
      file.open(out, std::ios::binary);
      if (!file) {
        std::cerr << "hustings: cannot write " << out << '\n';
        return kUsage;
      }
      os = &file;
    }
    writer = std::make_unique<JsonlWriter>(*os);
  } else if (out.empty() || out == "-") {
    std::cerr << "hustings: --format " << format << " needs -o (a directory for tsv, a database file for sqlite)\n";
    return kUsage;
  } else if (format == "tsv") {
    writer = std::make_unique<TsvWriter>(out);
  } else {
    writer = std::make_unique<SqliteWriter>(out);
  }
  InputReader reader(inputs, options.input);
  const ExtractSummary summary = extract(pipeline, reader, *writer, options, std::cerr);
  std::cerr << summary.line() << '\n';
  return summary.failed ? kFailed : kOk;
}

int cmd_segment(const std::string& path, const RuleArgs& rules) {
  const Pipeline pipeline = Pipeline::named({"normalize", "segment"}, rules.locator());
  InputReader reader({path}, InputOptions{});
  InputItem item;
  int status = kOk;
  while (reader.next(item)) {
    if (item.error) {
      std::cerr << "error: " << item.file << ": " << *item.error << '\n';
      status = kFailed;
      continue;
    }
    for (const auto& w : item.warnings) std::cerr << "warning: " << w << '\n';
    Document doc(item.meta, std::move(item.text));
    pipeline.run(doc);
    std::cout << "# " << doc.id() << "  title: " << doc.title.value_or("-")
              << "  dateline: " << doc.dateline.value_or("-") << '\n';
    for (const auto& s : doc.sentences) {
      const auto [start, end] = doc.code_points(s.span);
      const Block& block = doc.blocks[s.block];
      std::string text(doc.surface(s.span));
      for (auto& c : text)
        if (c == '\n' || c == '\t') c = ' ';
      std::cout << start << '\t' << end << '\t' << block_kind_name(block.kind) << '\t' << block.section << '\t'
                << text << '\n';
    }
  }
  return status;
}

int cmd_stages(const RuleArgs& rules) {
  const Pipeline pipeline = Pipeline::standard(rules.locator());
  for (const auto& stage : pipeline.stages()) {
    std::cout << stage->name() << "\tneeds:";
    const char* sep = " ";
    for (const Layer l : stage->needs()) {
      std::cout << sep << layer_name(l);
      sep = ", ";
    }
    std::cout << "\tadds:";
    sep = " ";
    for (const Layer l : stage->adds()) {
      std::cout << sep << layer_name(l);
      sep = ", ";
    }
    std::cout << '\n';
  }
  return kOk;
}

int cmd_compare(const std::string& gold_path, const std::string& pred_path, bool json,
                std::optional<double> min_f1, const RuleArgs& rules) {
  bool ok = true;
  const auto gold = read_records(gold_path, ok);
  const auto pred = read_records(pred_path, ok);
  if (!ok) return kUsage;
  const PackNames names(rules.locator());
  const CompareOptions options{names.resolver()};
  const CompareReport report = compare(gold, pred, options);
  if (json)
    std::cout << report.json().dump(2) << '\n';
  else
    std::cout << report.table();
  if (min_f1 && report.overall_f1 < *min_f1) {
    std::cerr << "hustings: overall F1 " << report.overall_f1 << " is below --min-f1 " << *min_f1 << '\n';
    return kBelowMinF1;
  }
  return kOk;
}

int cmd_diff(const std::string& base_path, const std::string& new_path, bool json, const RuleArgs& rules) {
  bool ok = true;
  const auto base = read_records(base_path, ok);
  const auto now = read_records(new_path, ok);
  if (!ok) return kUsage;
  const PackNames names(rules.locator());
  const CompareOptions options{names.resolver()};
  const auto changes = diff_records(base, now, options);
  std::cout << (json ? diff_jsonl(changes) : diff_text(changes));
  return changes.empty() ? kOk : kFailed;
}

int cmd_report(const std::vector<std::string>& inputs, const std::string& input_format, const std::string& records_path,
               const std::string& text_source, const std::string& gold_path, const std::string& out,
               const std::string& title, ExtractOptions options, const RuleArgs& rules) {
  if (!records_path.empty() && !inputs.empty()) {
    std::cerr << "hustings: report takes articles or --records, not both\n";
    return kUsage;
  }
  if (records_path.empty() && !text_source.empty()) {
    std::cerr << "hustings: --text goes with --records\n";
    return kUsage;
  }
  if (options.date && !valid_date(*options.date)) {
    std::cerr << "hustings: --date must be YYYY-MM-DD, got '" << *options.date << "'\n";
    return kUsage;
  }
  const RuleLocator locator = rules.locator();
  const ReportPack pack = ReportPack::load(locator);
  std::vector<ReportDocument> docs;
  long failed = 0;
  bool ok = true;
  if (!records_path.empty()) {
    docs = group_records(read_records(records_path, ok));
    if (!ok) return kUsage;
    if (!text_source.empty()) attach_texts(docs, text_source, std::cerr);
  } else {
    options.input.format = input_format == "jsonl"  ? InputFormat::jsonl
                           : input_format == "text" ? InputFormat::text
                                                    : InputFormat::automatic;
    // --explain: every record names the rule that found it, for the hover.
    const Pipeline pipeline = Pipeline::standard(locator, StageOptions{true});
    InputReader reader(inputs, options.input);
    docs = extract_for_report(pipeline, reader, options, std::cerr, failed);
  }
  ReportOptions report_options;
  report_options.pack = &pack;
  if (!title.empty()) report_options.title = title;
  if (!gold_path.empty()) {
    report_options.gold = read_records(gold_path, ok);
    if (!ok) return kUsage;
  }
  ReportStats stats;
  const std::string html = render_report(docs, report_options, &stats);
  if (out.empty() || out == "-") {
    std::cout << html;
  } else {
    std::ofstream file(out, std::ios::binary);
    if (!(file << html)) {
      std::cerr << "hustings: cannot write " << out << '\n';
      return kUsage;
    }
  }
  int mentions = 0, missed = 0;
  for (const auto& [type, n] : stats.mentions) mentions += n;
  for (const auto& [type, n] : stats.missed) missed += n;
  std::cerr << "hustings: report of " << docs.size() << " documents, " << mentions << " mentions highlighted";
  if (report_options.gold) std::cerr << ", " << missed << " missed gold mentions marked";
  if (stats.invalid_spans) std::cerr << ", " << stats.invalid_spans << " invalid spans skipped";
  if (stats.mismatched_spans) std::cerr << ", " << stats.mismatched_spans << " spans not matching their text";
  std::cerr << ", " << stats.bytes << " bytes" << (out.empty() || out == "-" ? "" : " to " + out) << '\n';
  return failed ? kFailed : kOk;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"hustings: structured facts from election news articles"};
  app.set_version_flag("--version", std::string("hustings ") + HUSTINGS_VERSION);
  app.require_subcommand(1);

  RuleArgs rules;
  ExtractOptions extract_options;
  std::vector<std::string> inputs;
  std::string input_format = "auto", format = "jsonl", out;
  bool explain = false;
  auto* extract_cmd = app.add_subcommand("extract", "Extract records from articles (files, directories, - for stdin)");
  extract_cmd->add_option("inputs", inputs, "Text files, directories of *.txt, JSONL files, or - for stdin");
  extract_cmd->add_option("--input", input_format, "Input format")->check(CLI::IsMember({"auto", "text", "jsonl"}));
  extract_cmd->add_option("--format", format, "Output format")->check(CLI::IsMember({"jsonl", "tsv", "sqlite"}));
  extract_cmd->add_option("-o,--output", out, "Output file (or directory for tsv)");
  extract_cmd->add_option("--date", extract_options.date, "Anchor date YYYY-MM-DD for every document");
  extract_cmd->add_option("--id", extract_options.input.id, "Document id for stdin text");
  extract_cmd->add_flag("--strict", extract_options.input.strict_utf8, "Invalid UTF-8 is an error, not a repair");
  extract_cmd->add_option("--max-doc-bytes", extract_options.input.max_doc_bytes, "Larger documents become errors")
      ->capture_default_str();
  extract_cmd->add_flag("--profile", extract_options.profile, "Print the time per stage to stderr");
  extract_cmd->add_flag("--explain", explain, "Add the rule and stage that produced each record");
  extract_cmd->add_option("--jobs", extract_options.jobs, "Worker threads (0: all cores)")->check(CLI::NonNegativeNumber);
  rules.add_to(extract_cmd);

  std::string gold, pred;
  bool json = false;
  std::optional<double> min_f1;
  auto* compare_cmd = app.add_subcommand("compare", "Score predicted records against gold records");
  compare_cmd->add_option("gold", gold, "Gold records (JSONL)")->required();
  compare_cmd->add_option("pred", pred, "Predicted records (JSONL)")->required();
  compare_cmd->add_flag("--json", json, "Print the report as JSON");
  compare_cmd->add_option("--min-f1", min_f1, "Exit 4 when the overall F1 is below this");
  rules.add_to(compare_cmd);

  std::string base, now;
  bool diff_json = false;
  auto* diff_cmd = app.add_subcommand("diff", "Facts that NEW adds, drops or changes against BASE (exit 1 when any)");
  diff_cmd->add_option("base", base, "Base records (JSONL)")->required();
  diff_cmd->add_option("new", now, "New records (JSONL)")->required();
  diff_cmd->add_flag("--json", diff_json, "One JSON object per fact");
  rules.add_to(diff_cmd);

  auto* stages_cmd = app.add_subcommand("stages", "List the stages with what each needs and adds");
  rules.add_to(stages_cmd);

  std::string segment_path;
  auto* segment_cmd = app.add_subcommand("segment", "Show the sentences of an article with their kind (debugging)");
  segment_cmd->add_option("file", segment_path, "Article text file")->required();
  rules.add_to(segment_cmd);

  std::vector<std::string> report_inputs;
  std::string report_records, report_text, report_gold, report_out, report_title, report_input = "auto";
  ExtractOptions report_options;
  auto* report_cmd = app.add_subcommand("report", "One self-contained HTML page of articles and their records");
  report_cmd->add_option("inputs", report_inputs, "Articles to extract (files, directories, JSONL, - for stdin)");
  report_cmd->add_option("--records", report_records, "Records (JSONL, as extract writes them; --explain adds the rules) instead of articles");
  report_cmd->add_option("--text", report_text, "With --records: a directory of <doc>.txt, or a text/JSONL file of articles");
  report_cmd->add_option("--gold", report_gold, "Gold records: adds the scores and marks missed and wrong mentions");
  report_cmd->add_option("-o,--output", report_out, "The HTML file to write (default: stdout)");
  report_cmd->add_option("--title", report_title, "Title of the page");
  report_cmd->add_option("--input", report_input, "Input format")->check(CLI::IsMember({"auto", "text", "jsonl"}));
  report_cmd->add_option("--date", report_options.date, "Anchor date YYYY-MM-DD for every document");
  report_cmd->add_option("--id", report_options.input.id, "Document id for stdin text");
  report_cmd->add_option("--jobs", report_options.jobs, "Worker threads (0: all cores)")->check(CLI::NonNegativeNumber);
  rules.add_to(report_cmd);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }

  try {
    if (*extract_cmd) return cmd_extract(inputs, input_format, format, out, extract_options, rules, explain);
    if (*compare_cmd) return cmd_compare(gold, pred, json, min_f1, rules);
    if (*diff_cmd) return cmd_diff(base, now, diff_json, rules);
    if (*stages_cmd) return cmd_stages(rules);
    if (*segment_cmd) return cmd_segment(segment_path, rules);
    if (*report_cmd)
      return cmd_report(report_inputs, report_input, report_records, report_text, report_gold, report_out, report_title,
                        report_options, rules);
  } catch (const RuleError& e) {
    std::cerr << e.what() << '\n';
    return kBadRules;
  } catch (const std::exception& e) {
    std::cerr << "hustings: " << e.what() << '\n';
    return kUsage;
  }
  return kUsage;
}

}  // namespace hustings::cli
