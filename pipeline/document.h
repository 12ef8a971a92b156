// Document: one article. It owns the original UTF-8 text, which is never changed, and the
// matching view that normalize builds from it, with a map from every view byte back to the
// original. All layers hold spans into the view; output converts them to code-point offsets
// of the original (SPEC.md: Python `text[start:end]` gives the mention back).
//
// Invariant: for any span s of a layer, surface(s) is the original text of the mention.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/layers.h"

namespace hustings {

struct DocumentMeta {
  std::string id;
  std::optional<std::string> title, date, source, url;
};

class Document {
 public:
  Document(DocumentMeta meta, std::string original);

  const DocumentMeta& meta() const { return meta_; }
  const std::string& id() const { return meta_.id; }
  const std::string& original() const { return original_; }

  // The matching view (normalize). Before normalize runs, the view is the original text.
  const std::string& view() const { return view_.empty() && map_.empty() ? original_ : view_; }
  void set_view(std::string view, std::vector<uint32_t> view_to_original);

  uint32_t to_original(uint32_t view_offset) const;
  // Original text of a view span.
  std::string_view surface(Span span) const;
  std::string_view in_view(Span span) const { return std::string_view(view()).substr(span.begin, span.size()); }
  // Code-point offsets [start, end) in the original text of a view span.
  std::pair<int64_t, int64_t> code_points(Span span) const;
  int64_t code_point_of_original(uint32_t original_offset) const;

  // Messages for stderr (the runner prints them, naming the document).
  std::vector<std::string> warnings;

  // segment
  std::vector<Block> blocks;
  std::vector<Section> sections;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::optional<std::string> title, dateline, source;  // source: the outlet named in the text
  std::optional<Span> title_span, dateline_span;

  // The anchor date (SPEC "Document date"): set from the input by the runner, refined by dates.
  std::optional<std::string> anchor;
  std::string anchor_source = "none";  // input, text, pack, none

  // extractors
  std::vector<PartyMention> party_mentions;
  std::vector<PartyFacts> parties;
  std::vector<Person> people;
  std::vector<DateMention> dates;
  std::vector<PlaceMention> places;
  std::vector<Event> events;
  std::vector<Quote> quotes;

  // facts: the output records, in SPEC order.
  std::vector<nlohmann::ordered_json> records;

  // Index of the block holding a view offset, -1 when none.
  int block_at(uint32_t view_offset) const;
  // Index of the sentence holding a view offset, -1 when none.
  int sentence_at(uint32_t view_offset) const;

 private:
  DocumentMeta meta_;
  std::string original_;
  std::string view_;
  std::vector<uint32_t> map_;  // view byte -> original byte; size view_.size() + 1
  mutable std::vector<int64_t> cp_checkpoints_;  // code points before each 64-byte step of the original
};

}  // namespace hustings
