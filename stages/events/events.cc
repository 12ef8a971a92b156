#include "stages/events/events.h"

#include <algorithm>
#include <optional>

#include <re2/re2.h>

namespace hustings {

namespace {

// Byte ranges of a paragraph that lie inside quotation marks (straight marks in the view):
// the reporter's narrative is outside them.
std::vector<Span> quoted_ranges(std::string_view view, Span block) {
  std::vector<Span> ranges;
  std::optional<uint32_t> open;
  for (uint32_t i = block.begin; i < block.end; ++i) {
    if (view[i] != '"') continue;
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

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::string_view(" ,;:-(").find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  while (!s.empty() && std::string_view(" ,;:-").find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  return s;
}

}  // namespace

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
}

EventsStage::~EventsStage() = default;

void EventsStage::run(Document& doc) const {
  doc.events.clear();
  const std::string_view view = doc.view();

  // The party that a heading names opens its section.
  std::vector<std::optional<std::string>> section_party(doc.sections.size());
  for (size_t s = 0; s < doc.sections.size(); ++s) {
    const Span heading = doc.blocks[doc.sections[s].heading_block].span;
    for (const auto& m : doc.party_mentions)
      if (heading.contains(m.span)) {
        section_party[s] = m.party;
        break;
      }
  }

  int quoted_block = -1;
  std::vector<Span> quoted;
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& sentence = doc.sentences[si];
    const Block& block = doc.blocks[sentence.block];
    if (block.kind != BlockKind::body) continue;
    if (quoted_block != sentence.block) {
      quoted = quoted_ranges(view, block.span);
      quoted_block = sentence.block;
    }
    const std::string_view text = view.substr(sentence.span.begin, sentence.span.size());

    // The actions of the sentence, outside quotation marks, in order, without overlaps.
    struct Found {
      const Action* action;
      Span span;
      std::string cls;
    };
    std::vector<Found> found;
    for (const Action& action : actions_) {
      re2::StringPiece input(text), match;
      size_t from = 0;
      while (from < text.size() &&
             action.pattern->Match(input, from, text.size(), RE2::UNANCHORED, &match, 1)) {
        const uint32_t b = sentence.span.begin + static_cast<uint32_t>(match.data() - text.data());
        const Span span{b, b + static_cast<uint32_t>(match.size())};
        from = span.end - sentence.span.begin + (match.empty() ? 1 : 0);
        if (inside_any(quoted, span)) continue;
        Found f{&action, span, action.cls};
        if (action.form == Form::noun) {
          // A noun names an action only after "at a", "during his", "a March 1 ..." and the like.
          const std::string_view before = view.substr(sentence.span.begin, b - sentence.span.begin);
          if (!RE2::PartialMatch(before, *noun_cue_)) continue;
        }
        found.push_back(std::move(f));
      }
    }
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.span.begin < b.span.begin; });
    // A host verb takes its class from the noun that follows it ("organized a concert").
    std::vector<Found> actions;
    for (size_t i = 0; i < found.size(); ++i) {
      Found f = found[i];
      if (!actions.empty() && actions.back().span.overlaps(f.span)) continue;
      if (f.action->form == Form::host) {
        for (const Action& noun : actions_) {
          if (noun.form != Form::noun) continue;
          re2::StringPiece match;
          const std::string_view after = view.substr(f.span.end, std::min<uint32_t>(60, sentence.span.end - f.span.end));
          if (noun.pattern->Match(after, 0, after.size(), RE2::UNANCHORED, &match, 1)) {
            const auto words = std::count(after.begin(), after.begin() + (match.data() - after.data()), ' ');
            if (words > 5) continue;
            f.cls = noun.cls;
            f.span.end = f.span.end + static_cast<uint32_t>(match.data() - after.data() + match.size());
            break;
          }
        }
      }
      actions.push_back(std::move(f));
    }

    for (const Found& f : actions) {
      // Places.
      std::vector<const PlaceMention*> after, fronted;
      for (const auto& p : doc.places) {
        if (!sentence.span.contains(p.span) || inside_any(quoted, p.span)) continue;
        if (doc.dateline_span && doc.dateline_span->overlaps(p.span)) continue;  // where it was filed
        if (p.span.begin >= f.span.begin) {
          after.push_back(&p);
        } else {
          const std::string_view lead = view.substr(sentence.span.begin, p.span.begin - sentence.span.begin);
          if (!RE2::PartialMatch(lead, *not_here_)) fronted.push_back(&p);
        }
      }
      std::vector<const PlaceMention*> places = most_specific(!after.empty() ? after : fronted);
      bool anaphoric = false;
      if (places.empty()) {
        // "the region's public": the last place of that kind named before, in the same section.
        const std::string_view rest = view.substr(f.span.begin, sentence.span.end - f.span.begin);
        for (const auto& [phrase, kind] : anaphors_) {
          if (!RE2::PartialMatch(rest, "(?i)\\b" + RE2::QuoteMeta(phrase) + "\\b")) continue;
          for (const auto& p : doc.places) {
            if (p.span.begin >= sentence.span.begin) break;
            const int b = doc.block_at(p.span.begin);
            if (b >= 0 && doc.blocks[b].kind == BlockKind::body && doc.blocks[b].section == block.section &&
                p.kind == kind)
              places = {&p};
          }
          anaphoric = !places.empty();
          if (anaphoric) break;
        }
      }
      if (places.empty() && si > 0 && doc.sentences[si - 1].block == sentence.block) {
        const Span previous = doc.sentences[si - 1].span;
        for (const auto& p : doc.places)
          if (previous.contains(p.span) && !inside_any(quoted, p.span)) places = {&p};
      }
      if (!f.action->multi && places.size() > 1) {
        places = {*std::min_element(places.begin(), places.end(), [](const PlaceMention* a, const PlaceMention* b) {
          return specificity(a->kind) < specificity(b->kind);
        })};
      }

      // Date: the day nearest to the action.
      const DateMention* date = nullptr;
      uint32_t best = UINT32_MAX;
      for (const auto& d : doc.dates) {
        if (!sentence.span.contains(d.span) || inside_any(quoted, d.span) || d.kind != "date" || !is_day(d.value))
          continue;
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
      for (const auto& m : doc.party_mentions) {
        if (!sentence.span.contains(m.span) || inside_any(quoted, m.span)) continue;
        if (m.span.begin < f.span.begin || !party) party = m.party;
      }
      if (!party && block.section >= 0) party = section_party[block.section];
      if (!party) {
        for (const auto& m : doc.party_mentions) {
          if (m.span.begin >= sentence.span.begin) break;
          const int b = doc.block_at(m.span.begin);
          if (b >= 0 && doc.blocks[b].kind != BlockKind::caption) party = m.party;
        }
      }

      // Actor: a person named before the action, else the subject phrase before it.
      std::string actor;
      // (for an action noun, anywhere in the sentence: "At a March 2 meeting, ... X noted")
      for (const auto& person : doc.people)
        for (const Span s : person.spans)
          if (sentence.span.contains(s) && (s.end <= f.span.begin || f.action->form == Form::noun) &&
              !inside_any(quoted, s))
            actor = person.name;
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
      const bool actor_is_person = std::any_of(doc.people.begin(), doc.people.end(),
                                               [&](const Person& p) { return p.name == actor; });
      if (!party && !actor_is_person) continue;

      const std::string action_text(doc.surface(f.span));
      const std::optional<std::string> date_value = date ? date->value : std::nullopt;
      const auto add = [&](const PlaceMention* place) {
        const std::optional<std::string> place_name = place ? std::optional<std::string>(place->name) : std::nullopt;
        for (const Event& e : doc.events)
          if (e.span == sentence.span && e.party == party && e.date == date_value && e.place == place_name) return;
        doc.events.push_back({party, actor, f.cls, action_text, date_value, place_name, sentence.span, f.action->rule});
      };
      if (places.empty()) add(nullptr);
      for (const PlaceMention* place : places) add(place);
    }
  }
}

}  // namespace hustings
