#!/usr/bin/env bash
# Benchmark, on demand: anonymous page reads against the yardstick of static
# files, side by side in one run. For each page (a film, a person, a
# festival's programme, the API's film):
#
#   - nginx serving a static copy of it (gzipped beforehand, gzip_static);
#   - one `kinora serve` with its page cache, warm;
#   - one `kinora serve` without it (--page-cache-mb 0): every page rendered;
#   - two instances behind nginx, as deploy/nginx.conf runs them;
#   - one `kinora serve` with its page cache asked for a new address each
#     time (`?n=1`, `?n=2`…): every page rendered, around the part that is
#     the same for every reader, kept (as after a review of the film).
#
# Every client takes brotli and gzip, as browsers do: bytes are those on the
# wire, headers included. Then the page cache's hit rate while a community
# writes, BENCH_WRITE_RATE writes a second from another process: first
# review-sized catalog entities of their own (each a change, touching
# nothing the pages show), then members' ratings of Crossing (each touching
# Crossing's community: its page is rendered again around its kept part).
#
#   scripts/bench-pages.sh
#   BENCH_SECONDS=30 BENCH_CONNECTIONS=64 scripts/bench-pages.sh
#   BENCH_IMDB_STORE=/tmp/bench/kinora-sqlite BENCH_IMDB_TITLES=1000000 scripts/bench-pages.sh
#
# With BENCH_IMDB_STORE (a store folder an IMDb import made: see
# scripts/bench-imdb.sh), film pages and API reads at random ids of it too.
# Needs wrk, nginx and curl (apt-get install wrk nginx curl).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-64}
write_rate=${BENCH_WRITE_RATE:-2}
cargo build --release --quiet
kinora=$PWD/target/release/kinora
work=$(mktemp -d)
# nginx's workers run as another user: they must read the static copies.
chmod 755 "$work"
pids=()
source scripts/bench/servers.sh
trap 'stop_servers; rm -rf "$work"' EXIT

KINORA_LOG=warn "$kinora" --data "$work/store" demo >/dev/null
pages=(/films/crossing-2008 /people/cha-in-pyo /events/idfa-2012-reflecting-images-panorama /api/v1/films/crossing-2008)
encodings="Accept-Encoding: br, gzip"


# Starts `count` instances on ports 19081… with the given options.
start_instances() {
  local count=$1 port
  shift
  for index in $(seq 1 "$count"); do
    port=$((19080 + index))
    KINORA_LOG=warn "$kinora" --data "$work/store" serve --addr "127.0.0.1:$port" "$@" &
    pids+=($!)
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
  done
}

# Prints "requests/s p50 p99 bytes-per-response" for wrk at `base` with the
# given lua script or path.
measure() {
  local base=$1 target=$2 args=()
  if [[ $target == *.lua ]]; then args=(-s "$target"); else base+=$target; fi
  # One request first: a page cache is measured warm.
  [[ $target == *.lua ]] || curl -fs -o /dev/null -H "$encodings" "$base"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "$encodings" "${args[@]}" "$base" >"$work/wrk.txt"
  awk '
    function bytes(text) {
      if (text ~ /GB$/) return text * 1024 * 1024 * 1024
      if (text ~ /MB$/) return text * 1024 * 1024
      if (text ~ /KB$/) return text * 1024
      return text + 0
    }
    /requests in/ {requests = $1; read = bytes($5)}
    /Requests\/sec/ {rps = $2}
    /^ +50%/ {p50 = $2}
    /^ +99%/ {p99 = $2}
    /Non-2xx/ {bad = $NF}
    END {printf "%.0f %s %s %.0f%s", rps, p50, p99, read / requests, (bad > 0 ? " (" bad "-not-2xx)" : "")}
  ' "$work/wrk.txt"
}

declare -A results
sizes=()
setups=(nginx cached uncached parts two)

# The static copies, each as Kinora serves it to an anonymous reader.
start_instances 1
for page in "${pages[@]}"; do
  mkdir -p "$work/static$(dirname "$page")"
  curl -fs "http://127.0.0.1:19081$page" >"$work/static$page"
  gzip -k -6 "$work/static$page"
  sizes[${#sizes[@]}]="$page $(wc -c <"$work/static$page") $(curl -fs -o /dev/null -w '%{size_download}' -H "$encodings" "http://127.0.0.1:19081$page")"
done
stop_servers

start_nginx
for page in "${pages[@]}"; do results[nginx$page]=$(measure http://127.0.0.1:19080 "$page"); done
stop_servers

start_instances 1
for page in "${pages[@]}"; do results[cached$page]=$(measure http://127.0.0.1:19081 "$page"); done
stop_servers

start_instances 1 --page-cache-mb 0
for page in "${pages[@]}"; do results[uncached$page]=$(measure http://127.0.0.1:19081 "$page"); done
stop_servers

# Every answer rendered, its entity part kept: a new query each time.
start_instances 1
for page in "${pages[@]}"; do
  cat >"$work/fresh.lua" <<LUA
-- Each of wrk's threads its own addresses.
local thread = tostring({}):sub(8)
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "$page?n=" .. thread .. "-" .. n)
end
LUA
  results[parts$page]=$(measure http://127.0.0.1:19081 "$work/fresh.lua")
done
stop_servers

start_instances 2
start_nginx 19081 19082
for page in "${pages[@]}"; do results[two$page]=$(measure http://127.0.0.1:19080 "$page"); done
stop_servers

# The hit rate while a community writes: wrk reads the four pages in turn
# while another process writes.
cat >"$work/mixed.lua" <<LUA
local pages = {"${pages[0]}", "${pages[1]}", "${pages[2]}", "${pages[3]}"}
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, pages[(n % #pages) + 1])
end
LUA
counter() {
  curl -fs http://127.0.0.1:19091/metrics | awk -v name="$1" -v outcome="$2" \
    'BEGIN {n = 0} $1 == name "{outcome=\"" outcome "\"}" {n = $2} END {print n}'
}
# Prints "requests/s p50 p99 bytes writes hits rendered parts-kept" for the
# mixed read while bench-writes runs with the given options.
mixed_run() {
  start_instances 1 --metrics-addr 127.0.0.1:19091
  for page in "${pages[@]}"; do curl -fs -o /dev/null -H "$encodings" "http://127.0.0.1:19081$page"; done
  local requests=kinora_page_cache_requests_total parts=kinora_page_cache_parts_total
  local hits misses kept writer read
  hits=$(counter $requests hit); misses=$(counter $requests miss); kept=$(counter $parts hit)
  KINORA_LOG=warn "$kinora" --data "$work/store" bench-writes --seconds "$seconds" \
    --concurrency 1 --rate "$write_rate" --prefix "mixed-$RANDOM" "$@" >"$work/writes.txt" &
  writer=$!
  read=$(measure http://127.0.0.1:19081 "$work/mixed.lua")
  wait "$writer"
  echo "${read%% (*} $(awk '{print $1}' "$work/writes.txt") $(($(counter $requests hit) - hits))" \
    "$(($(counter $requests miss) - misses)) $(($(counter $parts hit) - kept))"
  stop_servers
}
mixed_elsewhere=$(mixed_run)
mixed_ratings=$(mixed_run --ratings-of crossing-2008)

# Random ids of an imported IMDb catalog, with the cache and without.
imdb_rows=()
if [ -n "${BENCH_IMDB_STORE:-}" ]; then
  titles=${BENCH_IMDB_TITLES:?the number of titles in BENCH_IMDB_STORE}
  for kind in films api; do
    cat >"$work/random-$kind.lua" <<LUA
math.randomseed(42)
request = function()
  local id = string.format("tt%07d", math.random(1, $titles))
  if "$kind" == "api" then return wrk.format(nil, "/api/v1/films/" .. id) end
  return wrk.format(nil, "/films/" .. id)
end
LUA
  done
  for setup in cached uncached; do
    options=()
    [ "$setup" = uncached ] && options=(--page-cache-mb 0)
    KINORA_LOG=warn "$kinora" --data "$BENCH_IMDB_STORE" serve --addr 127.0.0.1:19081 "${options[@]}" &
    pids+=($!)
    for _ in $(seq 1 600); do curl -fs http://127.0.0.1:19081/healthz >/dev/null && break; sleep 0.1; done
    for kind in films api; do
      imdb_rows+=("| $kind by random id, $setup | $(measure http://127.0.0.1:19081 "$work/random-$kind.lua" | awk '{printf "%s | %s | %s | %s", $1, $2, $3, $4}') |")
    done
    imdb_rows+=("| server memory, $setup | $(awk '/RssAnon/ {print int($2/1024)}' "/proc/${pids[0]}/status") MB own | | | |")
    stop_servers
  done
fi

echo
echo "Anonymous reads, wrk -t2 -c$connections, ${seconds} s each, taking br and gzip;"
echo "$(nproc) cores, $(date -u +%Y-%m-%d). Bytes per response on the wire, headers included."
echo
echo "| page | setup | requests/s | p50 | p99 | bytes |"
echo "|---|---|---|---|---|---|"
for page in "${pages[@]}"; do
  for setup in "${setups[@]}"; do
    read -r rps p50 p99 bytes rest <<<"${results[$setup$page]}"
    case $setup in
      nginx) name="nginx, static copy (gzip_static)" ;;
      cached) name="Kinora, page cache (warm)" ;;
      uncached) name="Kinora, no page cache" ;;
      parts) name="Kinora, rendered around its kept part" ;;
      two) name="two Kinoras behind nginx" ;;
    esac
    echo "| $page | $name${rest:+ $rest} | $rps | $p50 | $p99 | $bytes |"
  done
done
echo
echo "| page | bytes uncompressed | bytes compressed (br) |"
echo "|---|---|---|"
for line in "${sizes[@]}"; do
  read -r page plain packed <<<"$line"
  echo "| $page | $plain | $packed |"
done
echo
echo "Mixed runs: the four pages in turn while writes land ($write_rate/s asked):"
echo
echo "| writes | requests/s | p50 | p99 | writes landed | kept pages served | rendered | of those, around a kept part |"
echo "|---|---|---|---|---|---|---|---|"
for run in elsewhere ratings; do
  line=mixed_$run
  read -r rps p50 p99 _ writes hits rendered parts <<<"${!line}"
  case $run in
    elsewhere) name="catalog entities of their own" ;;
    ratings) name="ratings of Crossing" ;;
  esac
  share=$(awk -v h="$hits" -v r="$rendered" 'BEGIN {printf "%.1f", h + r ? 100 * h / (h + r) : 0}')
  echo "| $name | $rps | $p50 | $p99 | $writes | $hits ($share %) | $rendered | $parts |"
done
if [ ${#imdb_rows[@]} -gt 0 ]; then
  echo
  echo "IMDb catalog of $BENCH_IMDB_TITLES titles ($BENCH_IMDB_STORE), random ids:"
  echo
  echo "| reads | requests/s | p50 | p99 | bytes |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${imdb_rows[@]}"
fi
