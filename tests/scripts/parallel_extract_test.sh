#!/usr/bin/env bash
# The GNU parallel recipe gives byte-identical records to one process, and --jobs 2 to --jobs 1.
set -euo pipefail
bin=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$src/scripts/make-corpus.py" --docs 360 --prefix doc > "$tmp/in.jsonl"
"$bin" extract --jobs 1 --input jsonl - < "$tmp/in.jsonl" > "$tmp/one.jsonl" 2>/dev/null
"$bin" extract --jobs 2 --input jsonl - < "$tmp/in.jsonl" > "$tmp/two.jsonl" 2>/dev/null
HUSTINGS=$bin BLOCK=200k "$src/scripts/parallel-extract.sh" -j 2 < "$tmp/in.jsonl" > "$tmp/par.jsonl" 2>/dev/null
[ -s "$tmp/one.jsonl" ] || { echo "no output"; exit 1; }
cmp "$tmp/one.jsonl" "$tmp/two.jsonl" || { echo "--jobs 2 differs from --jobs 1"; exit 1; }
cmp "$tmp/one.jsonl" "$tmp/par.jsonl" || { echo "GNU parallel output differs from one process"; exit 1; }
echo "identical: $(grep -c '"type":"document"' "$tmp/one.jsonl") documents"
