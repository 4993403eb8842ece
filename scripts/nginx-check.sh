#!/usr/bin/env bash
# Runs deploy/nginx.conf for real: Debian's nginx on loopback in front of two
# `kinora serve` instances on one PostgreSQL database, and checks that pages
# come through nginx from both instances, and keep coming when one stops.
#
#   scripts/nginx-check.sh [KINORA_BINARY]
#
# Needs nginx and PostgreSQL (apt-get install nginx postgresql).
set -euo pipefail
cd "$(dirname "$0")/.."
kinora=${1:-target/debug/kinora}
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT


admin=$(scripts/postgres.sh start)
database="kinora_nginx_check_$$"
psql -q "$admin" -c "create database $database"
url="${admin%/*}/$database"
"$kinora" --database-url "$url" demo >/dev/null

# The example config with this check's ports: 18081, 18082 behind 18080.
sed -e 's/127.0.0.1:8081/127.0.0.1:18081/; s/127.0.0.1:8082/127.0.0.1:18082/; s/listen 8080;/listen 127.0.0.1:18080;/' \
  deploy/nginx.conf >"$work/kinora.conf"
cat >"$work/nginx-main.conf" <<CONF
pid $work/nginx.pid;
error_log $work/error.log;
worker_processes 1;
events { worker_connections 256; }
http {
    access_log $work/access.log;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    include $work/kinora.conf;
}
CONF

for port in 18081 18082; do
  KINORA_LOG=warn "$kinora" --database-url "$url" serve --addr "127.0.0.1:$port" --trust-forwarded \
    --public-url http://127.0.0.1:18080 --metrics-addr "127.0.0.1:$((port + 1000))" &
  pids+=($!)
done
for port in 18081 18082; do
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
done
nginx -c "$work/nginx-main.conf" -p "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }
for _ in $(seq 1 20); do
  curl -fs http://127.0.0.1:18080/films/crossing-2008 >"$work/page.html" || fail "Crossing's page through nginx"
  grep -q '크로싱' "$work/page.html" || fail "Crossing's page through nginx lacks its Hangul title"
done
status=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18080/api/v1/films/crossing-2008)
[ "$status" = 200 ] || fail "the API through nginx answered $status"
# Both instances served some of the requests.
for port in 18081 18082; do
  served=$(curl -fs "http://127.0.0.1:$((port + 1000))/metrics" | grep -c 'route="/{kind}/{id}"' || true)
  [ "$served" -gt 0 ] || fail "instance on $port served nothing"
done
# Metrics are not served to the public.
status=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18080/metrics)
[ "$status" = 404 ] || fail "/metrics through nginx answered $status"
# One instance stops; nginx sends everything to the other.
kill "${pids[0]}"
for _ in $(seq 1 10); do
  curl -fs http://127.0.0.1:18080/films/crossing-2008 >/dev/null || fail "a page after one instance stopped"
done
psql -q "$admin" -c "drop database $database with (force)"
echo "ok: nginx serves Kinora from two instances on one PostgreSQL database, and from one when the other stops"
