// Input: documents from text files, directories (every *.txt below, sorted), JSONL files and
// stdin ("-"), read one at a time so that memory does not grow with the batch.
// Text: one article per file, id = file name without its last extension. JSONL: one object per
// line {"id","text","title"?,"date"?,"source"?,"url"?}; a malformed line becomes an error item
// naming its line number and reading goes on.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/document.h"

namespace hustings {

enum class InputFormat { automatic, text, jsonl };

struct InputOptions {
  InputFormat format = InputFormat::automatic;  // automatic: *.jsonl files are JSONL, else text
  std::optional<std::string> id;                // id for stdin text (default "stdin")
  bool strict_utf8 = false;                     // invalid UTF-8 is an error, not a repair
  size_t max_doc_bytes = 64u << 20;             // larger documents become errors
};

// One item read: a document, or an error that names where it happened.
struct InputItem {
  DocumentMeta meta;
  std::string text;  // valid UTF-8, BOM removed
  std::vector<std::string> warnings;
  std::optional<std::string> error;  // set: this item failed; meta.id may be empty
  std::string file;                  // where it came from
  long line = 0;                     // JSONL line number, 0 for text files
  std::string undecoded;             // a JSONL line that decode() has yet to parse
};

class InputReader {
 public:
  InputReader(std::vector<std::string> paths, InputOptions options);
  // Reads "-" from `in` instead of stdin (tests and fuzz targets).
  InputReader(std::istream& in, InputOptions options);
  ~InputReader();
  // Next item; false at the end of the input. With `decode_now` false, a JSONL line is left in
  // item.undecoded for decode(), which changes no reader state: extraction threads parse lines
  // in parallel while the reader goes on reading.
  bool next(InputItem& item, bool decode_now = true);
  // Parses item.undecoded (if any) into the item, as next() would have.
  void decode(InputItem& item) const;

 private:
  bool next_jsonl_line(InputItem& item);
  void read_text(const std::string& path, std::istream& in, InputItem& item);
  void finish_text(InputItem& item, std::string raw, const std::string& where) const;
  // Whether `text` is only NUL bytes (then item.error says so).
  static bool only_nul(InputItem& item, const std::string& text);

  std::vector<std::string> sources_;  // expanded paths, "-" for stdin
  std::istream* stdin_;
  std::vector<std::string> pending_errors_;  // paths that could not be expanded
  size_t next_source_ = 0;
  InputOptions options_;
  // The JSONL source being read.
  std::unique_ptr<std::ifstream> file_;
  std::istream* jsonl_ = nullptr;
  std::string jsonl_name_;
  long jsonl_line_ = 0;
};

// Id of a text file: its name without the last extension.
std::string document_id_for(const std::filesystem::path& path);

}  // namespace hustings
