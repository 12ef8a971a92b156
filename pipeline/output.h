// Output: record writers. JSONL is the default (one record per line, flushed per document so
// that a filter under GNU parallel or Hadoop Streaming streams).
#pragma once

#include <ostream>
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
  virtual void finish() {}
};

class JsonlWriter : public RecordWriter {
 public:
  explicit JsonlWriter(std::ostream& out) : out_(out) {}
  void write(const Records& records) override;

 private:
  std::ostream& out_;
};

// One line of JSON: UTF-8 kept as is, invalid bytes replaced (never throws).
std::string to_json_line(const nlohmann::ordered_json& record);

}  // namespace hustings
