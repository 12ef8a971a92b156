#include "stages/quotes/speaker.h"

#include <algorithm>
#include <cctype>

#include <re2/re2.h>

#include "stages/quotes/patterns.h"

namespace hustings {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// As RE2::FindAndConsume(&rest, re, &group) for the first group; when that group is the whole
// match, RE2's DFAs alone find it (a group of its own costs a third, slower pass).
bool next_match(re2::StringPiece& rest, const re2::RE2& re, bool whole, re2::StringPiece& group) {
  if (!whole) return RE2::FindAndConsume(&rest, re, &group);
  re2::StringPiece m;
  if (!re.Match(rest, 0, rest.size(), RE2::UNANCHORED, &m, 1)) return false;
  group = m;
  rest.remove_prefix(static_cast<size_t>(m.data() + m.size() - rest.data()));
  return true;
}

template <typename T>
bool overlaps_any(const std::vector<T>& items, Span s) {
  for (const auto& item : items)
    if (item.span.overlaps(s)) return true;
  return false;
}

}  // namespace

SpeakerResolver::SpeakerResolver(const Document& doc, const SpeakerRules& rules, std::vector<Span> quoted)
    : doc_(doc), rules_(rules), quoted_(std::move(quoted)) {
  std::sort(quoted_.begin(), quoted_.end(), [](Span a, Span b) { return a.begin < b.begin; });
  for (size_t i = 0; i < doc.people.size(); ++i)
    for (const Span s : doc.people[i].spans) person_mentions_.emplace_back(s, static_cast<int>(i));
  std::sort(person_mentions_.begin(), person_mentions_.end(),
            [](const auto& a, const auto& b) { return a.first.begin < b.first.begin; });
  for (const auto& m : doc.party_mentions) party_mentions_.push_back(&m);
  std::sort(party_mentions_.begin(), party_mentions_.end(),
            [](const PartyMention* a, const PartyMention* b) { return a->span.begin < b->span.begin; });
  for (const auto& section : doc.sections) {
    std::string party;
    if (section.heading_block >= 0) {
      const Span heading = doc.blocks[static_cast<size_t>(section.heading_block)].span;
      for (const PartyMention* m : party_mentions_)
        if (heading.contains(m->span)) {
          party = m->party;
          break;
        }
    }
    section_parties_.push_back(party);
  }
  gender_.assign(doc.people.size(), kUnknownGender);
  int paragraph = -1;
  for (const auto& block : doc.blocks) {
    if (block.paragraph_start || paragraph < 0) ++paragraph;
    paragraph_of_block_.push_back(paragraph);
  }
}

bool SpeakerResolver::quoted(Span s) const {
  auto it = std::upper_bound(quoted_.begin(), quoted_.end(), s.begin, [](uint32_t pos, Span q) { return pos < q.begin; });
  return it != quoted_.begin() && std::prev(it)->contains(s);
}

bool SpeakerResolver::possessive(uint32_t end) const {
  const std::string_view view = doc_.view();
  if (end >= view.size() || view[end] != '\'') return false;
  return end + 1 == view.size() || view[end + 1] == 's' || is_space(view[end + 1]);
}

int SpeakerResolver::words_between(uint32_t begin, uint32_t end) const {
  const std::string_view view = doc_.view();
  int words = 0;
  bool in_word = false;
  for (uint32_t i = begin; i < end && i < view.size(); ++i) {
    const bool space = is_space(view[i]);
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

std::vector<SpeakerResolver::Candidate> SpeakerResolver::candidates(Span region) const {
  const std::string_view view = doc_.view();
  std::vector<Candidate> out;
  for (const auto& [span, person] : person_mentions_)
    if (region.contains(span)) out.push_back({span, person});
  for (const PartyMention* m : party_mentions_)
    if (region.contains(m->span) && !possessive(m->span.end) && !overlaps_any(out, m->span))
      out.push_back({m->span, -1, m->party});

  const std::string_view text = view.substr(region.begin, region.size());
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  while (rules_.referent_re && next_match(input, *rules_.referent_re, true, match)) {
    const auto begin = region.begin + static_cast<uint32_t>(match.data() - text.data());
    const Span span{begin, begin + static_cast<uint32_t>(match.size())};
    if (span.empty() || possessive(span.end) || overlaps_any(out, span)) continue;
    const std::string phrase = ascii_lower(std::string_view(match.data(), match.size()));
    for (const auto& r : rules_.referents)
      if (r.phrase == phrase) {
        Candidate c{span};
        (r.party ? c.group : c.pronoun) = true;
        c.gender = r.gender;
        out.push_back(c);
        break;
      }
  }

  if (rules_.name) {
    re2::StringPiece rest(text.data(), text.size());
    re2::StringPiece name;
    const re2::RE2& name_re = rules_.name->for_text(rest);
    while (next_match(rest, name_re, rules_.name_whole, name)) {
      if (name.empty()) break;
      std::string_view words(name.data(), name.size());
      // Drop leading words that never start a name ("The", "In").
      while (!words.empty()) {
        const size_t space = words.find(' ');
        const std::string_view first = words.substr(0, space);
        if (std::find(rules_.not_names.begin(), rules_.not_names.end(), first) == rules_.not_names.end()) break;
        words = space == std::string_view::npos ? std::string_view() : words.substr(space + 1);
      }
      if (words.empty()) continue;
      const auto begin = region.begin + static_cast<uint32_t>(words.data() - text.data());
      const Span span{begin, begin + static_cast<uint32_t>(words.size())};
      if (overlaps_any(out, span) || overlaps_any(doc_.dates, span) || overlaps_any(doc_.places, span) ||
          overlaps_any(doc_.party_mentions, span))
        continue;
      Candidate c{span};
      // A surname or a full name the people layer knows without this mention.
      for (size_t i = 0; i < doc_.people.size() && c.person < 0; ++i) {
        const Person& p = doc_.people[i];
        const std::string_view full = p.name;
        const size_t last_space = full.rfind(' ');
        const std::string_view surname = last_space == std::string_view::npos ? full : full.substr(last_space + 1);
        if (words == full || words == surname ||
            std::find(p.aliases.begin(), p.aliases.end(), std::string(words)) != p.aliases.end())
          c.person = static_cast<int>(i);
      }
      if (c.person < 0) {
        if (words.find(' ') == std::string_view::npos) continue;  // one unknown word: no name
        c.written = std::string(doc_.surface(span));
      }
      out.push_back(c);
    }
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.span.begin < b.span.begin; });
  return out;
}

Speaker SpeakerResolver::person_speaker(int person, Span span, const char* how) const {
  Speaker s;
  if (person < 0) return s;
  const Person& p = doc_.people[static_cast<size_t>(person)];
  s.name = p.name;
  s.span = span;
  s.party = p.party;
  s.how = how;
  return s;
}

Speaker SpeakerResolver::from(const Candidate& c) const {
  if (c.person >= 0) return person_speaker(c.person, c.span, "person");
  if (c.pronoun) return person_speaker(last_person_before(c.span.begin, false, c.gender), c.span, "pronoun");
  Speaker s;
  std::string party = c.party;
  if (c.group) {
    party = section_party(c.span.begin).value_or("");
    if (party.empty()) party = last_party_before(c.span.begin);
  }
  if (!party.empty()) {
    s.name = party_name(party);
    s.party = party;
    s.how = c.group ? "group" : "party";
  } else if (!c.written.empty()) {
    s.name = c.written;
    s.how = "name";
  }
  if (s.name) s.span = c.span;
  return s;
}

Speaker SpeakerResolver::resolve(Span region, Mode mode) const {
  const auto cands = candidates(region);
  if (mode == Mode::first) {
    for (const auto& c : cands)
      if (c.person >= 0 && words_between(region.begin, c.span.begin) <= rules_.max_words) return from(c);
    for (const auto& c : cands) {
      if (words_between(region.begin, c.span.begin) > rules_.max_words) break;
      if (Speaker s = from(c)) return s;
    }
    return {};
  }
  // adjacent: only spaces, or one comma-delimited apposition, between the candidate and the end.
  const std::string_view view = doc_.view();
  for (auto it = cands.rbegin(); it != cands.rend(); ++it) {
    uint32_t p = it->span.end;
    while (p < region.end && is_space(view[p])) ++p;
    if (p < region.end && view[p] == ',') {
      const size_t comma = view.substr(p + 1, region.end - p - 1).find(',');
      if (comma == std::string_view::npos) continue;
      p += static_cast<uint32_t>(comma) + 2;
      while (p < region.end && is_space(view[p])) ++p;
    }
    if (p < region.end) continue;
    return from(*it);
  }
  return {};
}

std::optional<std::string> SpeakerResolver::section_party(uint32_t pos) const {
  const int block = doc_.block_at(pos);
  if (block < 0) return std::nullopt;
  const int section = doc_.blocks[static_cast<size_t>(block)].section;
  if (section < 0 || static_cast<size_t>(section) >= section_parties_.size()) return std::nullopt;
  const std::string& party = section_parties_[static_cast<size_t>(section)];
  if (party.empty()) return std::nullopt;
  return party;
}

char SpeakerResolver::gender_of(const Person& p) const {
  const auto word_gender = [&](std::string_view word) -> char {
    const std::string w = ascii_lower(word);
    for (const auto& [cue, gender] : rules_.gender_words)
      if (w == cue) return gender;
    return 0;
  };
  if (p.role_text) {  // "the party's spokeswoman"
    std::string_view rest = *p.role_text;
    while (!rest.empty()) {
      const size_t space = rest.find(' ');
      if (const char g = word_gender(rest.substr(0, space))) return g;
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
  }
  const std::string_view view = doc_.view();
  for (const Span s : p.spans) {  // a title right before a mention: "Mrs. Lee"
    uint32_t end = s.begin;
    while (end > 0 && is_space(view[end - 1])) --end;
    uint32_t begin = end;
    while (begin > 0 && !is_space(view[begin - 1])) --begin;
    if (const char g = word_gender(view.substr(begin, end - begin))) return g;
  }
  // The surname's ending, for each part of a double surname ("Zhunusova-Berg").
  const std::string surname = ascii_lower(std::string_view(p.name).substr(p.name.rfind(' ') + 1));
  size_t best = 0;
  char gender = 0;
  for (size_t start = 0; start <= surname.size();) {
    const size_t dash = surname.find('-', start);
    const std::string part = surname.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
    for (const auto& [ending, g] : rules_.surname_endings)
      if (ending.size() > best && part.size() > ending.size() + 1 && part.ends_with(ending)) {
        best = ending.size();
        gender = g;
      }
    if (gender || dash == std::string::npos) break;
    start = dash + 1;
  }
  return gender;
}

int SpeakerResolver::last_person_before(uint32_t pos, bool same_paragraph, char gender) const {
  const int block = doc_.block_at(pos);
  if (block < 0) return -1;
  const Block& here = doc_.blocks[static_cast<size_t>(block)];
  auto it = std::lower_bound(person_mentions_.begin(), person_mentions_.end(), pos,
                             [](const auto& m, uint32_t p) { return m.first.begin < p; });
  while (it != person_mentions_.begin()) {
    --it;
    const int b = doc_.block_at(it->first.begin);
    if (b < 0) continue;
    const Block& there = doc_.blocks[static_cast<size_t>(b)];
    if (there.section != here.section) break;
    if (same_paragraph && paragraph_of_block_[static_cast<size_t>(b)] != paragraph_of_block_[static_cast<size_t>(block)])
      break;
    if (there.kind == BlockKind::caption && here.kind != BlockKind::caption) continue;
    if (there.kind != BlockKind::body && there.kind != BlockKind::caption) continue;
    if (quoted(it->first)) continue;
    if (gender) {
      char& g = gender_[static_cast<size_t>(it->second)];
      if (g == kUnknownGender) g = gender_of(doc_.people[static_cast<size_t>(it->second)]);
      if (g && g != gender) continue;
    }
    return it->second;
  }
  return -1;
}

Speaker SpeakerResolver::last_person_in_paragraph(uint32_t pos) const {
  const int person = last_person_before(pos, true);
  if (person < 0) return {};
  // The mention itself is the speaker's words.
  for (auto it = person_mentions_.rbegin(); it != person_mentions_.rend(); ++it)
    if (it->second == person && it->first.begin < pos) return person_speaker(person, it->first, "context");
  return {};
}

std::string SpeakerResolver::last_party_before(uint32_t pos) const {
  const int block = doc_.block_at(pos);
  const int section = block < 0 ? -1 : doc_.blocks[static_cast<size_t>(block)].section;
  std::string party;
  for (const PartyMention* m : party_mentions_) {
    if (m->span.end > pos) break;
    const int b = doc_.block_at(m->span.begin);
    if (b < 0 || doc_.blocks[static_cast<size_t>(b)].section != section || quoted(m->span)) continue;
    party = m->party;
  }
  return party;
}

std::string SpeakerResolver::party_name(const std::string& id) const {
  for (const auto& p : doc_.parties)
    if (p.party == id && !p.name.empty()) return p.name;
  return id;
}

}  // namespace hustings
