#include "stages/segment/breaks.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <array>
#include <memory>
#include <stdexcept>
#include <string>

namespace hustings::breaks {

namespace {

// ICU break iterators are not thread-safe: each thread clones its own from one prototype,
// once, instead of building one per document.
icu::BreakIterator& thread_iterator(bool sentence) {
  struct Prototypes {
    std::unique_ptr<icu::BreakIterator> sentence, word;
    Prototypes() {
      UErrorCode status = U_ZERO_ERROR;
      sentence.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getUS(), status));
      word.reset(icu::BreakIterator::createWordInstance(icu::Locale::getUS(), status));
      if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU break iterator: ") + u_errorName(status));
    }
  };
  static const Prototypes prototypes;
  thread_local std::unique_ptr<icu::BreakIterator> sentence_it(prototypes.sentence->clone());
  thread_local std::unique_ptr<icu::BreakIterator> word_it(prototypes.word->clone());
  return sentence ? *sentence_it : *word_it;
}

// Points `it` at `text`; the caller closes the returned UText.
UText open_text(icu::BreakIterator& it, std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
  it.setText(&ut, status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU break iterator: ") + u_errorName(status));
  return ut;
}

// Word_Break classes as the rules of ICU's word iterator use them; `unknown` sends the stretch
// to ICU. A single quote joins like MidNumLet (WB6, WB7, WB11, WB12); `space` is the whitespace
// the stage drops (space, tab, CR, LF).
enum class Word : uint8_t { unknown, space, letter, digit, underscore, mid_num_let, mid_num, other };
// Sentence_Break classes; CR and LF (paragraph separators) are left to ICU.
enum class Sent : uint8_t { unknown, upper, lower, numeric, aterm, sterm, close, scontinue, sp, other };

// Four bytes so that it is passed in a register.
struct alignas(4) CharClass {
  Word word;
  Sent sent;
  uint8_t length;  // UTF-8 bytes
};

constexpr std::array<CharClass, 128> ascii_classes() {
  std::array<CharClass, 128> t{};
  for (int c = 0; c < 128; ++c) t[c] = {Word::other, Sent::other, 1};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = {Word::letter, Sent::lower, 1};
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = {Word::letter, Sent::upper, 1};
  for (int c = '0'; c <= '9'; ++c) t[c] = {Word::digit, Sent::numeric, 1};
  t[' '] = t['\t'] = {Word::space, Sent::sp, 1};
  t['\r'] = t['\n'] = {Word::space, Sent::unknown, 1};
  t['\v'] = t['\f'] = {Word::other, Sent::sp, 1};  // word Newline: a break on either side, like other
  t['_'] = {Word::underscore, Sent::other, 1};
  t['.'] = {Word::mid_num_let, Sent::aterm, 1};
  t['\''] = {Word::mid_num_let, Sent::close, 1};
  t[','] = {Word::mid_num, Sent::scontinue, 1};
  t[';'] = {Word::mid_num, Sent::other, 1};
  t[':'] = {Word::other, Sent::scontinue, 1};  // ICU's root rules drop ':' from MidLetter
  t['-'] = {Word::other, Sent::scontinue, 1};
  t['!'] = t['?'] = {Word::other, Sent::sterm, 1};
  for (const char c : {'"', '(', ')', '[', ']', '{', '}'})
    t[static_cast<unsigned char>(c)] = {Word::other, Sent::close, 1};
  return t;
}
constexpr std::array<CharClass, 128> kAscii = ascii_classes();

constexpr std::array<bool, 256> ascii_letters() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 128; ++c) t[c] = kAscii[c].word == Word::letter;
  return t;
}
constexpr std::array<bool, 256> kAsciiLetter = ascii_letters();

// ASCII bytes that neither end a sentence nor need ICU: the sentence scanner skips them.
constexpr std::array<bool, 256> sentence_fillers() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 128; ++c)
    t[c] = kAscii[c].sent != Sent::aterm && kAscii[c].sent != Sent::sterm && kAscii[c].sent != Sent::unknown;
  return t;
}
constexpr std::array<bool, 256> kSentenceFiller = sentence_fillers();

CharClass classify_non_ascii(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  if (byte(i) == 0xC2 && i + 1 < s.size() && byte(i + 1) == 0xA0) return {Word::other, Sent::sp, 2};  // NBSP
  if (byte(i) == 0xE2 && i + 2 < s.size() && byte(i + 1) == 0x80) {
    switch (byte(i + 2)) {
      case 0x93: case 0x94: return {Word::other, Sent::scontinue, 3};     // – —
      case 0x98: case 0x99: return {Word::mid_num_let, Sent::close, 3};   // ‘ ’
      case 0x9C: case 0x9D: return {Word::other, Sent::close, 3};         // “ ”
      case 0xA6: return {Word::other, Sent::other, 3};                    // …
    }
  }
  return {Word::unknown, Sent::unknown, 1};
}

inline CharClass classify(std::string_view s, size_t i) {
  const unsigned char byte = s[i];
  // A constant length keeps the scanning loops free of a dependency on the table load.
  if (byte < 0x80) [[likely]] return {kAscii[byte].word, kAscii[byte].sent, 1};
  return classify_non_ascii(s, i);
}

bool joins(Word w) { return w == Word::letter || w == Word::digit || w == Word::underscore; }

// Tokenizes text from `begin` up to the next whitespace and returns where it stopped, or npos
// at a character it does not know.
size_t scan_word_chunk(std::string_view text, size_t begin, std::vector<Token>& out) {
  const size_t end = text.size();
  size_t i = begin;
  while (i < end) {
    const CharClass c = classify(text, i);
    if (c.word == Word::space) break;
    if (c.word == Word::unknown) return std::string_view::npos;
    const size_t start = i;
    i += c.length;
    if (!joins(c.word)) {
      out.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i), TokenKind::punct});
      continue;
    }
    // Letters, digits and '_' all join (WB5, WB8-WB10, WB13a/b); a mid character joins two
    // letters (MidNumLet) or two digits (MidNum, MidNumLet) (WB6/7, WB11/12).
    Word last = c.word, before_last = Word::other;
    while (i < end) {
      if (last == Word::letter && kAsciiLetter[static_cast<unsigned char>(text[i])]) {  // the common case
        before_last = last;
        ++i;
        continue;
      }
      const CharClass d = classify(text, i);
      if (joins(d.word)) {
        before_last = last;
        last = d.word;
        i += d.length;
        continue;
      }
      if ((d.word == Word::mid_num_let || (d.word == Word::mid_num && last == Word::digit)) &&
          (last == Word::letter || last == Word::digit) && i + d.length < end) {
        const CharClass e = classify(text, i + d.length);
        if (e.word == last) {
          i += d.length + e.length;
          continue;
        }
      }
      break;
    }
    // The rule status is that of the rule ending the token: letter 200, digit 100, and for
    // '_' (WB13a) that of the character before it; a lone '_' matches no tagged rule.
    TokenKind kind = TokenKind::word;
    if (last == Word::digit || (last == Word::underscore && before_last == Word::digit)) kind = TokenKind::number;
    else if (last == Word::underscore && i - start == 1) kind = TokenKind::punct;
    out.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i), kind});
  }
  return i;
}

// SB8: after "ATerm Close* Sp*", is the next letter (skipping all but letters and terminators)
// lowercase?
bool lower_follows(std::string_view line, size_t i) {
  while (i < line.size()) {
    const CharClass c = classify(line, i);
    switch (c.sent) {
      case Sent::lower: return true;
      case Sent::upper: case Sent::aterm: case Sent::sterm: case Sent::unknown: return false;
      default: i += c.length;
    }
  }
  return false;
}

// Breaks `line` by UAX #29's sentence rules, or returns false at a character it does not know.
// Only a terminator (SB6-SB11) can end a sentence before the end of the line.
bool scan_sentences(std::string_view line, std::vector<int32_t>& out) {
  const size_t n = line.size();
  for (size_t i = 0; i < n;) {
    while (i < n && kSentenceFiller[static_cast<unsigned char>(line[i])]) ++i;
    if (i == n) break;
    const CharClass c = classify(line, i);
    if (c.sent == Sent::unknown) return false;
    if (c.sent != Sent::aterm && c.sent != Sent::sterm) {
      i += c.length;
      continue;
    }
    const size_t after_term = i + c.length;
    size_t p = after_term;
    CharClass next{};
    while (p < n && (next = classify(line, p)).sent == Sent::close) p += next.length;  // SB9
    while (p < n && (next = classify(line, p)).sent == Sent::sp) p += next.length;     // SB10
    if (p == n) break;
    if (next.sent == Sent::unknown) return false;
    bool open = next.sent == Sent::scontinue || next.sent == Sent::aterm || next.sent == Sent::sterm;  // SB8a
    if (!open && c.sent == Sent::aterm) {
      if (p == after_term) {
        const unsigned char before = i > 0 ? line[i - 1] : ' ';
        const bool letter_before = before < 0x80 && kAscii[before].word == Word::letter;
        open = next.sent == Sent::numeric || (next.sent == Sent::upper && letter_before);  // SB6, SB7
      }
      open = open || lower_follows(line, p);  // SB8
    }
    if (!open) out.push_back(static_cast<int32_t>(p));  // SB11
    i = p;
  }
  out.push_back(static_cast<int32_t>(n));
  return true;
}

}  // namespace

void icu_tokens(std::string_view text, uint32_t base, std::vector<Token>& out) {
  if (text.empty()) return;
  icu::BreakIterator& it = thread_iterator(false);
  UText ut = open_text(it, text);
  int32_t start = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
    const int32_t status = it.getRuleStatus();
    TokenKind kind;
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) {
      kind = TokenKind::number;
    } else if (status >= UBRK_WORD_LETTER) {
      kind = TokenKind::word;
    } else {
      bool all_space = true;
      for (int32_t k = start; k < end && all_space; ++k) all_space = is_space(text[k]);
      if (all_space) continue;
      kind = TokenKind::punct;
    }
    out.push_back({base + static_cast<uint32_t>(start), base + static_cast<uint32_t>(end), kind});
  }
  utext_close(&ut);
}

// Whitespace-separated chunks are independent: ICU breaks before every run of whitespace, and
// after it unless an Extend or Format character follows (WB4) — which the scanner does not
// know, so ICU gets that chunk together with the whitespace before it.
void tokens(std::string_view text, std::vector<Token>& out) {
  for (size_t i = 0; i < text.size();) {
    const size_t space = i;
    while (i < text.size() && is_space(text[i])) ++i;
    const size_t mark = out.size();
    size_t end = scan_word_chunk(text, i, out);
    if (end == std::string_view::npos) {
      out.resize(mark);
      end = i;
      while (end < text.size() && !is_space(text[end])) ++end;
      icu_tokens(text.substr(space, end - space), static_cast<uint32_t>(space), out);
    }
    i = end;
  }
}

void icu_sentence_breaks(std::string_view line, std::vector<int32_t>& out) {
  out.clear();
  if (line.empty()) return;
  icu::BreakIterator& it = thread_iterator(true);
  UText ut = open_text(it, line);
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; end = it.next()) out.push_back(end);
  utext_close(&ut);
}

void sentence_breaks(std::string_view line, std::vector<int32_t>& out) {
  out.clear();
  if (line.empty()) return;
  if (!scan_sentences(line, out)) icu_sentence_breaks(line, out);
}

std::string title_case(std::string_view upper) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(upper.data(), upper.size()));
  u.toTitle(&thread_iterator(false), icu::Locale::getUS());
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace hustings::breaks
