#!/usr/bin/env bash
# `make soak`: the public pages under load, the way production runs them.
#
# Starts gunicorn (2 gthread workers × 4 threads, production settings, PostgreSQL, a fresh
# secret, loopback only), loads the demo catalogue into an empty database, runs wrk with
# 32 connections for SOAK_SECONDS (60) over the public pages, and fails on any socket error
# or any answer that is not 2xx/3xx. gunicorn is always stopped. Results: bench/results/.
#
#   SOAK_SECONDS=60 SOAK_CONNECTIONS=32 SOAK_PORT=8765 bench/soak.sh
#   SOAK_DATABASE_URL=postgres://user@host/db bench/soak.sh   # default: local rokehan_soak
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
[ -x "$PY" ] || PY=python3
SECONDS_TO_RUN=${SOAK_SECONDS:-60}
CONNECTIONS=${SOAK_CONNECTIONS:-32}
PORT=${SOAK_PORT:-8765}
HOST=127.0.0.1  # loopback only: this is a load test, not a server
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS=bench/results
mkdir -p "$RESULTS"
SERVER_LOG="$RESULTS/soak-$STAMP-server.log"
REPORT="$RESULTS/soak-$STAMP.txt"

if ! command -v wrk >/dev/null; then
  echo "Installing Debian's wrk (needs root)"
  apt-get install -y -qq wrk >/dev/null
fi

if [ -z "${SOAK_DATABASE_URL:-}" ]; then
  if ! psql -h "$PGHOST" -p "$PGPORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='rokehan_soak'" | grep -q 1; then
    psql -h "$PGHOST" -p "$PGPORT" -U postgres -q -v ON_ERROR_STOP=1 \
      -c "CREATE DATABASE rokehan_soak TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
  fi
  SOAK_DATABASE_URL="postgres://postgres@$PGHOST:$PGPORT/rokehan_soak"
fi

# Production settings: the same file, switched by the environment (see docs/deployment.md).
export DJANGO_DEBUG=False
DJANGO_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
export DJANGO_SECRET_KEY
export DJANGO_ALLOWED_HOSTS="$HOST,localhost"
export DJANGO_SECURE_SSL_REDIRECT=False  # no TLS proxy in front of this loopback server
export DATABASE_URL="$SOAK_DATABASE_URL"
unset REDIS_URL AWS_STORAGE_BUCKET_NAME

"$PY" manage.py migrate --no-input -v 0
"$PY" manage.py collectstatic --no-input -v 0
if [ "$("$PY" manage.py shell -c 'from locations.models import Location; print(Location.objects.exists())' 2>/dev/null | tail -1)" != "True" ]; then
  if "$PY" manage.py help load_demo >/dev/null 2>&1; then
    echo "Loading the demo catalogue"
    "$PY" manage.py load_demo
  else
    echo "WARNING: no load_demo command on this branch; soaking an empty catalogue" >&2
  fi
fi

"$PY" -m gunicorn scouting.wsgi:application \
  --bind "$HOST:$PORT" --workers 2 --worker-class gthread --threads 4 \
  --timeout 30 --graceful-timeout 10 >"$SERVER_LOG" 2>&1 &
GUNICORN_PID=$!
stop_gunicorn() {
  if kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID"
    wait "$GUNICORN_PID" 2>/dev/null || true
  fi
}
trap stop_gunicorn EXIT

for _ in $(seq 1 60); do
  if curl -fsS "http://$HOST:$PORT/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$GUNICORN_PID" 2>/dev/null; then
    echo "gunicorn did not start; see $SERVER_LOG" >&2
    tail -20 "$SERVER_LOG" >&2
    exit 1
  fi
  sleep 0.5
done

echo "wrk: $CONNECTIONS connections for ${SECONDS_TO_RUN}s against http://$HOST:$PORT"
wrk --threads 2 --connections "$CONNECTIONS" --duration "${SECONDS_TO_RUN}s" --timeout 10s \
  --latency --script bench/soak.lua "http://$HOST:$PORT" | tee "$REPORT"

failed=0
if grep -qE "Non-2xx or 3xx responses|Socket errors" "$REPORT"; then
  echo "FAIL: wrk reported errors or non-2xx/3xx answers (statuses above)" >&2
  failed=1
fi
if grep -qE "^status [45][0-9][0-9]:" "$REPORT"; then
  echo "FAIL: some answers were 4xx/5xx" >&2
  failed=1
fi
if grep -qE "WORKER TIMEOUT|level=ERROR" "$SERVER_LOG"; then
  echo "FAIL: the server logged errors; see $SERVER_LOG" >&2
  grep -E "WORKER TIMEOUT|level=ERROR" "$SERVER_LOG" | head -5 >&2
  failed=1
fi
if ! grep -qE "^requests [1-9]" "$REPORT"; then
  echo "FAIL: no requests were answered" >&2
  failed=1
fi
[ "$failed" = 0 ] && echo "PASS: zero errors, zero non-2xx/3xx answers (report: $REPORT)"
exit "$failed"
