// libFuzzer target: each rule-file loader on arbitrary bytes either loads or throws RuleError;
// nothing else escapes and nothing crashes. The first byte picks the loader.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "pipeline/pack.h"
#include "pipeline/registry.h"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const fs::path root = [] {
    const fs::path dir = fs::temp_directory_path() / ("hustings-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(dir / "en");
    fs::create_directories(dir / "kz");
    return dir;
  }();
  static const std::vector<std::pair<std::string, std::string>> targets = {
      {"kz/parties.tsv", ""}, {"kz/places.tsv", ""}, {"en/abbreviations.tsv", "segment"},
      {"en/blocks.re2.tsv", "segment"}, {"en/fold.tsv", "normalize"}};
  const auto& [file, stage] = targets[data[0] % targets.size()];
  // The other rule files come from the built-in root: copy it once, then replace one file.
  static const bool copied = [] {
    for (const auto& f : {"en/abbreviations.tsv", "en/blocks.re2.tsv", "en/fold.tsv"}) {
      std::string content;
      hustings::read_rule_file(hustings::kBuiltinRulesRoot / f, content);
      std::ofstream(root / f, std::ios::binary) << content;
    }
    return true;
  }();
  (void)copied;
  {
    std::ofstream out(root / file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  try {
    const hustings::RuleLocator rules({root}, "kz");
    if (file == "kz/parties.tsv") hustings::load_parties(root / file);
    else if (file == "kz/places.tsv") hustings::load_places({root / file});
    else hustings::make_stage(stage, rules);
  } catch (const hustings::RuleError&) {
  }
  // Restore the good file for the next input.
  if (!stage.empty()) {
    std::string content;
    hustings::read_rule_file(hustings::kBuiltinRulesRoot / file, content);
    std::ofstream(root / file, std::ios::binary | std::ios::trunc) << content;
  }
  return 0;
}
