#!/usr/bin/env bash
# Peak RSS on a long JSONL stream: pipes SIZE_MB (default 1000) of article text as JSONL
# (scripts/make-corpus.py) into `hustings extract --input jsonl -` and compares its peak RSS
# with a run on the first 1,000 documents of the same stream.
# Usage: scripts/rss-stream.sh [BUILD_DIR]   (env SIZE_MB, JOBS)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/time-v.sh
build=${1:-build}
bin=$build/hustings
[ -x "$bin" ] || scripts/setup.sh >&2
size_mb=${SIZE_MB:-1000}
jobs=${JOBS:-2}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

measure() {  # label [make-corpus.py options]
  local label=$1 status
  shift
  set +e
  scripts/make-corpus.py --mb "$size_mb" --prefix stream "$@" |
    /usr/bin/time -v "$bin" extract --jobs "$jobs" --input jsonl - 2> "$work/time.txt" |
    grep -c '"type":"document"' > "$work/count.txt"
  status=${PIPESTATUS[1]}
  set -e
  grep '^hustings:' "$work/time.txt" >&2 || true
  [ "$status" -eq 0 ] || { echo "rss-stream: hustings failed (exit $status)" >&2; tail -5 "$work/time.txt" >&2; exit 1; }
  printf '%-22s %9d documents  %8.1f s  peak RSS %6.1f MB\n' "$label" "$(cat "$work/count.txt")" \
    "$(elapsed_seconds "$work/time.txt")" "$(echo "$(peak_rss_kb "$work/time.txt")/1024" | bc -l)"
}
measure "1,000 documents:" --docs 1000
measure "${size_mb} MB stream:"
