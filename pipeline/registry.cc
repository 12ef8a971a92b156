#include "pipeline/registry.h"

#include <stdexcept>

#include "stages/facts/facts.h"
#include "stages/normalize/normalize.h"
#include "stages/segment/segment.h"

namespace hustings {

const std::vector<std::string>& registered_stage_names() {
  static const std::vector<std::string> kStageNames = {
      "normalize",
      "segment",
      "facts",
  };
  return kStageNames;
}

std::unique_ptr<Stage> make_stage(std::string_view name, const RuleLocator& rules, const StageOptions& options) {
  if (name == "normalize") return std::make_unique<NormalizeStage>(rules);
  if (name == "segment") return std::make_unique<SegmentStage>(rules);
  if (name == "facts") return std::make_unique<FactsStage>(FactsOptions{options.explain});
  throw std::invalid_argument("unknown stage '" + std::string(name) + "'");
}

}  // namespace hustings
