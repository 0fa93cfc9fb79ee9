#!/usr/bin/env bash
# Creates .venv/ and installs plantrack with its test dependencies. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
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
