#include "stages/people/coreference.h"

#include <algorithm>
#include <map>

#include "pipeline/compare.h"
#include "stages/parties/matching.h"

namespace hustings::people {

namespace {

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < text.size()) {
    size_t space = text.find(' ', start);
    if (space == std::string_view::npos) space = text.size();
    if (space > start) words.emplace_back(text.substr(start, space - start));
    start = space + 1;
  }
  return words;
}

bool is_initial(const std::string& w) { return w.size() >= 2 && w.back() == '.'; }

// A name's folded given name and surname, for same_person.
struct NameKey {
  size_t words = 0;
  std::string given, surname;  // the first and last words, folded
};
NameKey key_of(const std::vector<std::string>& words) {
  if (words.size() < 2) return {words.size(), {}, {}};
  return {words.size(), fold_name(words.front()), fold_name(words.back())};
}

// "K." and "Kassym-Jomart", or the same given name, with the same surname.
bool same_person(const NameKey& a, const NameKey& b) {
  if (a.words < 2 || b.words < 2 || a.surname != b.surname) return false;
  const auto initial_of = [](const std::string& i, const std::string& w) {
    return is_initial(i) && w.rfind(i.substr(0, i.size() - 1), 0) == 0;
  };
  return a.given == b.given || initial_of(a.given, b.given) || initial_of(b.given, a.given);
}

// The person (index into ids) named in full most recently before `at`, else the first.
size_t nearest(const std::vector<Candidate>& people, const std::vector<size_t>& ids, uint32_t at) {
  size_t chosen = ids.front();
  bool found = false;
  uint32_t latest = 0;
  for (size_t id : ids)
    for (const Span f : people[id].full)
      if (f.begin < at && (!found || f.begin >= latest)) latest = f.begin, chosen = id, found = true;
  return chosen;
}

}  // namespace

std::string Candidate::name() const {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::optional<std::pair<std::string_view, uint32_t>> word_before(std::string_view view, uint32_t at) {
  if (at < 2 || view[at - 1] != ' ') return std::nullopt;
  uint32_t b = at - 1;
  while (b > 0 && view[b - 1] != ' ' && view[b - 1] != '\n') --b;
  if (b == at - 1) return std::nullopt;
  return std::make_pair(view.substr(b, at - 1 - b), b);
}

std::vector<Candidate> group_mentions(std::string_view view, const std::vector<Mention>& mentions) {
  std::vector<Candidate> people;
  std::vector<NameKey> keys;  // of each person's words
  for (const Mention& m : mentions) {
    const auto words = words_of(view.substr(m.name.begin, m.name.size()));
    if (words.size() < 2) continue;
    const NameKey key = key_of(words);
    auto it = std::find_if(people.begin(), people.end(), [&](const Candidate& p) { return same_person(keys[&p - people.data()], key); });
    if (it == people.end()) {
      people.push_back({words, {}, {}, {}});
      keys.push_back(key);
      it = people.end() - 1;
    } else if (!is_initial(words.front()) && is_initial(it->words.front())) {
      it->words = words;
      keys[it - people.begin()] = key;
    }
    it->mentions.push_back(&m);
  }
  for (const Mention& m : mentions) {
    const auto words = words_of(view.substr(m.name.begin, m.name.size()));
    if (words.size() != 1) continue;
    auto it = people.end();
    uint32_t latest = 0;
    for (auto p = people.begin(); p != people.end(); ++p) {
      if (p->surname() != words[0]) continue;
      if (it == people.end()) it = p;
      for (const Mention* full : p->mentions)
        if (full->name.begin < m.name.begin && full->name.begin >= latest && full->name.size() > m.name.size())
          latest = full->name.begin, it = p;
    }
    if (it == people.end()) {
      people.push_back({words, {}, {}, {}});
      it = people.end() - 1;
    }
    it->mentions.push_back(&m);
  }
  return people;
}

void find_surnames(const Document& doc, std::vector<Candidate>& people, const GivenNameTest& given_name) {
  const std::string_view view = doc.view();
  const auto outside = [&](Span s) {
    const int b = doc.block_at(s.begin);
    if (b < 0 || doc.blocks[b].kind == BlockKind::boilerplate) return false;
    return std::none_of(doc.party_mentions.begin(), doc.party_mentions.end(),
                        [&](const PartyMention& m) { return m.span.overlaps(s); });
  };
  std::map<std::string, std::vector<size_t>> by_surname;
  for (size_t i = 0; i < people.size(); ++i) by_surname[people[i].surname()].push_back(i);
  for (const auto& [surname, ids] : by_surname) {
    std::vector<Span> bare;
    std::vector<std::pair<std::string, Span>> others;  // "Given Surname" of someone not known
    for (size_t at = view.find(surname); at != std::string_view::npos; at = view.find(surname, at + 1)) {
      const Span s{static_cast<uint32_t>(at), static_cast<uint32_t>(at + surname.size())};
      if (!matching::at_word_bounds(view, s.begin, s.end) || !outside(s)) continue;
      const auto prev = word_before(view, s.begin);
      bool claimed = false;
      for (size_t id : ids) {
        Candidate& p = people[id];
        if (p.words.size() < 2) continue;
        std::string given;
        for (size_t w = 0; w + 1 < p.words.size(); ++w) given += p.words[w] + " ";
        uint32_t begin = 0;
        if (s.begin >= given.size() && view.substr(s.begin - given.size(), given.size()) == given)
          begin = static_cast<uint32_t>(s.begin - given.size());
        else if (prev && prev->first.size() >= 2 && prev->first.back() == '.' &&
                 p.words.front().rfind(prev->first.substr(0, prev->first.size() - 1), 0) == 0)
          begin = prev->second;  // an initial of the given name: "K. Tokayev"
        else
          continue;
        p.full.push_back({begin, s.end});
        claimed = true;
        break;
      }
      if (claimed) continue;
      if (prev && given_name(prev->first, prev->second)) {
        others.push_back({std::string(prev->first), {prev->second, s.end}});
        continue;
      }
      bare.push_back(s);
    }
    Candidate& only = people[ids.front()];
    if (ids.size() == 1 && only.words.size() == 1 && !others.empty() &&
        std::all_of(others.begin(), others.end(), [&](const auto& o) { return o.first == others[0].first; })) {
      only.words.insert(only.words.begin(), others[0].first);
      for (const auto& o : others) only.full.push_back(o.second);
    }
    for (const Span s : bare) people[nearest(people, ids, s.begin)].bare.push_back(s);
  }
}

}  // namespace hustings::people
