#include "pipeline/extract.h"

#include <chrono>
#include <cstdio>
#include <iomanip>
#include <sstream>

namespace hustings {

std::string ExtractSummary::line() const {
  std::ostringstream s;
  s << "hustings: " << read << " documents read, " << written << " written, " << failed << " failed, "
    << warnings << " warnings, " << std::fixed << std::setprecision(3) << seconds << " s";
  return s.str();
}

nlohmann::ordered_json error_record(const InputItem& item, const std::string& message) {
  nlohmann::ordered_json r;
  r["doc"] = item.meta.id.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(item.meta.id);
  r["type"] = "error";
  r["message"] = message;
  r["file"] = item.file;
  if (item.line > 0) r["line"] = item.line;
  return r;
}

Records extract_item(const Pipeline& pipeline, InputItem& item, const ExtractOptions& options,
                     std::vector<std::string>& warnings, std::vector<double>* profile) {
  for (auto& w : item.warnings) warnings.push_back(std::move(w));
  if (item.error) return {error_record(item, *item.error)};
  Document doc(item.meta, std::move(item.text));
  if (options.date) {
    doc.anchor = options.date;
    doc.anchor_source = "input";
  } else if (item.meta.date) {
    doc.anchor = item.meta.date->substr(0, 10);
    doc.anchor_source = "input";
  }
  try {
    if (profile)
      pipeline.run_profiled(doc, *profile);
    else
      pipeline.run(doc);
  } catch (const std::exception& e) {
    item.text.clear();
    return {error_record(item, e.what())};
  }
  for (auto& w : doc.warnings) warnings.push_back(doc.id() + ": " + w);
  return std::move(doc.records);
}

ExtractSummary extract(const Pipeline& pipeline, InputReader& reader, RecordWriter& writer,
                       const ExtractOptions& options, std::ostream& messages) {
  const auto start = std::chrono::steady_clock::now();
  ExtractSummary summary;
  std::vector<double> profile;
  InputItem item;
  while (reader.next(item)) {
    ++summary.read;
    std::vector<std::string> warnings;
    Records records = extract_item(pipeline, item, options, warnings, options.profile ? &profile : nullptr);
    for (const auto& w : warnings) messages << "warning: " << w << '\n';
    summary.warnings += static_cast<long>(warnings.size());
    const bool failed = !records.empty() && records.front()["type"] == "error";
    if (failed) {
      ++summary.failed;
      messages << "error: " << (item.line ? item.file + ":" + std::to_string(item.line) : item.file) << ": "
               << records.front()["message"].get<std::string>() << '\n';
    } else {
      ++summary.written;
    }
    writer.write(records);
  }
  writer.finish();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (options.profile) {
    messages << "stage\tseconds\n";
    for (size_t i = 0; i < pipeline.stages().size() && i < profile.size(); ++i)
      messages << pipeline.stages()[i]->name() << '\t' << std::fixed << std::setprecision(4) << profile[i] << '\n';
  }
  return summary;
}

}  // namespace hustings
