// Pipeline: an ordered list of stages whose chain was checked when it was built: every layer a
// stage needs is added by a stage before it (or is the original text). run() is const and may
// be called from several threads on different documents.
#pragma once

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "pipeline/registry.h"
#include "pipeline/rules.h"
#include "pipeline/stage.h"

namespace hustings {

// A stage whose needs are not met: "stage 'people' needs 'sentences', which no stage before it adds".
class ChainError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// A stage that failed on one document; the message names the stage.
class StageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Pipeline {
 public:
  explicit Pipeline(std::vector<std::unique_ptr<Stage>> stages);  // throws ChainError

  // The registered stages, in registry order.
  static Pipeline standard(const RuleLocator& rules, const StageOptions& options = {});
  // The named registered stages, in the order given.
  static Pipeline named(const std::vector<std::string>& names, const RuleLocator& rules,
                        const StageOptions& options = {});

  void run(Document& doc) const;
  // Same, adding each stage's time to seconds_per_stage (sized like stages()).
  void run_profiled(Document& doc, std::vector<double>& seconds_per_stage) const;
  const std::vector<std::unique_ptr<Stage>>& stages() const { return stages_; }

 private:
  std::vector<std::unique_ptr<Stage>> stages_;
};

}  // namespace hustings
