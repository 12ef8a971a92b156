#include "stages/quotes/quotes.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <re2/re2.h>

#include "stages/quotes/internal.h"

namespace hustings {

using quotes_internal::compile;
using quotes_internal::Program;
using quotes_internal::Unbounded;

namespace {

// A list of phrases as one RE2 alternation, longest first; spaces match any whitespace run.
std::string alternation(std::vector<std::string> phrases) {
  std::sort(phrases.begin(), phrases.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::string out;
  for (const auto& phrase : phrases) {
    const std::string quoted = RE2::QuoteMeta(phrase);
    std::string spaced;
    for (size_t i = 0; i < quoted.size(); ++i) {
      if (quoted[i] == '\\' && i + 1 < quoted.size() && quoted[i + 1] == ' ') {
        spaced += "\\s+";
        ++i;
      } else {
        spaced += quoted[i];
      }
    }
    if (!out.empty()) out += '|';
    out += spaced;
  }
  return out;
}

// Replaces {NAME} by its macro; RE2 repetitions ({1,80}) and classes (\p{Lu}) are left alone.
std::string expand(const TsvTable& table, const TsvRow& row, const std::string& pattern,
                   const std::map<std::string, std::string>& macros) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const bool unicode_class = i >= 2 && pattern[i - 2] == '\\' && (pattern[i - 1] == 'p' || pattern[i - 1] == 'P');
    const size_t close = pattern[i] == '{' && !unicode_class ? pattern.find('}', i) : std::string::npos;
    if (close != std::string::npos) {
      const std::string name = pattern.substr(i + 1, close - i - 1);
      const bool identifier = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      });
      if (identifier) {
        const auto it = macros.find(name);
        if (it == macros.end()) table.fail(row, "unknown placeholder {" + name + "}");
        out += it->second;
        i = close;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

}  // namespace

namespace quotes_internal {

// See `Unbounded`.
bool search(const QuotesStage::Pattern& p, re2::StringPiece text, RE2::Anchor anchor, re2::StringPiece* groups,
            int ngroups, bool matches) {
  // Without groups RE2 answers with its DFA; asked for groups, it runs an anchored pattern on a
  // short text with its much slower BitState engine straight away, and most windows do not match.
  const re2::RE2& re = p.program->for_text(text);
  if (!matches && !re.Match(text, 0, text.size(), anchor, nullptr, 0)) return false;
  if (!re.Match(text, 0, text.size(), anchor, groups, ngroups)) return false;
  bool exact = false;
  for (const auto& b : p.bounds) {
    if (code_points(groups[b.group]) <= b.max) continue;
    if (b.decisive) return false;
    exact = true;
  }
  return !exact || p.exact->for_text(text).Match(text, 0, text.size(), anchor, groups, ngroups);
}

// Whether `p` matches `text` at all (the start-up checks). On a text no longer than every bound
// no group needs checking, so RE2 need not build the reverse program that finds where an
// unanchored match starts.
bool check(const QuotesStage::Pattern& p, re2::StringPiece text, RE2::Anchor anchor) {
  if (std::all_of(p.bounds.begin(), p.bounds.end(), [&](const auto& b) { return code_points(text) <= b.max; }))
    return p.program->for_text(text).Match(text, 0, text.size(), anchor, nullptr, 0);
  std::vector<re2::StringPiece> groups(static_cast<size_t>(p.program->groups()) + 1);
  return search(p, text, anchor, groups.data(), static_cast<int>(groups.size()));
}

}  // namespace quotes_internal

QuotesStage::QuotesStage(const RuleLocator& rules, QuotesOptions options) : options_(options) {
  std::map<std::string, std::string> macros;
  {  // {verb} and {source}: the speech verbs shared with the people stage.
    const auto verbs = TsvTable::load(rules.language("speech-verbs.tsv"), {"verb", "kind"});
    std::vector<std::string> finite, source;
    for (const auto& row : verbs.rows())
      (verbs.required(row, "kind") == "preposition" ? source : finite).push_back(verbs.required(row, "verb"));
    if (finite.empty()) throw RuleError(verbs.file(), 0, "no speech verb of kind verb");
    if (source.empty()) throw RuleError(verbs.file(), 0, "no speech verb of kind preposition");
    macros["verb"] = "(?P<verb>(?i:\\b(?:" + alternation(finite) + ")))";
    macros["source"] = "(?P<verb>(?i:\\b(?:" + alternation(source) + ")))";
  }
  {
    const auto table = TsvTable::load(rules.language("quote-referents.tsv"), {"phrase", "refers"});
    std::vector<std::string> phrases;
    for (const auto& row : table.rows()) {
      const std::string& refers = table.required(row, "refers");
      if (refers != "person" && refers != "male" && refers != "female" && refers != "party")
        table.fail(row, "refers must be person, male, female or party, found '" + refers + "'");
      std::string phrase = table.required(row, "phrase");
      for (char& c : phrase) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      speaker_rules_.referents.push_back({phrase, refers == "party", refers == "male" ? 'm' : refers == "female" ? 'f' : '\0'});
      phrases.push_back(phrase);
    }
    if (!phrases.empty()) speaker_rules_.referent_re = compile("\\b(?:" + alternation(phrases) + ")\\b", false);
  }
  const auto genders = [](const std::filesystem::path& path, const char* column) {
    std::vector<std::pair<std::string, char>> out;
    const auto table = TsvTable::load(path, {column, "gender"});
    for (const auto& row : table.rows()) {
      const std::string& gender = table.required(row, "gender");
      if (gender != "male" && gender != "female") table.fail(row, "gender must be male or female, found '" + gender + "'");
      std::string key = table.required(row, column);
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.emplace_back(key, gender == "male" ? 'm' : 'f');
    }
    return out;
  };
  speaker_rules_.gender_words = genders(rules.language("gender-words.tsv"), "word");
  if (const auto path = rules.pack("surname-endings.tsv"); rule_file_exists(path))
    speaker_rules_.surname_endings = genders(path, "ending");
  if (const auto path = rules.language("not-names.tsv"); rule_file_exists(path)) {
    const auto table = TsvTable::load(path, {"word"});
    for (const auto& row : table.rows()) speaker_rules_.not_names.push_back(table.required(row, "word"));
  }

  const auto table = TsvTable::load(rules.language("quotes.re2.tsv"), {"id", "where", "pattern", "example"});
  std::map<std::string, bool> matches_empty;  // per repeated group
  AsciiClasses classes;
  const std::map<std::string, std::vector<Pattern>*> lists = {
      {"after", &after_},         {"before", &before_},
      {"partial", &partial_},     {"not-quote", &not_quote_},
      {"circumstance", &circumstance_}, {"clause-end", &clause_end_},
      {"indirect", &indirect_},   {"name", nullptr}};
  for (const auto& row : table.rows()) {
    const std::string& id = table.required(row, "id");
    const std::string pattern = expand(table, row, table.required(row, "pattern"), macros);
    if (id[0] == '@') {
      macros[id.substr(1)] = "(?:" + pattern + ")";
      continue;
    }
    const std::string& where = table.required(row, "where");
    const auto list = lists.find(where);
    if (list == lists.end()) table.fail(row, "unknown where '" + where + "'");
    // The written-name pattern runs with FindAndConsume: as written.
    const Unbounded forms =
        where == "name" ? Unbounded{pattern, pattern, {}} : quotes_internal::unbound(pattern, classes, matches_empty);
    auto program = std::make_shared<const Program>(id, forms.fast, classes, true);
    if (!program->ok()) table.fail(row, "invalid RE2 pattern: " + program->error());
    Pattern p{id, program};
    for (const auto& b : forms.bounds) p.bounds.push_back({program->group(b.group.c_str()), b.max, b.decisive});
    if (!p.bounds.empty()) p.exact = std::make_shared<const Program>(id, forms.exact, classes, false);
    if (quotes_internal::check(p, "", RE2::ANCHOR_BOTH)) table.fail(row, "pattern matches the empty string");
    const std::string& example = table.cell(row, "example");
    if (!example.empty() && !quotes_internal::check(p, example, RE2::UNANCHORED))
      table.fail(row, "pattern does not match its example");
    p.speaker = program->group("speaker");
    p.verb = program->group("verb");
    p.content = program->group("content");
    if ((where == "after" || where == "before" || where == "partial") && p.speaker < 0)
      table.fail(row, "a " + where + " pattern needs a group 'speaker'");
    if (where == "indirect" && p.content < 0) table.fail(row, "an indirect pattern needs a group 'content'");
    if (where == "name") {
      if (program->group("name") < 0) table.fail(row, "a name pattern needs a group 'name'");
      speaker_rules_.name = program;
      speaker_rules_.name_whole = pattern.rfind("(?P<name>", 0) == 0 && quotes_internal::whole_group(pattern);
      continue;
    }
    list->second->push_back(std::move(p));
  }
  if (after_.empty() && before_.empty()) throw RuleError(table.file(), 0, "no after or before pattern");
  if (indirect_.size() > 1) {
    RE2::Options o;
    o.set_log_errors(false);
    auto set = std::make_unique<PatternSet>(PatternSet{RE2::Set(o, RE2::UNANCHORED)});
    bool ok = true;
    for (const auto& p : indirect_) ok = ok && set->set.Add(p.program->ascii().pattern(), nullptr) >= 0;
    if (ok && set->set.Compile()) indirect_set_ = std::move(set);
  }
}

QuotesStage::~QuotesStage() = default;

void QuotesStage::run(Document& doc) const {
  doc.quotes.clear();
  Work work(doc, find_quoted_spans(doc), speaker_rules_);
  size_t reported = 0;
  for (const uint32_t pos : work.scan.unclosed) {
    if (reported++ == options_.max_warnings) {
      doc.warnings.push_back("quotes: " + std::to_string(work.scan.unclosed.size() - options_.max_warnings) +
                             " more unclosed quotation marks dropped");
      break;
    }
    const int b = doc.block_at(pos);
    uint32_t end = b < 0 ? pos + 1 : std::min(doc.blocks[static_cast<size_t>(b)].span.end, pos + 40);
    while (end > pos + 1 && end < doc.view().size() && (static_cast<unsigned char>(doc.view()[end]) & 0xC0) == 0x80) --end;
    doc.warnings.push_back("quotes: unclosed quotation mark at " +
                           std::to_string(doc.code_points({pos, pos}).first) + " dropped: " +
                           std::string(doc.surface({pos, end})) + "...");
  }
  direct_quotes(work);
  indirect_quotes(work);
  // A quote whose attribution names no date or place was said at the most recent event reported
  // before it in the same section.
  for (Quote& quote : doc.quotes) {
    if (quote.date || quote.place) continue;
    const int block = doc.block_at(quote.span.begin);
    if (block < 0) continue;
    const Event* recent = nullptr;
    for (const Event& event : doc.events) {
      if (event.span.begin > quote.span.begin) break;
      const int b = doc.block_at(event.span.begin);
      if (b >= 0 && doc.blocks[b].section == doc.blocks[block].section) recent = &event;
    }
    if (recent) {
      quote.date = recent->date;
      quote.place = recent->place;
    }
  }
  std::stable_sort(doc.quotes.begin(), doc.quotes.end(),
                   [](const Quote& a, const Quote& b) { return a.span.begin < b.span.begin; });
}

}  // namespace hustings
