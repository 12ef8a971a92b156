// compare — scores predicted records against gold records (SPEC.md, "Compare").
//
// Needs: two record streams (JSON objects with `doc` and `type`), as read from JSONL files.
// Gives: per type counts (gold, predicted, matched, strict), P/R/F1, attribute accuracy, and the
// overall micro F1 where a unit counts as right only when matched AND its main attribute is right.
// Example: compare(gold, gold, {}) scores 1.0 for every type present in the gold.
//
// Conventions: per type (and overall) P = right/predicted and R = right/gold, where `right`
// counts matched units whose main attribute is right (a main attribute absent from the gold
// record counts as right), so the overall line is the micro average of the rows. When a
// denominator is zero: P = 1 if gold is empty too, else 0; R = 1 if predicted is empty too,
// else 0; F1 = 2PR/(P+R), or 0 when P+R = 0. Hence both empty -> 1/1/1, one side empty -> 0/0/0.
// The six mention types are always reported; the `document` row (its `date` as the attribute)
// appears when document records exist and is kept out of the overall figures.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace hustings {

// Resolves a name of a record type ("place" or "party") to a stable key (gazetteer id, party id)
// through the pack's aliases; returns "" when the name is unknown. Optional: without it names
// are compared after case and diacritic folding only.
using NameResolver = std::function<std::string(std::string_view type, std::string_view name)>;

struct CompareOptions {
  NameResolver resolve;  // may be empty
};

struct AttributeScore {
  int right = 0;
  int scored = 0;  // matched pairs where the gold record states the attribute
  double accuracy() const { return scored ? double(right) / scored : 1.0; }
};

// One difference found while scoring: a gold record with no match (missed), a prediction with no
// match (extra), or a matched pair whose main attribute or a scored attribute differs (wrong).
// `hustings diff` prints these.
struct Finding {
  std::string kind;  // missed, extra, wrong
  std::string type;
  nlohmann::json gold, predicted;  // null on the side that has none
  std::vector<std::string> attributes;  // wrong: the attributes that differ
};

struct TypeScore {
  std::string type;
  bool spanned = false;     // matched by span, so `strict` is meaningful (date, place, quote)
  bool in_overall = true;   // false for `document`
  int gold = 0;       // non-optional gold records
  int predicted = 0;  // predicted records (minus those matched to optional gold)
  int matched = 0;
  int strict = 0;     // matched with equal spans (dates, places, quotes)
  int right = 0;      // matched and main attribute right (value, place, speaker, party)
  double precision() const;
  double recall() const;
  double f1() const;
  std::map<std::string, AttributeScore> attributes;  // e.g. "value", "speaker", "party", "role"
  std::vector<Finding> findings;
};

struct CompareReport {
  std::vector<TypeScore> types;  // in SPEC order: document? party, person, date, place, quote, event
  int gold_documents = 0;
  int predicted_documents = 0;
  int ignored_documents = 0;  // predicted documents absent from the gold
  double overall_precision = 0, overall_recall = 0, overall_f1 = 0;  // micro, main attribute right
  std::string table() const;             // human-readable report for a terminal
  nlohmann::ordered_json json() const;   // for --json
};

CompareReport compare(const std::vector<nlohmann::json>& gold,
                      const std::vector<nlohmann::json>& predicted,
                      const CompareOptions& options);

// Folds case and diacritics (utf8proc) and typographic apostrophes/dashes so that
// "People’s Party" and "people's party" compare equal.
std::string fold_name(std::string_view name);

}  // namespace hustings
