#!/usr/bin/env bash
# `make cluster`: the production shape on one machine, then a load test through it.
#
#   PostgreSQL (tracker + app databases)   Redis (bot.core.lock_store, with a password)
#   action server  <-  Rasa server A, Rasa server B  <-  nginx  <-  benchmarks.cluster_load
#
# Everything is private to a temp dir, on loopback and free ports, and is stopped and
# removed on exit (the trap), whatever happened. Logs are copied to test-artifacts/cluster/.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1

WORK=$(mktemp -d /tmp/rugwijzer-cluster.XXXXXX)
chmod 711 "$WORK"  # the postgres user must reach its data dir inside
mkdir -p "$WORK/logs" "$WORK/var"
# shellcheck source=scripts/cluster_services.sh
source scripts/cluster_services.sh

PIDS=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  echo ">> stopping the cluster"
  local pid
  for pid in "${PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  nginx_stop
  redis_stop
  pg_stop
  rm -rf test-artifacts/cluster && mkdir -p test-artifacts/cluster
  cp "$WORK"/logs/*.log "$WORK"/nginx/error.log "$WORK"/pg/postgres.log test-artifacts/cluster/ 2>/dev/null || true
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT INT TERM

cluster_install_missing
read -r PG_PORT REDIS_PORT ACTION_PORT RASA_A RASA_B NGINX_PORT <<<"$(cluster_free_ports 6)"
PG_PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_hex(16))')
TOKEN=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(24))')
REDIS_PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_hex(16))')

echo ">> PostgreSQL on 127.0.0.1:$PG_PORT"
pg_start "$PG_PORT" "$PG_PASSWORD"
echo ">> Redis on 127.0.0.1:$REDIS_PORT"
redis_start "$REDIS_PORT" "$REDIS_PASSWORD"

DB="postgresql://rugwijzer:$PG_PASSWORD@127.0.0.1:$PG_PORT"
export VAR_DIR="$WORK/var" ACTION_PORT RASA_AUTH_TOKEN="$TOKEN" PYTHONUNBUFFERED=1 \
  TRACKER_DB_URL="$DB/rugwijzer_tracker" APP_DB_URL="$DB/rugwijzer_app" \
  LOCK_STORE_URL="redis://:$REDIS_PASSWORD@127.0.0.1:$REDIS_PORT/1" \
  CONSOLE_SECRET="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(32))')" \
  PUBLIC_BASE_URL="http://127.0.0.1:$NGINX_PORT"
# Rasa's own setting: a conversation whose message died with an instance waits about
# this long for that message's ticket; live holders renew theirs (bot/core/lock_store.py).
export TICKET_LOCK_LIFETIME=3

echo ">> app schema (migrations)"
"$PY" -m bot.cli migrate

echo ">> action server on 127.0.0.1:$ACTION_PORT"
"$PY" -m bot.action_server >"$WORK/logs/actions.log" 2>&1 &
PIDS+=($!)
disown $!  # the test kills a server on purpose: no job-control notice for that
wait_http "http://127.0.0.1:$ACTION_PORT/health" "${PIDS[0]}" 120

# CLUSTER_MODEL=path serves that model file instead of the one for the current data.
RASA_MODULE=(-m bot.server)
[ -n "${CLUSTER_MODEL:-}" ] && RASA_MODULE=(-m benchmarks.serve --model "$CLUSTER_MODEL")
# One after the other: both would otherwise race to create the tracker tables.
RASA_PIDS=()
for port in "$RASA_A" "$RASA_B"; do
  echo ">> Rasa server on 127.0.0.1:$port"
  RASA_PORT=$port "$PY" "${RASA_MODULE[@]}" >"$WORK/logs/rasa-$port.log" 2>&1 &
  PIDS+=($!)
  RASA_PIDS+=($!)
  disown $!
  wait_http "http://127.0.0.1:$port/health/ready" "$!" 300
done

echo ">> nginx on 127.0.0.1:$NGINX_PORT in front of both"
nginx_conf "$NGINX_PORT" "$RASA_A" "$RASA_B"
nginx_start
wait_http "http://127.0.0.1:$NGINX_PORT/health/ready" "$(cat "$WORK/nginx/nginx.pid")" 30

lock_probe "$NGINX_PORT" "$REDIS_PORT" "$TICKET_LOCK_LIFETIME"

"$PY" -m benchmarks.cluster_load \
  --url "http://127.0.0.1:$NGINX_PORT" \
  --instances "http://127.0.0.1:$RASA_A,http://127.0.0.1:$RASA_B" \
  --kill-pid "${RASA_PIDS[1]}" --kill-address "127.0.0.1:$RASA_B" \
  --tracker-db "$TRACKER_DB_URL" --token "$TOKEN" --profile-pid "${RASA_PIDS[0]}"
