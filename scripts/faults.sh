#!/usr/bin/env bash
# `make faults`: the database goes down under a running assistant and comes back.
# Needs a real PostgreSQL server (SQLite cannot "go down"), so it is a target of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
WORK=$(mktemp -d /tmp/rugwijzer-faults.XXXXXX)
mkdir -p "$WORK/logs"
[ "$(id -u)" -eq 0 ] && chmod 755 "$WORK"
# shellcheck source=scripts/cluster_services.sh
source scripts/cluster_services.sh
trap 'pg_stop; rm -rf "$WORK"' EXIT
cluster_install_missing
read -r PG_PORT < <(cluster_free_ports 1)
PG_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
pg_start "$PG_PORT" "$PG_PASSWORD"
owner=""; [ "$(id -u)" -eq 0 ] && owner="runuser -u postgres --"
export FAULTS_PG_URL="postgresql://rugwijzer:$PG_PASSWORD@127.0.0.1:$PG_PORT"
export FAULTS_PG_STOP="$owner $PG_BIN/pg_ctl -D $PG_DIR/data -m fast -w -t 30 stop"
export FAULTS_PG_START="$owner $PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/postgres.log -w -t 60 start -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1'"
"$PY" -m pytest -q -p no:cacheprovider tests/faults
