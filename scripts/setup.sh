#!/usr/bin/env bash
# Creates .venv/ and installs plantrack with its test dependencies. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
# Browser tests drive Debian's chromium (below); playwright must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
# Reports: PDFs embed a CJK TrueType font and charts draw with it (src/plantrack/report/fonts.py).
# Debian's fonts-wqy-microhei is one reportlab can embed (Noto CJK is CFF, which it cannot).
# Installed only where it is missing and apt-get exists; a failure here only warns.
if [ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] && [ -z "${PLANTRACK_CJK_FONT:-}" ] \
    && command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-wqy-microhei >/dev/null; } \
    || echo "setup.sh: could not install fonts-wqy-microhei; PDF reports need a CJK TrueType font (PLANTRACK_CJK_FONT)" >&2
fi
# Web pages: Apache ECharts from the npm registry (package-lock.json pins it), copied next to the
# pages' own scripts; without npm the pages still work and say the chart could not be drawn.
if { [ ! -f node_modules/echarts/dist/echarts.min.js ] || [ ! -d node_modules/echarts-geo/map/json/province ]; } \
    && command -v npm >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null || echo "setup.sh: npm ci failed; indicator charts will not be drawn" >&2
fi
if [ -f node_modules/echarts/dist/echarts.min.js ]; then
  mkdir -p src/plantrack/web/static/vendor
  cp -u node_modules/echarts/dist/echarts.min.js src/plantrack/web/static/vendor/echarts.min.js
else
  echo "setup.sh: ECharts is not installed (needs npm); indicator charts will not be drawn" >&2
fi
# Region maps (/compare): the China and per-province boundary GeoJSON that Apache ECharts 4 shipped
# (package.json's echarts-geo alias); served from static/vendor/geo, never fetched by a browser from outside.
if [ -d node_modules/echarts-geo/map/json/province ]; then
  mkdir -p src/plantrack/web/static/vendor/geo
  cp -u node_modules/echarts-geo/map/json/china.json src/plantrack/web/static/vendor/geo/china.json
  cp -u node_modules/echarts-geo/map/json/province/*.json src/plantrack/web/static/vendor/geo/
else
  echo "setup.sh: the region boundary maps are not installed (needs npm); the comparison page draws no map" >&2
fi
# Browser tests (tests/web/test_browser.py): Debian's chromium, only where it is missing and
# apt-get exists; playwright drives it by path, with no browser download.
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null; } \
    || echo "setup.sh: could not install chromium; the browser tests will be skipped" >&2
fi
