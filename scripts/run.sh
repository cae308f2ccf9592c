#!/usr/bin/env bash
# Set up, index the sources and serve the web UI and API on http://127.0.0.1:8000/.
# Sources: GROUNDQA_SOURCES_DIR if set, else the demo collection beside the project
# (../shared/corpus/sources), else ./sources.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
if [ -z "${GROUNDQA_SOURCES_DIR:-}" ] && [ -d ../shared/corpus/sources ]; then
  export GROUNDQA_SOURCES_DIR=../shared/corpus/sources
fi
exec .venv/bin/groundqa serve --host "${GROUNDQA_HOST:-127.0.0.1}" --port "${GROUNDQA_PORT:-8000}" "$@"
