// The one explicit list of stages, in pipeline order. Adding a stage: write
// stages/<name>/<name>.{h,cc}, then add one line to kStageNames and one case to make_stage()
// in registry.cc. tests/pipeline/registry_test.cc snapshots the list.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/rules.h"
#include "pipeline/stage.h"

namespace hustings {

// Options that the command line passes to the stages that use them.
struct StageOptions {
  bool explain = false;  // facts: each record carries its rule id and stage
};

const std::vector<std::string>& registered_stage_names();
// Builds a registered stage, loading its rules; throws RuleError on a bad rule file and
// std::invalid_argument for an unknown name.
std::unique_ptr<Stage> make_stage(std::string_view name, const RuleLocator& rules,
                                  const StageOptions& options = {});

}  // namespace hustings
