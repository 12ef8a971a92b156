#!/usr/bin/env python3
"""Writes JSONL articles for benchmarks and scale tests to stdout: the seed and the samples of
corpora/, over and over, each copy with its own id ("PREFIX-N").

Usage: scripts/make-corpus.py [--mb N] [--docs N] [--prefix P]
  --mb N    stop once N million bytes of article text are written
  --docs N  stop after N documents
(with both, whichever comes first; one of them is needed)
"""
import argparse
import json
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent / "corpora"
args = argparse.ArgumentParser()
args.add_argument("--mb", type=float)
args.add_argument("--docs", type=int)
args.add_argument("--prefix", default="bench")
opts = args.parse_args()
if opts.mb is None and opts.docs is None:
    sys.exit("make-corpus.py: give --mb or --docs")
texts = [p.read_text(encoding="utf-8") for p in sorted((root / "samples").glob("*.txt")) + [root / "seed" / "seed.txt"]]
target = None if opts.mb is None else opts.mb * 1_000_000
n = size = 0
out = sys.stdout
while (target is None or size < target) and (opts.docs is None or n < opts.docs):
    text = texts[n % len(texts)]
    out.write(json.dumps({"id": "%s-%d" % (opts.prefix, n), "text": text}, ensure_ascii=False) + "\n")
    n += 1
    size += len(text.encode("utf-8"))
