// facts — assembles the output records of one document (SPEC.md "Records").
//
// Needs: blocks. Adds: records. Reads every extractor layer that is present.
// Order: the document record, then parties, people, dates, places, events, quotes, each type
// in order of first appearance in the text. Spans become code-point offsets of the original.
// Example: {"doc":"seed","type":"date","text":"March 1","span":[886,893],"value":"2023-03-01",...}
#pragma once

#include "pipeline/stage.h"

namespace hustings {

struct FactsOptions {
  bool explain = false;  // add the rule id and stage that produced each record
};

class FactsStage : public Stage {
 public:
  explicit FactsStage(FactsOptions options = {}) : options_(options) {}
  std::string_view name() const override { return "facts"; }
  std::vector<Layer> needs() const override { return {Layer::blocks}; }
  std::vector<Layer> adds() const override { return {Layer::records}; }
  void run(Document& doc) const override;

 private:
  FactsOptions options_;
};

}  // namespace hustings
