// normalize — builds the matching view of a document.
//
// Needs: text. Adds: view.
// The view is the NFC form (utf8proc) of the original with the typographic variants of
// rules/en/fold.tsv folded (curly quotes to straight, dashes to '-', no-break spaces to ' ').
// Every view byte maps back to the original byte that produced it, so a match in the view
// is reported at its exact place in the original.
// Example: original "Amanat’s" (curly apostrophe, 10 bytes) -> view "Amanat's" (8 bytes);
// view span [0,8) maps back to original [0,10).
#pragma once

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

#include "pipeline/rules.h"
#include "pipeline/stage.h"

namespace hustings {

struct NormalizedText {
  std::string view;
  std::vector<uint32_t> to_original;  // one entry per view byte, plus one for the end
};

class NormalizeStage : public Stage {
 public:
  explicit NormalizeStage(const RuleLocator& rules);
  std::string_view name() const override { return "normalize"; }
  std::vector<Layer> needs() const override { return {Layer::text}; }
  std::vector<Layer> adds() const override { return {Layer::view}; }
  void run(Document& doc) const override;

  NormalizedText normalize(std::string_view original) const;

 private:
  std::unordered_map<char32_t, std::string> fold_;
  std::array<bool, 128> ascii_folded_{};  // the ASCII characters fold_ holds (others are copied in runs)
};

}  // namespace hustings
