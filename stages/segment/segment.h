// segment — lines, sections, title, dateline, sentences and words.
//
// Needs: view. Adds: blocks, sentences, tokens.
// - Each non-blank line is a Block: the title (first line when a blank line follows), a photo
//   caption or boilerplate line (rules/en/blocks.re2.tsv), a heading (a short line without final
//   punctuation, e.g. "Aq Jol"), else body. A heading opens a Section.
// - The dateline ("ASTANA – ...", "ALMATY. KAZINFORM – ...") opens the first body line.
// - Sentences: where ICU's sentence BreakIterator breaks each line, less the breaks after the
//   abbreviations of rules/en/abbreviations.tsv ("Feb. 19", "Dr. Smith", "U.S. officials").
// - Tokens: where ICU's word BreakIterator breaks the view; whitespace is dropped.
// Both are found by hand scanners that break as ICU does, and by ICU itself past what they
// know: see breaks.h.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pipeline/rules.h"
#include "pipeline/stage.h"

namespace re2 {
class RE2;
}

namespace hustings {

struct SegmentOptions {
  int max_heading_words = 8;  // longer lines are never headings
};

class SegmentStage : public Stage {
 public:
  explicit SegmentStage(const RuleLocator& rules, SegmentOptions options = {});
  ~SegmentStage() override;
  std::string_view name() const override { return "segment"; }
  std::vector<Layer> needs() const override { return {Layer::view}; }
  std::vector<Layer> adds() const override { return {Layer::blocks, Layer::sentences, Layer::tokens}; }
  void run(Document& doc) const override;

 private:
  enum class AbbreviationKind { title, month, always, acronym };
  struct LineRule {
    std::string id;
    BlockKind kind;
    std::unique_ptr<re2::RE2> pattern;
    bool has_source;  // a group `source` names the outlet
  };

  void split_blocks(Document& doc) const;
  // Returns the view offset where the dateline prefix ends (0 when there is none).
  uint32_t find_dateline(Document& doc) const;
  void split_sentences(Document& doc, uint32_t dateline_end) const;
  void split_tokens(Document& doc) const;
  bool keeps_sentence_open(std::string_view before, std::string_view after) const;

  SegmentOptions options_;
  // Transparent, so that a string_view looks a word up without a copy.
  struct WordHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, AbbreviationKind, WordHash, std::equal_to<>> abbreviations_;
  std::vector<LineRule> line_rules_;
  std::unique_ptr<re2::RE2> dateline_;
};

}  // namespace hustings
