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
  return Json::array({start, end});
}

Json base(const Document& doc, const char* type) {
  Json record;
  record["doc"] = doc.id();
  record["type"] = type;
  return record;
}

// Stable order of first appearance for records that carry several spans.
template <typename T>
std::vector<const T*> by_first_span(const std::vector<T>& items) {
  std::vector<const T*> sorted;
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
  for (const auto& item : items) sorted.push_back(&item);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const T* a, const T* b) { return a->span.begin < b->span.begin; });
  return sorted;
}

}  // namespace

void FactsStage::run(Document& doc) const {
  auto& out = doc.records;
  out.clear();
  const auto explain = [&](Json& record, const std::string& rule, const char* stage) {
    if (!options_.explain) return;
    record["rule"] = rule;
    record["stage"] = stage;
  };

  Json document = base(doc, "document");
  document["title"] = doc.meta().title ? Json(*doc.meta().title) : or_null(doc.title);
  document["dateline"] = or_null(doc.dateline);
  document["source"] = doc.meta().source ? Json(*doc.meta().source) : or_null(doc.source);
  document["date"] = or_null(doc.anchor);
  document["date_source"] = doc.anchor_source;
  out.push_back(std::move(document));

  for (const PartyFacts* p : by_first_span(doc.parties)) {
    Json r = base(doc, "party");
    r["party"] = p->party;
    r["name"] = p->name;
    r["chair"] = or_null(p->chair);
    r["program"] = or_null(p->program);
    r["slogan"] = or_null(p->slogan);
    Json spans = Json::array();
    for (const Span s : p->spans) spans.push_back(span_json(doc, s));
    r["spans"] = std::move(spans);
    explain(r, p->rule, "parties");
    out.push_back(std::move(r));
  }
  for (const Person* p : by_first_span(doc.people)) {
    Json r = base(doc, "person");
    r["name"] = p->name;
    r["party"] = or_null(p->party);
    r["role"] = or_null(p->role);
    r["role_text"] = or_null(p->role_text);
    r["aliases"] = p->aliases;
    Json spans = Json::array();
    for (const Span s : p->spans) spans.push_back(span_json(doc, s));
    r["spans"] = std::move(spans);
    explain(r, p->rule, "people");
    out.push_back(std::move(r));
  }
  for (const DateMention* d : by_span(doc.dates)) {
    Json r = base(doc, "date");
    r["text"] = std::string(doc.surface(d->span));
    r["span"] = span_json(doc, d->span);
    r["value"] = or_null(d->value);
    r["kind"] = d->kind;
    r["rule"] = d->rule;
    r["anchor"] = d->anchor.empty() ? Json(nullptr) : Json(d->anchor);
    if (!d->value && !d->unresolved.empty()) r["unresolved"] = d->unresolved;
    if (options_.explain) r["stage"] = "dates";
    out.push_back(std::move(r));
  }
  for (const PlaceMention* p : by_span(doc.places)) {
    Json r = base(doc, "place");
    r["text"] = std::string(doc.surface(p->span));
    r["span"] = span_json(doc, p->span);
    r["name"] = p->name;
    r["kind"] = p->kind;
    r["id"] = p->id;
    r["parent"] = p->parent.empty() ? Json(nullptr) : Json(p->parent);
    explain(r, p->rule, "places");
    out.push_back(std::move(r));
  }
  for (const Event* e : by_span(doc.events)) {
    Json r = base(doc, "event");
    r["party"] = or_null(e->party);
    r["actor"] = e->actor;
    r["action"] = e->action;
    r["action_text"] = e->action_text;
    r["date"] = or_null(e->date);
    r["place"] = or_null(e->place);
    r["span"] = span_json(doc, e->span);
    explain(r, e->rule, "events");
    out.push_back(std::move(r));
  }
  for (const Quote* q : by_span(doc.quotes)) {
    Json r = base(doc, "quote");
    r["text"] = q->text;
    r["span"] = span_json(doc, q->span);
    r["speaker"] = or_null(q->speaker);
    r["speaker_span"] = q->speaker_span ? span_json(doc, *q->speaker_span) : Json(nullptr);
    r["party"] = or_null(q->party);
    r["date"] = or_null(q->date);
    r["place"] = or_null(q->place);
    r["partial"] = q->partial;
    r["indirect"] = q->indirect;
    explain(r, q->rule, "quotes");
    out.push_back(std::move(r));
  }
}

}  // namespace hustings
