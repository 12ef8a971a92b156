#include "pipeline/pipeline.h"

#include <algorithm>
#include <set>

#include "pipeline/registry.h"

namespace hustings {

const char* layer_name(Layer layer) {
  switch (layer) {
    case Layer::text: return "text";
    case Layer::view: return "view";
    case Layer::blocks: return "blocks";
    case Layer::sentences: return "sentences";
    case Layer::tokens: return "tokens";
    case Layer::parties: return "parties";
    case Layer::people: return "people";
    case Layer::dates: return "dates";
    case Layer::places: return "places";
    case Layer::events: return "events";
    case Layer::quotes: return "quotes";
    case Layer::records: return "records";
  }
  return "?";
}

Pipeline::Pipeline(std::vector<std::unique_ptr<Stage>> stages) : stages_(std::move(stages)) {
  std::set<Layer> present = {Layer::text};
  for (const auto& stage : stages_) {
    for (const Layer need : stage->needs())
      if (!present.count(need))
        throw ChainError("stage '" + std::string(stage->name()) + "' needs '" + layer_name(need) +
                         "', which no stage before it adds");
    for (const Layer add : stage->adds()) present.insert(add);
  }
}

Pipeline Pipeline::standard(const RuleLocator& rules, const StageOptions& options) {
  return named(registered_stage_names(), rules, options);
}

Pipeline Pipeline::named(const std::vector<std::string>& names, const RuleLocator& rules,
                         const StageOptions& options) {
  std::vector<std::unique_ptr<Stage>> stages;
  for (const auto& name : names) stages.push_back(make_stage(name, rules, options));
  return Pipeline(std::move(stages));
}

void Pipeline::run(Document& doc) const {
  for (const auto& stage : stages_) {
    try {
      stage->run(doc);
    } catch (const std::exception& e) {
      throw StageError("stage '" + std::string(stage->name()) + "' failed: " + e.what());
    }
  }
}

void Pipeline::run_profiled(Document& doc, std::vector<double>& seconds) const {
  seconds.resize(stages_.size(), 0.0);
  for (size_t i = 0; i < stages_.size(); ++i) {
    const auto start = std::chrono::steady_clock::now();
    try {
      stages_[i]->run(doc);
    } catch (const std::exception& e) {
      throw StageError("stage '" + std::string(stages_[i]->name()) + "' failed: " + e.what());
    }
    seconds[i] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
}

}  // namespace hustings
