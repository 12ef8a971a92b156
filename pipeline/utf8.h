// UTF-8 helpers: validation with repair, code-point iteration.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hustings {

// Replaces every invalid UTF-8 sequence (overlong forms, surrogates, truncated sequences,
// 0xFE/0xFF) with U+FFFD, one per maximal invalid subpart, and drops a leading BOM.
// Returns the byte offsets (in the input) of the invalid sequences found.
struct Utf8Repair {
  std::string text;
  std::vector<size_t> invalid_at;  // input byte offsets of the repaired sequences
  bool had_bom = false;
};
Utf8Repair repair_utf8(std::string_view input);

// Decodes the code point at `pos` of valid UTF-8 and returns its byte length in `len`.
char32_t decode_utf8(std::string_view s, size_t pos, int* len);
void append_utf8(std::string& out, char32_t cp);
size_t count_code_points(std::string_view s);
// The length of the run of bytes below 0x80 that `s` starts with, and whether that is all of it
// (fast paths for the ASCII text most articles are).
size_t ascii_prefix(std::string_view s);
bool is_ascii(std::string_view s);

}  // namespace hustings
