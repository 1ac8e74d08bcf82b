#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter: Rasa 3.6 does not run on 3.11.
# Looks on the PATH first, then in pyenv's versions, so a fresh machine needs no setup.
set -euo pipefail
for candidate in "${PYTHON310:-}" python3.10 \
    "$(command -v pyenv >/dev/null 2>&1 && pyenv root 2>/dev/null)/versions/"3.10*/bin/python \
    "$HOME"/.pyenv/versions/3.10*/bin/python /root/.pyenv/versions/3.10*/bin/python; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null || true)
  [ -n "$path" ] && [ -x "$path" ] || continue
  if "$path" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
echo "No Python 3.10 found. Install it (for example 'pyenv install 3.10') or set PYTHON310." >&2
exit 1
