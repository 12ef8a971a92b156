#include "pipeline/rules.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <re2/re2.h>

#include "pipeline/embedded_rules.h"

namespace hustings {

namespace fs = std::filesystem;

RuleError::RuleError(const std::string& file, int line, const std::string& reason)
    : std::runtime_error(line > 0 ? file + ":" + std::to_string(line) + ": " + reason
                                  : file + ": " + reason),
      file_(file),
      line_(line) {}

const std::filesystem::path kBuiltinRulesRoot = "builtin:rules";

namespace {
// The path of a file below the built-in root relative to it, or "" for other paths.
std::string builtin_relative(const fs::path& path) {
  const std::string s = path.generic_string();
  const std::string prefix = kBuiltinRulesRoot.generic_string() + "/";
  return s.rfind(prefix, 0) == 0 ? s.substr(prefix.size()) : std::string();
}

bool is_rule_dir(const fs::path& path) {
  if (path == kBuiltinRulesRoot) return true;
  const std::string rel = builtin_relative(path);
  if (rel.empty()) return fs::is_directory(path);
  for (const auto& file : embedded_rule_files())
    if (file.path.rfind(rel + "/", 0) == 0) return true;
  return false;
}
}  // namespace

bool read_rule_file(const fs::path& path, std::string& content) {
  const std::string rel = builtin_relative(path);
  if (!rel.empty()) {
    for (const auto& file : embedded_rule_files())
      if (file.path == rel) {
        content.assign(file.content);
        return true;
      }
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in || fs::is_directory(path)) return false;
  std::stringstream s;
  s << in.rdbuf();
  content = s.str();
  return true;
}

bool rule_file_exists(const fs::path& path) {
  const std::string rel = builtin_relative(path);
  if (rel.empty()) return fs::is_regular_file(path);
  for (const auto& file : embedded_rule_files())
    if (file.path == rel) return true;
  return false;
}

RuleLocator::RuleLocator(std::vector<fs::path> user_roots, std::string pack)
    : roots_(std::move(user_roots)), pack_(std::move(pack)) {
  if (const char* env = std::getenv("HUSTINGS_RULES"); env && *env) roots_.emplace_back(env);
  roots_.push_back(kBuiltinRulesRoot);
  for (const auto& root : roots_) {
    if (en_dir_.empty() && is_rule_dir(root / "en")) en_dir_ = root / "en";
    if (pack_dir_.empty() && is_rule_dir(root / pack_)) pack_dir_ = root / pack_;
  }
  if (en_dir_.empty()) throw RuleError("rules", 0, "no rule root holds en/");
  if (pack_dir_.empty()) throw RuleError("rules", 0, "no rule root holds the pack '" + pack_ + "'");
}

RuleLocator RuleLocator::builtin() { return RuleLocator({}, "kz"); }

fs::path RuleLocator::language(std::string_view file) const { return en_dir_ / file; }
fs::path RuleLocator::pack(std::string_view file) const { return pack_dir_ / file; }

namespace {
std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    cells.emplace_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return cells;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}
}  // namespace

TsvTable TsvTable::load(const fs::path& path, const std::vector<std::string>& required_columns) {
  TsvTable table;
  table.file_ = path.string();
  std::string content;
  if (!read_rule_file(path, content)) throw RuleError(table.file_, 0, "cannot open rule file");
  std::istringstream in(std::move(content));
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty() || line[0] == '#') continue;
    auto cells = split_tabs(line);
    for (auto& c : cells) c = std::string(trim(c));
    if (table.header_.empty()) {
      table.header_ = std::move(cells);
      for (const auto& column : required_columns)
        if (!table.has_column(column))
          throw RuleError(table.file_, number, "header lacks the column '" + column + "'");
      continue;
    }
    if (cells.size() != table.header_.size())
      throw RuleError(table.file_, number,
                      "expected " + std::to_string(table.header_.size()) + " tab-separated cells, found " +
                          std::to_string(cells.size()));
    table.rows_.push_back({number, std::move(cells)});
  }
  if (table.header_.empty()) throw RuleError(table.file_, number, "no header line");
  return table;
}

bool TsvTable::has_column(std::string_view column) const {
  for (const auto& h : header_)
    if (h == column) return true;
  return false;
}

const std::string& TsvTable::cell(const TsvRow& row, std::string_view column) const {
  static const std::string kEmpty;
  for (size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == column) return row.cells[i];
  return kEmpty;
}

void TsvTable::fail(const TsvRow& row, const std::string& reason) const {
  throw RuleError(file_, row.line, reason);
}

const std::string& TsvTable::required(const TsvRow& row, std::string_view column) const {
  const std::string& value = cell(row, column);
  if (value.empty()) fail(row, "empty " + std::string(column));
  return value;
}

std::vector<std::string> split_list(std::string_view cell) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= cell.size()) {
    const size_t bar = cell.find('|', start);
    auto item = trim(cell.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (!item.empty()) items.emplace_back(item);
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return items;
}

std::unique_ptr<re2::RE2> compile_rule_pattern(const TsvTable& table, const TsvRow& row,
                                               std::string_view column, bool case_insensitive) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(!case_insensitive);
  auto re = std::make_unique<re2::RE2>(table.required(row, column), options);
  if (!re->ok()) table.fail(row, "invalid RE2 pattern: " + re->error());
  if (RE2::FullMatch("", *re)) table.fail(row, "pattern matches the empty string");
  return re;
}

}  // namespace hustings
