#include "stages/facts/facts.h"

#include <algorithm>

namespace hustings {

namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json or_null(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json span_json(const Document& doc, Span span) {
  const auto [start, end] = doc.code_points(span);
  return Json::array_t{Json(start), Json(end)};
}

Json spans_json(const Document& doc, const std::vector<Span>& spans) {
  Json::array_t out;
  out.reserve(spans.size());
  for (const Span s : spans) out.push_back(span_json(doc, s));
  return out;
}

// One record, its fields appended in output order. The keys of a record are distinct, so this
// skips the key search of operator[], and the reserve keeps the fields from being copied on growth.
class RecordBuilder {
 public:
  // Room for the most fields a record has (a quote with --explain: 13), so that no record's
  // fields move while it is built.
  static constexpr size_t kMostFields = 13;
  RecordBuilder(const Document& doc, const char* type) : record_(Json::value_t::object) {
    fields().reserve(kMostFields);
    add("doc", doc.id());
    add("type", type);
  }
  RecordBuilder& add(const char* key, Json value) {
    fields().emplace_back(key, std::move(value));
    return *this;
  }
  Json done() { return std::move(record_); }

 private:
  Json::object_t& fields() { return record_.get_ref<Json::object_t&>(); }
  Json record_;
};

// Stable order of first appearance for records that carry several spans.
template <typename T>
std::vector<const T*> by_first_span(const std::vector<T>& items) {
  std::vector<const T*> sorted;
  sorted.reserve(items.size());
  for (const auto& item : items) sorted.push_back(&item);
  std::stable_sort(sorted.begin(), sorted.end(), [](const T* a, const T* b) {
    const uint32_t pa = a->spans.empty() ? UINT32_MAX : a->spans.front().begin;
    const uint32_t pb = b->spans.empty() ? UINT32_MAX : b->spans.front().begin;
    return pa < pb;
  });
  return sorted;
}

template <typename T>
std::vector<const T*> by_span(const std::vector<T>& items) {
  std::vector<const T*> sorted;
  sorted.reserve(items.size());
  for (const auto& item : items) sorted.push_back(&item);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const T* a, const T* b) { return a->span.begin < b->span.begin; });
  return sorted;
}

}  // namespace

void FactsStage::run(Document& doc) const {
  auto& out = doc.records;
  out.clear();
  out.reserve(1 + doc.parties.size() + doc.people.size() + doc.dates.size() + doc.places.size() +
              doc.events.size() + doc.quotes.size());
  const auto explain = [&](RecordBuilder& record, const std::string& rule, const char* stage) {
    if (!options_.explain) return;
    record.add("rule", rule).add("stage", stage);
  };

  out.push_back(RecordBuilder(doc, "document")
                    .add("title", doc.meta().title ? Json(*doc.meta().title) : or_null(doc.title))
                    .add("dateline", or_null(doc.dateline))
                    .add("source", doc.meta().source ? Json(*doc.meta().source) : or_null(doc.source))
                    .add("date", or_null(doc.anchor))
                    .add("date_source", doc.anchor_source)
                    .done());

  for (const PartyFacts* p : by_first_span(doc.parties)) {
    RecordBuilder r(doc, "party");
    r.add("party", p->party)
        .add("name", p->name)
        .add("chair", or_null(p->chair))
        .add("program", or_null(p->program))
        .add("slogan", or_null(p->slogan))
        .add("spans", spans_json(doc, p->spans));
    explain(r, p->rule, "parties");
    out.push_back(r.done());
  }
  for (const Person* p : by_first_span(doc.people)) {
    RecordBuilder r(doc, "person");
    r.add("name", p->name)
        .add("party", or_null(p->party))
        .add("role", or_null(p->role))
        .add("role_text", or_null(p->role_text))
        .add("aliases", p->aliases)
        .add("spans", spans_json(doc, p->spans));
    explain(r, p->rule, "people");
    out.push_back(r.done());
  }
  for (const DateMention* d : by_span(doc.dates)) {
    const bool unresolved = !d->value && !d->unresolved.empty();
    // Dates always carry their rule; --explain adds only the stage.
    RecordBuilder r(doc, "date");
    r.add("text", std::string(doc.surface(d->span)))
        .add("span", span_json(doc, d->span))
        .add("value", or_null(d->value))
        .add("kind", d->kind)
        .add("rule", d->rule)
        .add("anchor", d->anchor.empty() ? Json(nullptr) : Json(d->anchor));
    if (unresolved) r.add("unresolved", d->unresolved);
    if (options_.explain) r.add("stage", "dates");
    out.push_back(r.done());
  }
  for (const PlaceMention* p : by_span(doc.places)) {
    RecordBuilder r(doc, "place");
    r.add("text", std::string(doc.surface(p->span)))
        .add("span", span_json(doc, p->span))
        .add("name", p->name)
        .add("kind", p->kind)
        .add("id", p->id)
        .add("parent", p->parent.empty() ? Json(nullptr) : Json(p->parent));
    explain(r, p->rule, "places");
    out.push_back(r.done());
  }
  for (const Event* e : by_span(doc.events)) {
    RecordBuilder r(doc, "event");
    r.add("party", or_null(e->party))
        .add("actor", e->actor)
        .add("action", e->action)
        .add("action_text", e->action_text)
        .add("date", or_null(e->date))
        .add("place", or_null(e->place))
        .add("span", span_json(doc, e->span));
    explain(r, e->rule, "events");
    out.push_back(r.done());
  }
  for (const Quote* q : by_span(doc.quotes)) {
    RecordBuilder r(doc, "quote");
    r.add("text", q->text)
        .add("span", span_json(doc, q->span))
        .add("speaker", or_null(q->speaker))
        .add("speaker_span", q->speaker_span ? span_json(doc, *q->speaker_span) : Json(nullptr))
        .add("party", or_null(q->party))
        .add("date", or_null(q->date))
        .add("place", or_null(q->place))
        .add("partial", q->partial)
        .add("indirect", q->indirect);
    explain(r, q->rule, "quotes");
    out.push_back(r.done());
  }
}

}  // namespace hustings
