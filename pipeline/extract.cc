#include "pipeline/extract.h"

#include <chrono>
#include <cstdio>
#include <iomanip>
#include <sstream>
#include <thread>

#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>

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
  // One document in flight through the three filters.
  struct Work {
    InputItem item;
    Records records;                     // dropped once encoded
    std::optional<std::string> encoded;  // the records as the writer puts them out
    std::optional<std::string> error;    // the message of the document's error record
    std::vector<std::string> warnings;
  };
  const auto extract_work = [&](Work& work, std::vector<double>* times) {
    work.warnings.clear();
    work.records = extract_item(pipeline, work.item, options, work.warnings, times);
    if (!work.records.empty() && work.records.front()["type"] == "error")
      work.error = work.records.front()["message"].get<std::string>();
  };
  const auto write = [&](Work& work) {
    ++summary.read;
    for (const auto& w : work.warnings) messages << "warning: " << w << '\n';
    summary.warnings += static_cast<long>(work.warnings.size());
    if (work.error) {
      ++summary.failed;
      const InputItem& item = work.item;
      messages << "error: " << (item.line ? item.file + ":" + std::to_string(item.line) : item.file) << ": "
               << *work.error << '\n';
    } else {
      ++summary.written;
    }
    if (work.encoded) writer.write_encoded(*work.encoded);
    else writer.write(work.records);
  };

  const int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (jobs == 1 || options.profile) {
    Work work;
    while (reader.next(work.item)) {
      work.error.reset();
      extract_work(work, options.profile ? &profile : nullptr);
      write(work);
    }
  } else {
    // A serial in-order reader, parallel extraction, a serial in-order writer; at most
    // 4 documents per worker in flight, so memory is bounded by them, not by the corpus.
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, jobs);
    tbb::parallel_pipeline(
        static_cast<size_t>(jobs) * 4,
        tbb::make_filter<void, std::shared_ptr<Work>>(
            tbb::filter_mode::serial_in_order,
            [&](tbb::flow_control& fc) -> std::shared_ptr<Work> {
              auto work = std::make_shared<Work>();
              if (!reader.next(work->item, false)) {
                fc.stop();
                return nullptr;
              }
              return work;
            }) &
            tbb::make_filter<std::shared_ptr<Work>, std::shared_ptr<Work>>(
                tbb::filter_mode::parallel,
                [&](std::shared_ptr<Work> work) {
                  reader.decode(work->item);
                  extract_work(*work, nullptr);
                  work->encoded = writer.encode(work->records);
                  if (work->encoded) work->records = Records();  // keep only what the writer needs
                  return work;
                }) &
            tbb::make_filter<std::shared_ptr<Work>, void>(tbb::filter_mode::serial_in_order,
                                                          [&](std::shared_ptr<Work> work) { write(*work); }));
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
