#include "stages/dates/dates.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <re2/re2.h>

#include "stages/dates/date_rules.h"
#include "stages/dates/resolve.h"

namespace hustings {

using namespace dates;

namespace {

// Positions of the double quotes of the view: a mention is quoted when an odd number of them
// precede it in its line (a quotation over several paragraphs reopens each one).
class QuoteMap {
 public:
  explicit QuoteMap(const Document& doc) : doc_(doc) {
    const std::string& view = doc.view();
    for (size_t i = view.find('"'); i != std::string::npos; i = view.find('"', i + 1))
      quotes_.push_back(static_cast<uint32_t>(i));
  }
  bool quoted(uint32_t offset) const {
    const int b = doc_.block_at(offset);
    if (b < 0) return false;
    const auto first = std::lower_bound(quotes_.begin(), quotes_.end(), doc_.blocks[b].span.begin);
    const auto here = std::lower_bound(quotes_.begin(), quotes_.end(), offset);
    return (here - first) % 2 == 1;
  }

 private:
  const Document& doc_;
  std::vector<uint32_t> quotes_;
};

size_t next_code_point(const std::string& s, size_t pos) {
  ++pos;
  while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
  return pos;
}

// Every match of every rule, line by line (boilerplate excluded).
std::vector<Item> find_matches(const Document& doc, const DateRuleSet& rules, const QuoteMap& quotes) {
  std::vector<Item> found;
  const std::string& view = doc.view();
  for (const Block& block : doc.blocks) {
    if (block.kind == BlockKind::boilerplate) continue;
    for (const DateRule& rule : rules.rules) {
      const int n = rule.pattern->NumberOfCapturingGroups() + 1;
      std::vector<re2::StringPiece> groups(n);
      size_t pos = block.span.begin;
      while (pos < block.span.end &&
             rule.pattern->Match(view, pos, block.span.end, RE2::UNANCHORED, groups.data(), n)) {
        const auto begin = static_cast<uint32_t>(groups[0].data() - view.data());
        const auto end = static_cast<uint32_t>(begin + groups[0].size());
        pos = end > pos ? end : next_code_point(view, pos);
        if (std::any_of(rule.not_groups.begin(), rule.not_groups.end(),
                        [&](int g) { return groups[g].data() != nullptr; }))
          continue;
        Span span{begin, end};
        if (rule.mention_group && groups[rule.mention_group].data()) {
          const auto& m = groups[rule.mention_group];
          span.begin = static_cast<uint32_t>(m.data() - view.data());
          span.end = static_cast<uint32_t>(span.begin + m.size());
        }
        if (span.empty()) continue;
        const bool quoted = quotes.quoted(span.begin);
        if ((rule.in_quote && !quoted) || (rule.outside_quote && quoted)) continue;
        Item item;
        item.span = span;
        item.rule = &rule;
        item.groups = groups;
        item.quoted = quoted;
        found.push_back(std::move(item));
      }
    }
  }
  return found;
}

// Overlapping matches: the longest wins, then the rule listed first.
std::vector<Item> select(std::vector<Item> found, const DateRuleSet& rules) {
  std::stable_sort(found.begin(), found.end(), [&](const Item& a, const Item& b) {
    if (a.span.size() != b.span.size()) return a.span.size() > b.span.size();
    if (a.rule != b.rule) return a.rule - rules.rules.data() < b.rule - rules.rules.data();
    return a.span.begin < b.span.begin;
  });
  std::map<uint32_t, uint32_t> taken;  // begin -> end
  std::vector<Item> kept;
  for (auto& item : found) {
    auto next = taken.lower_bound(item.span.begin);
    if (next != taken.end() && next->first < item.span.end) continue;
    if (next != taken.begin() && std::prev(next)->second > item.span.begin) continue;
    taken[item.span.begin] = item.span.end;
    kept.push_back(std::move(item));
  }
  std::sort(kept.begin(), kept.end(), [](const Item& a, const Item& b) { return a.span.begin < b.span.begin; });
  return kept;
}

bool listed(const std::vector<std::string>& list, const std::string& word) {
  for (const auto& item : list) {
    if (item == word) return true;
    if (item[0] == '-' && word.size() >= item.size() + 2 && word.ends_with(std::string_view(item).substr(1))) return true;
  }
  return false;
}

// The tense of a mention's clause: future when a future word is among the words of its
// sentence that share its quotation status, else past when a past word is, else unknown.
Tense tense_of(const Document& doc, const DateWords& words, const QuoteMap& quotes, const Item& item) {
  if (item.sentence < 0) return Tense::unknown;
  const Span sentence = doc.sentences[item.sentence].span;
  auto token = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), sentence.begin,
                                [](const Token& t, uint32_t offset) { return t.begin < offset; });
  bool past = false;
  for (; token != doc.tokens.end() && token->begin < sentence.end; ++token) {
    if (token->kind != TokenKind::word || quotes.quoted(token->begin) != item.quoted) continue;
    const std::string word = lower(doc.in_view(Span{token->begin, token->end}));
    if (listed(words.future, word)) return Tense::future;
    if (!past && listed(words.past, word) && !listed(words.not_past, word)) past = true;
  }
  return past ? Tense::past : Tense::unknown;
}

// A full date (year, month, day) of a match, when it has one.
std::optional<Ymd> full_date(const DateWords& words, const Item& item) {
  if (item.rule->op != Op::date || !item.has("year") || !item.has("month") || !item.has("day") || item.has("day2"))
    return std::nullopt;
  const int y = std::atoi(std::string(item.group("year")).c_str());
  const int m = read_month(words, item.group("month"));
  const int d = std::atoi(std::string(item.group("day")).c_str());
  if (!valid_date(y, m, d)) return std::nullopt;
  return Ymd{y, m, d};
}

// The document date printed in the text: a publication date, a date in the dateline (a first
// body line opening in capitals, before its dash, within 100 bytes: "ALMATY, Nov. 8, 2022
// (Reuters) - "), or a line that holds nothing but a date.
std::optional<Ymd> text_date(const Document& doc, const DateWords& words, const std::vector<Item>& items) {
  Span dateline;
  for (const Block& block : doc.blocks) {
    if (block.kind == BlockKind::title || block.kind == BlockKind::caption) continue;
    if (block.kind != BlockKind::body) break;
    const std::string_view line = doc.in_view(block.span);
    const size_t dash = line.find(" - ");
    const bool caps = line.size() > 2 && std::isupper(static_cast<unsigned char>(line[0])) &&
                      std::isupper(static_cast<unsigned char>(line[1]));
    if (caps && dash != std::string_view::npos && dash <= 100)
      dateline = Span{block.span.begin, block.span.begin + static_cast<uint32_t>(dash)};
    break;
  }
  for (const Item& item : items) {
    const auto date = full_date(words, item);
    if (!date) continue;
    if (item.rule->publication) return date;
    if (dateline.contains(item.span)) return date;
    const Span line = doc.blocks[item.block].span;
    const std::string_view view = doc.view();
    const auto letters = [&](uint32_t from, uint32_t to) {
      for (uint32_t i = from; i < to; ++i)
        if (std::isalpha(static_cast<unsigned char>(view[i])) || static_cast<unsigned char>(view[i]) >= 0x80) return true;
      return false;
    };
    if (!letters(line.begin, item.span.begin) && !letters(item.span.end, line.end)) return date;
  }
  return std::nullopt;
}

// The pack's election whose day or campaign end the text mentions most often (the first listed
// on a tie).
const Election* mentioned_election(const DateWords& words, const DateRuleSet& rules, const std::vector<Item>& items) {
  const Election* best = nullptr;
  int best_count = 0;
  for (const auto& e : rules.elections) {
    int count = 0;
    for (const Item& item : items) {
      if (item.rule->op != Op::date || !item.has("month") || !item.has("day")) continue;
      const int y = item.has("year") ? std::atoi(std::string(item.group("year")).c_str()) : 0;
      const int m = read_month(words, item.group("month"));
      const int d = std::atoi(std::string(item.group("day")).c_str());
      // Campaigning stops at midnight after its last day: "through midnight of March 18".
      std::optional<Ymd> stop;
      if (e.campaign_end) stop = civil_from_days(days_from_civil(*e.campaign_end) + 1);
      for (const auto& day : {std::optional<Ymd>(e.election_day), e.campaign_end, stop})
        if (day && day->m == m && day->d == d && (!y || y == day->y)) ++count;
    }
    if (count > best_count) best = &e, best_count = count;
  }
  return best;
}

}  // namespace

DatesStage::DatesStage(const RuleLocator& rules)
    : rules_(std::make_unique<const DateRuleSet>(load_date_rules(rules))) {}

DatesStage::~DatesStage() = default;

void DatesStage::run(Document& doc) const {
  const DateRuleSet& rules = *rules_;
  const QuoteMap quotes(doc);
  std::vector<Item> items = select(find_matches(doc, rules, quotes), rules);
  for (Item& item : items) {
    item.sentence = doc.sentence_at(item.span.begin);
    item.block = doc.block_at(item.span.begin);
    item.tense = tense_of(doc, rules.words, quotes, item);
  }

  std::optional<Ymd> anchor;
  if (doc.anchor && doc.anchor_source == "input") {
    anchor = parse_iso_date(*doc.anchor);
    if (!anchor) doc.warnings.push_back("document date '" + *doc.anchor + "' is not YYYY-MM-DD; ignored");
  }
  if (!anchor) {
    doc.anchor_source = "none";
    if ((anchor = text_date(doc, rules.words, items))) {
      doc.anchor_source = "text";
    } else if (const Election* e = mentioned_election(rules.words, rules, items)) {
      anchor = e->election_day;
      doc.anchor_source = "pack";
    }
    doc.anchor = anchor ? std::optional<std::string>(format_day(*anchor)) : std::nullopt;
  }

  resolve_items(doc, rules, anchor, items);
  doc.dates.clear();
  for (const Item& item : items) {
    DateMention mention;
    mention.span = item.span;
    mention.value = item.value;
    mention.kind = item.rule->kind;
    mention.rule = item.rule->id;
    mention.anchor = item.anchor;
    mention.unresolved = item.value ? "" : item.unresolved;
    doc.dates.push_back(std::move(mention));
  }
}

}  // namespace hustings
