// Stage: one step of the pipeline. A stage declares the layers it needs and the layers it adds;
// the runner checks the chain when the pipeline is built, before any document is read.
// run() is const and thread-safe: all rules are loaded in the constructor and only read after.
#pragma once

#include <string_view>
#include <vector>

#include "pipeline/document.h"

namespace hustings {

enum class Layer {
  text,       // the original text (present from the start)
  view,       // normalize: matching view + offset map
  blocks,     // segment: lines, sections, title, dateline
  sentences,  // segment
  tokens,     // segment
  parties,
  people,
  dates,
  places,
  events,
  quotes,
  records,    // facts
};
const char* layer_name(Layer layer);

class Stage {
 public:
  virtual ~Stage() = default;
  virtual std::string_view name() const = 0;
  virtual std::vector<Layer> needs() const = 0;
  virtual std::vector<Layer> adds() const = 0;
  virtual void run(Document& doc) const = 0;
};

}  // namespace hustings
