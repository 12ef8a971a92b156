#!/usr/bin/env bash
# Extracts every sample article (anchored to its gold document date, as --date would be given by
# a user who knows it) and compares all of them with their gold records.
# Usage: scripts/compare-samples.sh [BUILD_DIR] [compare args...]
# Environment: CORPUS (default corpora/samples; corpora/heldout holds articles that no rule was
# tuned on).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}; shift || true
pred=$(mktemp); gold=$(mktemp)
trap 'rm -f "$pred" "$gold"' EXIT
corpus=${CORPUS:-corpora/samples}
for txt in "$corpus"/*.txt; do
  id=$(basename "$txt" .txt)
  g=$corpus/$id.gold.jsonl
  [ -f "$g" ] || continue
  date=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline()).get("date") or "")' "$g")
  "$build/hustings" extract ${date:+--date "$date"} "$txt" >> "$pred" 2>/dev/null || true
  cat "$g" >> "$gold"
done
"$build/hustings" compare "$gold" "$pred" "$@"
