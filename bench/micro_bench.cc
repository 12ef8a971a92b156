// Google Benchmark microbenchmarks of the hot paths: the tokenizer (segment stage: blocks,
// sentences, tokens), the gazetteer lookup, the date rules and, for scale, the whole pipeline,
// on the seed article and the samples. Run: build/bench/micro_bench (scripts/bench.sh runs it too).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/pipeline.h"
#include "pipeline/registry.h"
#include "pipeline/rules.h"
#include "stages/places/gazetteer.h"

namespace hustings {
namespace {

const RuleLocator& rules() {
  static const RuleLocator locator = RuleLocator::builtin();
  return locator;
}

// The seed article and the samples, one string each.
const std::vector<std::string>& articles() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    std::vector<std::filesystem::path> paths{std::filesystem::path(HUSTINGS_SOURCE_DIR) / "corpora/seed/seed.txt"};
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(HUSTINGS_SOURCE_DIR) / "corpora/samples"))
      if (entry.path().extension() == ".txt") paths.push_back(entry.path());
    std::sort(paths.begin() + 1, paths.end());
    for (const auto& path : paths) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      out.push_back(s.str());
    }
    return out;
  }();
  return texts;
}

// The articles run through `stages`, ready for the stage under measure.
std::vector<Document> prepared(const std::vector<std::string>& stages) {
  const Pipeline pipeline = Pipeline::named(stages, rules());
  std::vector<Document> docs;
  docs.reserve(articles().size());
  for (size_t i = 0; i < articles().size(); ++i) {
    docs.emplace_back(DocumentMeta{"bench-" + std::to_string(i), {}, {}, {}, {}}, articles()[i]);
    pipeline.run(docs.back());
  }
  return docs;
}

// Runs one stage over the prepared documents; the stage clears its own layers first.
void run_stage(benchmark::State& state, const char* name, const std::vector<std::string>& before) {
  std::vector<Document> docs = prepared(before);
  const auto stage = make_stage(name, rules(), {});
  int64_t bytes = 0;
  for (const auto& doc : docs) bytes += static_cast<int64_t>(doc.view().size());
  for (auto _ : state)
    for (auto& doc : docs) stage->run(doc);
  state.SetBytesProcessed(state.iterations() * bytes);
}

void BM_Tokenizer(benchmark::State& state) { run_stage(state, "segment", {"normalize"}); }
BENCHMARK(BM_Tokenizer)->Unit(benchmark::kMillisecond);

void BM_DateRules(benchmark::State& state) { run_stage(state, "dates", {"normalize", "segment"}); }
BENCHMARK(BM_DateRules)->Unit(benchmark::kMillisecond);

// Every word 1- to 3-gram of the articles looked up as written, as the places matcher does.
void BM_GazetteerLookup(benchmark::State& state) {
  const Gazetteer gazetteer(rules());
  std::vector<std::string_view> phrases;
  const std::vector<Document> docs = prepared({"normalize", "segment"});
  for (const auto& doc : docs) {
    const auto& tokens = doc.tokens;
    for (size_t i = 0; i < tokens.size(); ++i)
      for (size_t n = 0; n < 3 && i + n < tokens.size(); ++n)
        phrases.push_back(doc.in_view({tokens[i].begin, tokens[i + n].end}));
  }
  size_t hits = 0;
  for (auto _ : state)
    for (const auto phrase : phrases) hits += gazetteer.lookup(phrase) != nullptr;
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(phrases.size()));
}
BENCHMARK(BM_GazetteerLookup)->Unit(benchmark::kMillisecond);

// The whole pipeline on the same articles, for scale.
void BM_Pipeline(benchmark::State& state) {
  const Pipeline pipeline = Pipeline::standard(rules());
  int64_t bytes = 0;
  for (const auto& text : articles()) bytes += static_cast<int64_t>(text.size());
  for (auto _ : state)
    for (size_t i = 0; i < articles().size(); ++i) {
      Document doc(DocumentMeta{"bench-" + std::to_string(i), {}, {}, {}, {}}, articles()[i]);
      pipeline.run(doc);
      benchmark::DoNotOptimize(doc.records.size());
    }
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_Pipeline)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace hustings

BENCHMARK_MAIN();
