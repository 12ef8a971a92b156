#!/usr/bin/env bash
# Sets up, builds and runs the fast test suites (CTest label "fast").
# Slower suites carry their own labels and run from .ci/run after this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cd build
ctest -L fast --output-on-failure -j "$(nproc)"
