#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when this machine lacks it (needs root and apt).
set -euo pipefail
[ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ] && exit 0
command -v chromium >/dev/null 2>&1 && exit 0
echo "Chromium not found: installing Debian's chromium package" >&2
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
