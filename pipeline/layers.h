// The typed span layers of a Document. Each layer is written by exactly one stage (see the
// stage's adds()) and only read by the stages after it. Every Span is a half-open byte range
// into the document's matching view; Document::surface() gives the original text back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hustings {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool empty() const { return begin >= end; }
  bool contains(const Span& o) const { return begin <= o.begin && o.end <= end; }
  bool overlaps(const Span& o) const { return begin < o.end && o.begin < end; }
  bool operator==(const Span&) const = default;
};

// segment: lines of the article, each with what it is.
enum class BlockKind : uint8_t { title, body, heading, caption, boilerplate };
const char* block_kind_name(BlockKind kind);

struct Block {
  Span span;
  BlockKind kind = BlockKind::body;
  int section = -1;          // index into sections, -1 before the first heading
  bool paragraph_start = true;  // false when the previous line was not blank (same paragraph)
};

// A heading opens a section that runs to the next heading.
struct Section {
  int heading_block = -1;
  Span span;  // from the heading to the end of the section's last block
};

struct Sentence {
  Span span;
  int block = -1;
};

enum class TokenKind : uint8_t { word, number, punct };
struct Token {
  uint32_t begin = 0;
  uint32_t end = 0;
  TokenKind kind = TokenKind::word;
};

// parties: one mention of a party, and how it was resolved.
struct PartyMention {
  Span span;
  std::string party;  // pack id
  std::string how;    // alias, pattern, section, recent
  std::string rule;
};

struct PartyFacts {
  std::string party;  // pack id
  std::string name;   // canonical name
  std::optional<std::string> chair, program, slogan;
  std::vector<Span> spans;
  std::string rule;
};

// people: one person with every mention.
struct Person {
  std::string name;
  std::optional<std::string> party, role, role_text;
  std::vector<std::string> aliases;
  std::vector<Span> spans;
  std::string rule;
};

// dates: one temporal expression.
struct DateMention {
  Span span;
  std::optional<std::string> value;
  std::string kind = "date";  // date, time, duration, set
  std::string rule;
  std::string anchor;      // what the value was computed from
  std::string unresolved;  // why value is null, when it is
};

// places: one place mention resolved to the gazetteer.
struct PlaceMention {
  Span span;
  std::string name;  // canonical
  std::string kind;
  std::string id;
  std::string parent;  // canonical name of the parent unit, "" for none
  std::string rule;
};

// events: one campaign action.
struct Event {
  std::optional<std::string> party;
  std::string actor, action, action_text;
  std::optional<std::string> date, place;
  Span span;  // its sentence
  std::string rule;
};

// quotes: one direct (or indirect) quote.
struct Quote {
  Span span;  // first to last quoted character
  std::string text;
  std::optional<std::string> speaker;
  std::optional<Span> speaker_span;
  std::optional<std::string> party, date, place;
  bool partial = false;
  bool indirect = false;
  std::string rule;
};

}  // namespace hustings
