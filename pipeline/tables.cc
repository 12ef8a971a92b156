#include "pipeline/tables.h"

namespace hustings {

namespace {
Column text(const char* name) { return {name, ColumnType::text}; }
Column integer(const char* name) { return {name, ColumnType::integer}; }

std::string join_spans(const nlohmann::ordered_json& spans) {
  std::string out;
  for (const auto& s : spans) {
    if (!s.is_array() || s.size() != 2) continue;
    if (!out.empty()) out += '|';
    out += s[0].dump() + "-" + s[1].dump();
  }
  return out;
}
}  // namespace

const std::vector<TableSchema>& table_schemas() {
  static const std::vector<TableSchema> schemas = {
      {"document", "documents",
       {text("doc"), text("title"), text("dateline"), text("source"), text("date"), text("date_source")},
       {"date"}},
      {"party", "parties",
       {text("doc"), text("party"), text("name"), text("chair"), text("program"), text("slogan"), text("spans")},
       {"party"}},
      {"person", "people",
       {text("doc"), text("name"), text("party"), text("role"), text("role_text"), text("aliases"), text("spans")},
       {"party"}},
      {"date", "dates",
       {text("doc"), text("text"), integer("start"), integer("end"), text("value"), text("kind"), text("rule"),
        text("anchor")},
       {"value"}},
      {"place", "places",
       {text("doc"), text("text"), integer("start"), integer("end"), text("name"), text("kind"), text("id"),
        text("parent")},
       {"name"}},
      {"event", "events",
       {text("doc"), text("party"), text("actor"), text("action"), text("action_text"), text("date"), text("place"),
        integer("start"), integer("end")},
       {"party", "date", "place"}},
      {"quote", "quotes",
       {text("doc"), text("text"), integer("start"), integer("end"), text("speaker"), integer("speaker_start"),
        integer("speaker_end"), text("party"), text("date"), text("place"), integer("partial"), integer("indirect")},
       {"party", "date", "place", "speaker"}},
      {"error", "errors", {text("doc"), text("message"), text("file"), integer("line")}, {}},
  };
  return schemas;
}

const TableSchema* schema_for(const std::string& record_type) {
  for (const auto& s : table_schemas())
    if (s.type == record_type) return &s;
  return nullptr;
}

std::vector<std::optional<std::string>> record_row(const nlohmann::ordered_json& record, const TableSchema& schema) {
  std::vector<std::optional<std::string>> row;
  row.reserve(schema.columns.size());
  const auto span_part = [&](const char* key, int index) -> std::optional<std::string> {
    auto it = record.find(key);
    if (it == record.end() || !it->is_array() || it->size() != 2) return std::nullopt;
    return (*it)[index].dump();
  };
  for (const auto& column : schema.columns) {
    const std::string& name = column.name;
    if (name == "start" || name == "end") {
      row.push_back(span_part("span", name == "end"));
      continue;
    }
    if (name == "speaker_start" || name == "speaker_end") {
      row.push_back(span_part("speaker_span", name == "speaker_end"));
      continue;
    }
    auto it = record.find(name);
    if (it == record.end() || it->is_null()) {
      row.push_back(std::nullopt);
    } else if (name == "spans") {
      row.push_back(join_spans(*it));
    } else if (it->is_array()) {
      std::string joined;
      for (const auto& item : *it) joined += (joined.empty() ? "" : "|") + (item.is_string() ? item.get<std::string>() : item.dump());
      row.push_back(joined);
    } else if (it->is_boolean()) {
      row.push_back(it->get<bool>() ? "1" : "0");
    } else if (it->is_string()) {
      row.push_back(it->get<std::string>());
    } else {
      row.push_back(it->dump());
    }
  }
  return row;
}

}  // namespace hustings
