#include "pipeline/document.h"

#include <algorithm>

#include "pipeline/utf8.h"

namespace hustings {

const char* block_kind_name(BlockKind kind) {
  switch (kind) {
    case BlockKind::title: return "title";
    case BlockKind::body: return "body";
    case BlockKind::heading: return "heading";
    case BlockKind::caption: return "caption";
    case BlockKind::boilerplate: return "boilerplate";
  }
  return "body";
}

Document::Document(DocumentMeta meta, std::string original)
    : meta_(std::move(meta)), original_(std::move(original)) {}

void Document::set_view(std::string view, std::vector<uint32_t> view_to_original) {
  view_ = std::move(view);
  map_ = std::move(view_to_original);
}

uint32_t Document::to_original(uint32_t view_offset) const {
  if (map_.empty()) return view_offset;
  return map_[std::min<size_t>(view_offset, map_.size() - 1)];
}

std::string_view Document::surface(Span span) const {
  const uint32_t b = to_original(span.begin), e = to_original(span.end);
  return std::string_view(original_).substr(b, e > b ? e - b : 0);
}

int64_t Document::code_point_of_original(uint32_t offset) const {
  // The code points before each step of the original are counted once; a lookup then counts
  // less than one step. Records ask for two offsets per span, so the step is short.
  constexpr uint32_t kStep = 64;
  const std::string_view original(original_);
  if (cp_checkpoints_.empty()) {
    cp_checkpoints_.reserve(original.size() / kStep + 1);
    int64_t n = 0;
    for (size_t at = 0; at <= original.size(); at += kStep) {
      cp_checkpoints_.push_back(n);
      n += static_cast<int64_t>(count_code_points(original.substr(at, kStep)));
    }
  }
  offset = std::min<uint32_t>(offset, original.size());
  const size_t step = offset / kStep;
  return cp_checkpoints_[step] + static_cast<int64_t>(count_code_points(original.substr(step * kStep, offset - step * kStep)));
}

std::pair<int64_t, int64_t> Document::code_points(Span span) const {
  return {code_point_of_original(to_original(span.begin)),
          code_point_of_original(to_original(span.end))};
}

int Document::block_at(uint32_t offset) const {
  auto it = std::upper_bound(blocks.begin(), blocks.end(), offset,
                             [](uint32_t o, const Block& b) { return o < b.span.begin; });
  if (it == blocks.begin()) return -1;
  --it;
  return offset < it->span.end ? static_cast<int>(it - blocks.begin()) : -1;
}

int Document::sentence_at(uint32_t offset) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), offset,
                             [](uint32_t o, const Sentence& s) { return o < s.span.begin; });
  if (it == sentences.begin()) return -1;
  --it;
  return offset < it->span.end ? static_cast<int>(it - sentences.begin()) : -1;
}

}  // namespace hustings
