// Output: record writers. JSONL is the default (one record per line, flushed per document so
// that a filter under GNU parallel or Hadoop Streaming streams).
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string_view>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace hustings {

using Records = std::vector<nlohmann::ordered_json>;

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  // All records of one document (or one error record).
  virtual void write(const Records& records) = 0;
  // The bytes write() would put out for these records, when the format can make them without
  // the writer's state: extraction threads then encode in parallel and the in-order writer only
  // copies bytes (write_encoded). std::nullopt when it cannot.
  virtual std::optional<std::string> encode(const Records&) const { return std::nullopt; }
  // Only called with what encode() gave: a writer that encodes must write it.
  virtual void write_encoded(const std::string&) { throw std::logic_error("write_encoded() without encode()"); }
  virtual void finish() {}
};

class JsonlWriter : public RecordWriter {
 public:
  explicit JsonlWriter(std::ostream& out) : out_(out) {}
  void write(const Records& records) override;
  std::optional<std::string> encode(const Records& records) const override;
  void write_encoded(const std::string& block) override;

 private:
  std::ostream& out_;
};

// TSV: one file per record type (`documents.tsv`, `dates.tsv`, ...) in a directory, header row
// first; tabs, newlines and backslashes inside a field are written \t, \n, \\; null is empty.
class TsvWriter : public RecordWriter {
 public:
  explicit TsvWriter(const std::string& directory);  // throws std::runtime_error
  ~TsvWriter() override;
  void write(const Records& records) override;
  void finish() override;

 private:
  struct Files;
  std::unique_ptr<Files> files_;
};

// SQLite: tables documents, parties, people, dates, places, events, quotes, errors; every row
// refers to its document (foreign key, ON DELETE CASCADE), indexes on party, date and place.
// Re-running on the same documents replaces their rows. Documents are committed in batches, one
// transaction each, so a crash leaves no half-written document.
class SqliteWriter : public RecordWriter {
 public:
  explicit SqliteWriter(const std::string& path, int batch_size = 500);  // throws std::runtime_error
  ~SqliteWriter() override;
  void write(const Records& records) override;
  void finish() override;

 private:
  struct Db;
  std::unique_ptr<Db> db_;
};

// TSV escaping of one field.
std::string tsv_escape(std::string_view field);

// One line of JSON: UTF-8 kept as is, invalid bytes replaced (never throws).
std::string to_json_line(const nlohmann::ordered_json& record);

}  // namespace hustings
