#include "pipeline/output.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

#include <sqlite3.h>

#include "pipeline/tables.h"

namespace hustings {

std::string to_json_line(const nlohmann::ordered_json& record) {
  return record.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void JsonlWriter::write(const Records& records) { write_encoded(*encode(records)); }

std::optional<std::string> JsonlWriter::encode(const Records& records) const {
  std::string block;
  for (const auto& record : records) {
    block += to_json_line(record);
    block += '\n';
  }
  return block;
}

void JsonlWriter::write_encoded(const std::string& block) {
  out_.write(block.data(), static_cast<std::streamsize>(block.size()));
  out_.flush();
}

std::string tsv_escape(std::string_view field) {
  std::string out;
  out.reserve(field.size());
  for (const char c : field) {
    if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\\') out += "\\\\";
    else out += c;
  }
  return out;
}

struct TsvWriter::Files {
  std::filesystem::path directory;
  std::map<std::string, std::ofstream> open;
};

TsvWriter::TsvWriter(const std::string& directory) : files_(std::make_unique<Files>()) {
  files_->directory = directory;
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (!std::filesystem::is_directory(directory))
    throw std::runtime_error("cannot create the output directory " + directory);
  // Every table gets its file and header, so that an empty type still loads.
  for (const auto& schema : table_schemas()) {
    auto& out = files_->open[schema.type];
    out.open(files_->directory / (schema.table + ".tsv"), std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + (files_->directory / (schema.table + ".tsv")).string());
    for (size_t i = 0; i < schema.columns.size(); ++i) out << (i ? "\t" : "") << schema.columns[i].name;
    out << '\n';
  }
}

TsvWriter::~TsvWriter() = default;

void TsvWriter::write(const Records& records) {
  for (const auto& record : records) {
    const TableSchema* schema = schema_for(record.value("type", ""));
    if (!schema) continue;
    auto& out = files_->open[schema->type];
    const auto row = record_row(record, *schema);
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) line += '\t';
      if (row[i]) line += tsv_escape(*row[i]);
    }
    line += '\n';
    out << line;
  }
}

void TsvWriter::finish() {
  for (auto& [type, out] : files_->open) out.flush();
}

struct SqliteWriter::Db {
  sqlite3* db = nullptr;
  std::map<std::string, sqlite3_stmt*> insert;  // by record type
  sqlite3_stmt* remove = nullptr;
  int in_batch = 0;
  int batch_size = 500;

  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "unknown error";
      sqlite3_free(error);
      throw std::runtime_error("sqlite: " + message + " in: " + sql.substr(0, 80));
    }
  }
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
    return stmt;
  }
  void step(sqlite3_stmt* stmt) {
    if (sqlite3_step(stmt) != SQLITE_DONE) throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
  ~Db() {
    for (auto& [type, stmt] : insert) sqlite3_finalize(stmt);
    sqlite3_finalize(remove);
    sqlite3_close(db);
  }
};

SqliteWriter::SqliteWriter(const std::string& path, int batch_size) : db_(std::make_unique<Db>()) {
  db_->batch_size = batch_size;
  if (sqlite3_open(path.c_str(), &db_->db) != SQLITE_OK)
    throw std::runtime_error("cannot open " + path + ": " + sqlite3_errmsg(db_->db));
  db_->exec("PRAGMA foreign_keys = ON");
  db_->exec("PRAGMA journal_mode = WAL");
  for (const auto& schema : table_schemas()) {
    std::string sql = "CREATE TABLE IF NOT EXISTS " + schema.table + " (";
    for (size_t i = 0; i < schema.columns.size(); ++i) {
      const auto& c = schema.columns[i];
      if (i) sql += ", ";
      sql += "\"" + c.name + "\" " + (c.type == ColumnType::integer ? "INTEGER" : "TEXT");
      if (i == 0) {
        if (schema.type == "document") sql += " PRIMARY KEY";
        else if (schema.type != "error") sql += " NOT NULL REFERENCES documents(doc) ON DELETE CASCADE";
      }
    }
    sql += ")";
    db_->exec(sql);
    if (schema.type != "document")
      db_->exec("CREATE INDEX IF NOT EXISTS " + schema.table + "_doc ON " + schema.table + "(doc)");
    for (const auto& column : schema.indexed)
      db_->exec("CREATE INDEX IF NOT EXISTS " + schema.table + "_" + column + " ON " + schema.table + "(\"" +
                column + "\")");
    std::string insert = "INSERT INTO " + schema.table + " VALUES (";
    for (size_t i = 0; i < schema.columns.size(); ++i) insert += i ? ", ?" : "?";
    db_->insert[schema.type] = db_->prepare(insert + ")");
  }
  db_->remove = db_->prepare("DELETE FROM documents WHERE doc = ?");
}

SqliteWriter::~SqliteWriter() {
  try {
    finish();
  } catch (...) {
  }
}

void SqliteWriter::write(const Records& records) {
  if (records.empty()) return;
  if (db_->in_batch == 0) db_->exec("BEGIN");
  const auto& first = records.front();
  if (first.value("type", "") == "document" && first["doc"].is_string()) {
    const std::string doc = first["doc"].get<std::string>();
    sqlite3_bind_text(db_->remove, 1, doc.c_str(), -1, SQLITE_TRANSIENT);
    db_->step(db_->remove);
  }
  for (const auto& record : records) {
    const TableSchema* schema = schema_for(record.value("type", ""));
    if (!schema) continue;
    sqlite3_stmt* stmt = db_->insert[schema->type];
    const auto row = record_row(record, *schema);
    for (size_t i = 0; i < row.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      if (!row[i]) sqlite3_bind_null(stmt, index);
      else if (schema->columns[i].type == ColumnType::integer) sqlite3_bind_int64(stmt, index, std::stoll(*row[i]));
      else sqlite3_bind_text(stmt, index, row[i]->c_str(), static_cast<int>(row[i]->size()), SQLITE_TRANSIENT);
    }
    db_->step(stmt);
  }
  if (++db_->in_batch >= db_->batch_size) {
    db_->exec("COMMIT");
    db_->in_batch = 0;
  }
}

void SqliteWriter::finish() {
  if (db_ && db_->in_batch > 0) {
    db_->exec("COMMIT");
    db_->in_batch = 0;
  }
}

}  // namespace hustings
