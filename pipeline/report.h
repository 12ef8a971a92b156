// report — one self-contained HTML page (inline CSS, JS and SVG; no network, no fonts) that shows
// documents with their records: `hustings report`.
//
// Needs: per document its original text (optional) and its records, exactly as `extract` emits
// them (SPEC "Records": spans are code-point offsets of the original text); optionally gold
// records for a comparison (pipeline/compare.h) and the pack (party names, gazetteer parents).
// Gives: a summary, with gold the score table, an index (one row per article when several), a
// campaign timeline (SVG, one lane per party), per-party fact sheets, a place table by region,
// and each article with its mentions highlighted: `<b data-type="party|person|date|place|
// quote">`, one element per mention (a mention split by a crossing one continues in
// `<b data-c=TYPE>` fragments); missed gold mentions are `<b data-miss=TYPE>`, wrong values
// carry `data-wrong`. `<script type="application/json" id="record-counts">` holds the counts the
// records give; the page's script counts the elements it shows into `<pre id="dom-counts">`.
// Example: render_report({{"seed", text, records}}, {}) with the seed's 26 date records gives 26
// `<b data-type=date>` elements and "date":26 in record-counts.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/compare.h"
#include "pipeline/extract.h"
#include "pipeline/pack.h"

namespace hustings {

struct ReportDocument {
  std::string id;
  std::optional<std::string> text;      // original text (valid UTF-8); absent: records only
  std::vector<nlohmann::json> records;  // this document's records, in their order
  std::optional<std::string> error;     // an error record's message
};

// What the report knows of the pack; every part may be empty.
struct ReportPack {
  NameResolver resolve;                    // names -> ids (compare, places without ids)
  std::map<std::string, std::string> party_names;  // id -> canonical name
  std::map<std::string, std::vector<std::string>> party_aliases;  // id -> names to look for
  std::vector<PlaceEntry> places;          // gazetteer (places.tsv + world.tsv)
  std::vector<std::string> home_countries; // ids of the pack's own countries
  std::map<std::string, size_t> place_by_id;  // index into `places`
  static ReportPack load(const RuleLocator& rules);
  const PlaceEntry* place(const std::string& id) const;
};

struct ReportOptions {
  std::string title = "hustings report";
  std::optional<std::vector<nlohmann::json>> gold;  // set: compare and mark
  const ReportPack* pack = nullptr;
};

// The five highlighted types, in the order the page lists them.
extern const std::vector<std::string> kReportTypes;

struct ReportStats {
  std::map<std::string, int> mentions;  // highlighted, per type
  std::map<std::string, int> missed;    // missed gold mentions marked in the text, per type
  int invalid_spans = 0;                // outside the text, empty or malformed: not shown
  int mismatched_spans = 0;             // the text under the span differs from the record's text
  int unmarked_missed = 0;              // missed gold records that could not be placed in a text
  size_t bytes = 0;
};

std::string render_report(const std::vector<ReportDocument>& docs, const ReportOptions& options,
                          ReportStats* stats = nullptr);

// Records grouped by `doc` in order of first appearance; records without a doc (errors of
// unreadable inputs) become documents of their own named by their file.
std::vector<ReportDocument> group_records(const std::vector<nlohmann::json>& records);

// Runs the pipeline on every input item (in parallel, `options.jobs`) and keeps each document's
// text with its records. Warnings go to `messages`; `failed` counts the error items.
std::vector<ReportDocument> extract_for_report(const Pipeline& pipeline, InputReader& reader,
                                               const ExtractOptions& options, std::ostream& messages,
                                               long& failed);

// Texts for documents read from records: `source` is a directory of <id>.txt files, or a text or
// JSONL file of articles. Documents whose text is not found keep none (a note says so).
void attach_texts(std::vector<ReportDocument>& docs, const std::string& source, std::ostream& messages);

// ---- building blocks (exposed for the tests) ------------------------------------------------

// A number with `decimals` digits after the point ("0.950").
std::string fixed(double x, int decimals);
// Whether a record is of the given type.
bool is_type(const nlohmann::json& record, const char* type);
// Escapes & < > " ' and replaces control characters other than tab, LF and CR.
std::string html_escape(std::string_view s);
// JSON for a <script> block: "<", ">" and "&" written as \u escapes.
std::string script_json(const nlohmann::json& value);
// Byte offset of every code point of `text`, plus text.size() at the end.
std::vector<size_t> code_point_offsets(std::string_view text);

// One mention to highlight: [begin, end) code points.
struct Mention {
  int64_t begin = 0, end = 0;
  std::string type;    // party, person, date, place, quote
  bool missed = false; // a missed gold mention (data-miss) rather than a record's (data-type)
  bool wrong = false, extra = false;
  int tip = -1;        // index into the page's tip table
  std::string who;     // quotes: the speaker, shown after the quote
};

// The text as HTML with every mention in a <b> element; nested mentions nest, crossing ones are split
// into continuation fragments. `order` receives the tip of each opening <b> (typed or missed)
// in document order. Mentions outside the text or empty are dropped and counted in `invalid`.
std::string highlight(std::string_view text, std::vector<Mention> mentions, std::vector<int>& order,
                      int& invalid);

// The parties of a corpus in display order (most articles first), with names and colours.
struct PartyIndex {
  std::vector<std::string> order;
  std::map<std::string, std::string> names, colors;
  std::string name(const std::string& id) const;
  std::string color(const std::string& id) const;  // grey for unknown ids and "no party"
};
PartyIndex index_parties(const std::vector<ReportDocument>& docs, const ReportPack* pack);
// The key of a party named by a record field: its id (through the pack when a name is given).
std::string party_key(const nlohmann::json& value, const ReportPack* pack);

// Region label of a place record: its region in the gazetteer, the top unit below the country
// (a city such as Astana), "Abroad: <country>", or "Unresolved" when the gazetteer lacks it.
std::string place_region(const nlohmann::json& place, const ReportPack* pack);

// Days since 1970-01-01 of an ISO date value (YYYY-MM-DD..., or YYYY-MM when `month_ok`: the
// 15th); nullopt for other values. `approximate` tells the month-only case.
std::optional<long> day_number(const std::string& value, bool& approximate);

// A record's field as text: strings as they are, numbers and booleans printed, else "".
std::string field_text(const nlohmann::json& record, const char* key);
// The title of a document (its document record's title, else its id).
std::string doc_title(const ReportDocument& doc);
// The first `max_code_points` of a text, with "…" when cut.
std::string excerpt(std::string_view text, size_t max_code_points);

// Page sections (HTML fragments); document i is linked as #d<i>.
std::string timeline_svg(const std::vector<ReportDocument>& docs, const PartyIndex& parties,
                         const ReportPack* pack);
std::string place_table(const std::vector<ReportDocument>& docs, const ReportPack* pack);
std::string party_sheets(const std::vector<ReportDocument>& docs, const PartyIndex& parties,
                         const ReportPack* pack);
std::string score_table(const CompareReport& report);
// The stylesheet and the script of the page.
std::string_view report_css();
std::string_view report_js();

}  // namespace hustings
