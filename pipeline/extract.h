// extract: reads documents, runs the pipeline on each, writes their records. Every input item
// ends as the records of one document or as one error record; a failure never stops the batch.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "pipeline/input.h"
#include "pipeline/output.h"
#include "pipeline/pipeline.h"

namespace hustings {

struct ExtractOptions {
  InputOptions input;
  std::optional<std::string> date;  // --date: the anchor for every document
  bool profile = false;             // time per stage to stderr
  int jobs = 0;                     // worker threads; 0: all cores
};

struct ExtractSummary {
  long read = 0, written = 0, failed = 0, warnings = 0;
  double seconds = 0;
  std::string line() const;  // one line for stderr
};

// Runs the pipeline on every input item; warnings and the profile go to `messages`.
ExtractSummary extract(const Pipeline& pipeline, InputReader& reader, RecordWriter& writer,
                       const ExtractOptions& options, std::ostream& messages);

// The records of one input item (a document's records, or one error record).
Records extract_item(const Pipeline& pipeline, InputItem& item, const ExtractOptions& options,
                     std::vector<std::string>& warnings, std::vector<double>* profile = nullptr);

nlohmann::ordered_json error_record(const InputItem& item, const std::string& message);

}  // namespace hustings
