#!/usr/bin/env bash
# The main job: set up, build, extract the seed article and compare it with its gold records.
# Prints the records, then the comparison table.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >&2
out=build/seed.records.jsonl
build/hustings extract --date 2023-03-04 corpora/seed/seed.txt > "$out"
cat "$out"
echo
build/hustings compare corpora/seed/gold.jsonl "$out"
