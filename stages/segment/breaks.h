// Word tokens and sentence breaks exactly as ICU's word and sentence BreakIterators (root
// rules, en_US) find them. The fast functions scan ASCII and the few non-ASCII punctuation
// marks common in news text (NBSP ‘ ’ “ ” – — …) by hand, and hand any stretch holding
// another character to ICU; tests/stages/segment_test.cc checks them against ICU.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/layers.h"

namespace hustings::breaks {

// The whitespace of a line's text (space, tab, CR, LF): what lines are trimmed of and tokens
// are not made of.
inline bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Appends the word tokens of `text` (offsets shifted by `base`), dropping whitespace-only ones.
// Rule status gives the kind: a number (1,000, 3.5, A1), a word (don't, U.S, 1st), else punct.
void icu_tokens(std::string_view text, uint32_t base, std::vector<Token>& out);
// Same result as icu_tokens(text, 0, out).
void tokens(std::string_view text, std::vector<Token>& out);

// Replaces `out` with the sentence break offsets of `line`, in order, ending with line.size()
// (none for an empty line).
void icu_sentence_breaks(std::string_view line, std::vector<int32_t>& out);
// Same result as icu_sentence_breaks.
void sentence_breaks(std::string_view line, std::vector<int32_t>& out);

// UnicodeString::toTitle for en_US, which splits at the same word breaks ("NUR-SULTAN" gives
// "Nur-Sultan"); it reuses this thread's word iterator rather than building one per call.
std::string title_case(std::string_view upper);

}  // namespace hustings::breaks
