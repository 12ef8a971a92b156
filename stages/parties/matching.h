// Helpers shared by the parties and people stages: pattern macros, ICU case folding with an
// offset map, word boundaries, and the party context of a position ("the party" of a section,
// the most recently named party).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/rules.h"

namespace re2 {
class RE2;
}

namespace hustings::matching {

// Replaces every `{ID}` (ID: capital letters, digits, `_`) by `(?:macro)`; an unknown macro
// fails the row. RE2 repetitions (`{1,3}`), classes (`\p{Lu}`) and code points (`\x{C0}`)
// are left alone.
std::string expand_macros(const TsvTable& table, const TsvRow& row, std::string_view pattern,
                          const std::map<std::string, std::string>& macros);

// Compiles an expanded pattern with the checks of compile_rule_pattern (valid RE2, cannot match
// the empty string, unless `may_be_empty`: a macro may be optional); failures name the row.
std::unique_ptr<re2::RE2> compile(const TsvTable& table, const TsvRow& row, const std::string& pattern,
                                  bool may_be_empty = false);

// Index of a named group, or -1.
int group_index(const re2::RE2& re, const std::string& name);

// ICU simple case folding, code point by code point. `to_source[i]` is the offset in the input
// of folded byte i (one entry more for the end).
struct Folded {
  std::string text;
  std::vector<uint32_t> to_source;
};
Folded fold_case(std::string_view text);
std::string fold_case_string(std::string_view text);
// Lower-cased with ICU (root locale), for "is this word used as a common word" checks.
std::string lower(std::string_view text);

// Letters and digits (ICU) count as word characters.
bool is_word_char(char32_t cp);
// True when no word character touches [begin, end) in `text` (a hyphen followed or preceded by
// a letter also joins words: "Nur-Sultan").
bool at_word_bounds(std::string_view text, size_t begin, size_t end);
bool starts_upper(std::string_view text);
// The offset of the code point after the one at `pos`.
size_t next_char(std::string_view text, size_t pos);

// Party context. Both read doc.party_mentions, which must be sorted by position.
// The party first named in the heading of `section` ("" when none or section < 0).
std::string section_party(const Document& doc, int section);
// The party of the last mention starting in [not_before, offset) ("" when none); with
// `named_only`, only mentions by name (how = alias or pattern) count.
std::string recent_party(const Document& doc, uint32_t offset, bool named_only, uint32_t not_before = 0);
// Where the paragraph before the one holding `offset` begins (its own start when it is the
// first): the reach of an unstated affiliation.
uint32_t previous_paragraph_start(const Document& doc, uint32_t offset);
bool is_named(const PartyMention& m);

}  // namespace hustings::matching
