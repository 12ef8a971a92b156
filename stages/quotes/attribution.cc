// The quotes stage's passes over a document: direct quotes (marks.h) with their attribution,
// then indirect speech. See quotes.h for the contract.
#include <algorithm>

#include <unicode/uchar.h>

#include "pipeline/utf8.h"
#include "stages/quotes/internal.h"

namespace hustings {

using namespace quotes_internal;

namespace {

std::vector<Span> quoted_spans(const MarkScan& scan) {
  std::vector<Span> out;
  for (const auto& q : scan.quotes) out.push_back({q.open, q.close + 1});
  return out;
}

void set_speaker(Quote& q, const Speaker& s) {
  q.speaker = s.name;
  q.speaker_span = s.span;
  q.party = s.party;
}

void copy_attribution(Quote& to, const Quote& from) {
  to.speaker = from.speaker;
  to.speaker_span = from.speaker_span;
  to.party = from.party;
  to.date = from.date;
  to.place = from.place;
}

}  // namespace

QuotesStage::Work::Work(Document& d, MarkScan s, const SpeakerRules& rules)
    : doc(d), view(d.view()), scan(std::move(s)), resolver(d, rules, quoted_spans(scan)) {
  int paragraph = -1;
  for (const auto& block : d.blocks) {
    if (block.paragraph_start || paragraph < 0) ++paragraph;
    paragraph_of_block.push_back(paragraph);
  }
  record_of.assign(scan.quotes.size(), -1);
  attributed.assign(scan.quotes.size(), 0);
}

int QuotesStage::Work::paragraph_at(uint32_t pos) const {
  const int b = doc.block_at(pos);
  return b < 0 ? -1 : paragraph_of_block[static_cast<size_t>(b)];
}

Span QuotesStage::Work::sentence_or_block(uint32_t pos) const {
  const int s = doc.sentence_at(pos);
  if (s >= 0) return doc.sentences[static_cast<size_t>(s)].span;
  const int b = doc.block_at(pos);
  return b >= 0 ? doc.blocks[static_cast<size_t>(b)].span : Span{pos, pos};
}

void QuotesStage::Work::fill_context(Quote& q, const std::vector<Span>& clause) const {
  const auto inside = [&](Span s) {
    return std::any_of(clause.begin(), clause.end(), [&](Span c) { return c.contains(s); });
  };
  uint32_t best = UINT32_MAX;
  for (const auto& d : doc.dates) {
    if (!d.value || d.span.begin >= best || !inside(d.span)) continue;
    std::string value = *d.value;
    if (d.kind == "time" && value.size() >= 10 && value[4] == '-') value.resize(10);
    else if (d.kind != "date") continue;
    q.date = value;
    best = d.span.begin;
  }
  best = UINT32_MAX;
  for (const auto& p : doc.places) {
    if (p.name.empty() || p.span.begin >= best || !inside(p.span)) continue;
    q.place = p.name;
    best = p.span.begin;
  }
}

uint32_t QuotesStage::skip_apposition(const Work& work, uint32_t begin, uint32_t end) const {
  const std::string_view view = work.view;
  uint32_t p = begin;
  while (p < end && is_space(view[p])) ++p;
  if (p >= end || view[p] != ',') return begin;
  const size_t comma = view.substr(p + 1, end - p - 1).find(',');
  const uint32_t segment_end = comma == std::string_view::npos ? end : p + 1 + static_cast<uint32_t>(comma);
  for (const auto& c : circumstance_)
    if (find_span(c, view, Span{p + 1, segment_end})) return begin;
  return segment_end;
}

Span QuotesStage::cut_clause(const Work& work, uint32_t begin, uint32_t end) const {
  const uint32_t b = skip_apposition(work, begin, end);
  uint32_t e = std::max(b, end);
  for (const auto& c : clause_end_)
    if (b < e)
      if (const auto found = find_span(c, work.view, Span{b, e})) e = found->begin;
  return {b, e};
}

bool QuotesStage::attribute(const Work& work, const std::vector<Pattern>& patterns, Span window, bool after,
                            Attribution& out) const {
  if (window.empty()) return false;
  const std::string_view view = work.view;
  Match m;
  for (const auto& p : patterns) {
    if (!match(p, view, window, m)) continue;
    const auto group = m.group(p.speaker);
    if (!group) continue;
    const Span region = trim(view, *group);
    if (region.empty()) continue;
    Speaker speaker = work.resolver.resolve(region, SpeakerResolver::Mode::first);
    if (!speaker) continue;
    const auto verb = m.group(p.verb);
    out.clause.clear();
    if (verb && verb->end <= region.begin) {  // said X, at ...
      out.clause.push_back(cut_clause(work, speaker.span ? speaker.span->end : region.end, window.end));
    } else {  // X said, at ...: after the verb (or the speaker's words)
      out.clause.push_back(cut_clause(work, verb ? verb->end : region.end, window.end));
      const Span intro = trim(view, Span{window.begin, region.begin});
      if (!after && !intro.empty() && view[intro.end - 1] == ',') out.clause.push_back(intro);
    }
    out.speaker = std::move(speaker);
    out.rule = p.id;
    return true;
  }
  return false;
}

// The sentence of a quote's opening mark; the text before the mark in it (after any earlier
// quote); the text after the closing mark to the end of the sentence it starts or continues.
QuotesStage::Windows QuotesStage::windows(const Work& work, size_t i) const {
  const Document& doc = work.doc;
  const auto& quotes = work.scan.quotes;
  const QuotedSpan& q = quotes[i];
  Windows w;
  w.sentence = work.sentence_or_block(q.open);
  uint32_t before = std::max(w.sentence.begin, doc.blocks[static_cast<size_t>(q.first_block)].span.begin);
  if (i > 0 && quotes[i - 1].close < q.open) before = std::max(before, quotes[i - 1].close + 1);
  if (q.open - before > options_.window_bytes) before = q.open - options_.window_bytes;
  w.before = {before, q.open};

  const uint32_t begin = q.close + 1;
  const uint32_t block_end = doc.blocks[static_cast<size_t>(q.last_block)].span.end;
  uint32_t next = begin;
  while (next < block_end && is_space(work.view[next])) ++next;
  uint32_t end = next < block_end ? std::min(work.sentence_or_block(next).end, block_end) : begin;
  if (i + 1 < quotes.size()) end = std::min(end, std::max(begin, quotes[i + 1].open));
  w.after = {begin, std::max(begin, std::min(end, begin + options_.window_bytes))};
  return w;
}

void QuotesStage::direct_quotes(Work& work) const {
  Document& doc = work.doc;
  const std::string_view view = work.view;
  const auto& quotes = work.scan.quotes;
  for (size_t i = 0; i < quotes.size(); ++i) {
    const QuotedSpan& q = quotes[i];
    Quote rec;
    rec.span = q.span();
    for (const Span part : q.parts) {
      if (!rec.text.empty()) rec.text += '\n';
      rec.text += doc.surface(part);
    }
    const Windows w = windows(work, i);
    const Span sentence = w.sentence, before = w.before, after = w.after;
    uint32_t k = q.open;
    while (k > before.begin && is_space(view[k - 1])) --k;
    // Embedded: the quote continues a sentence (`described as “...”`, `said the plan was “...”`).
    const bool embedded = k > before.begin && is_alnum(view[k - 1]);
    if (embedded && std::any_of(not_quote_.begin(), not_quote_.end(),
                               [&](const Pattern& p) { return find_span(p, view, before).has_value(); }))
      continue;  // a title or a name in quotes

    // After the quote first, unless the quote ends its sentence and a new one follows
    // (X said: “… goods.” He noted that ...): then the words before it come first.
    uint32_t n = after.begin;
    while (n < after.end && is_space(view[n])) ++n;
    const char last = view[q.parts.back().end - 1];
    const bool ends_sentence = last == '.' || last == '!' || last == '?';
    const bool new_sentence = ends_sentence && n < after.end && view[n] >= 'A' && view[n] <= 'Z';
    const auto& lead = embedded ? partial_ : before_;
    Attribution a;
    const bool found = new_sentence
                           ? attribute(work, lead, before, false, a) || attribute(work, after_, after, true, a)
                           : attribute(work, after_, after, true, a) || attribute(work, lead, before, false, a);
    const bool same_paragraph_as_previous =
        i > 0 && work.record_of[i - 1] >= 0 && work.paragraph_at(quotes[i - 1].close) == work.paragraph_at(q.open);
    if (found) {
      set_speaker(rec, a.speaker);
      if (embedded) {  // an embedded quote's sentence is its scene
        a.clause.push_back({sentence.begin, q.open});
        a.clause.push_back({after.begin, std::max(after.begin, sentence.end)});
      }
      work.fill_context(rec, a.clause);
      rec.rule = a.rule;
      work.attributed[i] = 1;
    } else if (!embedded && same_paragraph_as_previous) {
      copy_attribution(rec, doc.quotes[static_cast<size_t>(work.record_of[i - 1])]);
      rec.rule = "continuation";
    } else if (!embedded && count_words(rec.text) >= options_.min_unattributed_words &&
               std::string_view(".!?,").find(rec.text.back()) != std::string_view::npos) {
      const Speaker s = work.resolver.last_person_in_paragraph(q.open);
      set_speaker(rec, s);
      rec.rule = s ? "unattributed-context" : "unattributed";
    } else {
      continue;  // a short quote with no attribution: a scare quote or a title
    }
    // Partial: a fragment of the speaker's words, not a sentence of its own.
    int len = 0;
    rec.partial = embedded && !u_isupper(static_cast<UChar32>(decode_utf8(view, q.parts.front().begin, &len)));
    if (!rec.party) rec.party = work.resolver.section_party(q.open);
    work.record_of[i] = static_cast<int>(doc.quotes.size());
    doc.quotes.push_back(std::move(rec));
  }

  // “A.” “B,” he said. -- an unattributed quote right before an attributed one shares its speaker.
  for (size_t i = quotes.size(); i-- > 1;) {
    const int prev = work.record_of[i - 1], here = work.record_of[i];
    if (prev < 0 || here < 0 || !work.attributed[i]) continue;
    Quote& earlier = doc.quotes[static_cast<size_t>(prev)];
    if (earlier.rule.rfind("unattributed", 0) != 0) continue;
    bool adjacent = true;
    for (uint32_t p = quotes[i - 1].close + 1; p < quotes[i].open && adjacent; ++p) adjacent = is_space(view[p]);
    if (!adjacent) continue;
    copy_attribution(earlier, doc.quotes[static_cast<size_t>(here)]);
    earlier.rule = "continuation";
  }
}

void QuotesStage::indirect_quotes(Work& work) const {
  Document& doc = work.doc;
  const std::string_view view = work.view;
  const auto& quotes = work.scan.quotes;
  size_t first = 0;
  std::vector<char> may(indirect_.size(), 1);  // the patterns that match the region at all
  Match m;
  for (const Sentence& s : doc.sentences) {
    const BlockKind kind = doc.blocks[static_cast<size_t>(s.block)].kind;
    if (kind != BlockKind::body && kind != BlockKind::caption) continue;
    while (first < quotes.size() && quotes[first].close < s.span.begin) ++first;
    int last = -1;  // the last quote that overlaps the sentence
    for (size_t j = first; j < quotes.size() && quotes[j].open < s.span.end; ++j) last = static_cast<int>(j);
    Span region = s.span;
    if (last >= 0) region.begin = std::max(region.begin, quotes[static_cast<size_t>(last)].close + 1);
    if (region.empty()) continue;
    const bool known = indirect_set_ && indirect_set_->match(view.substr(region.begin, region.size()), may);

    for (size_t k = 0; k < indirect_.size(); ++k) {
      const Pattern& p = indirect_[k];
      if (last >= 0 && p.speaker >= 0) continue;  // after a quote: only speaker-less rows (", noting ...")
      if (!may[k] || !match(p, view, region, m, known)) continue;
      const Span content = trim(view, *m.group(p.content));
      if (content.empty()) continue;
      Quote rec;
      rec.indirect = true;
      rec.span = content;
      rec.text = std::string(doc.surface(content));
      rec.rule = p.id;
      if (p.speaker >= 0) {
        const auto group = m.group(p.speaker);
        if (!group) continue;
        const Span r = trim(view, *group);
        const auto verb = m.group(p.verb);
        const auto mode = verb && r.end <= verb->begin ? SpeakerResolver::Mode::adjacent : SpeakerResolver::Mode::first;
        const Speaker sp = work.resolver.resolve(r, mode);
        if (!sp) continue;
        set_speaker(rec, sp);
        std::vector<Span> holes{content};
        if (sp.span) holes.push_back({sp.span->end, skip_apposition(work, sp.span->end, s.span.end)});
        work.fill_context(rec, subtract(region, holes));
      } else if (last >= 0) {
        const int record = work.record_of[static_cast<size_t>(last)];
        if (record < 0) break;
        copy_attribution(rec, doc.quotes[static_cast<size_t>(record)]);
      } else {
        const Span main_clause = trim(view, Span{region.begin, m.group(0)->begin});
        const Speaker sp = work.resolver.resolve(main_clause, SpeakerResolver::Mode::first);
        if (!sp) continue;
        set_speaker(rec, sp);
        work.fill_context(rec, {main_clause});
      }
      if (!rec.party) rec.party = work.resolver.section_party(content.begin);
      doc.quotes.push_back(std::move(rec));
      break;
    }
  }
}

}  // namespace hustings
