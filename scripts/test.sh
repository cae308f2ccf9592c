#!/usr/bin/env bash
# Set up (with the test tools) and run every check: ruff, mypy, then the whole pytest suite
# (unit, integration with the real model over ../shared/corpus, real server, real browser).
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev || exit 1
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1

.venv/bin/ruff check . || exit 1
.venv/bin/ruff format --check . || exit 1
.venv/bin/mypy || exit 1

.venv/bin/python -m pytest "$@"
status=$?
if [ "$status" = 5 ]; then
  echo "test.sh: pytest collected no tests; that is a failure here" >&2
  exit 1
fi
exit "$status"
