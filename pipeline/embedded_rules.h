// The default rules/ tree, compiled into the binary at build time (cmake/embed_rules.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace hustings {

struct EmbeddedRuleFile {
  std::string_view path;  // relative to rules/, e.g. "en/fold.tsv"
  std::string_view content;
};

const std::vector<EmbeddedRuleFile>& embedded_rule_files();

}  // namespace hustings
