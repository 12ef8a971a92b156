// diff — the facts that NEW adds, drops or changes against BASE (two record streams).
// It matches records exactly as compare does (BASE in the place of the gold), so the diff of a
// gold file against an extraction lists exactly what compare counts as missed or wrong, plus
// what the extraction adds. Grouped by party for a terminal; one JSON object per fact with --json.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/compare.h"

namespace hustings {

struct FactChange {
  std::string change;  // added, dropped, changed
  std::string type;
  std::string party;   // the fact's party id, "" for none
  nlohmann::json base, now;
  std::vector<std::string> attributes;  // changed: the attributes that differ
};

std::vector<FactChange> diff_records(const std::vector<nlohmann::json>& base,
                                     const std::vector<nlohmann::json>& now, const CompareOptions& options);

std::string diff_text(const std::vector<FactChange>& changes);
std::string diff_jsonl(const std::vector<FactChange>& changes);

}  // namespace hustings
