#!/usr/bin/env bash
# Installs Debian's redis-server for the gateway's shared-state tests when this machine lacks it (needs root
# and apt). The tests start their own server on a free loopback port and save nothing.
set -euo pipefail
command -v redis-server >/dev/null 2>&1 && exit 0
echo "redis-server not found: installing Debian's redis-server package" >&2
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redis-server
