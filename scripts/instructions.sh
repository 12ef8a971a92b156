#!/usr/bin/env bash
# Instructions per byte of article text, counted by callgrind: total, by stage and by library.
# Unlike seconds these do not move with the load of a shared machine, so two builds compare
# exactly. Counted in the steady state: the input's first half is run once alone and once
# before its second half, and only the difference counts, so start-up (rule compilation) and
# the warming of RE2's lazily built DFAs are left out.
# Usage: scripts/instructions.sh BUILD_DIR ARTICLES.jsonl   (small: callgrind runs ~50x slower)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1/hustings
input=$2
command -v valgrind >/dev/null || apt-get install -y -qq valgrind >/dev/null
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
head -n "$(( $(wc -l < "$input") / 2 ))" "$input" > "$work/half.jsonl"
cp "$input" "$work/all.jsonl"
for run in half all; do
  valgrind --tool=callgrind --callgrind-out-file="$work/$run.out" "$bin" extract --jobs 1 "$work/$run.jsonl" > /dev/null 2>&1
  callgrind_annotate --threshold=100 "$work/$run.out" > "$work/$run.self" 2>/dev/null
  callgrind_annotate --threshold=100 --inclusive=yes "$work/$run.out" > "$work/$run.incl" 2>/dev/null
done
python3 - "$work" <<'PY'
import json, re, sys
work = sys.argv[1]
def article_bytes(path): return sum(len(json.loads(l)["text"].encode()) for l in open(path) if l.strip())
text_bytes = article_bytes(f"{work}/all.jsonl") - article_bytes(f"{work}/half.jsonl")
row = re.compile(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)")

def rows(path):
    for line in open(path):
        m = row.match(line)
        if m and "PROGRAM TOTALS" not in m.group(2): yield int(m.group(1).replace(",", "")), m.group(2)

def total(path):
    for line in open(path):
        if line.rstrip().endswith("PROGRAM TOTALS"):
            return int(line.split()[0].replace(",", ""))

def library(name):  # the object a self cost belongs to
    obj = name[name.rfind("[") + 1:-1] if name.endswith("]") else "?"
    for key, label in (("libre2", "RE2"), ("nlohmann", "nlohmann/json"), ("mimalloc", "allocator"),
                       ("libicu", "ICU"), ("libc.so", "libc"), ("libstdc++", "libstdc++")):
        if key in (name if key == "nlohmann" else obj): return label
    return "hustings" if obj.endswith("/hustings") else "other"

def split(run):
    libs, stages = {}, {}
    for n, name in rows(f"{work}/{run}.self"):
        libs[library(name)] = libs.get(library(name), 0) + n
    for n, name in rows(f"{work}/{run}.incl"):
        m = re.search(r"hustings::(\w+)Stage::run\(", name)
        if m: stages[m.group(1).lower()] = max(stages.get(m.group(1).lower(), 0), n)
    return libs, stages

(libs, stages), (libs0, stages0) = split("all"), split("half")
steady = total(f"{work}/all.self") - total(f"{work}/half.self")
per_byte = lambda d, d0: {k: (v - d0.get(k, 0)) / text_bytes for k, v in d.items()}
print(f"  second half, {text_bytes} bytes of article text: {steady / text_bytes:,.0f} instructions per byte")
print("  by stage: " + ", ".join(f"{k} {v:,.0f}" for k, v in per_byte(stages, stages0).items()))
print("  by library: " + ", ".join(f"{k} {v:,.0f}" for k, v in sorted(per_byte(libs, libs0).items(), key=lambda kv: -kv[1])))
PY
