#!/usr/bin/env bash
# Whole-process figures for reading years of history: `export --all` in each format, the
# journal (its default week, and every day there is), and `import` taking the JSON-lines
# export back into an empty store, on a store of 1M interactions across 20 missions (by
# default). Times are hyperfine medians; memory is the peak resident set of one run (the
# kernel's VmHWM, read by /usr/bin/time, or from /proc when it is missing). Prints a
# Markdown table. By hand:
#
#   bash benches/export.sh                     # SIZE=1000000 MISSIONS=20 RUNS=5
#
# The store is generated under a temp folder (examples/gen-store.rs) and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE="${SIZE:-1000000}"
MISSIONS="${MISSIONS:-20}"
RUNS="${RUNS:-5}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tether-export.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
say() { echo "export: $*" >&2; }

command -v hyperfine >/dev/null || { say "hyperfine is needed (apt-get install hyperfine)"; exit 1; }

say "building tether (release)"
cargo build --release --quiet --example gen-store
cargo build --release --quiet --bin tether # alone, as a person builds it (benches/hot-functions.sh)
TARGET="${CARGO_TARGET_DIR:-target}"
TETHER="$(realpath "$TARGET/release/tether")"
GEN="$(realpath "$TARGET/release/examples/gen-store")"

home="$WORK/store"
say "store of $SIZE interactions in $MISSIONS missions"
"$GEN" --interactions "$SIZE" --missions "$MISSIONS" --home "$home" 2>/dev/null
"$TETHER" --home "$home" export --all --format jsonl >"$WORK/backup.jsonl"

# peak_mb CMD...: the peak resident memory of one run, in MB (its output thrown away)
peak_mb() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'
  else
    "$@" >/dev/null &
    local pid=$! peak=0 kb
    while kb=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null); do
      [ -n "$kb" ] && peak=$kb
      sleep 0.01
    done
    wait "$pid"
    awk -v kb="$peak" 'BEGIN { printf "%.1f", kb / 1024 }'
  fi
}

# median_ms CSV ROW: hyperfine's CSV is command,mean,stddev,median,user,system,min,max
median_ms() { awk -F, -v row="$2" 'NR == row + 1 { printf "%.0f", $4 * 1000 }' "$1"; }

NAMES=("export --all (csv)" "export --all --format jsonl" "export --all --format ics"
  "journal (the last 7 days)" "journal --since 1970-01-01 --format json" "import of the jsonl export")
COMMANDS=(
  "$TETHER --home $home export --all --format csv"
  "$TETHER --home $home export --all --format jsonl"
  "$TETHER --home $home export --all --format ics"
  "$TETHER --home $home journal"
  "$TETHER --home $home journal --since 1970-01-01 --format json"
)
csv="$WORK/times.csv"
say "timing ($RUNS runs each)"
hyperfine -N --warmup 1 --runs "$RUNS" --export-csv "$csv" --output=null "${COMMANDS[@]}" \
  >/dev/null 2>&1
# import writes: each run restores into a fresh, empty home
import_csv="$WORK/import.csv"
hyperfine -N --runs "$RUNS" --export-csv "$import_csv" \
  --prepare "rm -rf $WORK/restored" \
  "env TETHER_HOME=$WORK/restored $TETHER import $WORK/backup.jsonl" >/dev/null 2>&1

echo
echo "tether $("$TETHER" --version | awk '{print $2}') · $SIZE interactions in $MISSIONS missions · medians of $RUNS runs (hyperfine) · $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| command | time | peak memory | output |"
echo "| --- | ---: | ---: | ---: |"
for i in 0 1 2 3 4; do
  # shellcheck disable=SC2086 # each command is its words
  bytes=$(${COMMANDS[$i]} | wc -c)
  # shellcheck disable=SC2086
  echo "| \`${NAMES[$i]}\` | $(median_ms "$csv" $((i + 1))) ms | $(peak_mb ${COMMANDS[$i]}) MB | $((bytes / 1000000)) MB |"
done
rm -rf "$WORK/restored"
echo "| \`${NAMES[5]}\` | $(median_ms "$import_csv" 1) ms | $(peak_mb env TETHER_HOME="$WORK/restored" "$TETHER" import "$WORK/backup.jsonl") MB | $(($(wc -c <"$WORK/backup.jsonl") / 1000000)) MB in |"
