#include "stages/parties/matching.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

#include <re2/re2.h>

#include "pipeline/utf8.h"
#include "stages/parties/prefilter.h"

namespace hustings::matching {

namespace {
bool is_macro_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

// Code point ending just before byte `pos` (0 when none).
char32_t cp_before(std::string_view text, size_t pos) {
  if (pos == 0) return 0;
  size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  int len = 0;
  return decode_utf8(text, start, &len);
}
char32_t cp_at(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  int len = 0;
  return decode_utf8(text, pos, &len);
}
}  // namespace

std::string expand_macros(const TsvTable& table, const TsvRow& row, std::string_view pattern,
                          const std::map<std::string, std::string>& macros) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const bool unicode_class = i >= 2 && pattern[i - 2] == '\\' && (pattern[i - 1] == 'p' || pattern[i - 1] == 'P' || pattern[i - 1] == 'x');
    if (!unicode_class && pattern[i] == '{' && i + 1 < pattern.size() && pattern[i + 1] >= 'A' && pattern[i + 1] <= 'Z') {
      size_t j = i + 1;
      while (j < pattern.size() && is_macro_char(pattern[j])) ++j;
      if (j < pattern.size() && pattern[j] == '}') {
        const std::string id(pattern.substr(i + 1, j - i - 1));
        auto it = macros.find(id);
        if (it == macros.end()) table.fail(row, "unknown macro {" + id + "}");
        out += "(?:" + it->second + ")";
        i = j;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

std::unique_ptr<re2::RE2> compile(const TsvTable& table, const TsvRow& row, const std::string& pattern,
                                  bool may_be_empty) {
  auto re = std::make_unique<re2::RE2>(pattern, pattern_options());
  if (!re->ok()) table.fail(row, "invalid RE2 pattern: " + re->error());
  if (!may_be_empty && RE2::FullMatch("", *re)) table.fail(row, "pattern matches the empty string");
  return re;
}

int group_index(const re2::RE2& re, const std::string& name) {
  const auto& groups = re.NamedCapturingGroups();
  auto it = groups.find(name);
  return it == groups.end() ? -1 : it->second;
}

Folded fold_case(std::string_view text) {
  Folded f;
  f.text.reserve(text.size());
  f.to_source.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // a run of ASCII: itself but for A-Z
      size_t end = i;
      while (end < text.size() && static_cast<unsigned char>(text[end]) < 0x80) ++end;
      const size_t at = f.text.size();
      f.text.resize(at + (end - i));
      f.to_source.resize(at + (end - i));
      for (size_t k = 0; k < end - i; ++k) {
        const char c = text[i + k];
        f.text[at + k] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
        f.to_source[at + k] = static_cast<uint32_t>(i + k);
      }
      i = end;
      continue;
    }
    int len = 0;
    const char32_t cp = decode_utf8(text, i, &len);
    const size_t before = f.text.size();
    append_utf8(f.text, static_cast<char32_t>(u_foldCase(static_cast<UChar32>(cp), U_FOLD_CASE_DEFAULT)));
    f.to_source.insert(f.to_source.end(), f.text.size() - before, static_cast<uint32_t>(i));
    i += static_cast<size_t>(len > 0 ? len : 1);
  }
  f.to_source.push_back(static_cast<uint32_t>(text.size()));
  return f;
}

std::string fold_case_string(std::string_view text) { return fold_case(text).text; }

std::string lower(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool is_word_char(char32_t cp) { return cp != 0 && (u_isalpha(static_cast<UChar32>(cp)) || u_isdigit(static_cast<UChar32>(cp))); }

bool at_word_bounds(std::string_view text, size_t begin, size_t end) {
  const char32_t before = cp_before(text, begin);
  const char32_t after = cp_at(text, end);
  if (is_word_char(before) || is_word_char(after)) return false;
  if (before == '-' && is_word_char(cp_before(text, begin - 1))) return false;
  if (after == '-' && is_word_char(cp_at(text, end + 1))) return false;
  return true;
}

bool starts_upper(std::string_view text) {
  const char32_t cp = cp_at(text, 0);
  return u_isupper(static_cast<UChar32>(cp)) || u_istitle(static_cast<UChar32>(cp));
}

size_t next_char(std::string_view text, size_t pos) {
  ++pos;
  while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  return pos;
}

bool is_named(const PartyMention& m) { return m.how == "alias" || m.how == "pattern"; }

std::string section_party(const Document& doc, int section) {
  if (section < 0 || section >= static_cast<int>(doc.sections.size())) return {};
  const int heading = doc.sections[section].heading_block;
  if (heading < 0) return {};
  const Span span = doc.blocks[heading].span;
  for (const auto& m : doc.party_mentions)
    if (is_named(m) && span.contains(m.span)) return m.party;
  return {};
}

std::string recent_party(const Document& doc, uint32_t offset, bool named_only, uint32_t not_before) {
  const auto& ms = doc.party_mentions;
  auto it = std::lower_bound(ms.begin(), ms.end(), offset,
                             [](const PartyMention& m, uint32_t o) { return m.span.begin < o; });
  while (it != ms.begin()) {
    --it;
    if (it->span.begin < not_before) break;
    if (!named_only || is_named(*it)) return it->party;
  }
  return {};
}

uint32_t previous_paragraph_start(const Document& doc, uint32_t offset) {
  int b = doc.block_at(offset);
  if (b < 0) return 0;
  const auto paragraph_start = [&](int i) {
    while (i > 0 && !doc.blocks[i].paragraph_start) --i;
    return i;
  };
  const int current = paragraph_start(b);
  return doc.blocks[current > 0 ? paragraph_start(current - 1) : current].span.begin;
}

}  // namespace hustings::matching
