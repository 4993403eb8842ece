#!/usr/bin/env bash
# Instructions one uncached page costs the server, counted by callgrind:
# a figure that does not move with this virtual machine's neighbours, as
# requests a second do (by ±10 % from one run to the next), so a change
# of a few per cent to the page's work can be seen.
#
#   scripts/page-instructions.sh [PATH] [REQUESTS] [BINARY]
#
# Defaults: /films/crossing-2008, 40 requests, target/release/kinora.
# Needs valgrind and curl (apt-get install valgrind curl). The count is of
# every thread of the server between the warm-up and the last answer.
# valgrind's CPU lacks SHA extensions: the ETag's SHA-256 counts several
# times what it costs on real hardware, so compare runs, not shares.
set -euo pipefail
cd "$(dirname "$0")/.."
path=${1:-/films/crossing-2008}
requests=${2:-40}
kinora=$(realpath "${3:-target/release/kinora}")
port=19194
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
KINORA_LOG=warn "$kinora" --data "$work/store" demo >/dev/null
KINORA_LOG=warn valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$kinora" --data "$work/store" serve --addr "127.0.0.1:$port" --page-cache-mb 0 \
  >/dev/null 2>"$work/valgrind.log" &
pid=$!
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break
  sleep 0.5
done
get() { curl -fs -o /dev/null -H "Accept-Encoding: br, gzip" "http://127.0.0.1:$port$path"; }
for _ in $(seq 1 10); do get; done
callgrind_control -z "$pid" >/dev/null 2>&1
for _ in $(seq 1 "$requests"); do get; done
callgrind_control -d "$pid" >/dev/null 2>&1
sleep 1
dump=$(ls -t "$work"/callgrind.out* | head -1)
total=$(awk '/^(summary|totals):/ {print $2; exit}' "$dump")
awk -v total="$total" -v n="$requests" -v path="$path" \
  'BEGIN {printf "%s: %.2f M instructions a request (%d requests)\n", path, total / n / 1e6, n}'
