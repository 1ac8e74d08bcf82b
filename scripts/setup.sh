#!/usr/bin/env bash
# One-time (and idempotent) set-up of a fresh machine: Python 3.10 environment,
# dependencies, the Dutch spaCy pipeline and the database schema.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
STAMP="$VENV/.installed-$(cat pyproject.toml scripts/setup.sh | sha1sum | cut -c1-12)"

if [ ! -x "$VENV/bin/python" ]; then
  PYTHON=$(bash scripts/find_python.sh)
  echo ">> creating $VENV with $PYTHON"
  "$PYTHON" -m venv "$VENV"
fi

if [ ! -f "$STAMP" ]; then
  echo ">> installing dependencies (first run takes a few minutes)"
  # pip 26.1.2+: older pips have known advisories (make audit); it resolves Rasa 3.6's
  # pins to the same versions as before.
  "$VENV/bin/python" -m pip install --quiet --upgrade "pip>=26.1.2,<27" wheel "setuptools<71" 2>&1 | grep -v "is ignored" || true
  "$VENV/bin/python" -m pip install --quiet -e ".[test]" 2>&1 | grep -v "is ignored" || true
  "$VENV/bin/python" -c "import rasa, rasa_sdk, spacy, rapidfuzz, alembic, spellchecker" \
    || { echo "dependency install failed" >&2; exit 1; }
  rm -f "$VENV"/.installed-*
  touch "$STAMP"
fi

mkdir -p models
# var/ holds conversations, plans and pain scores: owner only, also when it already existed
# (the servers narrow the files in it at start, bot/privacy/files.py).
mkdir -p -m 700 var && chmod 700 var
[ -f .env ] || "$VENV/bin/python" -m bot.cli init-env
"$VENV/bin/python" -m bot.nlu.dutch_pipeline build
(umask 077 && "$VENV/bin/python" -m bot.cli migrate)
