// The tabular shape of the records, shared by the TSV and SQLite writers: one table per record
// type, its columns, and how a record becomes a row (spans become start/end columns, lists are
// joined with '|').
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace hustings {

enum class ColumnType { text, integer };

struct Column {
  std::string name;
  ColumnType type = ColumnType::text;
};

struct TableSchema {
  std::string type;   // record type: document, party, ...
  std::string table;  // documents, parties, ...
  std::vector<Column> columns;  // the first is always `doc`
  std::vector<std::string> indexed;  // columns with an index (SQLite)
};

const std::vector<TableSchema>& table_schemas();
const TableSchema* schema_for(const std::string& record_type);

// The row of a record: one cell per column, nullopt for null.
std::vector<std::optional<std::string>> record_row(const nlohmann::ordered_json& record, const TableSchema& schema);

}  // namespace hustings
