#include "stages/normalize/normalize.h"

#include <cstdlib>
#include <numeric>

#include <utf8proc.h>

#include "pipeline/utf8.h"

namespace hustings {

NormalizeStage::NormalizeStage(const RuleLocator& rules) {
  const auto table = TsvTable::load(rules.language("fold.tsv"), {"char", "folded"});
  for (const auto& row : table.rows()) {
    const std::string& code = table.required(row, "char");
    if (code.size() < 6 || code.substr(0, 2) != "U+")
      table.fail(row, "char must be written U+XXXX, found '" + code + "'");
    char* end = nullptr;
    const unsigned long cp = std::strtoul(code.c_str() + 2, &end, 16);
    if (*end != '\0' || cp > 0x10FFFF) table.fail(row, "bad code point '" + code + "'");
    std::string folded = table.cell(row, "folded");
    if (folded.size() >= 6 && folded.substr(0, 2) == "U+") {
      const unsigned long to = std::strtoul(folded.c_str() + 2, &end, 16);
      if (*end != '\0' || to > 0x10FFFF) table.fail(row, "bad code point '" + folded + "'");
      folded.clear();
      append_utf8(folded, static_cast<char32_t>(to));
    }
    if (!fold_.emplace(static_cast<char32_t>(cp), folded).second)
      table.fail(row, "duplicate char " + code);
    if (cp < 0x80) ascii_folded_[cp] = true;
  }
}

NormalizedText NormalizeStage::normalize(std::string_view s) const {
  NormalizedText out;
  out.view.reserve(s.size());
  out.to_original.reserve(s.size() + 1);
  const auto emit = [&](char32_t cp, uint32_t origin) {
    if (auto it = fold_.find(cp); it != fold_.end())
      out.view += it->second;
    else
      append_utf8(out.view, cp);
    out.to_original.resize(out.view.size(), origin);
  };
  size_t i = 0;
  while (i < s.size()) {
    // A run of plain ASCII is copied at once, each byte its own origin; its last byte is left
    // out when a non-ASCII byte follows (it may be a combining mark).
    size_t run = i;
    while (run < s.size() && static_cast<unsigned char>(s[run]) < 0x80 && !ascii_folded_[static_cast<unsigned char>(s[run])]) ++run;
    if (run < s.size() && static_cast<unsigned char>(s[run]) >= 0x80 && run > i) --run;
    if (run > i) {
      out.view.append(s.data() + i, run - i);
      const size_t from = out.to_original.size();
      out.to_original.resize(from + (run - i));
      std::iota(out.to_original.begin() + static_cast<std::ptrdiff_t>(from), out.to_original.end(), static_cast<uint32_t>(i));
      i = run;
      continue;
    }
    // An ASCII character fold.tsv folds (any other ASCII byte here has a mark after it).
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const bool mark_follows = i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80;
    if (c < 0x80 && !mark_follows) {
      emit(c, i);
      ++i;
      continue;
    }
    // A cluster: one starter and the combining marks after it, normalized together.
    const size_t start = i;
    int len = 0;
    char32_t cp = decode_utf8(s, i, &len);
    i += len;
    bool simple = !(cp < 0x80 && ascii_folded_[cp]) && utf8proc_get_property(cp)->decomp_seqindex == UINT16_MAX;
    while (i < s.size() && static_cast<unsigned char>(s[i]) >= 0x80) {
      const char32_t next = decode_utf8(s, i, &len);
      if (utf8proc_get_property(next)->combining_class == 0) break;
      simple = false;
      i += len;
    }
    if (simple) {
      emit(cp, start);
      continue;
    }
    utf8proc_uint8_t* nfc = nullptr;
    const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + start), i - start, &nfc,
                                static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (n < 0) {  // cannot happen on repaired UTF-8; keep the bytes
      for (size_t k = start; k < i; ++k) {
        out.view += s[k];
        out.to_original.push_back(start);
      }
      continue;
    }
    const std::string_view cluster(reinterpret_cast<const char*>(nfc), n);
    for (size_t k = 0; k < cluster.size(); k += len) emit(decode_utf8(cluster, k, &len), start);
    std::free(nfc);
  }
  out.to_original.push_back(s.size());
  return out;
}

void NormalizeStage::run(Document& doc) const {
  auto normalized = normalize(doc.original());
  doc.set_view(std::move(normalized.view), std::move(normalized.to_original));
}

}  // namespace hustings
