#!/usr/bin/env bash
# Runs hustings as a pure filter under GNU parallel: JSONL articles on stdin, records on stdout,
# in input order. Extra arguments go to parallel, e.g. across hosts:
#   scripts/parallel-extract.sh --sshlogin 2/host1,2/host2 --basefile build/hustings < in.jsonl > out.jsonl
# (with --sshlogin the binary must exist at the same path on each host: --basefile copies it.)
# Environment: HUSTINGS (the binary, default build/hustings), BLOCK (input block, default 10M).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${HUSTINGS:-$PWD/build/hustings}
exec parallel --will-cite --pipe --block "${BLOCK:-10M}" --keep-order "$@" \
  "$bin" extract --input jsonl --jobs 1 -
