#!/usr/bin/env python3
"""Check hand-made gold records against their articles (stdlib only).

Usage: check_gold.py [PATH ...]
  PATH is a directory (every *.gold.jsonl and gold.jsonl in it) or a gold file.
  Default: the directory holding this script.

For `<id>.gold.jsonl` every record's `doc` must be `<id>` and the article is `<id>.txt`
beside it; for a plain `gold.jsonl` (e.g. corpora/seed/) the article of each `doc` is
`<doc>.txt` beside it. Texts are read as UTF-8 (a leading BOM is dropped); spans are
[start, end) Python str (code point) indices.

Checks: valid JSON objects; known `type`; exactly one `document` record, first;
required fields per type; ids and enumerations (party ids, role keys, date/place kinds);
span shape and bounds; `text == article[start:end]` for date, place and quote records
(a quote over several paragraphs may instead equal its paragraphs joined by a newline);
no duplicate spans within a type; every sample article has a gold file.
Exit 0 when clean, 1 when some check failed.
"""
import json
import os
import re
import sys

PARTIES = {"amanat", "aq-jol", "auyl", "baytaq", "nsdp", "peoples-party", "respublica"}
ROLES = {"chair", "co-chair", "deputy chair", "founder", "branch head", "candidate", "member",
         "deputy", "minister", "akim", "president", "spokesperson", "observer", "secretary"}
DATE_KINDS = {"date", "time", "duration", "set"}
PLACE_KINDS = {"country", "region", "city", "town", "district", "village", "landmark", "other"}
REQUIRED = {
    "document": ["title", "dateline", "source", "date"],
    "party": ["party", "name"],
    "person": ["name", "party", "role", "role_text", "aliases"],
    "date": ["text", "span", "value", "kind"],
    "place": ["text", "span", "name", "kind"],
    "quote": ["text", "span", "speaker", "party", "date", "place"],
    "event": ["party", "actor", "action", "date", "place"],
}
SPANNED = {"date", "place", "quote"}
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
OPENERS = "“\"«‘'"
CLOSERS = "”\"»’'"


def read_text(path):
    with open(path, encoding="utf-8", newline="") as f:
        t = f.read()
    return t[1:] if t.startswith("\ufeff") else t


class Checker:
    def __init__(self):
        self.errors = 0
        self.warnings = 0

    def err(self, where, msg):
        self.errors += 1
        print(f"{where}: error: {msg}")

    def warn(self, where, msg):
        self.warnings += 1
        print(f"{where}: warning: {msg}")

    def check_span(self, where, rec, text):
        sp = rec.get("span")
        if not (isinstance(sp, list) and len(sp) == 2 and all(isinstance(x, int) for x in sp)):
            self.err(where, f"span must be [start, end] integers, got {sp!r}")
            return None
        s, e = sp
        if not (0 <= s < e <= len(text)):
            self.err(where, f"span {sp} out of bounds (text has {len(text)} code points)")
            return None
        surface = text[s:e]
        want = rec.get("text")
        if rec["type"] == "quote" and surface != want:
            # a quote over several paragraphs: contents joined by a newline
            parts = [p.strip().strip(OPENERS + CLOSERS).strip() for p in re.split(r"\n\s*\n", surface)]
            if "\n".join(parts) == want:
                return sp
        if surface != want:
            self.err(where, f"text {want!r} != article[{s}:{e}] {surface!r}")
            return None
        if rec["type"] == "quote":
            if s == 0 or text[s - 1] not in OPENERS:
                self.warn(where, f"quote span does not follow a quote mark (got {text[s-1:s]!r})")
            if e >= len(text) or text[e] not in CLOSERS:
                self.warn(where, f"quote span does not end before a quote mark (got {text[e:e+1]!r})")
        return sp

    def check_record(self, where, rec, text):
        typ = rec["type"]
        for k in REQUIRED[typ]:
            if k not in rec:
                self.err(where, f"{typ} record lacks field {k!r}")
        if "optional" in rec and rec["optional"] is not True:
            self.err(where, "optional must be true when present")
        if typ == "party":
            if rec.get("party") not in PARTIES:
                self.err(where, f"unknown party id {rec.get('party')!r}")
        if typ in ("person", "quote", "event") and rec.get("party") is not None \
                and rec.get("party") not in PARTIES:
            self.err(where, f"unknown party id {rec.get('party')!r}")
        if typ == "person":
            if rec.get("role") is not None and rec.get("role") not in ROLES:
                self.err(where, f"unknown role key {rec.get('role')!r}")
            if not isinstance(rec.get("aliases"), list):
                self.err(where, "aliases must be a list")
            if text is not None:
                rt = rec.get("role_text")
                if rt is not None and rt not in text:
                    self.err(where, f"role_text {rt!r} not found in the article")
                for a in rec.get("aliases") or []:
                    if a not in text:
                        self.err(where, f"alias {a!r} not found in the article")
        if typ == "date" and rec.get("kind") not in DATE_KINDS:
            self.err(where, f"unknown date kind {rec.get('kind')!r}")
        if typ == "place" and rec.get("kind") not in PLACE_KINDS:
            self.err(where, f"unknown place kind {rec.get('kind')!r}")
        if typ == "document":
            d = rec.get("date")
            if d is not None and not ISO_DAY.match(str(d)):
                self.err(where, f"document date {d!r} is not YYYY-MM-DD")
            if text is not None:
                first = text.split("\n", 1)[0].rstrip("\r")
                if rec.get("title") is not None and rec.get("title") != first:
                    self.err(where, f"title {rec.get('title')!r} != first line {first!r}")
        if typ == "quote" and "partial" in rec and not isinstance(rec["partial"], bool):
            self.err(where, "partial must be a boolean")
        if typ in SPANNED and text is not None:
            return self.check_span(where, rec, text)
        return None

    def check_file(self, path):
        base = os.path.basename(path)
        folder = os.path.dirname(path) or "."
        expect_doc = base[: -len(".gold.jsonl")] if base.endswith(".gold.jsonl") else None
        texts = {}
        docs = {}
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for n, line in enumerate(lines, 1):
            where = f"{path}:{n}"
            if not line.strip():
                self.err(where, "blank line")
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as ex:
                self.err(where, f"invalid JSON: {ex}")
                continue
            if not isinstance(rec, dict):
                self.err(where, "not a JSON object")
                continue
            doc, typ = rec.get("doc"), rec.get("type")
            if not isinstance(doc, str) or not doc:
                self.err(where, "missing doc")
                continue
            if expect_doc is not None and doc != expect_doc:
                self.err(where, f"doc {doc!r} != file id {expect_doc!r}")
            if typ not in REQUIRED:
                self.err(where, f"unknown type {typ!r}")
                continue
            state = docs.setdefault(doc, {"n": 0, "documents": 0, "spans": {}})
            if doc not in texts:
                tp = os.path.join(folder, doc + ".txt")
                if os.path.exists(tp):
                    texts[doc] = read_text(tp)
                else:
                    self.err(where, f"article {tp} not found")
                    texts[doc] = None
            if typ == "document":
                state["documents"] += 1
                if state["n"] != 0:
                    self.err(where, "document record is not the first record of its doc")
            state["n"] += 1
            sp = self.check_record(where, rec, texts[doc])
            if sp is not None:
                seen = state["spans"].setdefault(typ, {})
                if tuple(sp) in seen:
                    self.err(where, f"duplicate {typ} span {sp} (also line {seen[tuple(sp)]})")
                else:
                    seen[tuple(sp)] = n
        for doc, state in docs.items():
            if state["documents"] != 1:
                self.err(path, f"doc {doc!r} has {state['documents']} document records (want 1)")
        if not docs:
            self.err(path, "no records")
        return docs


def main(argv):
    paths = argv[1:] or [os.path.dirname(os.path.abspath(__file__))]
    c = Checker()
    files = []
    for p in paths:
        if os.path.isdir(p):
            names = sorted(os.listdir(p))
            golds = [n for n in names if n.endswith(".gold.jsonl") or n == "gold.jsonl"]
            files += [os.path.join(p, n) for n in golds]
            if "gold.jsonl" not in names:
                ids = {n[: -len(".gold.jsonl")] for n in golds}
                for n in names:
                    if n.endswith(".txt") and n[:-4] not in ids:
                        c.err(os.path.join(p, n), "article has no .gold.jsonl")
        elif os.path.isfile(p):
            files.append(p)
        else:
            c.err(p, "no such file or directory")
    counts = {}
    for f in files:
        for doc, st in c.check_file(f).items():
            counts[doc] = st["n"]
    print(f"checked {len(files)} gold file(s), {len(counts)} doc(s), "
          f"{sum(counts.values())} record(s): {c.errors} error(s), {c.warnings} warning(s)")
    return 1 if c.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
