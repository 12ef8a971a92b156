#!/usr/bin/env bash
# Benchmark: builds a corpus of at least SIZE_MB (default 100) of article text from corpora/
# (the seed and the samples, each copy with its own id), then reports for --jobs 1 and --jobs 2:
# MB/s (median of three runs, and their range) and documents/s end to end, peak RSS, start-up
# time on an empty input, and the time per stage (--profile), then the Google Benchmark
# microbenchmarks (bench/micro_bench.cc) and the instructions per byte of the first 1,200
# documents (scripts/instructions.sh).
# Usage: scripts/bench.sh [BUILD_DIR]   (env SIZE_MB)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/time-v.sh
build=${1:-build}
bin=$build/hustings
[ -x "$bin" ] || scripts/setup.sh >&2
size_mb=${SIZE_MB:-100}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
corpus=$work/corpus.jsonl
scripts/make-corpus.py --mb "$size_mb" --prefix bench > "$corpus"
text_bytes=$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1])))' "$corpus")
docs=$(wc -l < "$corpus")
printf 'corpus: %d documents, %.1f MB of article text\n' "$docs" "$(echo "$text_bytes/1000000" | bc -l)"

run() {  # jobs: three runs, the median reported with the range (a shared machine's load moves seconds)
  local secs=() rss
  for _ in 1 2 3; do
    /usr/bin/time -v "$bin" extract --jobs "$1" "$corpus" > /dev/null 2> "$work/time.txt"
    secs+=("$(elapsed_seconds "$work/time.txt")")
    rss=$(peak_rss_kb "$work/time.txt")
  done
  read -r low mid high <<< "$(printf '%s\n' "${secs[@]}" | sort -n | tr '\n' ' ')"
  printf -- '--jobs %s: %6.2f s  %7.1f MB/s (%.1f-%.1f)  %8.0f docs/s  peak RSS %5.1f MB\n' "$1" "$mid" \
    "$(echo "$text_bytes/1000000/$mid" | bc -l)" "$(echo "$text_bytes/1000000/$high" | bc -l)" \
    "$(echo "$text_bytes/1000000/$low" | bc -l)" "$(echo "$docs/$mid" | bc -l)" "$(echo "$rss/1024" | bc -l)"
}
run 1
run 2

: > "$work/empty.jsonl"
start=$(date +%s.%N)
for _ in 1 2 3 4 5 6 7 8 9 10; do "$bin" extract "$work/empty.jsonl" > /dev/null 2>&1; done
end=$(date +%s.%N)
printf 'start-up (empty input, full kz pack): %.1f ms\n' "$(echo "($end-$start)*100" | bc -l)"

echo "per stage (--jobs 1 --profile):"
"$bin" extract --jobs 1 --profile "$corpus" 2>&1 >/dev/null | awk -v bytes="$text_bytes" -F'\t' \
  '$1=="stage"{next} NF==2 && $2+0>0 {printf "  %-10s %7.3f s  %8.1f MB/s\n", $1, $2, bytes/1e6/$2}'

echo "microbenchmarks (Google Benchmark, $build/bench/micro_bench):"
"$build/bench/micro_bench" --benchmark_min_time=0.5 2>/dev/null | sed -n '/^BM_/s/^/  /p'

echo "instructions per byte (callgrind, the first 1,200 documents; scripts/instructions.sh):"
head -n 1200 "$corpus" > "$work/first1200.jsonl"
scripts/instructions.sh "$build" "$work/first1200.jsonl"
