#!/usr/bin/env bash
# Peak RSS on a long JSONL stream: pipes SIZE_MB (default 1000) of JSONL built from corpora/
# (each copy with its own id) into `hustings extract --input jsonl -` and compares its peak RSS
# with a run on the first 1,000 documents of the same stream.
# Usage: scripts/rss-stream.sh [BUILD_DIR]   (env SIZE_MB, JOBS)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bin=$build/hustings
[ -x "$bin" ] || scripts/setup.sh >&2
size_mb=${SIZE_MB:-1000}
jobs=${JOBS:-2}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

stream() {  # max_docs (0: no limit): JSONL lines until SIZE_MB of JSONL is written
  python3 - "$size_mb" "$1" <<'PY'
import glob, json, sys
target, max_docs = int(sys.argv[1]) * 1_000_000, int(sys.argv[2])
texts = [open(p, encoding="utf-8").read()
         for p in sorted(glob.glob("corpora/*/*.txt"))]
out = sys.stdout
n = size = 0
while size < target and (max_docs == 0 or n < max_docs):
    line = json.dumps({"id": "stream-%d" % n, "text": texts[n % len(texts)]}, ensure_ascii=False) + "\n"
    out.write(line)
    n += 1
    size += len(line.encode("utf-8"))
PY
}

measure() {  # label max_docs
  stream "$2" | /usr/bin/time -v "$bin" extract --jobs "$jobs" --input jsonl - 2> "$work/time.txt" |
    grep -c '"type":"document"' > "$work/count.txt" || true
  local rss secs
  rss=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')
  secs=$(grep -E 'Elapsed \(wall clock\)' "$work/time.txt" | awk '{print $NF}' |
         awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  printf '%-22s %9d documents  %8.1f s  peak RSS %6.1f MB\n' "$1" "$(cat "$work/count.txt")" "$secs" \
    "$(echo "$rss/1024" | bc -l)"
  grep '^hustings:' "$work/time.txt" >&2 || true
}
measure "1,000 documents:" 1000
measure "${size_mb} MB JSONL stream:" 0
