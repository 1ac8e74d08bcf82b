#!/usr/bin/env bash
# `make audit`: known vulnerabilities in every installed dependency (Rasa's pins included).
# The tools live in their own small environment so they cannot change what the assistant runs on.
#
# Three sources, one report (test-artifacts/audit.txt, written by scripts/check_advisories.py):
#  1. pip-audit, when its vulnerability service answers (PIP_AUDIT_SERVICE, default pypi). On
#     machines that reach no advisory service every package comes back "could not be audited";
#     the report says so instead of passing silently.
#  2. PyPI's project pages, live: they list the vulnerabilities of each project's latest release
#     (AUDIT_LIVE_PYPI=0 skips this).
#  3. data/security/advisories.yml, a dated, hand-assembled snapshot for the pinned versions that
#     are behind their latest release. It goes out of date: the report prints its age.
# What is done about each finding: docs/security.md, "Dependency audit".
set -euo pipefail
cd "$(dirname "$0")/.."
AUDIT_VENV=.venv-audit
if [ ! -x "$AUDIT_VENV/bin/pip-audit" ] || ! "$AUDIT_VENV/bin/python" -c "import yaml" 2>/dev/null; then
  if [ ! -x "$AUDIT_VENV/bin/python" ]; then
    PYTHON=$(bash scripts/find_python.sh)
    "$PYTHON" -m venv "$AUDIT_VENV"
  fi
  "$AUDIT_VENV/bin/python" -m pip install --quiet "pip-audit>=2.7,<3" "PyYAML>=6,<7" 2>&1 | grep -v "is ignored" || true
fi
mkdir -p var test-artifacts
# --all: pip, setuptools and wheel are audited too (pip freeze leaves them out by default).
.venv/bin/python -m pip freeze --all --exclude-editable > var/audit-requirements.txt

rm -f var/pip-audit.json
"$AUDIT_VENV/bin/pip-audit" --requirement var/audit-requirements.txt --no-deps --disable-pip \
  --vulnerability-service "${PIP_AUDIT_SERVICE:-pypi}" --format json --output var/pip-audit.json \
  --progress-spinner off >/dev/null 2>var/pip-audit.log || true

live=(--live-pypi)
[ "${AUDIT_LIVE_PYPI:-1}" = "0" ] && live=()
status=0
"$AUDIT_VENV/bin/python" scripts/check_advisories.py \
  --requirements var/audit-requirements.txt --snapshot data/security/advisories.yml \
  --pip-audit-json var/pip-audit.json "${live[@]}" | tee test-artifacts/audit.txt || status=$?
echo ">> audit report: test-artifacts/audit.txt"
# The checker exits 1 when something affects a pin, 2 on bad input: report findings without
# failing the make target (each is decided in docs/security.md), but fail on a broken snapshot.
[ "$status" -ge 2 ] && exit "$status"
exit 0
