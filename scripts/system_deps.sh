#!/usr/bin/env bash
# What the tests need that pip cannot provide: Debian's Chromium (widget and console
# tests), Debian's redis-server (widget pushes across instances) and axe-core from the npm
# registry, pinned, into build/axe (the console's accessibility test). Each is installed
# only when missing.
set -euo pipefail
AXE_VERSION=4.14.1
AXE_FILE=build/axe/node_modules/axe-core/axe.min.js
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium fonts-dejavu-core)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -f "$AXE_FILE" ] || command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "Missing and this user cannot install packages: ${need[*]}." >&2
    exit 1
  fi
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  echo ">> installing Debian's ${need[*]} for the tests"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ ! -f "$AXE_FILE" ]; then
  echo ">> installing axe-core $AXE_VERSION for the console's accessibility test"
  npm install --prefix build/axe --no-audit --no-fund --silent "axe-core@$AXE_VERSION" >/dev/null
fi
