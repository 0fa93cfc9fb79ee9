#!/usr/bin/env bash
# Runs the platform. Until the web UI exists this parses the sample plan and prints its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/plantrack parse samples/sample-county-plan.txt --format summary
