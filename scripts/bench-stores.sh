#!/usr/bin/env bash
# Benchmark, on demand: film-page reads per second and review-sized writes per
# second, on SQLite and on PostgreSQL, with one and with two `kinora serve`
# instances, side by side in one run; and, as the yardstick, nginx serving a
# static copy of the same page.
#
#   scripts/bench-stores.sh            # 10 s per measurement
#   BENCH_SECONDS=30 scripts/bench-stores.sh
#
# Needs wrk, nginx and PostgreSQL (apt-get install wrk nginx postgresql).
# Reads go through nginx in every case (as deployed, deploy/nginx.conf), so
# one and two instances are compared on equal terms.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${BENCH_SECONDS:-10}
cargo build --release --quiet
kinora=$PWD/target/release/kinora
work=$(mktemp -d)
# nginx's workers run as another user: they must read the static copies.
chmod 755 "$work"
pids=()
source scripts/bench/servers.sh
admin=$(scripts/postgres.sh start)
database="kinora_bench_$$"
cleanup() {
  stop_servers
  psql -q "$admin" -c "drop database if exists $database with (force)" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

psql -q "$admin" -c "create database $database"
postgres_url="${admin%/*}/$database"
sqlite_url="sqlite://$work/sqlite/kinora.db"
mkdir -p "$work/sqlite"
KINORA_LOG=warn "$kinora" --data "$work/sqlite" demo >/dev/null
KINORA_LOG=warn "$kinora" --database-url "$postgres_url" demo >/dev/null

start_instances() {
  local url=$1 count=$2 port
  for index in $(seq 1 "$count"); do
    port=$((19080 + index))
    KINORA_LOG=warn "$kinora" --database-url "$url" serve --addr "127.0.0.1:$port" &
    pids+=($!)
    for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  done
}

# Prints "requests/s p50 p99" for the film page through nginx.
measure_reads() {
  wrk -t2 -c32 -d"${seconds}s" --latency http://127.0.0.1:19080/films/crossing-2008 >"$work/wrk.txt"
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "%.0f %s %s", rps, p50, p99}' "$work/wrk.txt"
}

# Prints the summed writes/s of `count` bench processes writing at once.
measure_writes() {
  local url=$1 count=$2 total=0 rate
  for index in $(seq 1 "$count"); do
    KINORA_LOG=warn "$kinora" --database-url "$url" bench-writes --seconds "$seconds" \
      --concurrency $((8 / count)) --prefix "bench-$count-$index-$RANDOM" >"$work/writes-$index.txt" &
  done
  wait
  for index in $(seq 1 "$count"); do
    rate=$(awk '{for (i = 1; i <= NF; i++) if ($i == "writes/s;") print $(i-1)}' "$work/writes-$index.txt")
    total=$((total + ${rate%.*}))
  done
  latency=$(awk '{print $(NF-4)}' "$work/writes-1.txt")
  echo "$total $latency"
}

rows=()
mkdir -p "$work/static/films"
start_instances "$sqlite_url" 1
curl -fs http://127.0.0.1:19081/films/crossing-2008 >"$work/static/films/crossing-2008"
stop_servers
start_nginx
read -r rps p50 p99 <<<"$(measure_reads)"
rows+=("| nginx, static copy of the page | – | $rps | $p50 | $p99 | – | – |")
stop_servers

for store in sqlite postgres; do
  url=$sqlite_url
  [ "$store" = postgres ] && url=$postgres_url
  for count in 1 2; do
    ports=()
    for index in $(seq 1 "$count"); do ports+=($((19080 + index))); done
    start_instances "$url" "$count"
    start_nginx "${ports[@]}"
    read -r rps p50 p99 <<<"$(measure_reads)"
    stop_servers
    read -r writes wp50 <<<"$(measure_writes "$url" "$count")"
    name="Kinora on SQLite"
    [ "$store" = postgres ] && name="Kinora on PostgreSQL"
    rows+=("| $name | $count | $rps | $p50 | $p99 | $writes | $wp50 |")
  done
done

echo
echo "Film page /films/crossing-2008 through nginx, wrk -t2 -c32, ${seconds} s each;"
echo "writes: 1.5 KB entities, one change each, 8 writers in all; $(nproc) cores."
echo
echo "| server | instances | page reads/s | read p50 | read p99 | writes/s | write p50 (ms) |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
