#!/usr/bin/env bash
# Installs Debian's Chromium for the server's status-page test (headless, --dump-dom). Idempotent.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  echo "browser-tools: installing chromium" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
fi
/usr/bin/chromium --version
