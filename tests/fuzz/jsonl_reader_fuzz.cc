// libFuzzer target: the JSONL reader on arbitrary bytes never crashes, and every line it reads
// ends as a document or an error item.
#include <sstream>

#include "pipeline/input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  hustings::InputOptions options;
  options.format = hustings::InputFormat::jsonl;
  options.max_doc_bytes = 1 << 20;
  hustings::InputReader reader(in, options);
  hustings::InputItem item;
  while (reader.next(item)) {
    if (!item.error && item.meta.id.empty()) __builtin_trap();
  }
  return 0;
}
