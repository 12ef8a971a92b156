#include "stages/events/events.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <optional>
#include <string_view>
#include <unordered_set>

#include <re2/re2.h>
#include <re2/set.h>

namespace hustings {

namespace {

// Byte ranges of a paragraph that lie inside quotation marks (straight marks in the view):
// the reporter's narrative is outside them.
std::vector<Span> quoted_ranges(std::string_view view, Span block) {
  std::vector<Span> ranges;
  std::optional<uint32_t> open;
  for (uint32_t i = block.begin; i < block.end; ++i) {
    const void* quote = std::memchr(view.data() + i, '"', block.end - i);
    if (!quote) break;
    i = static_cast<uint32_t>(static_cast<const char*>(quote) - view.data());
    if (open) {
      ranges.push_back({*open, i + 1});
      open.reset();
    } else {
      open = i;
    }
  }
  if (open) ranges.push_back({*open, block.end});
  return ranges;
}

bool inside_any(const std::vector<Span>& ranges, Span span) {
  for (const Span& r : ranges)
    if (r.contains(span)) return true;
  return false;
}

int specificity(const std::string& kind) {
  if (kind == "country" || kind == "other") return 2;
  if (kind == "region") return 1;
  return 0;
}

bool is_day(const std::optional<std::string>& value) {
  // A day, a week or a range of days ("Feb. 26-27"); a year or a month is no event date.
  static const RE2 kDay(R"(\d{4}-(?:\d{2}-\d{2}|W\d{2})(?:/\d{4}-\d{2}-\d{2})?)");
  return !value || RE2::FullMatch(*value, kDay);
}

// Drops a place that contains another named with it, and countries when anything else is named.
std::vector<const PlaceMention*> most_specific(std::vector<const PlaceMention*> places) {
  std::vector<const PlaceMention*> kept;
  const bool has_local = std::any_of(places.begin(), places.end(),
                                     [](const PlaceMention* p) { return specificity(p->kind) < 2; });
  for (const PlaceMention* p : places) {
    if (has_local && specificity(p->kind) == 2) continue;
    const bool contains_other = std::any_of(places.begin(), places.end(), [&](const PlaceMention* q) {
      return q != p && q->parent == p->name && q->name != p->name;
    });
    if (contains_other) continue;
    if (std::any_of(kept.begin(), kept.end(), [&](const PlaceMention* q) { return q->name == p->name; })) continue;
    kept.push_back(p);
  }
  return kept;
}

// The items of a layer that start in a range, by binary search, in the layer's order (the
// layers are sorted by start in practice; any order works).
class StartIndex {
 public:
  template <class Items, class Begin>
  StartIndex(const Items& items, Begin begin_of) {
    begins_.reserve(items.size());
    for (const auto& item : items) begins_.push_back(begin_of(item));
    sorted_ = std::is_sorted(begins_.begin(), begins_.end());
    running_max_ = begins_;
    for (size_t i = 1; i < running_max_.size(); ++i) running_max_[i] = std::max(running_max_[i], running_max_[i - 1]);
    if (!sorted_) {
      order_.resize(begins_.size());
      std::iota(order_.begin(), order_.end(), 0u);
      std::stable_sort(order_.begin(), order_.end(), [&](uint32_t a, uint32_t b) { return begins_[a] < begins_[b]; });
    }
  }
  // Indices of the items that start in [from, to), ascending.
  void starting_in(uint32_t from, uint32_t to, std::vector<uint32_t>& out) const {
    out.clear();
    if (sorted_) {
      const auto lo = std::lower_bound(begins_.begin(), begins_.end(), from);
      const auto hi = std::lower_bound(lo, begins_.end(), to);
      for (auto it = lo; it != hi; ++it) out.push_back(static_cast<uint32_t>(it - begins_.begin()));
      return;
    }
    const auto key = [&](uint32_t i, uint32_t pos) { return begins_[i] < pos; };
    const auto lo = std::lower_bound(order_.begin(), order_.end(), from, key);
    const auto hi = std::lower_bound(lo, order_.end(), to, key);
    out.assign(lo, hi);
    std::sort(out.begin(), out.end());
  }
  // How many items come before the first one (in layer order) that starts at or after `pos`.
  size_t before(uint32_t pos) const {
    return static_cast<size_t>(std::lower_bound(running_max_.begin(), running_max_.end(), pos) - running_max_.begin());
  }

 private:
  std::vector<uint32_t> begins_, running_max_, order_;
  bool sorted_ = true;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::string_view(" ,;:-(").find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  while (!s.empty() && std::string_view(" ,;:-").find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  return s;
}

}  // namespace

struct EventsStage::ActionSet {
  explicit ActionSet(const RE2::Options& options) : set(options, RE2::UNANCHORED) {}
  RE2::Set set;

  // Indices of the actions that match `text`, ascending; every action when the set fails.
  void matching(std::string_view text, size_t count, std::vector<int>& out) const {
    out.clear();
    RE2::Set::ErrorInfo error{};
    if (set.Match(text, &out, &error)) {
      std::sort(out.begin(), out.end());
      return;
    }
    if (error.kind == RE2::Set::kNoError) return;  // none matches
    out.resize(count);
    std::iota(out.begin(), out.end(), 0);
  }
};

EventsStage::EventsStage(const RuleLocator& rules) {
  const auto table = TsvTable::load(rules.language("actions.tsv"), {"class", "pattern", "form", "multi"});
  for (const auto& row : table.rows()) {
    Action action;
    action.cls = table.required(row, "class");
    const std::string& form = table.required(row, "form");
    if (form == "verb") action.form = Form::verb;
    else if (form == "host") action.form = Form::host;
    else if (form == "noun") action.form = Form::noun;
    else table.fail(row, "form must be verb, host or noun, found '" + form + "'");
    const std::string& multi = table.required(row, "multi");
    if (multi != "yes" && multi != "no") table.fail(row, "multi must be yes or no");
    action.multi = multi == "yes";
    action.rule = "actions.tsv:" + std::to_string(row.line);
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(false);
    action.pattern = std::make_unique<re2::RE2>("\\b(?:" + table.required(row, "pattern") + ")\\b", options);
    if (!action.pattern->ok()) table.fail(row, "invalid RE2 pattern: " + action.pattern->error());
    actions_.push_back(std::move(action));
  }

  const auto context = TsvTable::load(rules.language("event-context.tsv"), {"word", "kind"});
  std::string cues, not_here;
  for (const auto& row : context.rows()) {
    const std::string& word = context.required(row, "word");
    const std::string& kind = context.required(row, "kind");
    if (kind == "noun-cue") cues += (cues.empty() ? "" : "|") + RE2::QuoteMeta(word);
    else if (kind == "not-here") not_here += (not_here.empty() ? "" : "|") + RE2::QuoteMeta(word);
    else if (kind.rfind("anaphor-", 0) == 0) anaphors_.emplace_back(word, kind.substr(8));
    else context.fail(row, "kind must be noun-cue, not-here or anaphor-<place kind>, found '" + kind + "'");
  }
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  // "at a March 1 ", "during his Feb. 19 ": a cue, a determiner, a few words before the noun.
  noun_cue_ = std::make_unique<re2::RE2>(
      "\\b(?:" + cues + ")\\s+(?:a|an|the|his|her|their|its)\\b[^,;]{0,30}$", options);
  not_here_ = std::make_unique<re2::RE2>("\\b(?:" + not_here + ")\\s+(?:the\\s+)?$", options);
  for (const auto& [phrase, kind] : anaphors_)
    anaphor_patterns_.push_back(std::make_unique<re2::RE2>("(?i)\\b" + RE2::QuoteMeta(phrase) + "\\b"));

  // The same patterns as the actions, in one set (without it every action runs on every sentence).
  auto set = std::make_unique<ActionSet>(options);
  bool ok = true;
  for (const Action& action : actions_) ok = ok && set->set.Add(action.pattern->pattern(), nullptr) >= 0;
  if (ok && set->set.Compile()) action_set_ = std::move(set);
}

EventsStage::~EventsStage() = default;

void EventsStage::candidate_actions(std::string_view text, std::vector<int>& out) const {
  if (action_set_) {
    action_set_->matching(text, actions_.size(), out);
    return;
  }
  out.resize(actions_.size());
  std::iota(out.begin(), out.end(), 0);
}

void EventsStage::run(Document& doc) const {
  doc.events.clear();
  const std::string_view view = doc.view();

  // Each layer indexed by start: a sentence looks at its own mentions only.
  const StartIndex place_index(doc.places, [](const PlaceMention& p) { return p.span.begin; });
  const StartIndex date_index(doc.dates, [](const DateMention& d) { return d.span.begin; });
  const StartIndex party_index(doc.party_mentions, [](const PartyMention& m) { return m.span.begin; });
  struct PersonSpan {
    Span span;
    size_t person;
  };
  std::vector<PersonSpan> person_spans;  // every span of every person, person by person
  for (size_t p = 0; p < doc.people.size(); ++p)
    for (const Span s : doc.people[p].spans) person_spans.push_back({s, p});
  const StartIndex person_index(person_spans, [](const PersonSpan& s) { return s.span.begin; });
  std::unordered_set<std::string_view> person_names;
  for (const auto& person : doc.people) person_names.insert(person.name);
  // Mentions that are days (a date, not a year or a month).
  std::vector<uint8_t> day(doc.dates.size());
  for (size_t d = 0; d < doc.dates.size(); ++d) day[d] = doc.dates[d].kind == "date" && is_day(doc.dates[d].value);
  // The party of the last party mention before each one that is not in a caption.
  std::vector<const std::string*> party_before(doc.party_mentions.size() + 1, nullptr);
  for (size_t k = 0; k < doc.party_mentions.size(); ++k) {
    const PartyMention& m = doc.party_mentions[k];
    const int b = doc.block_at(m.span.begin);
    party_before[k + 1] = b >= 0 && doc.blocks[b].kind != BlockKind::caption ? &m.party : party_before[k];
  }
  std::vector<uint32_t> candidates;

  // The party that a heading names opens its section.
  std::vector<std::optional<std::string>> section_party(doc.sections.size());
  for (size_t s = 0; s < doc.sections.size(); ++s) {
    const Span heading = doc.blocks[doc.sections[s].heading_block].span;
    party_index.starting_in(heading.begin, heading.end, candidates);
    for (const uint32_t k : candidates)
      if (heading.contains(doc.party_mentions[k].span)) {
        section_party[s] = doc.party_mentions[k].party;
        break;
      }
  }

  int quoted_block = -1;
  std::vector<Span> quoted;
  std::vector<int> matching;
  std::vector<uint32_t> sentence_places, sentence_dates, sentence_parties, sentence_people;
  std::vector<int8_t> not_here;  // per sentence place: -1 not known yet
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& sentence = doc.sentences[si];
    const Block& block = doc.blocks[sentence.block];
    if (block.kind != BlockKind::body) continue;
    if (quoted_block != sentence.block) {
      quoted = quoted_ranges(view, block.span);
      quoted_block = sentence.block;
    }
    const std::string_view text = view.substr(sentence.span.begin, sentence.span.size());
    if (text.empty()) continue;

    // The actions of the sentence, outside quotation marks, in order, without overlaps.
    struct Found {
      const Action* action;
      Span span;
      const std::string* cls;
    };
    std::vector<Found> found;
    candidate_actions(text, matching);
    for (const int a : matching) {
      const Action& action = actions_[static_cast<size_t>(a)];
      re2::StringPiece input(text), match;
      size_t from = 0;
      while (from < text.size() &&
             action.pattern->Match(input, from, text.size(), RE2::UNANCHORED, &match, 1)) {
        const uint32_t b = sentence.span.begin + static_cast<uint32_t>(match.data() - text.data());
        const Span span{b, b + static_cast<uint32_t>(match.size())};
        from = span.end - sentence.span.begin + (match.empty() ? 1 : 0);
        if (inside_any(quoted, span)) continue;
        Found f{&action, span, &action.cls};
        if (action.form == Form::noun) {
          // A noun names an action only after "at a", "during his", "a March 1 ..." and the like.
          const std::string_view before = view.substr(sentence.span.begin, b - sentence.span.begin);
          if (!RE2::PartialMatch(before, *noun_cue_)) continue;
        }
        found.push_back(f);
      }
    }
    if (found.empty()) continue;
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.span.begin < b.span.begin; });
    // A host verb takes its class from the noun that follows it ("organized a concert").
    std::vector<Found> actions;
    for (size_t i = 0; i < found.size(); ++i) {
      Found f = found[i];
      if (!actions.empty() && actions.back().span.overlaps(f.span)) continue;
      if (f.action->form == Form::host) {
        const std::string_view after = view.substr(f.span.end, std::min<uint32_t>(60, sentence.span.end - f.span.end));
        candidate_actions(after, matching);
        for (const int a : matching) {
          const Action& noun = actions_[static_cast<size_t>(a)];
          if (noun.form != Form::noun) continue;
          re2::StringPiece match;
          if (noun.pattern->Match(after, 0, after.size(), RE2::UNANCHORED, &match, 1)) {
            const auto words = std::count(after.begin(), after.begin() + (match.data() - after.data()), ' ');
            if (words > 5) continue;
            f.cls = &noun.cls;
            f.span.end = f.span.end + static_cast<uint32_t>(match.data() - after.data() + match.size());
            break;
          }
        }
      }
      actions.push_back(f);
    }

    // The sentence's own mentions, outside quotation marks, in layer order.
    place_index.starting_in(sentence.span.begin, sentence.span.end, sentence_places);
    std::erase_if(sentence_places, [&](uint32_t k) {
      const Span s = doc.places[k].span;
      return !sentence.span.contains(s) || inside_any(quoted, s) ||
             (doc.dateline_span && doc.dateline_span->overlaps(s));  // where it was filed
    });
    not_here.assign(sentence_places.size(), -1);
    date_index.starting_in(sentence.span.begin, sentence.span.end, sentence_dates);
    std::erase_if(sentence_dates, [&](uint32_t k) {
      return !sentence.span.contains(doc.dates[k].span) || inside_any(quoted, doc.dates[k].span) || !day[k];
    });
    party_index.starting_in(sentence.span.begin, sentence.span.end, sentence_parties);
    std::erase_if(sentence_parties, [&](uint32_t k) {
      return !sentence.span.contains(doc.party_mentions[k].span) || inside_any(quoted, doc.party_mentions[k].span);
    });
    person_index.starting_in(sentence.span.begin, sentence.span.end, sentence_people);
    std::erase_if(sentence_people, [&](uint32_t k) {
      return !sentence.span.contains(person_spans[k].span) || inside_any(quoted, person_spans[k].span);
    });

    for (const Found& f : actions) {
      // Places.
      std::vector<const PlaceMention*> after, fronted;
      for (size_t k = 0; k < sentence_places.size(); ++k) {
        const PlaceMention& p = doc.places[sentence_places[k]];
        if (p.span.begin >= f.span.begin) {
          after.push_back(&p);
        } else {
          if (not_here[k] < 0) {
            const std::string_view lead = view.substr(sentence.span.begin, p.span.begin - sentence.span.begin);
            not_here[k] = RE2::PartialMatch(lead, *not_here_) ? 1 : 0;
          }
          if (!not_here[k]) fronted.push_back(&p);
        }
      }
      std::vector<const PlaceMention*> places = most_specific(!after.empty() ? after : fronted);
      bool anaphoric = false;
      if (places.empty()) {
        // "the region's public": the last place of that kind named before, in the same section.
        const std::string_view rest = view.substr(f.span.begin, sentence.span.end - f.span.begin);
        for (size_t a = 0; a < anaphors_.size(); ++a) {
          if (!RE2::PartialMatch(rest, *anaphor_patterns_[a])) continue;
          const std::string& kind = anaphors_[a].second;
          for (size_t k = place_index.before(sentence.span.begin); k-- > 0;) {
            const PlaceMention& p = doc.places[k];
            const int b = doc.block_at(p.span.begin);
            if (b >= 0 && doc.blocks[b].kind == BlockKind::body && doc.blocks[b].section == block.section &&
                p.kind == kind) {
              places = {&p};
              break;
            }
          }
          anaphoric = !places.empty();
          if (anaphoric) break;
        }
      }
      if (places.empty() && si > 0 && doc.sentences[si - 1].block == sentence.block) {
        const Span previous = doc.sentences[si - 1].span;
        place_index.starting_in(previous.begin, previous.end, candidates);
        for (auto k = candidates.rbegin(); k != candidates.rend(); ++k) {
          const PlaceMention& p = doc.places[*k];
          if (previous.contains(p.span) && !inside_any(quoted, p.span)) {
            places = {&p};
            break;
          }
        }
      }
      if (!f.action->multi && places.size() > 1) {
        places = {*std::min_element(places.begin(), places.end(), [](const PlaceMention* a, const PlaceMention* b) {
          return specificity(a->kind) < specificity(b->kind);
        })};
      }

      // Date: the day nearest to the action.
      const DateMention* date = nullptr;
      uint32_t best = UINT32_MAX;
      for (const uint32_t k : sentence_dates) {
        const DateMention& d = doc.dates[k];
        const uint32_t distance = d.span.begin > f.span.begin ? d.span.begin - f.span.begin : f.span.begin - d.span.end;
        if (distance < best) {
          best = distance;
          date = &d;
        }
      }
      if (places.empty() && !date) continue;
      // "Visiting the region, ..." after "visited the North Kazakhstan Region": an undated action at
      // a place named only by reference repeats an action already reported in the section.
      if (anaphoric && !date) {
        const bool repeated = std::any_of(doc.events.begin(), doc.events.end(), [&](const Event& e) {
          const int b = doc.block_at(e.span.begin);
          return b >= 0 && doc.blocks[b].section == block.section && e.place == places.front()->name;
        });
        if (repeated) continue;
      }

      // Party.
      std::optional<std::string> party;
      for (const uint32_t k : sentence_parties) {
        const PartyMention& m = doc.party_mentions[k];
        if (m.span.begin < f.span.begin || !party) party = m.party;
      }
      if (!party && block.section >= 0) party = section_party[block.section];
      if (!party)
        if (const std::string* last = party_before[party_index.before(sentence.span.begin)]) party = *last;

      // Actor: a person named before the action, else the subject phrase before it.
      std::string actor;
      // (for an action noun, anywhere in the sentence: "At a March 2 meeting, ... X noted")
      for (const uint32_t k : sentence_people)
        if (person_spans[k].span.end <= f.span.begin || f.action->form == Form::noun)
          actor = doc.people[person_spans[k].person].name;
      if (actor.empty()) {
        std::string_view lead = view.substr(sentence.span.begin, f.span.begin - sentence.span.begin);
        if (const size_t comma = lead.rfind(','); comma != std::string_view::npos) lead = lead.substr(comma + 1);
        lead = trim(lead);
        for (const std::string_view article : {"the ", "The "})
          if (lead.starts_with(article)) lead.remove_prefix(article.size());
        for (const std::string_view tail : {" also", " were", " was", " have", " has"})
          if (lead.ends_with(tail)) lead.remove_suffix(tail.size());
        actor = std::string(doc.surface({static_cast<uint32_t>(lead.data() - view.data()),
                                         static_cast<uint32_t>(lead.data() - view.data() + lead.size())}));
      }

      // An action of nobody in particular ("two weeks into electoral campaigning") is no event.
      const bool actor_is_person = person_names.count(actor) > 0;
      if (!party && !actor_is_person) continue;

      const std::string action_text(doc.surface(f.span));
      const std::optional<std::string> date_value = date ? date->value : std::nullopt;
      const auto add = [&](const PlaceMention* place) {
        const std::optional<std::string> place_name = place ? std::optional<std::string>(place->name) : std::nullopt;
        for (const Event& e : doc.events)
          if (e.span == sentence.span && e.party == party && e.date == date_value && e.place == place_name) return;
        doc.events.push_back({party, actor, *f.cls, action_text, date_value, place_name, sentence.span, f.action->rule});
      };
      if (places.empty()) add(nullptr);
      for (const PlaceMention* place : places) add(place);
    }
  }
}

}  // namespace hustings
