// Quotation marks: pairs the opening and closing marks of a document into quoted spans.
//
// Works on the matching view, where curly marks are folded to " and '. Whether a mark opens or
// closes is read from its context (a space or line start before it and a letter after it opens;
// a letter or punctuation before it and a space, punctuation or line end after it closes); a
// curly mark's glyph (doc.surface) decides when the context does not; a mark between two spaces
// is stray. Single marks count as quotes only outside double-quoted spans, and never between
// two letters (an apostrophe). A quote inside another quote is part of it, not a quote of its own.
//
// A quote closes within its paragraph, or runs over several paragraphs by the news convention:
// an opening mark on each paragraph, the closing mark only on the last. A quote that does not
// close is dropped and reported in `unclosed` (it never swallows the rest of the article).
// Linear in the number of marks.
#pragma once

#include <vector>

#include "pipeline/document.h"

namespace hustings {

struct QuotedSpan {
  std::vector<Span> parts;  // the quoted words of each paragraph, trimmed; never empty
  uint32_t open = 0;        // the first opening mark
  uint32_t close = 0;       // the last closing mark (the mark itself is [close, close + 1))
  int first_block = -1, last_block = -1;
  char mark = '"';          // '"' or '\''
  Span span() const { return {parts.front().begin, parts.back().end}; }
};

struct MarkScan {
  std::vector<QuotedSpan> quotes;  // in text order
  std::vector<uint32_t> unclosed;  // view offsets of opening marks that never closed
};

// Blocks scanned: body and caption lines.
MarkScan find_quoted_spans(const Document& doc);

}  // namespace hustings
