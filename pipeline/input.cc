#include "pipeline/input.h"

#include <algorithm>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "pipeline/utf8.h"

namespace hustings {

namespace fs = std::filesystem;

std::string document_id_for(const fs::path& path) { return path.stem().string(); }

namespace {

bool is_jsonl_path(const std::string& path) {
  return path.size() > 6 && (path.ends_with(".jsonl") || path.ends_with(".ndjson"));
}

// Every *.txt (or *.jsonl when reading JSONL) below a directory, sorted; unreadable entries and
// symlink loops become error messages instead of stopping the walk.
void expand_directory(const fs::path& dir, InputFormat format, std::vector<std::string>& out,
                      std::vector<std::string>& errors) {
  std::vector<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) {
    errors.push_back(dir.string() + ": " + ec.message());
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      errors.push_back(dir.string() + ": " + ec.message());
      break;
    }
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    const std::string path = it->path().string();
    const bool wanted = format == InputFormat::jsonl ? is_jsonl_path(path) : path.ends_with(".txt");
    if (wanted) found.push_back(path);
  }
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
}

// SAX handler for one JSONL line: keeps the top-level fields the reader uses, as json::parse
// would leave them (the last of duplicate keys wins), without building the rest of the DOM.
class LineFields {
 public:
  using Json = nlohmann::json;

  bool object = false;    // the line is a JSON object
  bool has_text = false;  // it has a top-level "text", whatever its value
  // Set when the (last) value is a string; id also takes an integer, as its decimal text.
  std::optional<std::string> id, text, title, date, source, url;

  bool key(std::string& name) {
    if (depth_ != 1) return true;
    target_ = name == "id" ? &id : name == "text" ? &text : name == "title" ? &title
            : name == "date" ? &date : name == "source" ? &source : name == "url" ? &url : nullptr;
    has_text = has_text || target_ == &text;
    return true;
  }
  bool string(std::string& value) {
    if (auto* field = take()) *field = std::move(value);
    return true;
  }
  bool number_integer(Json::number_integer_t value) { return integer(value); }
  // Wraps around above LLONG_MAX, as get<long long>() did.
  bool number_unsigned(Json::number_unsigned_t value) { return integer(static_cast<long long>(value)); }
  bool number_float(Json::number_float_t, const std::string&) { return other(); }
  bool boolean(bool) { return other(); }
  bool null() { return other(); }
  bool binary(Json::binary_t&) { return other(); }
  bool start_object(std::size_t) {
    if (depth_ == 0) object = true;
    return nest();
  }
  bool start_array(std::size_t) { return nest(); }
  bool end_object() { return unnest(); }
  bool end_array() { return unnest(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

 private:
  // The field the current value sets, if it is a top-level value of one the reader uses.
  std::optional<std::string>* take() {
    auto* field = depth_ == 1 ? target_ : nullptr;
    target_ = nullptr;
    return field;
  }
  bool integer(long long value) {
    auto* field = take();
    if (field == &id) *field = std::to_string(value);
    else if (field) field->reset();
    return true;
  }
  bool other() {
    if (auto* field = take()) field->reset();
    return true;
  }
  bool nest() {
    other();
    ++depth_;
    return true;
  }
  bool unnest() {
    --depth_;
    return true;
  }

  long depth_ = 0;
  std::optional<std::string>* target_ = nullptr;
};

}  // namespace

InputReader::InputReader(std::istream& in, InputOptions options) : sources_{"-"}, stdin_(&in), options_(options) {}

InputReader::InputReader(std::vector<std::string> paths, InputOptions options) : stdin_(&std::cin), options_(options) {
  if (paths.empty()) paths.push_back("-");
  for (const auto& path : paths) {
    std::error_code ec;
    if (path != "-" && fs::is_directory(path, ec))
      expand_directory(path, options_.format, sources_, pending_errors_);
    else
      sources_.push_back(path);
  }
}

InputReader::~InputReader() = default;

bool InputReader::next(InputItem& item, bool decode_now) {
  item = InputItem{};
  if (!pending_errors_.empty()) {
    item.file = pending_errors_.front();
    item.error = "cannot read: " + pending_errors_.front();
    pending_errors_.erase(pending_errors_.begin());
    return true;
  }
  while (true) {
    if (jsonl_) {
      if (next_jsonl_line(item)) {
        if (decode_now) decode(item);
        return true;
      }
      jsonl_ = nullptr;
      file_.reset();
    }
    if (next_source_ >= sources_.size()) return false;
    const std::string path = sources_[next_source_++];
    const bool jsonl = options_.format == InputFormat::jsonl ||
                       (options_.format == InputFormat::automatic && is_jsonl_path(path));
    std::istream* in = stdin_;
    if (path != "-") {
      file_ = std::make_unique<std::ifstream>(path, std::ios::binary);
      std::error_code ec;
      if (!*file_ || fs::is_directory(path, ec)) {
        file_.reset();
        item.file = path;
        item.meta.id = path == "-" ? "stdin" : document_id_for(path);
        item.error = fs::exists(path, ec) ? "cannot read file" : "no such file";
        return true;
      }
      in = file_.get();
    }
    if (jsonl) {
      jsonl_ = in;
      jsonl_name_ = path == "-" ? "stdin" : path;
      jsonl_line_ = 0;
      continue;
    }
    read_text(path, *in, item);
    file_.reset();
    return true;
  }
}

void InputReader::read_text(const std::string& path, std::istream& in, InputItem& item) {
  item.file = path == "-" ? "stdin" : path;
  item.meta.id = path == "-" ? options_.id.value_or("stdin") : document_id_for(path);
  if (path != "-" && options_.id && sources_.size() == 1) item.meta.id = *options_.id;
  std::string raw;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    raw.append(buffer, in.gcount());
    if (raw.size() > options_.max_doc_bytes) {
      item.error = "document larger than --max-doc-bytes (" + std::to_string(options_.max_doc_bytes) + " bytes)";
      // Skip the rest of this input without keeping it.
      while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      }
      return;
    }
  }
  finish_text(item, std::move(raw), item.file);
}

bool InputReader::only_nul(InputItem& item, const std::string& text) {
  if (text.empty() || text.find_first_not_of('\0') != std::string::npos) return false;
  item.error = "binary data: the document holds only NUL bytes";
  return true;
}

void InputReader::finish_text(InputItem& item, std::string raw, const std::string& where) const {
  if (only_nul(item, raw)) return;
  auto repaired = repair_utf8(raw);
  if (!repaired.invalid_at.empty()) {
    std::string message = where + ": invalid UTF-8 at byte " + std::to_string(repaired.invalid_at.front());
    if (repaired.invalid_at.size() > 1)
      message += " (and " + std::to_string(repaired.invalid_at.size() - 1) + " more)";
    if (options_.strict_utf8) {
      item.error = message;
      return;
    }
    item.warnings.push_back(message + ", replaced by U+FFFD");
  }
  item.text = std::move(repaired.text);
}

bool InputReader::next_jsonl_line(InputItem& item) {
  std::string line;
  while (std::getline(*jsonl_, line)) {
    ++jsonl_line_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    item.file = jsonl_name_;
    item.line = jsonl_line_;
    if (line.size() > options_.max_doc_bytes) {
      item.error = "line larger than --max-doc-bytes (" + std::to_string(options_.max_doc_bytes) + " bytes)";
      return true;
    }
    item.undecoded = std::move(line);
    return true;
  }
  return false;
}

void InputReader::decode(InputItem& item) const {
  if (item.undecoded.empty()) return;
  const std::string line = std::move(item.undecoded);
  item.undecoded.clear();
  auto repaired_line = repair_utf8(line);
  LineFields fields;
  if (!nlohmann::json::sax_parse(repaired_line.text, &fields)) {
    item.error = "malformed JSON";
    return;
  }
  if (!fields.object) {
    item.error = "a JSONL line must be an object";
    return;
  }
  item.meta.id = std::move(fields.id).value_or("");
  if (item.meta.id.empty()) {
    item.error = "missing or non-string \"id\"";
    return;
  }
  if (!fields.text) {
    item.error = fields.has_text ? "\"text\" is not a string" : "missing \"text\"";
    return;
  }
  item.meta.title = std::move(fields.title);
  item.meta.date = std::move(fields.date);
  item.meta.source = std::move(fields.source);
  item.meta.url = std::move(fields.url);
  if (!repaired_line.invalid_at.empty() && options_.strict_utf8) {
    item.error = "invalid UTF-8 in the line";
    return;
  }
  if (!repaired_line.invalid_at.empty())
    item.warnings.push_back(item.file + ":" + std::to_string(item.line) + ": invalid UTF-8 at byte " +
                            std::to_string(repaired_line.invalid_at.front()) + " of the line, replaced by U+FFFD");
  // The line is repaired and nlohmann checks the UTF-8 of every string (no escape gives a lone
  // surrogate), so the text needs no second repair; a leading BOM goes, as from a file.
  std::string text = std::move(*fields.text);
  if (only_nul(item, text)) return;
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  item.text = std::move(text);
}

}  // namespace hustings
