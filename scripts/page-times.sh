#!/usr/bin/env bash
# How long pages take to come, as one reader waiting for each in turn:
# every path is asked for ROUNDS times (after one warm-up), and the median,
# the 90th percentile and the slowest time are printed with the page's size.
#
#   scripts/page-times.sh http://127.0.0.1:8080 /films/crossing-2008 / /films
#
# ROUNDS (default 30) sets how many times each page is asked for.
set -euo pipefail
base=${1:?usage: page-times.sh BASE PATH...}
shift
rounds=${ROUNDS:-30}
printf '%-48s %8s %8s %8s %9s\n' page p50_ms p90_ms max_ms bytes
for path in "$@"; do
  curl -fsS -o /dev/null "$base$path"
  times=()
  size=0
  for _ in $(seq "$rounds"); do
    read -r seconds bytes < <(curl -fsS -o /dev/null -w '%{time_total} %{size_download}\n' "$base$path")
    times+=("$seconds")
    size=$bytes
  done
  printf '%s\n' "${times[@]}" | sort -g | awk -v path="$path" -v size="$size" '
    { t[NR] = $1 * 1000 }
    END {
      p50 = t[int((NR + 1) * 0.5)]; p90 = t[int(NR * 0.9)]; if (p90 == "") p90 = t[NR]
      printf "%-48s %8.1f %8.1f %8.1f %9d\n", path, p50, p90, t[NR], size
    }'
done
