#!/usr/bin/env bash
# Set up, then run the linter, the tests and the evaluation gate.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check tollwatch tests benchmarks
.venv/bin/python -m pytest -q
if [ -d ../shared/eval ]; then
  .venv/bin/tollwatch eval --gate ../shared/eval/*.jsonl
fi
