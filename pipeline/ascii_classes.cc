#include "pipeline/ascii_classes.h"

#include <unicode/uchar.h>

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iterator>

namespace hustings {

size_t regex_class_end(std::string_view re, size_t i) {
  ++i;
  if (i < re.size() && re[i] == '^') ++i;
  if (i < re.size() && re[i] == ']') ++i;
  while (i < re.size()) {
    if (re[i] == '\\') {
      i += 2;
    } else if (re[i] == '[' && i + 1 < re.size() && re[i + 1] == ':') {
      const size_t close = re.find(":]", i + 2);
      if (close == std::string_view::npos) return close;
      i = close + 2;
    } else if (re[i] == ']') {
      return i + 1;
    } else {
      ++i;
    }
  }
  return std::string_view::npos;
}

namespace {

// The ASCII members of a Unicode class `token` that names a general category (\p{Lu}, \pL,
// \P{Lu}, \p{^Lu}, \p{Any}), by ICU: on ASCII the categories are those of every Unicode version,
// RE2's included. As ranges for a bracket, "" for any other token (a script: \p{Greek}).
std::string category_members(const std::string& token) {
  if (token.size() < 3 || token[0] != '\\' || (token[1] != 'p' && token[1] != 'P')) return "";
  bool negated = token[1] == 'P';
  std::string name = token.substr(2);
  if (name.size() > 2 && name.front() == '{' && name.back() == '}') name = name.substr(1, name.size() - 2);
  else if (name.size() != 1) return "";
  if (!name.empty() && name[0] == '^') {
    negated = !negated;
    name.erase(0, 1);
  }
  static const std::string_view kCategories[] = {
      "C",  "Cc", "Cf", "Co", "Cs", "L",  "Ll", "Lm", "Lo", "Lt", "Lu", "M",  "Mc",
      "Me", "Mn", "N",  "Nd", "Nl", "No", "P",  "Pc", "Pd", "Pe", "Pf", "Pi", "Po",
      "Ps", "S",  "Sc", "Sk", "Sm", "So", "Z",  "Zl", "Zp", "Zs", "Any"};
  if (std::find(std::begin(kCategories), std::end(kCategories), name) == std::end(kCategories)) return "";
  const int32_t mask = name == "Any" ? -1 : u_getPropertyValueEnum(UCHAR_GENERAL_CATEGORY_MASK, name.c_str());
  if (mask == UCHAR_INVALID_CODE) return "";
  std::string out;
  char buf[16];
  for (int c = 0; c < 0x80; ++c)
    if (((U_GET_GC_MASK(c) & static_cast<uint32_t>(mask)) != 0) != negated) {
      std::snprintf(buf, sizeof buf, "\\x{%x}", c);
      out += buf;
    }
  return out;
}

// A class token's end at `i` (after "\p" or "\P").
size_t property_end(const std::string& re, size_t i) {
  if (i + 2 >= re.size()) return std::string::npos;
  if (re[i + 2] != '{') return i + 3;
  const size_t close = re.find('}', i + 2);
  return close == std::string::npos ? close : close + 1;
}

}  // namespace

const std::string& AsciiClasses::members(const std::string& token, const std::string& flags) {
  const std::string key = flags + '\t' + token;
  const auto known = known_.find(key);
  if (known != known_.end()) return known->second;
  std::string& out = known_[key];
  // Asked of RE2, with the general categories in the token already cut by ICU (a UTF-8 program
  // of \p{L} alone takes half a millisecond to compile).
  std::string plain = token;
  if (flags.find('i') == std::string::npos) {
    plain.clear();
    for (size_t i = 0; i < token.size();) {
      if (token[i] == '\\' && i + 1 < token.size() && (token[i + 1] == 'p' || token[i + 1] == 'P')) {
        const size_t end = property_end(token, i);
        const std::string members = end == std::string::npos ? "" : category_members(token.substr(i, end - i));
        if (!members.empty()) {
          plain += token[0] == '[' ? members : "[" + members + "]";
          i = end;
          continue;
        }
      }
      if (token[i] == '\\' && i + 1 < token.size()) plain += token[i++];
      plain += token[i++];
    }
  }
  RE2::Options options;
  options.set_log_errors(false);
  const RE2 re("(?" + flags + ":" + plain + ")", options);
  if (!re.ok()) return out;
  std::vector<std::pair<int, int>> ranges;
  for (int c = 0; c < 0x80; ++c) {
    const char ch = static_cast<char>(c);
    if (!RE2::FullMatch(re2::StringPiece(&ch, 1), re)) continue;
    if (!ranges.empty() && ranges.back().second == c - 1)
      ranges.back().second = c;
    else
      ranges.emplace_back(c, c);
  }
  if (ranges.empty()) return out = "[^\\x00-\\x{10FFFF}]";
  out = "[";
  char buf[32];
  for (const auto& [lo, hi] : ranges) {
    std::snprintf(buf, sizeof buf, lo == hi ? "\\x{%x}" : "\\x{%x}-\\x{%x}", lo, hi);
    out += buf;
  }
  out += ']';
  return out;
}

// Case-insensitive (i) and dot-matches-newline (s) flags are followed through groups, as a class
// depends on them.
std::string AsciiClasses::cut(const std::string& re, bool& cut) {
  cut = false;
  if (re.find("\\Q") != std::string::npos || re.find("\\C") != std::string::npos) return re;
  std::string out;
  std::vector<std::string> flags{""};  // per open group: the flags among "is" that are on
  const auto add = [&](const std::string& token) {
    const std::string& members = this->members(token, flags.back());
    out += members.empty() ? token : members;
    cut = cut || !members.empty();
  };
  for (size_t i = 0; i < re.size();) {
    const char c = re[i];
    if (c == '(') {
      size_t j = i + 1;
      if (j < re.size() && re[j] == '?' && j + 1 < re.size() && re[j + 1] == 'P') {  // (?P<name>
        j = re.find('>', j);
        if (j == std::string::npos) return re;
      } else if (j < re.size() && re[j] == '?') {  // (?flags) or (?flags:
        std::string now = flags.back();
        bool on = true;
        for (++j; j < re.size() && (std::isalpha(static_cast<unsigned char>(re[j])) || re[j] == '-'); ++j) {
          if (re[j] == '-') on = false;
          if (re[j] != 'i' && re[j] != 's') continue;
          const size_t at = now.find(re[j]);
          if (on && at == std::string::npos) now += re[j];
          if (!on && at != std::string::npos) now.erase(at, 1);
        }
        std::sort(now.begin(), now.end());
        if (j >= re.size() || (re[j] != ')' && re[j] != ':')) return re;
        out.append(re, i, j + 1 - i);
        if (re[j] == ')')
          flags.back() = now;
        else
          flags.push_back(now);
        i = j + 1;
        continue;
      } else {
        j = i;
      }
      flags.push_back(flags.back());
      out.append(re, i, j + 1 - i);
      i = j + 1;
    } else if (c == ')') {
      if (flags.size() > 1) flags.pop_back();
      out += c;
      ++i;
    } else if (c == '[') {
      const size_t end = regex_class_end(re, i);
      if (end == std::string::npos) return re;
      add(re.substr(i, end - i));
      i = end;
    } else if (c == '.') {
      add(".");
      ++i;
    } else if (c == '\\' && i + 1 < re.size()) {
      const char e = re[i + 1];
      size_t end = i + 2;
      if (e == 'p' || e == 'P') {
        end = property_end(re, i);
        if (end == std::string::npos) return re;
      }
      if (e == 'p' || e == 'P' || e == 'D' || e == 'S' || e == 'W')
        add(re.substr(i, end - i));
      else
        out.append(re, i, end - i);
      i = end;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace hustings
