#include "stages/quotes/patterns.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string_view>

#include "pipeline/utf8.h"

namespace hustings::quotes_internal {

std::unique_ptr<re2::RE2> compile(const std::string& pattern, bool case_sensitive) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(case_sensitive);
  return std::make_unique<re2::RE2>(pattern, o);
}

size_t code_points(re2::StringPiece s) { return count_code_points(std::string_view(s.data(), s.size())); }

bool ascii_only(re2::StringPiece s) { return is_ascii(std::string_view(s.data(), s.size())); }

namespace {

// The quantifier at `i` (*, +, ?, {n}, {n,}, {n,m}, each maybe lazy): its length, or 0.
size_t quantifier(const std::string& re, size_t i, uint32_t& min, uint32_t& max, bool& lazy) {
  const size_t start = i;
  if (i >= re.size()) return 0;
  if (re[i] == '*' || re[i] == '+' || re[i] == '?') {
    min = re[i] == '+' ? 1 : 0;
    max = re[i] == '?' ? 1 : UINT32_MAX;
    ++i;
  } else if (re[i] == '{') {
    const auto number = [&](uint32_t& value) {
      const size_t from = i;
      value = 0;
      while (i < re.size() && re[i] >= '0' && re[i] <= '9' && i - from < 6)
        value = value * 10 + static_cast<uint32_t>(re[i++] - '0');
      return i > from;
    };
    ++i;
    if (!number(min)) return 0;
    max = min;
    if (i < re.size() && re[i] == ',') {
      ++i;
      if (!number(max)) max = UINT32_MAX;
    }
    if (i >= re.size() || re[i] != '}') return 0;
    ++i;
  } else {
    return 0;
  }
  lazy = i < re.size() && re[i] == '?';
  return i + (lazy ? 1 : 0) - start;
}

// Whether re[begin, end) is ^ then only group openings, none setting the flags m (^ at any line)
// or U (lazy and greedy swapped).
bool opens_pattern(const std::string& re, size_t begin, size_t end) {
  if (begin >= end || re[begin] != '^') return false;
  for (size_t i = begin + 1; i < end;) {
    if (re[i] != '(') return false;
    ++i;
    if (i < end && re[i] == '?') {
      if (i + 1 < end && re[i + 1] == 'P') {
        i = re.find('>', i);
        if (i == std::string::npos || i >= end) return false;
        ++i;
        continue;
      }
      ++i;
      while (i < end && (std::isalpha(static_cast<unsigned char>(re[i])) || re[i] == '-')) {
        if (re[i] == 'm' || re[i] == 'U') return false;
        ++i;
      }
      if (i >= end || (re[i] != ':' && re[i] != ')')) return false;
      ++i;
    }
  }
  return true;
}

// The closing parenthesis of the group that opens at `open`, or npos.
size_t group_end(const std::string& re, size_t open) {
  int depth = 0;
  for (size_t i = open; i < re.size();) {
    if (re[i] == '\\') {
      i += 2;
    } else if (re[i] == '[') {
      i = regex_class_end(re, i);
    } else {
      if (re[i] == '(') ++depth;
      if (re[i] == ')' && --depth == 0) return i;
      ++i;
    }
  }
  return std::string::npos;
}

}  // namespace

Unbounded unbound(const std::string& re, AsciiClasses& classes, std::map<std::string, bool>& matches_empty) {
  constexpr uint32_t kMinCount = 10;
  struct Group {
    size_t start = 0;
    bool repeats = false, alternates = false;
  };
  struct Repetition {
    size_t atom, quantifier, end;  // [atom, quantifier): the atom; [quantifier, end): {m,n}
    uint32_t min, max;
    bool lazy, character;
    std::vector<size_t> enclosing;  // groups, the outermost (the whole pattern) first
  };
  Unbounded out{re, re, {}};
  if (re.find("\\Q") != std::string::npos || re.find("\\C") != std::string::npos) return out;
  std::vector<Group> groups(1);  // [0]: the whole pattern
  std::vector<size_t> open{0};
  std::vector<Repetition> found;
  for (size_t i = 0; i < re.size();) {
    size_t atom = i;
    size_t group = 0;
    bool character = true;  // the atom matches one code point
    const char c = re[i];
    if (c == '(') {
      size_t j = i + 1;
      if (j < re.size() && re[j] == '?') {  // (?i) sets flags and is no group
        ++j;
        while (j < re.size() && (std::isalpha(static_cast<unsigned char>(re[j])) || re[j] == '-')) ++j;
        if (j < re.size() && re[j] == ')') {
          i = j + 1;
          continue;
        }
      }
      open.push_back(groups.size());
      groups.push_back({i});
      ++i;
      continue;
    }
    if (c == ')') {
      if (open.size() < 2) return out;  // invalid: RE2 says why
      group = open.back();
      open.pop_back();
      atom = groups[group].start;
      character = false;
      ++i;
    } else if (c == '|') {
      groups[open.back()].alternates = true;
      ++i;
      continue;
    } else if (c == '^' || c == '$') {
      ++i;
      continue;
    } else if (c == '[') {
      i = regex_class_end(re, i);
      if (i == std::string::npos) return out;
    } else if (c == '\\') {
      if (i + 1 >= re.size()) return out;
      const char e = re[i + 1];
      if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < re.size() && re[i + 2] == '{') {
        i = re.find('}', i + 2);
        if (i == std::string::npos) return out;
        ++i;
      } else if (e == 'p' || e == 'P') {
        i += 3;
      } else if (e == 'x') {
        i += 4;
      } else {
        character = std::string_view("bBAz").find(e) == std::string_view::npos && !(e >= '0' && e <= '9');
        i += 2;
      }
    } else {  // a literal character or .
      const auto u = static_cast<unsigned char>(c);
      i += u < 0x80 ? 1 : u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : 2;
    }
    i = std::min(i, re.size());
    uint32_t min = 0, max = 0;
    bool lazy = false;
    const size_t q = quantifier(re, i, min, max, lazy);
    if (!q) continue;
    if (group && max > 1) groups[group].repeats = true;
    if (max != UINT32_MAX && max >= kMinCount && min <= max) {
      bool ok = character;
      if (group) {  // a group that cannot match the empty string
        const std::string body = re.substr(atom, i - atom);
        const auto known = matches_empty.find(body);
        bool cut = false;  // whether it matches "" does not depend on what its classes hold
        ok = !(known != matches_empty.end()
                   ? known->second
                   : (matches_empty[body] = RE2::FullMatch("", *compile(classes.cut(body, cut)))));
      }
      if (ok) found.push_back({atom, i, i + q, min, max, lazy, character, open});
    }
    i += q;
  }
  if (open.size() != 1) return out;
  out.fast.clear();
  out.exact.clear();
  size_t at = 0;
  for (const auto& r : found) {
    if (r.atom < at || std::any_of(r.enclosing.begin(), r.enclosing.end(), [&](size_t g) { return groups[g].repeats; }))
      continue;
    Unbounded::Bound bound{"_b" + std::to_string(out.bounds.size()), r.max};
    bound.decisive = r.lazy && r.character && opens_pattern(re, 0, r.atom) &&
                     std::none_of(r.enclosing.begin(), r.enclosing.end(), [&](size_t g) { return groups[g].alternates; });
    const std::string open_group = "(?P<" + bound.group + ">" + re.substr(r.atom, r.quantifier - r.atom) + "{" +
                                   std::to_string(r.min) + ",";
    const std::string close_group = std::string(r.lazy ? "}?" : "}") + ")";
    out.fast += re.substr(at, r.atom - at) + open_group + close_group;
    out.exact += re.substr(at, r.atom - at) + open_group + std::to_string(r.max) + close_group;
    out.bounds.push_back(std::move(bound));
    at = r.end;
  }
  out.fast += re.substr(at);
  out.exact += re.substr(at);
  return out;
}

bool whole_group(const std::string& pattern) {
  return !pattern.empty() && pattern[0] == '(' && group_end(pattern, 0) + 1 == pattern.size();
}

Program::Program(std::string id, std::string pattern, AsciiClasses& classes, bool eager)
    : id_(std::move(id)), pattern_(std::move(pattern)) {
  ascii_pattern_ = classes.cut(pattern_, cut_);
  if (eager) ascii();
}

const re2::RE2& Program::ascii() const {
  std::call_once(ascii_once_, [this] {
    if (cut_) ascii_ = compile(ascii_pattern_);
    if (!cut_ || !ascii_->ok()) {  // nothing to cut, or a cut RE2 does not take: the pattern itself
      cut_ = false;
      ascii_ = compile(pattern_);
    }
  });
  return *ascii_;
}

const re2::RE2& Program::full() const {
  std::call_once(full_once_, [this] { full_ = compile(pattern_); });
  if (!full_->ok()) throw std::runtime_error("quotes pattern " + id_ + ": " + full_->error());
  return *full_;
}

int Program::group(const char* name) const {
  const auto& groups = ascii().NamedCapturingGroups();
  const auto it = groups.find(name);
  return it == groups.end() ? -1 : it->second;
}

const re2::RE2& Program::for_text(re2::StringPiece text) const {
  const re2::RE2& a = ascii();
  if (!a.ok()) throw std::runtime_error("quotes pattern " + id_ + ": " + a.error());
  return !cut_ || ascii_only(text) ? a : full();
}

}  // namespace hustings::quotes_internal
