#include "pipeline/output.h"

namespace hustings {

std::string to_json_line(const nlohmann::ordered_json& record) {
  return record.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void JsonlWriter::write(const Records& records) {
  std::string block;
  for (const auto& record : records) {
    block += to_json_line(record);
    block += '\n';
  }
  out_ << block;
  out_.flush();
}

}  // namespace hustings
