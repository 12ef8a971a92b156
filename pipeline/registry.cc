#include "pipeline/registry.h"

#include <stdexcept>

#include "stages/dates/dates.h"
#include "stages/events/events.h"
#include "stages/facts/facts.h"
#include "stages/normalize/normalize.h"
#include "stages/parties/parties.h"
#include "stages/people/people.h"
#include "stages/places/places.h"
#include "stages/quotes/quotes.h"
#include "stages/segment/segment.h"

namespace hustings {

const std::vector<std::string>& registered_stage_names() {
  static const std::vector<std::string> kStageNames = {
      "normalize",
      "segment",
      "parties",
      "people",
      "dates",
      "places",
      "events",
      "quotes",
      "facts",
  };
  return kStageNames;
}

std::unique_ptr<Stage> make_stage(std::string_view name, const RuleLocator& rules, const StageOptions& options) {
  if (name == "normalize") return std::make_unique<NormalizeStage>(rules);
  if (name == "segment") return std::make_unique<SegmentStage>(rules);
  if (name == "parties") return std::make_unique<PartiesStage>(rules);
  if (name == "people") return std::make_unique<PeopleStage>(rules);
  if (name == "dates") return std::make_unique<DatesStage>(rules);
  if (name == "places") return std::make_unique<PlacesStage>(rules);
  if (name == "events") return std::make_unique<EventsStage>(rules);
  if (name == "quotes") return std::make_unique<QuotesStage>(rules);
  if (name == "facts") return std::make_unique<FactsStage>(FactsOptions{options.explain});
  throw std::invalid_argument("unknown stage '" + std::string(name) + "'");
}

}  // namespace hustings
