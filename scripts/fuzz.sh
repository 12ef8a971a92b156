#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS with a seed corpus from corpora/.
# Usage: scripts/fuzz.sh jsonl_reader_fuzz|pipeline_fuzz|rule_loader_fuzz SECONDS
# Crashes are written to build-fuzz/crashes/; turn each into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?target}; seconds=${2:-60}
command -v clang++ >/dev/null || apt-get install -y -qq clang libclang-rt-dev >/dev/null
scripts/setup.sh >/dev/null  # the Debian packages
CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release -DHUSTINGS_FUZZ=ON >/dev/null
cmake --build build-fuzz --target "$target"
seeds=build-fuzz/seeds/$target; mkdir -p "$seeds" build-fuzz/crashes "build-fuzz/corpus-$target"
case $target in
  jsonl_reader_fuzz)
    python3 -c '
import glob, json, sys
for i, p in enumerate(sorted(glob.glob("corpora/*/*.txt"))):
    open(sys.argv[1] + "/%d.jsonl" % i, "w").write(json.dumps({"id": "d%d" % i, "text": open(p).read()}) + "\n")
' "$seeds" ;;
  pipeline_fuzz) cp corpora/*/*.txt "$seeds/" ;;
  rule_loader_fuzz)
    # The first byte picks the loader (see tests/fuzz/rule_loader_fuzz.cc).
    python3 -c '
import sys
files = ["rules/kz/parties.tsv", "rules/kz/places.tsv", "rules/en/abbreviations.tsv", "rules/en/blocks.re2.tsv", "rules/en/fold.tsv"]
for i, f in enumerate(files):
    open(sys.argv[1] + "/%d.seed" % i, "wb").write(bytes([i]) + open(f, "rb").read()[:60000])
' "$seeds" ;;
esac
"build-fuzz/tests/$target" -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 \
  -artifact_prefix=build-fuzz/crashes/ "build-fuzz/corpus-$target" "$seeds" 2>&1 | tail -n 5
