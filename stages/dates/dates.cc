#include "stages/dates/dates.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include <re2/re2.h>
#include <re2/set.h>

#include "pipeline/utf8.h"
#include "stages/dates/date_rules.h"
#include "stages/dates/resolve.h"

namespace hustings {

using namespace dates;

namespace {

// Positions of the double quotes of the view: a mention is quoted when an odd number of them
// precede it in its line (a quotation over several paragraphs reopens each one). When the lines
// are in order and apart (as segment makes them), the quoted stretches are listed once.
class QuoteMap {
 public:
  explicit QuoteMap(const Document& doc) : doc_(doc) {
    const std::string& view = doc.view();
    for (size_t i = view.find('"'); i != std::string::npos; i = view.find('"', i + 1))
      quotes_.push_back(static_cast<uint32_t>(i));
    uint32_t last = 0;
    for (const Block& block : doc.blocks) {
      if (block.span.begin < last || block.span.end < block.span.begin) return;
      last = block.span.end;
    }
    ordered_ = true;
    auto quote = quotes_.begin();
    for (const Block& block : doc.blocks) {
      while (quote != quotes_.end() && *quote < block.span.begin) ++quote;
      bool open = false;
      uint32_t start = 0;
      for (; quote != quotes_.end() && *quote < block.span.end; ++quote) {
        if (!open) start = *quote + 1;
        else stretches_.push_back(Span{start, *quote + 1});  // the closing quote is inside
        open = !open;
      }
      if (open && start < block.span.end) stretches_.push_back(Span{start, block.span.end});
    }
  }
  bool quoted(uint32_t offset) const {
    if (ordered_) {
      auto it = std::upper_bound(stretches_.begin(), stretches_.end(), offset,
                                 [](uint32_t o, const Span& s) { return o < s.begin; });
      return it != stretches_.begin() && offset < std::prev(it)->end;
    }
    const int b = doc_.block_at(offset);
    if (b < 0) return false;
    const auto first = std::lower_bound(quotes_.begin(), quotes_.end(), doc_.blocks[b].span.begin);
    const auto here = std::lower_bound(quotes_.begin(), quotes_.end(), offset);
    return (here - first) % 2 == 1;
  }

 private:
  const Document& doc_;
  std::vector<uint32_t> quotes_;
  bool ordered_ = false;
  std::vector<Span> stretches_;  // quoted, in order, when ordered_
};

size_t next_code_point(const std::string& s, size_t pos) {
  ++pos;
  while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
  return pos;
}

// One match of a rule: its mention, and its groups (in a buffer shared by the document's matches).
struct Match {
  Span span;
  uint32_t rule = 0;
  uint32_t groups = 0;  // index of its first group in the buffer
  bool quoted = false;
};

// Buffers reused from one document to the next, per thread.
struct Scratch {
  std::vector<int> candidates;
  std::vector<re2::StringPiece> groups;
  std::vector<re2::StringPiece> buffer;  // the groups of every match
  std::vector<Match> found;
  std::vector<uint32_t> order, kept;
  std::vector<Item> items;

  static Scratch& get() {
    thread_local Scratch scratch;
    return scratch;
  }
  // Gives the memory of a very large document back.
  void trim() {
    if (buffer.capacity() > (1u << 16) || items.capacity() > (1u << 12)) *this = Scratch();
  }
};

// Every match of every rule, line by line (boilerplate excluded), into scratch.found and
// scratch.buffer. The rule filter tells which rules can match in a line (its text plus the byte
// on each side, which is what \b looks at); only those are run.
void find_matches(const Document& doc, const DateRuleSet& rules, const QuoteMap& quotes, Scratch& scratch) {
  std::vector<Match>& found = scratch.found;
  std::vector<re2::StringPiece>& buffer = scratch.buffer;
  std::vector<int>& candidates = scratch.candidates;
  std::vector<re2::StringPiece>& groups = scratch.groups;
  found.clear();
  buffer.clear();
  const std::string& view = doc.view();
  const RE2::Set* filter = rules.filter();
  for (const Block& block : doc.blocks) {
    if (block.kind == BlockKind::boilerplate) continue;
    const size_t from = block.span.begin > 0 ? block.span.begin - 1 : 0;
    const size_t to = std::min<size_t>(view.size(), size_t{block.span.end} + 1);
    candidates.clear();
    RE2::Set::ErrorInfo error;
    if (!filter || (!filter->Match(re2::StringPiece(view.data() + from, to - from), &candidates, &error) &&
                    error.kind != RE2::Set::kNoError)) {
      candidates.resize(rules.rules.size());  // no filter, or it failed: run every rule
      for (size_t i = 0; i < candidates.size(); ++i) candidates[i] = static_cast<int>(i);
    }
    std::sort(candidates.begin(), candidates.end());
    for (const int index : candidates) {
      const DateRule& rule = rules.rules[index];
      const int n = rule.pattern->NumberOfCapturingGroups() + 1;
      groups.assign(n, re2::StringPiece());
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
        found.push_back(Match{span, static_cast<uint32_t>(index), static_cast<uint32_t>(buffer.size()), quoted});
        buffer.insert(buffer.end(), groups.begin(), groups.end());
      }
    }
  }
}

// Overlapping matches: the longest wins, then the rule listed first. The kept ones become
// scratch.items, in text order.
void select(Scratch& scratch, const DateRuleSet& rules) {
  const std::vector<Match>& found = scratch.found;
  std::vector<uint32_t>& order = scratch.order;
  order.resize(found.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t i, uint32_t j) {
    const Match& a = found[i];
    const Match& b = found[j];
    if (a.span.size() != b.span.size()) return a.span.size() > b.span.size();
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.span.begin < b.span.begin;
  });
  std::map<uint32_t, uint32_t> taken;  // begin -> end
  std::vector<uint32_t>& kept = scratch.kept;
  kept.clear();
  for (const uint32_t i : order) {
    const Span span = found[i].span;
    auto next = taken.lower_bound(span.begin);
    if (next != taken.end() && next->first < span.end) continue;
    if (next != taken.begin() && std::prev(next)->second > span.begin) continue;
    taken.emplace_hint(next, span.begin, span.end);
    kept.push_back(i);
  }
  std::sort(kept.begin(), kept.end(), [&](uint32_t i, uint32_t j) { return found[i].span.begin < found[j].span.begin; });
  std::vector<Item>& items = scratch.items;
  items.clear();
  items.resize(kept.size());
  for (size_t k = 0; k < kept.size(); ++k) {
    const Match& match = found[kept[k]];
    items[k].span = match.span;
    items[k].rule = &rules.rules[match.rule];
    items[k].groups = scratch.buffer.data() + match.groups;
    items[k].quoted = match.quoted;
  }
}

// The tense of a sentence's clauses: future when a future word is among its words that share the
// mention's quotation status, else past when a past word is, else unknown. By quotation status
// (outside, inside).
std::array<int8_t, 2> sentence_tenses(const Document& doc, const DateWords& words, const QuoteMap& quotes, int index) {
  std::array<Tense, 2> tense{Tense::unknown, Tense::unknown};
  const Span sentence = doc.sentences[index].span;
  auto token = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), sentence.begin,
                                [](const Token& t, uint32_t offset) { return t.begin < offset; });
  const std::string_view view = doc.view();
  const bool ascii_sentence = sentence.end <= view.size() && is_ascii(view.substr(sentence.begin, sentence.size()));
  std::string word;
  for (; token != doc.tokens.end() && token->begin < sentence.end; ++token) {
    if (token->kind != TokenKind::word) continue;
    const std::string_view text = doc.in_view(Span{token->begin, token->end});
    if (!text.empty() && ((ascii_sentence && token->end <= sentence.end) || is_ascii(text))) {
      if (!words.may_have_tense(text)) continue;
      word.assign(text);
      for (char& c : word)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    } else {
      word = lower(text);
    }
    const uint8_t flags = words.tense_flags(word);
    if (!flags) continue;
    Tense& t = tense[quotes.quoted(token->begin)];
    if (t == Tense::future) continue;
    if (flags & DateWords::kFuture) t = Tense::future;
    else if ((flags & DateWords::kPast) && !(flags & DateWords::kNotPast)) t = Tense::past;
  }
  return {static_cast<int8_t>(tense[0]), static_cast<int8_t>(tense[1])};
}

// A full date (year, month, day) of a match, when it has one.
std::optional<Ymd> full_date(const DateWords& words, const Item& item) {
  if (item.rule->op != Op::date || !item.has(Group::year) || !item.has(Group::month) || !item.has(Group::day) || item.has(Group::day2))
    return std::nullopt;
  const int y = std::atoi(std::string(item.group(Group::year)).c_str());
  const int m = read_month(words, item.group(Group::month));
  const int d = std::atoi(std::string(item.group(Group::day)).c_str());
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
  std::vector<Ymd> days;  // of the dates with a month and a day (year 0 when it has none)
  for (const Item& item : items) {
    if (item.rule->op != Op::date || !item.has(Group::month) || !item.has(Group::day)) continue;
    const int y = item.has(Group::year) ? std::atoi(std::string(item.group(Group::year)).c_str()) : 0;
    const int m = read_month(words, item.group(Group::month));
    const int d = std::atoi(std::string(item.group(Group::day)).c_str());
    days.push_back(Ymd{y, m, d});
  }
  const Election* best = nullptr;
  int best_count = 0;
  for (const auto& e : rules.elections) {
    int count = 0;
    // Campaigning stops at midnight after its last day: "through midnight of March 18".
    std::optional<Ymd> stop;
    if (e.campaign_end) stop = civil_from_days(days_from_civil(*e.campaign_end) + 1);
    for (const Ymd& date : days)
      for (const auto& day : {std::optional<Ymd>(e.election_day), e.campaign_end, stop})
        if (day && day->m == date.m && day->d == date.d && (!date.y || date.y == day->y)) ++count;
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
  Scratch& scratch = Scratch::get();
  find_matches(doc, rules, quotes, scratch);
  select(scratch, rules);
  std::vector<Item>& items = scratch.items;
  for (Item& item : items) {
    item.sentence = doc.sentence_at(item.span.begin);
    item.block = doc.block_at(item.span.begin);
  }
  // The tense of a sentence's words outside, and inside, quotations: computed once, when needed.
  std::vector<std::array<int8_t, 2>> tenses(items.empty() ? 0 : doc.sentences.size(), {-1, -1});
  const TenseOf tense_of = [&](const Item& item) {
    if (item.sentence < 0) return Tense::unknown;
    if (tenses[item.sentence][0] < 0) tenses[item.sentence] = sentence_tenses(doc, rules.words, quotes, item.sentence);
    return static_cast<Tense>(tenses[item.sentence][item.quoted]);
  };

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

  resolve_items(doc, rules, anchor, items, tense_of);
  doc.dates.clear();
  doc.dates.reserve(items.size());
  for (Item& item : items) {
    DateMention mention;
    mention.span = item.span;
    if (item.value) mention.value = std::move(item.value);
    else mention.unresolved = std::move(item.unresolved);
    mention.kind = item.rule->kind;
    mention.rule = item.rule->id;
    mention.anchor = std::move(item.anchor);
    doc.dates.push_back(std::move(mention));
  }
  scratch.trim();
}

}  // namespace hustings
