#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium (package `chromium`) for the report's browser test
# (CTest label "browser"), when it is missing. Idempotent; as root or with sudo on Debian 12.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
echo "install-browser: installing chromium" >&2
sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
command -v chromium >/dev/null
