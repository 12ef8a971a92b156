#include "stages/dates/date_rules.h"

#include <algorithm>
#include <set>

#include <re2/re2.h>
#include <unicode/unistr.h>

#include "pipeline/utf8.h"

namespace hustings::dates {

const std::array<std::string_view, kGroupCount> kGroupNames = {"m",      "year",   "year2",   "month", "month2", "day",
                                                               "day2",   "decade", "season",  "weekday", "hour", "minute",
                                                               "ampm",   "clock",  "number",  "unit"};

uint8_t DateWords::tense_flags(const std::string& word) const {
  uint8_t flags = 0;
  if (auto it = tense_items.find(word); it != tense_items.end()) flags = it->second;
  for (const auto& [ending, flag] : tense_endings)
    if (word.size() >= ending.size() + 3 && word.ends_with(ending)) flags |= flag;
  return flags;
}

std::string lower(std::string_view text) {
  // ASCII folds to its lower case; anything else goes through ICU.
  if (is_ascii(text)) {
    std::string out(text);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

namespace {

const std::set<std::string> kUnits = {"D", "W", "M", "Y", "DE", "CE", "H", "MIN"};
const std::set<std::string> kGranularities = {"D", "W", "M", "Y", "point", "unit"};

// [A-Z][A-Z0-9_]*
bool is_macro_name(std::string_view s) {
  if (s.empty() || s[0] < 'A' || s[0] > 'Z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool is_integer(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The words as a prefix tree ("Jan(?:uary)?" for "January|Jan"): the same matches as their
// alternation longest first, and a much smaller program. Two words that both match at a place
// are then one a prefix of the other, and both forms prefer the longer. Only for ASCII words
// whose single spaces match one whole run of white space, and whose letters are lower case
// unless the list is matched case-sensitively (two branches never fold to the same letter);
// nullopt otherwise.
struct TrieNode {
  std::map<char, TrieNode> next;
  bool end = false;
};

std::string trie_regex(const TrieNode& node) {
  std::vector<std::string> parts;
  for (const auto& [c, child] : node.next)
    parts.push_back((c == ' ' ? std::string("\\s+") : RE2::QuoteMeta(std::string(1, c))) + trie_regex(child));
  if (parts.empty()) return "";
  std::string body;
  for (const auto& part : parts) body += (body.empty() ? "" : "|") + part;
  if (parts.size() > 1 || node.end) body = "(?:" + body + ")";
  return node.end ? body + "?" : body;
}

std::optional<std::string> factored_alternation(const std::vector<std::string>& items, bool case_sensitive) {
  TrieNode root;
  for (const auto& item : items) {
    for (size_t i = 0; i < item.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(item[i]);
      if (c >= 0x80 || (c < 0x20 && c != ' ') || c == 0x7F) return std::nullopt;
      if (!case_sensitive && c >= 'A' && c <= 'Z') return std::nullopt;
      if (c == ' ' && (i == 0 || i + 1 == item.size() || item[i + 1] == ' ')) return std::nullopt;
    }
    TrieNode* node = &root;
    for (char c : item) node = &node->next[c];
    node->end = true;
  }
  return "(?:" + trie_regex(root) + ")";
}

// A word list as an RE2 alternation, longest first; spaces match any run of white space.
std::string alternation(std::vector<std::string> items, bool case_sensitive = false) {
  if (auto factored = factored_alternation(items, case_sensitive)) return *factored;
  std::sort(items.begin(), items.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  items.erase(std::unique(items.begin(), items.end()), items.end());
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += '|';
    size_t start = 0;
    while (start <= item.size()) {
      const size_t space = item.find(' ', start);
      out += RE2::QuoteMeta(item.substr(start, space == std::string::npos ? std::string::npos : space - start));
      if (space == std::string::npos) break;
      out += "\\s+";
      start = space + 1;
    }
  }
  return "(?:" + out + ")";
}

std::string title_case(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string upper_case(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

using Macros = std::map<std::string, std::string>;

void load_months(const RuleLocator& locator, DateWords& words, Macros& macros) {
  const TsvTable table = TsvTable::load(locator.language("months.tsv"), {"month", "names"});
  std::vector<std::string> spellings;
  for (const auto& row : table.rows()) {
    const std::string& month = table.required(row, "month");
    if (!is_integer(month) || std::stoi(month) < 1 || std::stoi(month) > 12) table.fail(row, "month must be 1 to 12");
    const auto names = split_list(table.required(row, "names"));
    if (names.empty()) table.fail(row, "empty names");
    for (const auto& name : names) {
      words.months[lower(name)] = std::stoi(month);
      spellings.push_back(title_case(name));
      spellings.push_back(upper_case(name));
    }
  }
  // Case-sensitive even inside (?i): "they march" and the modal "may" are not months.
  macros["MONTH"] = "(?-i:" + alternation(spellings, true) + ")";
}

void load_words(const RuleLocator& locator, DateWords& words, Macros& macros) {
  const TsvTable table = TsvTable::load(locator.language("date-words.tsv"), {"word", "kind", "value"});
  std::map<std::string, std::vector<std::string>> lists;
  std::vector<std::string> number_words;
  for (const auto& row : table.rows()) {
    const std::string word = lower(table.required(row, "word"));
    const std::string& kind = table.required(row, "kind");
    const std::string& value = table.cell(row, "value");
    if (kind == "number") {
      if (!is_integer(value)) table.fail(row, "a number needs an integer value");
      words.numbers[word] = value;
      number_words.push_back(word);
      continue;
    } else if (kind == "article") {
      if (value != "1") table.fail(row, "an article counts 1");
      words.numbers[word] = value;
    } else if (kind == "vague") {
      if (value != "X") table.fail(row, "a vague count has the value X");
      words.numbers[word] = value;
    } else if (kind == "unit") {
      if (!kUnits.count(value)) table.fail(row, "unit must be D, W, M, Y, DE, CE, H or MIN, found '" + value + "'");
      words.units[word] = value;
    } else if (kind == "weekday") {
      if (!is_integer(value) || std::stoi(value) < 1 || std::stoi(value) > 7) table.fail(row, "weekday must be 1 to 7");
      words.weekdays[word] = std::stoi(value);
    } else if (kind == "season") {
      if (value != "SP" && value != "SU" && value != "FA" && value != "WI") table.fail(row, "season must be SP, SU, FA or WI");
      words.seasons[word] = value;
    } else if (kind == "clock") {
      if (!RE2::FullMatch(value, "(?:[01]\\d|2[0-3]):[0-5]\\d")) table.fail(row, "clock value must be HH:MM");
      words.clocks[word] = value;
    } else if (kind == "future" || kind == "past" || kind == "not-past") {
      (kind == "future" ? words.future : kind == "past" ? words.past : words.not_past).push_back(word);
      continue;
    } else if (kind != "prep" && kind != "event") {
      table.fail(row, "unknown kind '" + kind + "'");
    }
    lists[kind].push_back(word);
  }
  const std::string numbers = alternation(number_words);
  macros["NUMBER"] = "(?:\\d{1,4}|" + numbers + "(?:-" + numbers + ")?)";
  const std::pair<const char*, const char*> kMacros[] = {{"ARTICLE", "article"}, {"VAGUE", "vague"},   {"UNIT", "unit"},
                                                         {"WEEKDAY", "weekday"}, {"SEASON", "season"}, {"CLOCK", "clock"},
                                                         {"PREP", "prep"},       {"EVENT", "event"}};
  for (const auto& [list, flag] : {std::pair{&words.future, DateWords::kFuture}, std::pair{&words.past, DateWords::kPast},
                                   std::pair{&words.not_past, DateWords::kNotPast}}) {
    for (const auto& item : *list) {
      words.tense_items[item] |= flag;
      words.tense_keys.set(DateWords::tense_key(item.front(), item.back(), item.size()));
      if (item[0] != '-') continue;
      words.tense_endings.emplace_back(item.substr(1), flag);
      if (item.size() == 1) words.tense_any = true;
      else words.tense_last.set(static_cast<unsigned char>(item.back()));
    }
  }
  for (const auto& [macro, kind] : kMacros) {
    if (lists[kind].empty()) throw RuleError(table.file(), 0, std::string("no word of kind '") + kind + "'");
    macros[macro] = alternation(lists[kind]);
  }
}

// Replaces each {NAME} (upper-case letters, digits, _) by its macro; RE2 counts like {1,2} stay.
std::string expand(const TsvTable& table, const TsvRow& row, const std::string& pattern, const Macros& macros) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
    if (close != std::string::npos && i + 1 < close && pattern[i + 1] >= 'A' && pattern[i + 1] <= 'Z') {
      const std::string name = pattern.substr(i + 1, close - i - 1);
      if (!is_macro_name(name)) {
        out += pattern[i];
        continue;
      }
      auto it = macros.find(name);
      if (it == macros.end()) table.fail(row, "unknown macro {" + name + "}");
      out += it->second;
      i = close;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

Arg parse_arg(const TsvTable& table, const TsvRow& row, std::string token, const std::set<std::string>& literals,
              const char* what) {
  Arg arg;
  if (!token.empty() && (token[0] == '-' || token[0] == '+') && token.size() > 1 && token[1] == '{') {
    arg.negate = token[0] == '-';
    token = token.substr(1);
  }
  if (token.size() > 2 && token.front() == '{' && token.back() == '}') {
    arg.group = token.substr(1, token.size() - 2);
  } else if (literals.count(token) || (literals.empty() && (is_integer(token) || token == "X"))) {
    arg.literal = token;
  } else {
    table.fail(row, std::string("bad ") + what + " '" + token + "'");
  }
  return arg;
}

void parse_value(const TsvTable& table, const TsvRow& row, DateRule& rule) {
  std::vector<std::string> t;
  const std::string& value = table.required(row, "value");
  for (size_t start = 0; start < value.size();) {
    const size_t space = value.find(' ', start);
    const std::string token = value.substr(start, space == std::string::npos ? std::string::npos : space - start);
    if (!token.empty()) t.push_back(token);
    if (space == std::string::npos) break;
    start = space + 1;
  }
  const std::string& op = t[0];
  auto arity = [&](size_t lo, size_t hi) {
    if (t.size() - 1 < lo || t.size() - 1 > hi) table.fail(row, "wrong number of arguments for '" + op + "'");
  };
  if (op == "literal") {
    arity(1, 1);
    rule.op = Op::literal;
    rule.mode = t[1];
  } else if (op == "date") {
    arity(0, 1);
    rule.op = Op::date;
    if (t.size() == 2) {
      if (t[1] != "year=this" && t[1] != "year=last" && t[1] != "year=next")
        table.fail(row, "date takes year=this, year=last or year=next");
      rule.mode = t[1].substr(5);
    }
  } else if (op == "weekday") {
    arity(0, 1);
    rule.op = Op::weekday;
    if (t.size() == 2 && t[1] != "last" && t[1] != "next") table.fail(row, "weekday takes last or next");
    if (t.size() == 2) rule.mode = t[1];
  } else if (op == "weekly" || op == "dom" || op == "time") {
    arity(0, 0);
    rule.op = op == "weekly" ? Op::weekly : op == "dom" ? Op::dom : Op::time;
  } else if (op == "shift") {
    arity(4, 4);
    rule.op = Op::shift;
    if (t[1] != "anchor" && t[1] != "ref") table.fail(row, "shift counts from anchor or ref");
    rule.mode = t[1];
    rule.count = parse_arg(table, row, t[2], {}, "count");
    rule.unit = parse_arg(table, row, t[3], kUnits, "unit");
    if (!kGranularities.count(t[4])) table.fail(row, "granularity must be D, W, M, Y, point or unit");
    rule.granularity = t[4];
  } else if (op == "period") {
    arity(2, 2);
    rule.op = Op::period;
    rule.count = parse_arg(table, row, t[1], {}, "count");
    rule.unit = parse_arg(table, row, t[2], kUnits, "unit");
  } else if (op == "election") {
    arity(1, 1);
    rule.op = Op::election;
    if (t[1] != "election_day" && t[1] != "campaign_start" && t[1] != "campaign_end")
      table.fail(row, "election takes election_day, campaign_start or campaign_end");
    rule.mode = t[1];
  } else {
    table.fail(row, "unknown normalization '" + op + "'");
  }
}

void check_groups(const TsvTable& table, const TsvRow& row, DateRule& rule) {
  for (const auto& [name, index] : rule.pattern->NamedCapturingGroups()) {
    if (name.rfind("not", 0) == 0) {
      rule.not_groups.push_back(index);
      continue;
    }
    const auto known = std::find(kGroupNames.begin(), kGroupNames.end(), name);
    if (known == kGroupNames.end()) table.fail(row, "unknown group '" + name + "'");
    rule.groups[name] = index;
    rule.slots[known - kGroupNames.begin()] = index;
    if (name == "m") rule.mention_group = index;
  }
  auto need = [&](std::initializer_list<const char*> any, const char* what) {
    for (const char* g : any)
      if (rule.groups.count(g)) return;
    table.fail(row, std::string("this normalization needs a group ") + what);
  };
  for (Arg* arg : {&rule.count, &rule.unit}) {
    if (arg->group.empty()) continue;
    if (!rule.groups.count(arg->group)) table.fail(row, "no group '" + arg->group + "'");
    arg->slot = static_cast<Group>(std::find(kGroupNames.begin(), kGroupNames.end(), arg->group) - kGroupNames.begin());
  }
  switch (rule.op) {
    case Op::date: need({"year", "month", "decade", "season"}, "year, month, decade or season"); break;
    case Op::weekday:
    case Op::weekly: need({"weekday"}, "weekday"); break;
    case Op::dom: need({"day"}, "day"); break;
    case Op::time: need({"hour", "clock"}, "hour or clock"); break;
    default: break;
  }
}

void load_patterns(const RuleLocator& locator, DateRuleSet& set, Macros& macros) {
  const TsvTable table = TsvTable::load(locator.language("dates.re2.tsv"), {"id", "kind", "value", "flags", "pattern"});
  std::set<std::string> ids;
  for (const auto& row : table.rows()) {
    const std::string& id = table.required(row, "id");
    const std::string& kind = table.required(row, "kind");
    if (kind == "macro") {
      if (!is_macro_name(id)) table.fail(row, "a macro name is upper-case: " + id);
      macros[id] = "(?:" + expand(table, row, table.required(row, "pattern"), macros) + ")";
      RE2::Options options;
      options.set_log_errors(false);
      RE2 check(macros[id], options);
      if (!check.ok()) table.fail(row, "invalid RE2 pattern: " + check.error());
      continue;
    }
    if (kind != "date" && kind != "time" && kind != "duration" && kind != "set")
      table.fail(row, "kind must be date, time, duration, set or macro, found '" + kind + "'");
    if (!ids.insert(id).second) table.fail(row, "duplicate rule id '" + id + "'");
    DateRule rule;
    rule.id = id;
    rule.kind = kind;
    rule.line = row.line;
    for (const auto& flag : split_list(table.cell(row, "flags"))) {
      if (flag == "publication") rule.publication = true;
      else if (flag == "in-quote") rule.in_quote = true;
      else if (flag == "outside-quote") rule.outside_quote = true;
      else table.fail(row, "unknown flag '" + flag + "'");
    }
    parse_value(table, row, rule);
    // Compile the expanded pattern; RE2's own error text names what is wrong.
    const std::string pattern = expand(table, row, table.required(row, "pattern"), macros);
    RE2::Options options;
    options.set_log_errors(false);
    rule.pattern = std::make_unique<RE2>(pattern, options);
    if (!rule.pattern->ok()) table.fail(row, "invalid RE2 pattern: " + rule.pattern->error());
    if (RE2::FullMatch("", *rule.pattern)) table.fail(row, "pattern matches the empty string");
    check_groups(table, row, rule);
    set.rules.push_back(std::move(rule));
  }
  if (set.rules.empty()) throw RuleError(table.file(), 0, "no date rule");
}

std::optional<Ymd> read_date(const TsvTable& table, const TsvRow& row, std::string_view column, bool required) {
  const std::string& cell = table.cell(row, column);
  if (cell.empty()) {
    if (required) table.fail(row, "empty " + std::string(column));
    return std::nullopt;
  }
  auto date = parse_iso_date(cell);
  if (!date || cell.size() != 10) table.fail(row, std::string(column) + " must be a YYYY-MM-DD date, found '" + cell + "'");
  return date;
}

void load_elections(const RuleLocator& locator, DateRuleSet& set) {
  const auto path = locator.pack("elections.tsv");
  if (!rule_file_exists(path)) return;
  set.elections_file = path.string();
  const TsvTable table =
      TsvTable::load(path, {"id", "kind", "election_day", "campaign_start", "campaign_end"});
  for (const auto& row : table.rows()) {
    Election e;
    e.id = table.required(row, "id");
    e.kind = table.cell(row, "kind");
    e.election_day = *read_date(table, row, "election_day", true);
    e.campaign_start = read_date(table, row, "campaign_start", false);
    e.campaign_end = read_date(table, row, "campaign_end", false);
    set.elections.push_back(std::move(e));
  }
}

}  // namespace

std::optional<std::string> read_count(const DateWords& words, std::string_view text) {
  std::string s;
  for (char c : lower(text)) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!s.empty() && s.back() != ' ') s += ' ';
    } else {
      s += c;
    }
  }
  if (is_integer(s)) return std::to_string(std::stoi(s));
  if (auto it = words.numbers.find(s); it != words.numbers.end()) return it->second;
  if (const size_t dash = s.find('-'); dash != std::string::npos) {  // twenty-five
    auto a = words.numbers.find(s.substr(0, dash)), b = words.numbers.find(s.substr(dash + 1));
    if (a != words.numbers.end() && b != words.numbers.end() && is_integer(a->second) && is_integer(b->second))
      return std::to_string(std::stoi(a->second) + std::stoi(b->second));
  }
  return std::nullopt;
}

int read_month(const DateWords& words, std::string_view text) {
  if (is_integer(text)) return std::stoi(std::string(text));
  std::string key = lower(text);
  if (!key.empty() && key.back() == '.') key.pop_back();
  auto it = words.months.find(key);
  return it == words.months.end() ? 0 : it->second;
}

const re2::RE2::Set* DateRuleSet::filter() const {
  std::call_once(filter_->once, [this] {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(64 << 20);
    auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    for (const DateRule& rule : rules)
      if (set->Add(rule.pattern->pattern(), nullptr) < 0) return;
    if (set->Compile()) filter_->set = std::move(set);
  });
  return filter_->set.get();
}

DateRuleSet load_date_rules(const RuleLocator& locator) {
  DateRuleSet set;
  Macros macros;
  load_months(locator, set.words, macros);
  load_words(locator, set.words, macros);
  load_patterns(locator, set, macros);
  load_elections(locator, set);
  return set;
}

}  // namespace hustings::dates
