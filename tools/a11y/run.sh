#!/usr/bin/env bash
# Runs the axe-core accessibility check against a running Kansli archive.
#   tools/a11y/run.sh http://127.0.0.1:8080 [--screenshots DIR]
# Needs Node and Debian's chromium (apt-get install -y chromium); installs axe-core and
# playwright-core (no browser download) on first use.
set -euo pipefail
cd "$(dirname "$0")"
if [ $# -lt 1 ]; then
  echo "usage: $0 BASE_URL [--screenshots DIR]" >&2
  exit 2
fi
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "chromium not found: apt-get install -y chromium (or set CHROMIUM)" >&2
  exit 2
fi
if [ ! -d node_modules/axe-core ] || [ ! -d node_modules/playwright-core ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --silent
fi
exec node check.mjs "$@"
