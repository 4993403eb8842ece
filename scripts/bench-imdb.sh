#!/usr/bin/env bash
# Benchmark, on demand: importing IMDb-format files of a given size, side by
# side in one run with the near-limit baselines on the same files, then page
# and API latency on the imported catalog.
#
#   scripts/bench-imdb.sh                 # 100,000 titles
#   scripts/bench-imdb.sh 100000 1000000  # one table per size
#   BENCH_POSTGRES=0 scripts/bench-imdb.sh 1000000   # skip Kinora on PostgreSQL
#
# Peers, on the same files in the same run: `sqlite3 .import` of each file
# into a bare table (no index, no parsing beyond splitting fields);
# PostgreSQL `COPY` into the same bare tables; and the approach of the
# imdb-sqlite tool (typed tables, one transaction per file,
# synchronous=OFF, indexes built after the load), reproduced in
# scripts/bench/imdb-sqlite-approach.py. Kinora's import parses every row,
# builds documents, writes the link, key and crosswalk tables and the edit
# log, builds its indexes, and leaves the search index current: its time is
# the whole command's.
#
# Needs sqlite3, wrk and PostgreSQL (apt-get install sqlite3 wrk postgresql).
# The PostgreSQL server is scripts/postgres.sh's (fsync off, for COPY and
# Kinora alike).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(100000)
seconds=${BENCH_SECONDS:-10}
postgres=${BENCH_POSTGRES:-1}
cargo build --release --quiet
kinora=$PWD/target/release/kinora
work=${BENCH_DIR:-$(mktemp -d /tmp/kinora-bench-imdb.XXXXXX)}
mkdir -p "$work"
server=
admin=$(scripts/postgres.sh start)
databases=()
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  for database in "${databases[@]}"; do
    psql -q "$admin" -c "drop database if exists $database with (force)" 2>/dev/null || true
  done
  if [ -z "${BENCH_DIR:-}" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

files=(name.basics title.basics title.akas title.crew title.episode title.principals title.ratings)

# Seconds since some instant, with fractions.
now() { date +%s.%N; }
elapsed() { echo "scale=1; ($(now) - $1) / 1" | bc; }
rate() { echo "$1 / $2" | bc; }
size_of() { du -sm "$1" | cut -f1; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); $(date -u +%F)"
for titles in "${sizes[@]}"; do
  data=$work/files-$titles
  if [ ! -f "$data/title.ratings.tsv" ]; then
    "$kinora" gen imdb "$titles" "$data" >/dev/null
  fi
  lines=0
  for file in "${files[@]}"; do
    lines=$((lines + $(wc -l <"$data/$file.tsv") - 1))
  done
  bytes=$(size_of "$data")
  rows=()

  # sqlite3 .import into bare tables.
  rm -f "$work/bare.db"
  start=$(now)
  {
    echo ".mode tabs"
    for file in "${files[@]}"; do echo ".import $data/$file.tsv ${file//./_}"; done
  } | sqlite3 "$work/bare.db"
  bare=$(elapsed "$start")
  bare_size=$(size_of "$work/bare.db")
  rows+=("| sqlite3 .import, bare tables | $bare | $(rate "$lines" "$bare") | 1.0 | | $bare_size |")

  # The imdb-sqlite approach.
  start=$(now)
  loaded=$(python3 scripts/bench/imdb-sqlite-approach.py "$data" "$work/approach.db")
  approach=$(elapsed "$start")
  rows+=("| imdb-sqlite approach (one transaction per file, indexes after) | $approach | $(rate "$loaded" "$approach") | $(echo "scale=1; $approach / $bare" | bc) | | $(size_of "$work/approach.db") |")
  rm -f "$work/approach.db"

  # PostgreSQL COPY into bare tables.
  database="kinora_bench_copy_$$"
  databases+=("$database")
  psql -q "$admin" -c "create database $database"
  url="${admin%/*}/$database"
  for file in "${files[@]}"; do
    columns=$(head -1 "$data/$file.tsv" | tr '\t' '\n' | sed 's/.*/"&" text/' | paste -sd,)
    psql -q "$url" -c "create table ${file//./_} ($columns)"
  done
  start=$(now)
  for file in "${files[@]}"; do
    psql -q "$url" -c "\\copy ${file//./_} from '$data/$file.tsv' with (format text, header true)"
  done
  copy=$(elapsed "$start")
  copy_size=$(psql -qtA "$url" -c "select pg_database_size(current_database()) / 1048576")
  rows+=("| PostgreSQL COPY, bare tables | $copy | $(rate "$lines" "$copy") | $(echo "scale=1; $copy / $bare" | bc) | | $copy_size |")

  # Kinora, embedded store.
  store=$work/store-$titles
  rm -rf "$store"
  start=$(now)
  KINORA_LOG=warn "$kinora" --data "$store" import --format imdb --as-of 2026-11-01 "$data" >"$work/import.txt"
  first=$(elapsed "$start")
  rows+=("| Kinora import, SQLite (search index included) | $first | $(rate "$lines" "$first") | $(echo "scale=1; $first / $bare" | bc) | store $(echo "scale=1; $(size_of "$store") / $bare_size" | bc) × bare | $(size_of "$store") |")
  start=$(now)
  KINORA_LOG=warn "$kinora" --data "$store" import --format imdb --as-of 2026-11-01 "$data" >"$work/reimport.txt"
  again=$(elapsed "$start")
  rows+=("| Kinora re-import (no change), SQLite | $again | $(rate "$lines" "$again") | $(echo "scale=1; $again / $bare" | bc) | | $(size_of "$store") |")

  # Kinora on PostgreSQL.
  if [ "$postgres" = 1 ]; then
    database="kinora_bench_import_$$"
    databases+=("$database")
    psql -q "$admin" -c "create database $database"
    url="${admin%/*}/$database"
    start=$(now)
    KINORA_LOG=warn "$kinora" --database-url "$url" import --format imdb --as-of 2026-11-01 \
      --rejects "$work/pg-rejects.tsv" "$data" >/dev/null
    pg=$(elapsed "$start")
    pg_size=$(psql -qtA "$url" -c "select pg_database_size(current_database()) / 1048576")
    rows+=("| Kinora import, PostgreSQL | $pg | $(rate "$lines" "$pg") | $(echo "scale=1; $pg / $bare" | bc) | $(echo "scale=1; $pg / $copy" | bc) × COPY | $pg_size |")
  fi

  echo
  echo "## $titles titles: $lines rows, $bytes MB of TSV"
  echo
  echo "| import | seconds | rows/s | × sqlite3 .import | × its peer | store MB |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  grep -E '^(imported|time|search index: up)' "$work/import.txt"

  # Pages and API on the imported catalog: random films and people.
  people=$(wc -l <"$data/name.basics.tsv")
  KINORA_LOG=warn "$kinora" --data "$store" serve --addr 127.0.0.1:19180 &
  server=$!
  for _ in $(seq 1 100); do curl -fs http://127.0.0.1:19180/healthz >/dev/null && break; sleep 0.1; done
  echo
  echo "| request (random ids and names, wrk 2 threads, 64 connections, ${seconds}s) | requests/s | p50 | p99 |"
  echo "|---|---|---|---|"
  for kind in films people api search suggest; do
    cat >"$work/random.lua" <<LUA
math.randomseed(42)
words = {"river", "night", "letter", "kim", "park", "novak", "journey", "summer", "crossing", "bridge"}
request = function()
  local kind = "$kind"
  if kind == "people" then
    return wrk.format(nil, string.format("/people/nm%07d", math.random(1, $people - 1)))
  elseif kind == "api" then
    return wrk.format(nil, string.format("/api/v1/films/tt%07d", math.random(1, $titles)))
  elseif kind == "search" then
    return wrk.format(nil, "/search?q=" .. words[math.random(1, #words)])
  elseif kind == "suggest" then
    local word = words[math.random(1, #words)]
    return wrk.format(nil, "/api/v1/suggest?q=" .. string.sub(word, 1, math.random(2, #word)))
  end
  return wrk.format(nil, string.format("/films/tt%07d", math.random(1, $titles)))
end
LUA
    wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/random.lua" http://127.0.0.1:19180 >"$work/wrk.txt"
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
    awk -v kind="$kind" -v bad="${non2xx:-0}" '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
      END {printf "| %s%s | %.0f | %s | %s |\n", kind, (bad > 0 ? " (" bad " not 2xx)" : ""), rps, p50, p99}' "$work/wrk.txt"
  done
  # The store file is mapped into memory: its pages count as resident but
  # belong to the OS page cache; the server's own memory is RssAnon.
  anon=$(awk '/RssAnon/ {print int($2 / 1024)}' "/proc/$server/status")
  mapped=$(awk '/RssFile/ {print int($2 / 1024)}' "/proc/$server/status")
  echo
  echo "server memory after the runs: $anon MB of its own (RssAnon), $mapped MB of the mapped store file (RssFile)"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
done
