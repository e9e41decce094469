#!/usr/bin/env bash
# Set up, then run the main job: ingest the example reports and print the ledger.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export TOLLWATCH_DB=${TOLLWATCH_DB:-sqlite:///$PWD/out/ledger.sqlite}
mkdir -p out
.venv/bin/tollwatch ingest examples/
.venv/bin/tollwatch incidents
