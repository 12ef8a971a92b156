// report: its inputs — records grouped by document, the pipeline run that keeps each text, the
// texts of records read from a file, and the pack (see report.h).
#include <algorithm>
#include <filesystem>
#include <memory>
#include <ostream>
#include <thread>
#include <unordered_map>

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include "pipeline/report.h"

namespace hustings {

namespace {

using json = nlohmann::json;

std::string type_of(const json& r) { return field_text(r, "type"); }

}  // namespace

std::vector<ReportDocument> group_records(const std::vector<json>& records) {
  std::vector<ReportDocument> docs;
  std::unordered_map<std::string, size_t> at;
  for (const json& r : records) {
    if (!r.is_object()) continue;
    std::string id = field_text(r, "doc");
    if (id.empty()) {
      // An input that could not be read: a document of its own, named by its file.
      ReportDocument d;
      d.id = field_text(r, "file").empty() ? "(unknown)" : field_text(r, "file");
      d.error = field_text(r, "message");
      d.records.push_back(r);
      docs.push_back(std::move(d));
      continue;
    }
    const auto [it, fresh] = at.emplace(id, docs.size());
    if (fresh) docs.push_back(ReportDocument{id, std::nullopt, {}, std::nullopt});
    ReportDocument& d = docs[it->second];
    if (type_of(r) == "error") d.error = field_text(r, "message");
    d.records.push_back(r);
  }
  return docs;
}

std::vector<ReportDocument> extract_for_report(const Pipeline& pipeline, InputReader& reader,
                                               const ExtractOptions& options, std::ostream& messages, long& failed) {
  std::vector<InputItem> items;
  for (InputItem item; reader.next(item);) items.push_back(std::move(item));
  std::vector<ReportDocument> docs(items.size());
  std::vector<std::vector<std::string>> warnings(items.size());
  const int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(jobs));
  tbb::parallel_for(size_t(0), items.size(), [&](size_t i) {
    InputItem& item = items[i];
    ReportDocument& doc = docs[i];
    doc.id = !item.meta.id.empty() ? item.meta.id : item.line ? item.file + ":" + std::to_string(item.line) : item.file;
    if (!item.error) doc.text = item.text;
    for (const auto& r : extract_item(pipeline, item, options, warnings[i])) doc.records.push_back(json(r));
    if (!doc.records.empty() && type_of(doc.records.front()) == "error") {
      doc.error = field_text(doc.records.front(), "message");
      if (item.error) doc.text.reset();
    }
  });
  failed = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    for (const auto& w : warnings[i]) messages << "warning: " << w << '\n';
    if (docs[i].error) {
      ++failed;
      messages << "error: " << docs[i].id << ": " << *docs[i].error << '\n';
    }
  }
  return docs;
}

void attach_texts(std::vector<ReportDocument>& docs, const std::string& source, std::ostream& messages) {
  namespace fs = std::filesystem;
  std::error_code ec;
  int missing = 0;
  if (fs::is_directory(source, ec)) {
    for (ReportDocument& d : docs) {
      if (d.text) continue;
      const bool plain = !d.id.empty() && d.id != "." && d.id != ".." && d.id.find('/') == std::string::npos;
      const fs::path path = fs::path(source) / (d.id + ".txt");
      InputItem item;
      if (plain && fs::is_regular_file(path, ec)) {
        InputReader reader({path.string()}, InputOptions{});
        if (reader.next(item) && !item.error) d.text = std::move(item.text);
      }
      if (!d.text && !d.error) ++missing;
    }
  } else {
    std::unordered_map<std::string, std::string> texts;
    InputReader reader({source}, InputOptions{});
    for (InputItem item; reader.next(item);) {
      if (item.error) {
        messages << "warning: " << (item.file.empty() ? source : item.file) << ": " << *item.error << '\n';
        continue;
      }
      texts.emplace(item.meta.id, std::move(item.text));
    }
    for (ReportDocument& d : docs) {
      if (d.text) continue;
      if (const auto it = texts.find(d.id); it != texts.end()) d.text = it->second;
      else if (!d.error) ++missing;
    }
  }
  if (missing)
    messages << "warning: no text found in " << source << " for " << missing
             << " documents: their mentions are not shown\n";
}

ReportPack ReportPack::load(const RuleLocator& rules) {
  ReportPack pack;
  auto names = std::make_shared<PackNames>(rules);
  pack.resolve = [names](std::string_view type, std::string_view name) { return names->resolve(type, name); };
  if (const auto file = rules.pack("parties.tsv"); rule_file_exists(file))
    for (const PartyEntry& p : load_parties(file)) {
      pack.party_names[p.id] = p.name;
      auto& aliases = pack.party_aliases[p.id];
      aliases.push_back(p.name);
      aliases.insert(aliases.end(), p.aliases.begin(), p.aliases.end());
      for (const auto& f : p.former) aliases.push_back(f.name);
    }
  std::vector<std::filesystem::path> files;
  for (const char* name : {"places.tsv", "world.tsv"})
    if (rule_file_exists(rules.pack(name))) files.push_back(rules.pack(name));
  if (!files.empty()) {
    pack.places = load_places(files);
    for (size_t i = 0; i < pack.places.size(); ++i) pack.place_by_id.emplace(pack.places[i].id, i);
    // The pack's own countries: those of places.tsv.
    if (files.front().filename() == "places.tsv")
      for (const PlaceEntry& p : load_places({files.front()}))
        if (p.kind == "country") pack.home_countries.push_back(p.id);
  }
  return pack;
}

}  // namespace hustings
