#!/usr/bin/env bash
# `make soak`: the public pages under load, the way production runs them.
#
# Starts gunicorn (2 gthread workers × 4 threads, production settings, PostgreSQL, a fresh
# secret, loopback only), loads the demo catalogue into an empty database, then for
# SOAK_SECONDS (60) runs two wrk processes side by side:
#   - normal visitors (bench/soak.lua): SOAK_CONNECTIONS (16) connections rotating over the
#     public pages with SOAK_THINK_MS (500, ±50%) between clicks, each request from another
#     address;
#   - an attack (bench/attack.lua): SOAK_ATTACK_CONNECTIONS (4) connections, no think time,
#     from three fixed addresses: made-up list parameters, a GeoJSON burst, form submissions.
# On loopback every connection comes from 127.0.0.1, so the server trusts one proxy
# (DJANGO_TRUSTED_PROXY_COUNT=1) and wrk writes X-Forwarded-For as a load balancer would.
# Fails on: any visitor socket error or non-2xx/3xx answer, visitors' p95 over SOAK_P95_MS
# (500), any 5xx or 403 to the attack, less than SOAK_MIN_THROTTLED (0.8) of the attack
# throttled (429), a worker timeout or an error in the server log. gunicorn is always
# stopped. Results: bench/results/.
#
#   SOAK_SECONDS=60 SOAK_CONNECTIONS=16 SOAK_ATTACK_CONNECTIONS=4 SOAK_PORT=8765 bench/soak.sh
#   SOAK_ATTACK_CONNECTIONS=0 bench/soak.sh                   # visitors only
#   SOAK_DATABASE_URL=postgres://user@host/db bench/soak.sh   # default: local rokehan_soak
#   SOAK_REDIS_URL=redis://127.0.0.1:6379/9 bench/soak.sh     # counters shared by the workers
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
[ -x "$PY" ] || PY=python3
SECONDS_TO_RUN=${SOAK_SECONDS:-60}
CONNECTIONS=${SOAK_CONNECTIONS:-16}
ATTACK_CONNECTIONS=${SOAK_ATTACK_CONNECTIONS:-4}
THINK_MS=${SOAK_THINK_MS:-500}
P95_MS=${SOAK_P95_MS:-500}
MIN_THROTTLED=${SOAK_MIN_THROTTLED:-0.8}
PORT=${SOAK_PORT:-8765}
HOST=127.0.0.1  # loopback only: this is a load test, not a server
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS=bench/results
mkdir -p "$RESULTS"
SERVER_LOG="$RESULTS/soak-$STAMP-server.log"
REPORT="$RESULTS/soak-$STAMP.txt"
ATTACK_REPORT="$RESULTS/soak-$STAMP-attack.txt"

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
# Rate-limit counters (and the visitors' cache) in each worker's memory unless a Redis is
# given: then the two workers share them, as production's app machines do.
if [ -n "${SOAK_REDIS_URL:-}" ]; then export REDIS_URL="$SOAK_REDIS_URL"; fi
# wrk plays the load balancer: it writes X-Forwarded-For (see above).
export DJANGO_TRUSTED_PROXY_COUNT=1

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

echo "wrk: $CONNECTIONS visitor and $ATTACK_CONNECTIONS attack connections for ${SECONDS_TO_RUN}s against http://$HOST:$PORT"
ATTACK_PID=
if [ "$ATTACK_CONNECTIONS" -gt 0 ]; then
  wrk --threads 1 --connections "$ATTACK_CONNECTIONS" --duration "${SECONDS_TO_RUN}s" --timeout 10s \
    --script bench/attack.lua "http://$HOST:$PORT" >"$ATTACK_REPORT" 2>&1 &
  ATTACK_PID=$!
fi
wrk --threads 2 --connections "$CONNECTIONS" --duration "${SECONDS_TO_RUN}s" --timeout 10s \
  --latency --script bench/soak.lua "http://$HOST:$PORT" -- "$THINK_MS" | tee "$REPORT"
if [ -n "$ATTACK_PID" ]; then
  wait "$ATTACK_PID" || true
  echo "--- attack (from 203.0.113.66-68):"
  cat "$ATTACK_REPORT"
fi

figure() { awk -v key="$1" '$1 == key { print $2 }' "$2"; }
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
p95=$(figure p95_ms "$REPORT")
if ! awk -v p="$p95" -v max="$P95_MS" 'BEGIN { exit !(p != "" && p + 0 < max + 0) }'; then
  echo "FAIL: visitors' p95 ${p95} ms is not under ${P95_MS} ms" >&2
  failed=1
fi
if [ -n "$ATTACK_PID" ]; then
  if grep -qE "^status (5[0-9][0-9]|403):" "$ATTACK_REPORT"; then
    echo "FAIL: the attack got 5xx or 403 answers (a 403 is CSRF, not the rate limit)" >&2
    failed=1
  fi
  share=$(figure throttled_share "$ATTACK_REPORT")
  if ! awk -v s="$share" -v min="$MIN_THROTTLED" 'BEGIN { exit !(s != "" && s + 0 >= min + 0) }'; then
    echo "FAIL: only ${share} of the attack was throttled (want ${MIN_THROTTLED} or more)" >&2
    failed=1
  fi
fi
[ "$failed" = 0 ] && echo "PASS: visitors p95 ${p95} ms, zero errors, zero non-2xx/3xx; attack ${share:-n/a} throttled (reports: $REPORT${ATTACK_PID:+, $ATTACK_REPORT})"
exit "$failed"
