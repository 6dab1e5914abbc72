#!/usr/bin/env bash
# Whole-process figures for tether alone, at 0 / 100k / 1M interactions in the active
# session: `log`, `status --format tmux`, `resume` (hyperfine medians), the dashboard from
# spawn to its first full frame and a key press to the redrawn frame (in a pseudo-terminal,
# examples/first-frame.rs), and peak resident memory. Prints two Markdown tables: those
# figures, and the hot commands against their floors measured in the same hyperfine run:
# `log` and `status --format tmux` against benches/floor/floor.rs (start, lock, append one
# line, fdatasync, print), `tether --version` against benches/floor/hello.rs (start,
# print). Both floors are built here with rustc at tether's release optimisation, linked as
# tether is (a fixed-address executable on Linux). By hand:
#
#   bash benches/whole.sh                  # SIZES="0 100000 1000000" RUNS=30 ROUNDS=10
#   BENCH_PRIORITY=1 bash benches/whole.sh # as root on a busy machine (see benches/peers.sh)
#
# Stores are generated under a temp folder (examples/gen-store.rs) and removed at the end.
# Commands run as a person runs them: without RUST_BACKTRACE, and given their home with
# `--home` (through `env`, tether would pay for one more exec than its floor).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${BENCH_PRIORITY:-0}" = 1 ] && [ -z "${BENCH_PRIORITY_SET:-}" ]; then
  export BENCH_PRIORITY_SET=1
  exec setsid bash -c 'echo -20 > /proc/$$/autogroup && exec "$@"' _ bash "$0" "$@"
fi

SIZES="${SIZES:-0 100000 1000000}"
RUNS="${RUNS:-30}"
ROUNDS="${ROUNDS:-10}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tether-whole.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
unset RUST_BACKTRACE RUST_LIB_BACKTRACE
say() { echo "whole: $*" >&2; }

if ! command -v hyperfine >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing hyperfine with apt-get"
    (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null 2>&1 || true
  fi
  command -v hyperfine >/dev/null || { say "hyperfine is needed (apt-get install hyperfine)"; exit 1; }
fi

say "building tether (release)"
# the binary on its own, as a person builds it (see benches/hot-functions.sh)
cargo build --release --quiet --example gen-store --example first-frame
cargo build --release --quiet --bin tether
TARGET="${CARGO_TARGET_DIR:-target}"
TETHER="$(realpath "$TARGET/release/tether")"
GEN="$(realpath "$TARGET/release/examples/gen-store")"
FIRST="$(realpath "$TARGET/release/examples/first-frame")"
say "building the floors (rustc -C opt-level=3, linked as tether is)"
LINK=()
case "$(uname -s) $(ldd --version 2>&1 | head -1)" in # as build.rs links tether
  Linux*GLIBC* | Linux*"GNU libc"*) LINK=(-C link-arg=-no-pie) ;;
esac
for floor in floor hello; do
  rustc --edition 2024 -C opt-level=3 -C strip=debuginfo "${LINK[@]}" "benches/floor/$floor.rs" -o "$WORK/$floor"
done
FLOOR="$WORK/floor"
HELLO="$WORK/hello"
mkdir -p "$WORK/floor-store"

# median_ms CSV ROW: hyperfine's CSV is command,mean,stddev,median,user,system,min,max
median_ms() { awk -F, -v row="$2" 'NR == row + 1 { printf "%.2f", $4 * 1000 }' "$1"; }

# cpu_ms CSV ROW: the mean CPU time (user + system), steadier than wall time when the
# machine is shared
cpu_ms() { awk -F, -v row="$2" 'NR == row + 1 { printf "%.2f", ($5 + $6) * 1000 }' "$1"; }

# median: the median of the numbers on stdin, one a line
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The floors are measured in ROUNDS short hyperfine runs, the commands side by side in each,
# so that a slow spell of a shared machine or its disk weighs on every command alike; what
# is reported is the median over the rounds.
# round_ms PREFIX ROW: the median over the rounds of ROW's median
round_ms() { for f in "$1"-r*.csv; do median_ms "$f" "$2"; echo; done | median; }
# round_cpu PREFIX ROW: the median over the rounds of ROW's mean CPU time
round_cpu() { for f in "$1"-r*.csv; do cpu_ms "$f" "$2"; echo; done | median; }
# versus PREFIX ROW FLOOR_ROW: `1.12× (4.10 / 3.66 ms)`, the median over the rounds of the
# ratio of the medians, with both
versus() {
  local ratio
  ratio=$(for f in "$1"-r*.csv; do
    awk -v a="$(median_ms "$f" "$2")" -v b="$(median_ms "$f" "$3")" 'BEGIN { printf "%.4f\n", a / b }'
  done | median)
  echo "${ratio}× ($(round_ms "$1" "$2") / $(round_ms "$1" "$3") ms)"
}

# peak resident memory of one run, in MB
peak_mb() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'
  else
    echo "-"
  fi
}

ROWS=()
FLOORS=()
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
  csv="$WORK/$n"
  # rows 1-6: the hot commands and their floors, side by side in each round
  for round in $(seq "$ROUNDS"); do
    hyperfine -N --warmup 2 --runs "$(((RUNS + ROUNDS - 1) / ROUNDS))" --export-csv "$csv-r$round.csv" \
      "$FLOOR $WORK/floor-store Reviewed the fix plan" \
      "$TETHER --home $home-log log 'Reviewed the fix plan'" \
      "$TETHER --home $home status --format tmux" \
      "$HELLO" \
      "$TETHER --version" \
      "$TETHER --home $home resume" >/dev/null 2>&1
  done
  # `report` reads the summary cached beside the timeline (the warmup makes it)
  hyperfine -N --warmup 3 --runs "$RUNS" --export-csv "$WORK/$n-report.csv" \
    "$TETHER --home $home report" \
    "$TETHER --home $home report --format json" >/dev/null 2>&1
  REPORT_ROWS+=("| $n | $(median_ms "$WORK/$n-report.csv" 1) | $(median_ms "$WORK/$n-report.csv" 2) |")
  keys=$([ "$n" = 0 ] && echo 0 || echo 40) # an empty timeline has nothing to move to
  frame="$("$FIRST" --bin "$TETHER" --home "$home" --runs 10 --keys "$keys")"
  get() { echo "$frame" | awk -F= -v k="$1" '$1 == k { print $2 }'; }
  FLOORS+=("| $n | $(versus "$csv" 2 1) | $(versus "$csv" 3 1) | $(versus "$csv" 5 4) | $(round_cpu "$csv" 1) / $(round_cpu "$csv" 2) / $(round_cpu "$csv" 3) / $(round_cpu "$csv" 4) / $(round_cpu "$csv" 5) |")
  ROWS+=("| $n | $(round_ms "$csv" 2) | $(round_ms "$csv" 3) | $(round_ms "$csv" 6) | $(get first_frame_ms) | $(get whole_timeline_ms) | $(get key_ms)$([ "$n" = 0 ] && echo -) | $(peak_mb "$TETHER" --home "$home-log" log x) | $(peak_mb "$TETHER" --home "$home" status --format tmux) | $(peak_mb "$TETHER" --home "$home" resume) | $(get peak_rss_mb) |")
  rm -rf "$home" "$home-log" # a 1M store and its copy weigh 400 MB
done

echo
echo "tether $("$TETHER" --version | awk '{print $2}') · medians (hyperfine -N, $RUNS runs in $ROUNDS rounds; dashboard 10 runs, 40 keys) · $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) · $(df -T "$WORK" | awk 'NR==2 {print $2}')"
echo
echo "| interactions | log ms | status tmux ms | resume ms | first frame ms | whole timeline ms | key ms | log MB | status MB | resume MB | dashboard MB |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${ROWS[@]}"
echo
echo "The hot commands against their floors, side by side in each of $ROUNDS rounds (the median over the rounds of the ratio of the medians, with both):"
echo
echo "| interactions | log / floor | status tmux / floor | --version / hello | CPU ms (user + system, means): floor / log / status / hello / --version |"
echo "| ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${FLOORS[@]}"
echo
echo "report, from the summary cached beside the timeline (medians):"
echo
echo "| interactions | report ms | report json ms |"
echo "| ---: | ---: | ---: |"
printf '%s\n' "${REPORT_ROWS[@]}"
