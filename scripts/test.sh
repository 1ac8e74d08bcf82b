#!/usr/bin/env bash
# The test suite behind `make test`: pytest (unit, integration, end-to-end over real
# HTTP and a real browser), then Rasa's story tests on the trained model.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
mkdir -p test-artifacts

status=0
# --basetemp: test files stay in the work tree, not in a shared /tmp/pytest-of-<user>
# (CVE-2025-71176, docs/security.md).
"$PY" -m pytest -q -p no:cacheprovider --basetemp=var/pytest-tmp tests || status=$?
if [ "$status" -ne 0 ]; then
  echo "pytest failed (exit $status)" >&2
  exit "$status"
fi

model=$("$PY" -c "from bot.settings import load_settings; from bot.training import model_path
print(model_path(load_settings()))")
echo ">> rasa test: story tests on $model"
# Rasa's own command, with the settings the CarePolicy and PracticeNLG read installed.
"$PY" -m bot.rasa_command test core --model "$model" --stories tests/test_stories.yml \
  --fail-on-prediction-errors --out test-artifacts/rasa-test --quiet
echo ">> story tests passed"
