// Regex classes cut to their ASCII members ([A-Z] for \p{Lu}): on a text of ASCII characters
// only, a pattern so cut finds the same matches and groups as the pattern, with a far smaller
// program (a class can only match characters of the text). Shared by the stages that keep an
// ASCII program beside the full one (places, quotes); regex_class_end also by the parties
// prefilter, which reads pattern text.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace hustings {

// The end of the class that opens at re[i] ([^]...], [[:alpha:]], [\p{Lu}.]), or npos.
size_t regex_class_end(std::string_view re, size_t i);

// The ASCII members of classes ([^,.;:!?"], \p{Lu}, .), asked of RE2 once per class and flags.
class AsciiClasses {
 public:
  // `pattern` with every class cut to its ASCII members (the same matches on a text of ASCII
  // characters only); `cut` tells whether any class was. A class RE2 cannot read alone is left.
  std::string cut(const std::string& pattern, bool& cut);
  // The ASCII characters `token` matches with the flags ("i", "s", "is" or ""), as a class of
  // \x{..} ranges; "" when RE2 cannot read the token alone.
  const std::string& members(const std::string& token, const std::string& flags);

 private:
  std::map<std::string, std::string> known_;
};

}  // namespace hustings
