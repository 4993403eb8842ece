#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers of what members and operators bring
# (Letterboxd CSV and ZIP, IMDb lists and dataset files) and of the search
# query, with cargo-fuzz (libFuzzer). cargo-fuzz needs a nightly compiler
# feature (sanitizer coverage); the stable toolchain is told to allow it
# with RUSTC_BOOTSTRAP=1. `cargo test` runs the same properties with
# proptest (crates/kinora-formats/tests/parsers_hold.rs) on stable.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
mkdir -p corpus
for target in letterboxd_csv letterboxd_zip imdb_lists imdb_tsv search_query; do
  mkdir -p "corpus/$target"
  echo "== $target, ${seconds}s"
  cargo fuzz run --release "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 2>&1 |
    grep -E '^(#[0-9]+\s+DONE|Done|INFO: -max_total_time)|SUMMARY|panicked|ERROR' || true
done
