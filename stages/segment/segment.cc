#include "stages/segment/segment.h"

#include <unicode/uchar.h>

#include <re2/re2.h>

#include "pipeline/utf8.h"
#include "stages/segment/breaks.h"

namespace hustings {

namespace {

using breaks::is_space;

Span trimmed(std::string_view text, uint32_t begin, uint32_t end) {
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return {begin, end};
}

int count_words(std::string_view s) {
  int words = 0;
  bool in_word = false;
  for (const char c : s) {
    const bool space = is_space(c);
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

char32_t first_code_point(std::string_view s) {
  if (s.empty()) return 0;
  int len = 0;
  return decode_utf8(s, 0, &len);
}

}  // namespace

SegmentStage::SegmentStage(const RuleLocator& rules, SegmentOptions options) : options_(options) {
  const auto abbreviations = TsvTable::load(rules.language("abbreviations.tsv"), {"abbreviation", "kind"});
  for (const auto& row : abbreviations.rows()) {
    const std::string& word = abbreviations.required(row, "abbreviation");
    const std::string& kind = abbreviations.required(row, "kind");
    if (word.back() != '.') abbreviations.fail(row, "an abbreviation ends with '.'");
    AbbreviationKind k;
    if (kind == "title") k = AbbreviationKind::title;
    else if (kind == "month") k = AbbreviationKind::month;
    else if (kind == "always" || kind == "initial") k = AbbreviationKind::always;
    else if (kind == "acronym") k = AbbreviationKind::acronym;
    else abbreviations.fail(row, "kind must be title, month, initial, always or acronym, found '" + kind + "'");
    if (!abbreviations_.emplace(word, k).second) abbreviations.fail(row, "duplicate abbreviation " + word);
  }

  const auto lines = TsvTable::load(rules.language("blocks.re2.tsv"), {"id", "kind", "pattern"});
  for (const auto& row : lines.rows()) {
    const std::string& kind = lines.required(row, "kind");
    auto pattern = compile_rule_pattern(lines, row, "pattern");
    if (kind == "dateline") {
      if (pattern->NamedCapturingGroups().count("place") == 0) lines.fail(row, "a dateline pattern needs a group 'place'");
      dateline_ = std::move(pattern);
      continue;
    }
    BlockKind block_kind;
    if (kind == "caption") block_kind = BlockKind::caption;
    else if (kind == "boilerplate") block_kind = BlockKind::boilerplate;
    else lines.fail(row, "kind must be caption, boilerplate or dateline, found '" + kind + "'");
    const bool has_source = pattern->NamedCapturingGroups().count("source") > 0;
    line_rules_.push_back({lines.required(row, "id"), block_kind, std::move(pattern), has_source});
  }
}

SegmentStage::~SegmentStage() = default;

void SegmentStage::run(Document& doc) const {
  doc.blocks.clear();
  doc.sections.clear();
  doc.sentences.clear();
  doc.tokens.clear();
  split_blocks(doc);
  const uint32_t dateline_end = find_dateline(doc);
  split_sentences(doc, dateline_end);
  split_tokens(doc);
}

void SegmentStage::split_blocks(Document& doc) const {
  const std::string_view text = doc.view();
  struct Line {
    Span span;
    bool blank_before;
    bool blank_after;
  };
  std::vector<Line> lines;
  bool blank_before = true;
  for (uint32_t start = 0; start <= text.size();) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    const Span span = trimmed(text, start, static_cast<uint32_t>(nl));
    if (span.empty()) {
      blank_before = true;
      if (!lines.empty()) lines.back().blank_after = true;
    } else {
      lines.push_back({span, blank_before, false});
      blank_before = false;
    }
    start = static_cast<uint32_t>(nl) + 1;
  }

  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = text.substr(lines[i].span.begin, lines[i].span.size());
    Block block{lines[i].span, BlockKind::body, -1, lines[i].blank_before};
    bool matched_rule = false;
    for (const auto& rule : line_rules_) {
      re2::StringPiece source;
      if (rule.has_source ? RE2::PartialMatch(line, *rule.pattern, &source) : RE2::PartialMatch(line, *rule.pattern)) {
        block.kind = rule.kind;
        if (!source.empty() && !doc.source) doc.source = std::string(source.data(), source.size());
        matched_rule = true;
        break;
      }
    }
    const char last = line.back();
    const bool final_punctuation = std::string_view(".!?:;,\"'").find(last) != std::string_view::npos;
    const char32_t first = first_code_point(line);
    // Words are counted last: most lines fail a cheaper test first.
    if (!matched_rule && i == 0 && lines.size() > 1 && lines[i].blank_after && last != '.' && last != ':' &&
        count_words(line) <= 30) {
      block.kind = BlockKind::title;
    } else if (!matched_rule && !final_punctuation && (u_isupper(first) || u_isdigit(first)) &&
               lines[i].blank_before && (lines[i].blank_after || i + 1 == lines.size()) &&
               count_words(line) <= options_.max_heading_words) {
      block.kind = BlockKind::heading;
    }
    if (block.kind == BlockKind::heading) {
      if (!doc.sections.empty()) doc.sections.back().span.end = doc.blocks.back().span.end;
      doc.sections.push_back({static_cast<int>(doc.blocks.size()), block.span});
    }
    if (!doc.sections.empty()) block.section = static_cast<int>(doc.sections.size()) - 1;
    doc.blocks.push_back(block);
  }
  if (!doc.sections.empty()) doc.sections.back().span.end = doc.blocks.back().span.end;
  for (const auto& block : doc.blocks) {
    if (block.kind == BlockKind::title) {
      doc.title_span = block.span;
      doc.title = std::string(doc.surface(block.span));
      break;
    }
  }
}

uint32_t SegmentStage::find_dateline(Document& doc) const {
  if (!dateline_) return 0;
  for (const auto& block : doc.blocks) {
    if (block.kind == BlockKind::title || block.kind == BlockKind::caption) continue;
    if (block.kind != BlockKind::body) return 0;  // a heading came first: no dateline
    const std::string_view line = doc.in_view(block.span);
    const int place_group = dateline_->NamedCapturingGroups().at("place");
    std::vector<re2::StringPiece> groups(dateline_->NumberOfCapturingGroups() + 1);
    if (dateline_->Match(line, 0, line.size(), RE2::ANCHOR_START, groups.data(), groups.size())) {
      const auto& place = groups[place_group];
      const uint32_t begin = block.span.begin + static_cast<uint32_t>(place.data() - line.data());
      doc.dateline_span = Span{begin, begin + static_cast<uint32_t>(place.size())};
      doc.dateline = breaks::title_case(doc.surface(*doc.dateline_span));
      return block.span.begin + static_cast<uint32_t>(groups[0].size());
    }
    return 0;
  }
  return 0;
}

bool SegmentStage::keeps_sentence_open(std::string_view before, std::string_view after) const {
  while (!before.empty() && is_space(before.back())) before.remove_suffix(1);
  const size_t space = before.find_last_of(" \t\n(\"'");
  const std::string_view word = space == std::string_view::npos ? before : before.substr(space + 1);
  if (word.empty() || word.back() != '.') return false;
  size_t k = 0;
  while (k < after.size() && is_space(after[k])) ++k;
  const bool capital_next = k < after.size() && u_isupper(first_code_point(after.substr(k)));
  if (auto it = abbreviations_.find(word); it != abbreviations_.end())
    return it->second != AbbreviationKind::acronym || !capital_next;
  // An initial ("K. Tokayev"): one capital letter and a dot.
  int len = 0;
  if (word.size() >= 2) {
    const char32_t cp = decode_utf8(word, 0, &len);
    if (static_cast<size_t>(len) + 1 == word.size() && u_isupper(cp)) return true;
  }
  return false;
}

void SegmentStage::split_sentences(Document& doc, uint32_t dateline_end) const {
  const std::string_view text = doc.view();
  std::vector<int32_t> breaks;
  for (size_t b = 0; b < doc.blocks.size(); ++b) {
    const Span block = doc.blocks[b].span;
    const std::string_view line = text.substr(block.begin, block.size());
    breaks::sentence_breaks(line, breaks);
    int32_t start = 0;
    for (const int32_t end : breaks) {
      if (end < static_cast<int32_t>(line.size()) &&
          (block.begin + end < dateline_end || keeps_sentence_open(line.substr(start, end - start), line.substr(end))))
        continue;
      const Span span = trimmed(text, block.begin + start, block.begin + end);
      if (!span.empty()) doc.sentences.push_back({span, static_cast<int>(b)});
      start = end;
    }
  }
}

void SegmentStage::split_tokens(Document& doc) const {
  const std::string_view text = doc.view();
  doc.tokens.reserve(text.size() / 5);
  breaks::tokens(text, doc.tokens);
}

}  // namespace hustings
