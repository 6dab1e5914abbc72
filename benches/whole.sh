#!/usr/bin/env bash
# Whole-process figures for tether alone, at 0 / 100k / 1M interactions in the active
# session: `log`, `status --format tmux`, `resume` (hyperfine medians), the dashboard from
# spawn to its first full frame and a key press to the redrawn frame (in a pseudo-terminal,
# examples/first-frame.rs), and peak resident memory. Prints a Markdown table. By hand:
#
#   bash benches/whole.sh                  # SIZES="0 100000 1000000" RUNS=30
#   BENCH_PRIORITY=1 bash benches/whole.sh # as root on a busy machine (see benches/peers.sh)
#
# Stores are generated under a temp folder (examples/gen-store.rs) and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${BENCH_PRIORITY:-0}" = 1 ] && [ -z "${BENCH_PRIORITY_SET:-}" ]; then
  export BENCH_PRIORITY_SET=1
  exec setsid bash -c 'echo -20 > /proc/$$/autogroup && exec "$@"' _ bash "$0" "$@"
fi

SIZES="${SIZES:-0 100000 1000000}"
RUNS="${RUNS:-30}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tether-whole.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
say() { echo "whole: $*" >&2; }

if ! command -v hyperfine >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing hyperfine with apt-get"
    (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null 2>&1 || true
  fi
  command -v hyperfine >/dev/null || { say "hyperfine is needed (apt-get install hyperfine)"; exit 1; }
fi

say "building tether (release)"
cargo build --release --quiet --bin tether --example gen-store --example first-frame
TARGET="${CARGO_TARGET_DIR:-target}"
TETHER="$(realpath "$TARGET/release/tether")"
GEN="$(realpath "$TARGET/release/examples/gen-store")"
FIRST="$(realpath "$TARGET/release/examples/first-frame")"

# median_ms CSV ROW: hyperfine's CSV is command,mean,stddev,median,user,system,min,max
median_ms() { awk -F, -v row="$2" 'NR == row + 1 { printf "%.2f", $4 * 1000 }' "$1"; }

# peak resident memory of one run, in MB
peak_mb() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'
  else
    echo "-"
  fi
}

ROWS=()
REPORT_ROWS=()
for n in $SIZES; do
  home="$WORK/s$n"
  say "store of $n interactions"
  if [ "$n" = 0 ]; then
    mkdir -p "$home"
    (cd "$home" && TETHER_HOME="$home" "$TETHER" start "Implement Reality Agents" >/dev/null)
  else
    "$GEN" --interactions "$n" --home "$home" 2>/dev/null
  fi
  cp -r "$home" "$home-log" # `log` appends: measured on a copy
  csv="$WORK/$n.csv"
  hyperfine -N --warmup 3 --runs "$RUNS" --export-csv "$csv" \
    "env TETHER_HOME=$home-log $TETHER log 'Reviewed the fix plan'" \
    "env TETHER_HOME=$home $TETHER status --format tmux" \
    "env TETHER_HOME=$home $TETHER resume" >/dev/null 2>&1
  # `report` reads the summary cached beside the timeline (the warmup makes it)
  hyperfine -N --warmup 3 --runs "$RUNS" --export-csv "$WORK/$n-report.csv" \
    "env TETHER_HOME=$home $TETHER report" \
    "env TETHER_HOME=$home $TETHER report --format json" >/dev/null 2>&1
  REPORT_ROWS+=("| $n | $(median_ms "$WORK/$n-report.csv" 1) | $(median_ms "$WORK/$n-report.csv" 2) |")
  keys=$([ "$n" = 0 ] && echo 0 || echo 40) # an empty timeline has nothing to move to
  frame="$("$FIRST" --bin "$TETHER" --home "$home" --runs 10 --keys "$keys")"
  get() { echo "$frame" | awk -F= -v k="$1" '$1 == k { print $2 }'; }
  ROWS+=("| $n | $(median_ms "$csv" 1) | $(median_ms "$csv" 2) | $(median_ms "$csv" 3) | $(get first_frame_ms) | $(get whole_timeline_ms) | $(get key_ms)$([ "$n" = 0 ] && echo -) | $(peak_mb env TETHER_HOME="$home-log" "$TETHER" log x) | $(peak_mb env TETHER_HOME="$home" "$TETHER" status --format tmux) | $(peak_mb env TETHER_HOME="$home" "$TETHER" resume) | $(get peak_rss_mb) |")
done

echo
echo "tether $("$TETHER" --version | awk '{print $2}') · medians (hyperfine -N, $RUNS runs; dashboard 10 runs, 40 keys) · $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) · $(df -T "$WORK" | awk 'NR==2 {print $2}')"
echo
echo "| interactions | log ms | status tmux ms | resume ms | first frame ms | whole timeline ms | key ms | log MB | status MB | resume MB | dashboard MB |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${ROWS[@]}"
echo
echo "| interactions | report ms | report json ms |"
echo "| ---: | ---: | ---: |"
printf '%s\n' "${REPORT_ROWS[@]}"
