// libFuzzer target: the text reader and the whole pipeline on arbitrary bytes; every span of
// every record lies inside the text.
#include <sstream>

#include "pipeline/extract.h"
#include "pipeline/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const hustings::RuleLocator rules = hustings::RuleLocator({}, "kz");
  static const hustings::Pipeline pipeline = hustings::Pipeline::standard(rules);
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  hustings::InputOptions input;
  input.format = hustings::InputFormat::text;
  hustings::InputReader reader(in, input);
  hustings::InputItem item;
  hustings::ExtractOptions options;
  options.date = "2023-03-04";
  while (reader.next(item)) {
    const auto length = static_cast<long>(hustings::count_code_points(item.text));
    std::vector<std::string> warnings;
    for (const auto& record : hustings::extract_item(pipeline, item, options, warnings)) {
      auto span = record.find("span");
      if (span == record.end() || !span->is_array()) continue;
      const long start = (*span)[0], end = (*span)[1];
      if (start < 0 || start > end || end > length) __builtin_trap();
    }
  }
  return 0;
}
