#!/usr/bin/env bash
# Whole-process figures for `tether search` at 1M interactions, in one mission and spread
# over 300: the first hit printed (`| head -1`, what a person waits for), every hit of a
# common phrase, a phrase found nowhere (the whole store read), and peak resident memory.
# Prints a Markdown table. By hand:
#
#   bash benches/search.sh                 # RUNS=20
#
# Stores are generated under a temp folder (examples/gen-store.rs) and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-20}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tether-search.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
say() { echo "search: $*" >&2; }

command -v hyperfine >/dev/null || { say "hyperfine is needed (apt-get install hyperfine)"; exit 1; }

say "building tether (release)"
cargo build --release --quiet --example gen-store
cargo build --release --quiet --bin tether # alone, as a person builds it (benches/hot-functions.sh)
TARGET="${CARGO_TARGET_DIR:-target}"
TETHER="$(realpath "$TARGET/release/tether")"
GEN="$(realpath "$TARGET/release/examples/gen-store")"

# median_ms CSV ROW: hyperfine's CSV is command,mean,stddev,median,user,system,min,max
median_ms() { awk -F, -v row="$2" 'NR == row + 1 { printf "%.0f", $4 * 1000 }' "$1"; }

peak_mb() {
  /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.0f", $1 / 1024 }'
}

ROWS=()
for missions in 1 300; do
  home="$WORK/m$missions"
  say "1,000,000 interactions in $missions mission(s)"
  "$GEN" --interactions 1000000 --missions "$missions" --home "$home" 2>/dev/null
  csv="$WORK/$missions.csv"
  export TETHER_HOME="$home"
  hyperfine --warmup 3 --runs "$RUNS" --export-csv "$csv" \
    "$TETHER search 'gap detector' | head -1" \
    "$TETHER search 'gap detector' > /dev/null" \
    "$TETHER search 'zebra crossing'" >/dev/null 2>&1
  hits="$("$TETHER" search 'gap detector' | wc -l | xargs)"
  ROWS+=("| $missions | $(median_ms "$csv" 1) ms | $(median_ms "$csv" 2) ms ($hits hits) | $(median_ms "$csv" 3) ms | $(peak_mb "$TETHER" search 'gap detector') MB |")
done

echo
echo "tether search · medians (hyperfine, $RUNS runs) · 1,000,000 interactions, 200 MB of timeline · $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| missions | first hit | every hit of a common phrase | found nowhere | memory |"
echo "| ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${ROWS[@]}"
