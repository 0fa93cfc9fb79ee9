#!/usr/bin/env bash
# Runs the platform: sets up .venv/, loads the sample plan (or, with PLANTRACK_CORPUS=DIR or a
# directory argument, every plan in it (.txt, .docx, .pdf), and the observed values in ../shared/data/
# observations.csv or $PLANTRACK_OBSERVATIONS when present) into the default store, and serves the
# web pages and the API on 127.0.0.1 (http://127.0.0.1:8000/).
# First run: creates a system administrator (帐号 admin) when the store has none and prints its
# password once, or takes it from PLANTRACK_ADMIN_PASSWORD; later runs leave accounts alone.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
corpus=${1:-${PLANTRACK_CORPUS:-}}
if [ -n "$corpus" ]; then
  shopt -s nullglob
  plans=("$corpus"/*.txt "$corpus"/*.docx "$corpus"/*.pdf)
  if [ ${#plans[@]} -eq 0 ]; then
    echo "目录 $corpus 中没有规划文件（.txt、.docx 或 .pdf）。" >&2
    exit 2
  fi
  .venv/bin/plantrack ingest "${plans[@]}" || echo "部分文件未能入库，见上方说明。"
  observations=${PLANTRACK_OBSERVATIONS:-../shared/data/observations.csv}
  if [ -f "$observations" ]; then
    .venv/bin/plantrack import-observations "$observations" || echo "观测值未能导入，见上方说明。"
  fi
else
  .venv/bin/plantrack ingest samples/*.txt
  # The public site shows published plans only (对社会公布): the sample is published on first run
  # so a visitor who has not signed in sees it; a real plan is published by a planning office.
  for sample in samples/*.txt; do
    key=$(basename "$sample" .txt)
    if ! .venv/bin/plantrack publish "$key" --acknowledge "示例规划，供试用" >/dev/null 2>&1; then
      : # already published (publishing twice is refused), which is what we want
    fi
  done
fi
.venv/bin/plantrack plans
.venv/bin/plantrack users ensure-admin
exec .venv/bin/plantrack serve --host 127.0.0.1 --port "${PLANTRACK_PORT:-8000}"
