#!/usr/bin/env bash
# Long inputs (CTest label "long"): a 200 MB single-line document becomes one error record and the
# next document still comes out; 1,000,000 tiny JSONL documents stream through with a peak RSS
# within a few tens of MB of a run on 1,000 documents.
set -euo pipefail
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

head -c 200000000 /dev/zero | tr '\0' 'a' > "$tmp/huge.txt"
printf 'Aq Jol met voters in Astana on March 1.\n' > "$tmp/small.txt"
set +e
"$bin" extract --date 2023-03-04 "$tmp/huge.txt" "$tmp/small.txt" > "$tmp/huge.out" 2> "$tmp/huge.err"
rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "exit $rc, expected 1"; exit 1; }
grep -q '"doc":"huge","type":"error"' "$tmp/huge.out" || { echo "no error record for the huge document"; exit 1; }
grep -q '"doc":"small","type":"document"' "$tmp/huge.out" || { echo "the document after the huge one is lost"; exit 1; }
grep -q "2 documents read, 1 written, 1 failed" "$tmp/huge.err" || { cat "$tmp/huge.err"; exit 1; }

python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
line = '{"id":"d%d","text":"The party met voters in Shymkent on March %d."}\n'
with open(tmp + "/1k.jsonl", "w") as f:
    for i in range(1000): f.write(line % (i, i % 28 + 1))
with open(tmp + "/1m.jsonl", "w") as f:
    for i in range(1000000): f.write(line % (i, i % 28 + 1))
PY
rss() {  # peak RSS in kB of extracting $1
  /usr/bin/time -v "$bin" extract --date 2023-03-04 "$1" 2> "$tmp/time.txt" | grep -c '"type":"document"' > "$tmp/count.txt"
  grep 'Maximum resident set size' "$tmp/time.txt" | awk '{print $NF}'
}
small=$(rss "$tmp/1k.jsonl"); [ "$(cat "$tmp/count.txt")" -eq 1000 ] || { echo "1k: wrong count"; exit 1; }
large=$(rss "$tmp/1m.jsonl"); [ "$(cat "$tmp/count.txt")" -eq 1000000 ] || { echo "1M: wrong count"; exit 1; }
echo "peak RSS: 1,000 documents ${small} kB, 1,000,000 documents ${large} kB"
[ $((large - small)) -lt 51200 ] || { echo "RSS grows with the number of documents"; exit 1; }
