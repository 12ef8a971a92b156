#include "pipeline/utf8.h"

#include <cstdint>
#include <cstring>

namespace hustings {

namespace {
// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid (RFC 3629).
int valid_sequence_length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  const size_t left = s.size() - i;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return (left >= 2 && (b(i + 1) & 0xC0) == 0x80) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3) return 0;
    const unsigned char c1 = b(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogates
    return ((c1 & 0xC0) == 0x80 && (b(i + 2) & 0xC0) == 0x80) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4) return 0;
    const unsigned char c1 = b(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return 0;  // above U+10FFFF
    return ((c1 & 0xC0) == 0x80 && (b(i + 2) & 0xC0) == 0x80 && (b(i + 3) & 0xC0) == 0x80) ? 4
                                                                                              : 0;
  }
  return 0;
}
// Length of the maximal subpart of an invalid sequence at s[i] (Unicode 15, 3.9): the lead byte
// and the continuation bytes that could still have completed it; one U+FFFD replaces it, as
// Python's decode(errors="replace") does, so code-point offsets agree with Python's.
size_t maximal_subpart(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  int need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) need = 1;
  else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 1;
  }
  size_t k = 1;
  for (; k <= static_cast<size_t>(need) && i + k < s.size(); ++k) {
    const unsigned char b = static_cast<unsigned char>(s[i + k]);
    if (b < lo || b > hi) break;
    lo = 0x80;
    hi = 0xBF;
  }
  return k;
}

}  // namespace

Utf8Repair repair_utf8(std::string_view input) {
  Utf8Repair out;
  size_t i = 0;
  if (input.substr(0, 3) == "\xEF\xBB\xBF") {
    out.had_bom = true;
    i = 3;
  }
  out.text.reserve(input.size() - i);
  while (i < input.size()) {
    // Copy the longest valid ASCII run at once: the common case.
    const size_t j = i + ascii_prefix(input.substr(i));
    out.text.append(input.data() + i, j - i);
    i = j;
    if (i >= input.size()) break;
    const int len = valid_sequence_length(input, i);
    if (len > 0) {
      out.text.append(input.data() + i, len);
      i += len;
    } else {
      out.invalid_at.push_back(i);
      out.text += "\xEF\xBF\xBD";
      i += maximal_subpart(input, i);
    }
  }
  return out;
}

char32_t decode_utf8(std::string_view s, size_t pos, int* len) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[pos + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  if (c < 0xE0) {
    *len = 2;
    return ((c & 0x1F) << 6) | (b(1) & 0x3F);
  }
  if (c < 0xF0) {
    *len = 3;
    return ((c & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  }
  *len = 4;
  return ((c & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

size_t count_code_points(std::string_view s) {
  // Every byte but continuation bytes (10xxxxxx) starts a code point; eight bytes at a time.
  // Each byte of `flags` is 0 or 1, so one multiplication sums them into the top byte (without
  // -mpopcnt, std::popcount is a call into libgcc).
  size_t continuation = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    const uint64_t flags = (w >> 7) & ~(w >> 6) & 0x0101010101010101ull;
    continuation += static_cast<size_t>((flags * 0x0101010101010101ull) >> 56);
  }
  for (; i < s.size(); ++i) continuation += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return s.size() - continuation;
}

size_t ascii_prefix(std::string_view s) {
  size_t i = 0;
  for (uint64_t w; i + 8 <= s.size(); i += 8) {  // eight bytes at a time
    std::memcpy(&w, s.data() + i, 8);
    if (w & 0x8080808080808080ull) break;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

bool is_ascii(std::string_view s) { return ascii_prefix(s) == s.size(); }

}  // namespace hustings
