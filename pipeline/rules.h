// Rule loading: where rule files are found (rule roots and packs, SPEC "Rule packs") and the
// TSV reader every loader uses. A bad line throws RuleError with `file:line: reason`; the CLI
// turns it into exit code 3.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace hustings {

class RuleError : public std::runtime_error {
 public:
  RuleError(const std::string& file, int line, const std::string& reason);
  const std::string& file() const { return file_; }
  int line() const { return line_; }

 private:
  std::string file_;
  int line_;
};

// The rule roots in search order: each --rules DIR, then $HUSTINGS_RULES, then the built-in root,
// which is the rules/ tree compiled into the binary (named "builtin:rules" in messages).
// The first root holding `en/` supplies the language rules; the first holding the pack supplies
// the pack.
class RuleLocator {
 public:
  RuleLocator(std::vector<std::filesystem::path> user_roots, std::string pack = "kz");
  // Language rule file, e.g. language("abbreviations.tsv") -> <root>/en/abbreviations.tsv.
  std::filesystem::path language(std::string_view file) const;
  // Pack rule file, e.g. pack("parties.tsv") -> <root>/kz/parties.tsv.
  std::filesystem::path pack(std::string_view file) const;
  const std::string& pack_name() const { return pack_; }
  const std::vector<std::filesystem::path>& roots() const { return roots_; }
  static RuleLocator builtin();  // the built-in root only, kz pack (tests)

 private:
  std::vector<std::filesystem::path> roots_;
  std::string pack_;
  std::filesystem::path en_dir_, pack_dir_;
};

// The built-in root's name; files below it are read from the binary.
extern const std::filesystem::path kBuiltinRulesRoot;
// Reads a rule file, from the disk or from the built-in root; false when it does not exist.
bool read_rule_file(const std::filesystem::path& path, std::string& content);
bool rule_file_exists(const std::filesystem::path& path);

// One row of a TSV rule file.
struct TsvRow {
  int line = 0;
  std::vector<std::string> cells;
};

// A TSV rule file: `#` comments and blank lines skipped, the first other line is the header,
// every row has exactly the header's number of cells.
class TsvTable {
 public:
  // Throws RuleError when the file is missing, a column is missing or a row is malformed.
  static TsvTable load(const std::filesystem::path& path, const std::vector<std::string>& required_columns);

  const std::string& file() const { return file_; }
  const std::vector<TsvRow>& rows() const { return rows_; }
  // Cell of a row by column name ("" when the column is absent).
  const std::string& cell(const TsvRow& row, std::string_view column) const;
  bool has_column(std::string_view column) const;
  [[noreturn]] void fail(const TsvRow& row, const std::string& reason) const;
  // A cell that must be non-empty.
  const std::string& required(const TsvRow& row, std::string_view column) const;

 private:
  std::string file_;
  std::vector<std::string> header_;
  std::vector<TsvRow> rows_;
};

// Splits a list cell on `|`, trimming items and dropping empty ones.
std::vector<std::string> split_list(std::string_view cell);

// Compiles an RE2 pattern of a rule file; throws RuleError with RE2's own error text, or when
// the pattern can match the empty string (a rule that matches nothing would loop).
std::unique_ptr<re2::RE2> compile_rule_pattern(const TsvTable& table, const TsvRow& row,
                                               std::string_view column, bool case_insensitive = false);

}  // namespace hustings
