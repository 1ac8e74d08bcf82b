# Functions for scripts/cluster.sh: private PostgreSQL, Redis and nginx instances in a
# work dir, on loopback and free ports, that leave nothing behind. Sourced, not run.
# Expects WORK (an empty dir) to be set.

# Debian's packages, installed once when missing. A policy-rc.d keeps the packages'
# post-install scripts from starting system-wide daemons on the default ports: the
# cluster runs its own private instances.
cluster_install_missing() {
  local missing=()
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing: ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root" >&2
    return 1
  fi
  echo ">> installing Debian packages: ${missing[*]}"
  local policy=/usr/sbin/policy-rc.d own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && own_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ "$own_policy" -eq 1 ] && rm -f "$policy"
  return 0
}

# N distinct free loopback ports, printed on one line.
cluster_free_ports() {
  "$PY" - "$1" <<'EOF'
import socket, sys
probes = [socket.socket() for _ in range(int(sys.argv[1]))]
for probe in probes:
    probe.bind(("127.0.0.1", 0))
print(" ".join(str(p.getsockname()[1]) for p in probes))
for probe in probes:
    probe.close()
EOF
}

# Runs a PostgreSQL command as the cluster's owner: root may not run postgres itself.
_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# pg_start PORT PASSWORD: initdb + pg_ctl start in $WORK/pg; databases rugwijzer_tracker
# and rugwijzer_app owned by role rugwijzer (password auth over TCP only).
pg_start() {
  local port=$1 password=$2
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_DIR="$WORK/pg"
  mkdir -p "$PG_DIR"
  printf '%s\n' "$password" >"$PG_DIR/pwfile"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$PG_DIR"
  chmod 700 "$PG_DIR"
  _pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U rugwijzer --pwfile="$PG_DIR/pwfile" \
    --auth-host=scram-sha-256 --auth-local=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$WORK/logs/initdb.log" 2>&1
  rm -f "$PG_DIR/pwfile"
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 start \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200" >/dev/null
  local db
  for db in rugwijzer_tracker rugwijzer_app; do
    PGPASSWORD="$password" "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U rugwijzer "$db"
  done
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] && [ -f "$PG_DIR/data/postmaster.pid" ] || return 0
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
}

# redis_start PORT PASSWORD: no persistence; only Rasa's conversation locks live here. The
# password is in a config file (mode 600), not on the command line where ps shows it.
redis_start() {
  local port=$1 password=$2
  mkdir -p "$WORK/redis"
  (umask 077 && cat >"$WORK/redis/redis.conf" <<EOF
port $port
bind 127.0.0.1
protected-mode yes
requirepass $password
save ""
appendonly no
dir $WORK/redis
daemonize yes
pidfile $WORK/redis/redis.pid
logfile $WORK/redis/redis.log
EOF
  )
  redis-server "$WORK/redis/redis.conf"
  local _
  for _ in $(seq 50); do
    [ "$(REDISCLI_AUTH="$password" redis-cli -p "$port" ping 2>/dev/null)" = PONG ] && return 0
    sleep 0.1
  done
  echo "redis did not start" >&2
  return 1
}

redis_stop() {
  [ -f "$WORK/redis/redis.pid" ] || return 0
  kill "$(cat "$WORK/redis/redis.pid")" 2>/dev/null || true
}

# lock_probe NGINX_PORT REDIS_PORT LIFETIME: issue #7's race on purpose. A conversation's
# ticket is put in Redis as an instance leaves it when it dies right after taking it, and
# the conversation's next message follows at once through nginx. Rasa 3.6's own lock store
# hangs that message (its ticket expires in the same poll as the dead one; bot.core.lock_store
# explains); ours answers once the dead ticket has expired. Expects REDIS_PASSWORD.
lock_probe() {
  local nginx=$1 redis=$2 lifetime=$3 sender="lock-probe-$RANDOM" result
  REDIS_PASSWORD=$REDIS_PASSWORD "$PY" - "$redis" "$sender" "$lifetime" <<'EOF'
import json, os, sys, time
import redis
port, sender, lifetime = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
ticket = json.dumps({"number": 0, "expires": time.time() + lifetime})
lock = json.dumps({"conversation_id": sender, "tickets": [ticket]})
redis.Redis(port=port, db=1, password=os.environ["REDIS_PASSWORD"]).set(f"lock:{sender}", lock)
EOF
  result=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -m "$((${lifetime%.*} + 15))" \
    -H 'Content-Type: application/json' -d "{\"sender\": \"$sender\", \"message\": \"hoi\"}" \
    "http://127.0.0.1:$nginx/webhooks/rest/webhook" || true)
  if [ "${result%% *}" = 200 ]; then
    echo ">> lock probe: the message behind a dead instance's ticket answered after ${result#* } s" \
      "(ticket lifetime $lifetime s)"
    return 0
  fi
  echo ">> lock probe: the message behind a dead instance's ticket HUNG (curl: ${result:-nothing})" >&2
  return 1
}

# nginx_conf PORT UPSTREAM_PORT...: the reverse proxy in front of the Rasa servers.
nginx_conf() {
  local port=$1; shift
  local servers="" sticky="" upstream
  for upstream in "$@"; do
    # One failure takes an instance out for 10 s; a refused connection is retried on the
    # next instance (nothing was sent yet), a request already sent is not (POST).
    servers+="    server 127.0.0.1:$upstream max_fails=1 fail_timeout=10s;"$'\n'
    sticky+="    server 127.0.0.1:$upstream;"$'\n'
  done
  mkdir -p "$WORK/nginx/tmp"
  chmod 777 "$WORK/nginx/tmp"
  cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log $WORK/nginx/access.log;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  client_max_body_size 64k;

  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }

  # REST, Telegram and the health checks: any instance will do, the conversation
  # state is in PostgreSQL and Redis serialises each conversation.
  upstream rasa {
$servers  }
  # socket.io's polling transport needs every request of one session on one instance.
  # The full client address (ip_hash would use 127.0.0 only): the push check's widgets
  # connect from 127.0.0.x and spread over the instances; a dead one's go to the next.
  upstream rasa_socketio {
    hash \$remote_addr consistent;
$sticky  }

  server {
    listen 127.0.0.1:$port;
    proxy_http_version 1.1;
    proxy_set_header Host \$host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto \$scheme;
    proxy_read_timeout 120s;
    # Which instance answered: the cluster test checks the load was spread.
    add_header X-Rugwijzer-Upstream \$upstream_addr always;

    location /webhooks/ { proxy_pass http://rasa; }
    location /health/ { proxy_pass http://rasa; }
    location /web/ { proxy_pass http://rasa; }
    location /charts/ { proxy_pass http://rasa; }
    location /socket.io/ {
      proxy_pass http://rasa_socketio;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_read_timeout 300s;
    }
    # The HTTP API (/conversations, /model) stays on the private network.
    location / { return 404; }
  }
}
EOF
}

nginx_start() {
  local binary
  binary=$(command -v nginx || echo /usr/sbin/nginx)
  "$binary" -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" -t -q
  "$binary" -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf"
}

nginx_stop() {
  [ -f "$WORK/nginx/nginx.pid" ] || return 0
  kill -QUIT "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
}

# wait_http URL PID TIMEOUT: until URL answers 200, or fail when PID died or time is up.
wait_http() {
  local url=$1 pid=$2 deadline=$((SECONDS + $3))
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$pid" 2>/dev/null || { echo "process $pid exited while waiting for $url" >&2; return 1; }
    curl -sf -o /dev/null --max-time 2 "$url" && return 0
    sleep 1
  done
  echo "$url not ready after $3 s" >&2
  return 1
}
