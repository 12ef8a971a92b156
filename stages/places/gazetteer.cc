#include "stages/places/gazetteer.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include "pipeline/compare.h"
#include "pipeline/utf8.h"
#include "stages/normalize/normalize.h"

namespace hustings {

namespace {

const std::vector<std::string> kRankOrder = {"country", "region", "city",     "town",
                                             "district", "village", "landmark", "other"};

bool has_lower(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    int len = 0;
    const char32_t c = decode_utf8(s, i, &len);
    if (u_islower(static_cast<UChar32>(c))) return true;
    i += static_cast<size_t>(len > 0 ? len : 1);
  }
  return false;
}

std::vector<std::string> split_words(const std::string& phrase) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < phrase.size()) {
    size_t space = phrase.find(' ', start);
    if (space == std::string::npos) space = phrase.size();
    words.push_back(phrase.substr(start, space - start));
    start = space + 1;
  }
  return words;
}

// std::isalnum of an ASCII character, without the locale.
bool is_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Whitespace runs made single spaces, none at either end.
std::string single_spaced(std::string_view view) {
  std::string out;
  out.reserve(view.size());
  bool space = false;
  for (const char c : view) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// phrase_key for many names: ASCII characters are normalized one by one (normalize copies ASCII
// text character by character), so their views are computed once.
class PhraseKeys {
 public:
  explicit PhraseKeys(const NormalizeStage& normalize) : normalize_(normalize) {
    for (int c = 0; c < 0x80; ++c) {
      const char ch = static_cast<char>(c);
      ascii_[c] = normalize.normalize(std::string_view(&ch, 1)).view;
    }
  }
  std::string operator()(std::string_view text) const {
    if (!is_ascii(text)) return Gazetteer::phrase_key(normalize_, text);
    std::string view;
    view.reserve(text.size());
    for (const char c : text) view += ascii_[static_cast<unsigned char>(c)];
    return single_spaced(view);
  }

 private:
  const NormalizeStage& normalize_;
  std::string ascii_[0x80];
};

}  // namespace

std::string Gazetteer::phrase_key(const NormalizeStage& normalize, std::string_view text) {
  return single_spaced(normalize.normalize(text).view);
}

Gazetteer::Gazetteer(const RuleLocator& rules) {
  std::vector<std::filesystem::path> files;
  for (const char* name : {"places.tsv", "world.tsv"})
    if (rule_file_exists(rules.pack(name))) files.push_back(rules.pack(name));
  entries_ = load_places(files);

  std::unordered_map<std::string, int> by_id;
  for (size_t i = 0; i < entries_.size(); ++i) by_id.emplace(entries_[i].id, static_cast<int>(i));
  for (const auto& e : entries_) {
    parents_.push_back(e.parent.empty() ? -1 : by_id.at(e.parent));
    ranks_.push_back(static_cast<int>(std::find(kRankOrder.begin(), kRankOrder.end(), e.kind) - kRankOrder.begin()));
  }

  // Region words ("Region", "oblast"): a region's names without them are its base names.
  const auto words_table = TsvTable::load(rules.language("place-words.tsv"), {"word", "kind"});
  std::unordered_set<std::string> region_words;
  for (const auto& row : words_table.rows()) {
    const std::string& kind = words_table.required(row, "kind");
    if (kind != "region") words_table.fail(row, "kind must be region, found '" + kind + "'");
    region_words.insert(words_table.required(row, "word"));
  }

  const NormalizeStage normalize(rules);
  const PhraseKeys phrase_keys(normalize);
  for (size_t i = 0; i < entries_.size(); ++i) {
    const auto& e = entries_[i];
    const int index = static_cast<int>(i);
    const std::string name_key = phrase_keys(e.name);
    add(name_key, {index, true});
    std::vector<std::string> alias_keys;
    alias_keys.reserve(e.aliases.size());
    for (const auto& alias : e.aliases) {
      alias_keys.push_back(phrase_keys(alias));
      add(alias_keys.back(), {index, false});
    }
    if (e.kind != "region") continue;
    alias_keys.push_back(name_key);  // the aliases, then the name
    for (const auto& key : alias_keys) {
      const size_t space = key.rfind(' ');
      if (space == std::string::npos || !region_words.count(key.substr(space + 1))) continue;
      region_base_.emplace(fold_name(std::string_view(key).substr(0, space)), index);
    }
  }

  // Party names that contain a place hide it ("People's Party of Kazakhstan").
  const auto parties_file = rules.pack("parties.tsv");
  if (!rule_file_exists(parties_file)) return;
  const auto has_hits = [&](std::string_view phrase) {
    const Phrase* p = lookup(phrase);
    return p && !p->hits.empty();
  };
  for (const auto& party : load_parties(parties_file)) {
    std::vector<std::string> names = party.aliases;
    names.push_back(party.name);
    for (const auto& f : party.former) names.push_back(f.name);
    for (const auto& name : names) {
      const std::string key = phrase_keys(name);
      if (has_hits(key)) continue;
      const auto words = split_words(key);
      bool holds_place = false;
      for (size_t a = 0; a < words.size() && !holds_place; ++a) {
        std::string sub;
        for (size_t b = a; b < words.size() && !holds_place; ++b) {
          sub += (b > a ? " " : "") + words[b];
          holds_place = has_hits(sub);
        }
      }
      if (holds_place && words.size() > 1) add(key, {-1, false});
    }
  }
}

void Gazetteer::add(const std::string& phrase, GazetteerHit hit) {
  if (phrase.empty()) return;
  const auto put = [&](PhraseTable<Phrase>& map, const std::string& key) {
    auto& hits = map[key].hits;
    for (auto& h : hits)
      if (h.entry == hit.entry) {
        h.canonical = h.canonical || hit.canonical;
        return;
      }
    hits.push_back(hit);
    // Prefixes that end where a word ends or a separator follows ("Nur", "Nur-", "Nur-Sultan").
    const auto word_char = [&](size_t i) {
      const auto c = static_cast<unsigned char>(key[i]);
      return c >= 0x80 || is_alnum(c);
    };
    for (size_t i = 1; i <= key.size(); ++i)
      if (i == key.size() || word_char(i - 1) != word_char(i)) map[std::string_view(key).substr(0, i)].prefix = true;
  };
  put(exact_, phrase);
  first_bytes_[static_cast<unsigned char>(phrase[0])] = true;
  if (has_lower(phrase)) put(caps_, fold_name(phrase));
}

bool Gazetteer::is_settlement(int i) const {
  const auto& kind = entry(i).kind;
  return kind == "city" || kind == "town" || kind == "village";
}

int Gazetteer::region_of_base(std::string_view name) const {
  const int* region = region_base_.find(fold_name(name));
  return region ? *region : -1;
}

}  // namespace hustings
