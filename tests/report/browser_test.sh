#!/usr/bin/env bash
# Browser test of `hustings report` (CTest label "browser"): headless Chromium opens the reports
# of the seed; the counts of highlighted elements that the page's own script finds after load
# (<pre id="dom-counts">) must equal the counts the records give, computed here from the JSONL,
# and the page must log nothing to the console. Saves OUT_DIR/report-seed.png.
# Needs chromium (scripts/install-browser.sh); exits 77 (CTest: skipped) without it.
# Usage: browser_test.sh HUSTINGS SOURCE_DIR OUT_DIR
set -euo pipefail
hustings=$1 src=$2 out=$3
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "browser test: chromium is missing; run scripts/install-browser.sh" >&2
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

chrome() {
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d -p "$work")" "$@"
}

# check NAME PAGE EXPECTED.json: opens PAGE, compares its dom-counts with EXPECTED
# ({"mentions": {...}, "missed": {...}}; a missing "missed" means none), checks the console.
check() {
  local name=$1 page=$2 expected=$3
  chrome --enable-logging=stderr --v=0 --dump-dom "file://$page" > "$work/dom.html" 2> "$work/log.txt" || true
  if grep -E "CONSOLE|Uncaught" "$work/log.txt" > "$work/console.txt"; then
    echo "FAIL $name: console messages:"; cat "$work/console.txt"
    failures=$((failures + 1))
  fi
  if python3 - "$work/dom.html" "$expected" "$name" <<'EOF'; then echo "ok   $name"; else failures=$((failures + 1)); fi
import json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
expected = json.load(open(sys.argv[2]))
name = sys.argv[3]
m = re.search(r'<pre id="dom-counts">([^<]*)</pre>', dom)
if not m or not m.group(1):
    sys.exit(f"FAIL {name}: no dom-counts (did the page's script run?)")
counts = json.loads(m.group(1))
types = ["party", "person", "date", "place", "quote"]
bad = []
for kind in ("mentions", "missed"):
    want = {t: expected.get(kind, {}).get(t, 0) for t in types}
    got = {t: counts[kind][t] for t in types}
    if want != got:
        bad.append(f"{kind}: page {got}, records {want}")
if not counts.get("tips_aligned"):
    bad.append("tooltips not aligned with the marks")
if "✓" not in (re.search(r'id="check-status">([^<]*)', dom) or [None, ""])[1]:
    bad.append("the page's own check did not pass")
for needle in expected.get("contains", []):
    if needle not in dom:
        bad.append(f"missing {needle!r}")
if bad:
    sys.exit(f"FAIL {name}: " + "; ".join(bad))
print(f"     {name}: {counts['mentions']} missed {counts['missed']}")
EOF
}

# expected RECORDS.jsonl [GOLD.jsonl DROPPED.jsonl] > expected.json: mentions from the records;
# missed: the dropped gold records that carry a span and are not optional.
expected() {
  python3 - "$@" <<'EOF'
import json, sys
def load(path):
    return [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
mentions, missed = {}, {}
for r in load(sys.argv[1]):
    t = r["type"]
    if t in ("party", "person"):
        mentions[t] = mentions.get(t, 0) + len(r.get("spans") or [])
    elif t in ("date", "place", "quote") and r.get("span"):
        mentions[t] = mentions.get(t, 0) + 1
if len(sys.argv) > 2:
    for r in load(sys.argv[2]):
        if r["type"] in ("date", "place", "quote") and not r.get("optional"):
            missed[r["type"]] = missed.get(r["type"], 0) + 1
print(json.dumps({"mentions": mentions, "missed": missed, "contains": ["<table class=\"scores\">"] if len(sys.argv) > 2 else []}))
EOF
}

seed=$src/corpora/seed/seed.txt gold=$src/corpora/seed/gold.jsonl
mkdir -p "$out"

# 1. The seed through the pipeline, with the gold: counts equal the extracted records'.
run() { "$@" 2> "$work/stderr.txt" || { echo "FAIL: $* exited $?:"; cat "$work/stderr.txt"; exit 1; }; }
run "$hustings" extract --date 2023-03-04 "$seed" > "$work/seed.jsonl"
run "$hustings" report --date 2023-03-04 --gold "$gold" "$seed" -o "$out/report-seed.html"
expected "$work/seed.jsonl" > "$work/seed.expected.json"
# Missed marks here depend on today's stages: the page's own record-counts give them.
python3 - "$work/seed.expected.json" "$out/report-seed.html" <<'EOF'
import json, re, sys
e = json.load(open(sys.argv[1]))
page = open(sys.argv[2], encoding="utf-8").read()
rc = json.loads(re.search(r'id="record-counts">([^<]*)</script>', page).group(1))
e["missed"] = rc["missed"]
e["contains"] = ['<table class="scores">']
json.dump(e, open(sys.argv[1], "w"))
EOF
check "seed extracted, with gold" "$out/report-seed.html" "$work/seed.expected.json"
chrome --screenshot="$out/report-seed.png" --window-size=1400,3000 "file://$out/report-seed.html" >/dev/null 2>&1 || true
if [ -s "$out/report-seed.png" ]; then echo "     screenshot: $out/report-seed.png"; else echo "FAIL: no screenshot"; failures=$((failures + 1)); fi

# 2. The gold as records, every third date/place/quote dropped: each dropped one is marked missed.
python3 - "$gold" "$work/kept.jsonl" "$work/dropped.jsonl" <<'EOF'
import json, sys
kept, dropped, n = open(sys.argv[2], "w"), open(sys.argv[3], "w"), 0
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip() and json.loads(line)["type"] in ("date", "place", "quote"):
        n += 1
        if n % 3 == 0:
            dropped.write(line)
            continue
    kept.write(line)
EOF
run "$hustings" report --records "$work/kept.jsonl" --text "$src/corpora/seed" --gold "$gold" -o "$work/missed.html"
expected "$work/kept.jsonl" "$work/dropped.jsonl" > "$work/missed.expected.json"
check "gold minus a third, with gold" "$work/missed.html" "$work/missed.expected.json"

# 3. The seed 100 times (JSONL, different ids): under 2 MB, and still exact.
python3 - "$work/seed.jsonl" "$seed" "$work/r100.jsonl" "$work/a100.jsonl" <<'EOF'
import json, sys
records = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
text = open(sys.argv[2], encoding="utf-8", newline="").read()
with open(sys.argv[3], "w") as r, open(sys.argv[4], "w") as a:
    for i in range(100):
        doc = f"seed-{i:03d}"
        a.write(json.dumps({"id": doc, "text": text}) + "\n")
        for rec in records:
            rec["doc"] = doc
            r.write(json.dumps(rec, ensure_ascii=False) + "\n")
EOF
run "$hustings" report --records "$work/r100.jsonl" --text "$work/a100.jsonl" -o "$work/r100.html"
size=$(stat -c %s "$work/r100.html")
if [ "$size" -lt 2000000 ]; then echo "ok   100 articles: $size bytes"; else echo "FAIL 100 articles: $size bytes"; failures=$((failures + 1)); fi
expected "$work/r100.jsonl" > "$work/r100.expected.json"
check "100 articles" "$work/r100.html" "$work/r100.expected.json"

if [ "$failures" -gt 0 ]; then
  echo "browser test: $failures failures"
  exit 1
fi
echo "browser test: all passed"
