#!/usr/bin/env bash
# tether side by side with its peers (Timewarrior, Watson, jrnl) on equal stores of 10k and
# 100k entries: logging one entry, the status line, a report. Prints a table of medians and
# of each peer's ratio to tether. Run by hand, never by CI:
#
#   bash benches/peers.sh            # SIZES="10000 100000" RUNS=20 by default
#   BENCH_PRIORITY=1 bash benches/peers.sh   # as root on a busy machine: see below
#   PEERS=timew SIZES="100000 1000000" bash benches/peers.sh   # some peers only
#
# It ends with the pairing the issue's target names: `tether log` against `timew start`,
# each at its median with the ratio (tether takes the store lock and fdatasyncs the append;
# Timewarrior 1.4 does neither, which `strace` shows).
#
# It installs what it needs where it can: hyperfine and timewarrior from Debian packages
# (apt-get, as root), td-watson and jrnl in a Python venv under a temp folder. A peer that
# cannot be installed is reported and skipped. Everything is written under a temp folder,
# removed at the end. BENCH_PRIORITY=1 runs the whole measurement in a scheduling group of
# its own at the highest priority (Linux autogroups, root only), so that other work on the
# machine weighs less on the figures; say so when you publish figures taken that way.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${BENCH_PRIORITY:-0}" = 1 ] && [ -z "${BENCH_PRIORITY_SET:-}" ]; then
  export BENCH_PRIORITY_SET=1
  exec setsid bash -c 'echo -20 > /proc/$$/autogroup && exec "$@"' _ bash "$0" "$@"
fi

SIZES="${SIZES:-10000 100000}"
RUNS="${RUNS:-20}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tether-peers.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
unset RUST_BACKTRACE RUST_LIB_BACKTRACE # as a person runs them
PEERS="${PEERS:-timew watson jrnl}"
wanted() { [[ " $PEERS " == *" $1 "* ]]; }
say() { echo "peers: $*" >&2; }

install_debian() {
  local missing=()
  for pair in "hyperfine:hyperfine" "timew:timewarrior"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} with apt-get"
    (apt-get update -qq && apt-get install -y -qq "${missing[@]}") >/dev/null 2>&1 ||
      say "apt-get could not install ${missing[*]}"
  else
    say "missing ${missing[*]}: install them (Debian: apt-get install ${missing[*]})"
  fi
}
install_debian
command -v hyperfine >/dev/null || { say "hyperfine is needed"; exit 1; }
HAVE_TIMEW=0; wanted timew && command -v timew >/dev/null && HAVE_TIMEW=1
[ $HAVE_TIMEW = 1 ] || say "Timewarrior is not installed (or not in PEERS): skipped"

VENV="$WORK/venv"
HAVE_WATSON=0; HAVE_JRNL=0
if ! wanted watson && ! wanted jrnl; then
  say "Watson and jrnl are not in PEERS: skipped"
elif python3 -m venv "$VENV" >/dev/null 2>&1; then
  if wanted watson; then
    "$VENV/bin/pip" install -q td-watson >/dev/null 2>&1 && HAVE_WATSON=1 || say "td-watson could not be installed: skipped"
  fi
  if wanted jrnl; then
    "$VENV/bin/pip" install -q jrnl >/dev/null 2>&1 && HAVE_JRNL=1 || say "jrnl could not be installed: skipped"
  fi
else
  say "no python3 venv: Watson and jrnl skipped"
fi

say "building tether (release)"
cargo build --release --quiet --example gen-store
cargo build --release --quiet --bin tether # alone, as a person builds it (benches/hot-functions.sh)
TARGET="${CARGO_TARGET_DIR:-target}"
TETHER="$(realpath "$TARGET/release/tether")"
GEN="$(realpath "$TARGET/release/examples/gen-store")"

# median in ms of one command, from hyperfine's CSV (command,mean,stddev,median,...)
median_ms() { awk -F, 'NR==2 { printf "%.1f", $4 * 1000 }' "$1"; }

# bench NAME COMMAND: prints the median in ms of RUNS runs (hyperfine). A first run serves
# as a warm-up and a probe: a command that takes longer than SLOW seconds (jrnl at 100k
# entries takes minutes) is run just that once, and its time is printed with a `*`.
SLOW="${SLOW:-5}"
bench() {
  local csv="$WORK/$1.csv" start took
  start=$(date +%s%N)
  bash -c "$2" </dev/null >/dev/null 2>&1 || { echo "failed"; return; }
  took=$((($(date +%s%N) - start) / 1000000))
  if [ "$took" -gt $((SLOW * 1000)) ]; then
    echo "${took}*"
    return
  fi
  hyperfine -N --warmup 2 --runs "$RUNS" --export-csv "$csv" "$2" >/dev/null 2>&1 ||
    { echo "failed"; return; }
  median_ms "$csv"
}

ROWS=()
for n in $SIZES; do
  dir="$WORK/$n"
  mkdir -p "$dir"
  say "building stores of $n entries"
  "$GEN" --interactions "$n" --home "$dir/tether" 2>/dev/null
  python3 benches/peers.py "$n" "$dir"
  T="env TETHER_HOME=$dir/tether $TETHER"
  W="env WATSON_DIR=$dir/watson $VENV/bin/watson"
  J="env XDG_CONFIG_HOME=$dir/jrnl $VENV/bin/jrnl"
  M="env TIMEWARRIORDB=$dir/timew timew"
  [ $HAVE_JRNL = 1 ] && $J -n 1 </dev/null >/dev/null 2>&1 || true # lets jrnl settle its config
  for what in log status report; do
    case $what in
      log)
        t=$(bench "t-$what-$n" "$T log 'Reviewed the fix plan'")
        m=$([ $HAVE_TIMEW = 1 ] && bench "m-$what-$n" "$M start fixplan :quiet" || echo -)
        w=$([ $HAVE_WATSON = 1 ] && bench "w-$what-$n" "$W add --from '2025-01-01 10:00' --to '2025-01-01 10:05' store +fix" || echo -)
        j=$([ $HAVE_JRNL = 1 ] && bench "j-$what-$n" "$J 'Reviewed the fix plan'" || echo -) ;;
      status)
        t=$(bench "t-$what-$n" "$T status --format tmux")
        m=$([ $HAVE_TIMEW = 1 ] && bench "m-$what-$n" "$M" || echo -)
        w=$([ $HAVE_WATSON = 1 ] && bench "w-$what-$n" "$W status" || echo -)
        j=$([ $HAVE_JRNL = 1 ] && bench "j-$what-$n" "$J -n 1" || echo -) ;;
      report)
        t=$(bench "t-$what-$n" "$T report")
        m=$([ $HAVE_TIMEW = 1 ] && bench "m-$what-$n" "$M summary :all" || echo -)
        w=$([ $HAVE_WATSON = 1 ] && bench "w-$what-$n" "$W report --all" || echo -)
        j=$([ $HAVE_JRNL = 1 ] && bench "j-$what-$n" "$J --format short" || echo -) ;;
    esac
    ROWS+=("$n|$what|$t|$m|$w|$j")
  done
done

ratio() {
  awk -v p="${1%\*}" -v t="$2" 'BEGIN { if (p ~ /^[0-9.]+$/ && t > 0) printf (p / t < 10 ? "%.1f×" : "%.0f×"), p / t; else printf "-" }'
}
echo
echo "tether $("$TETHER" --version | awk '{print $2}') vs peers · median ms of $RUNS runs (hyperfine -N) · $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) · $(df -T "$WORK" | awk 'NR==2 {print $2}')"
echo
echo "| entries | operation | tether | timew | watson | jrnl | timew/tether | watson/tether | jrnl/tether |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for row in "${ROWS[@]}"; do
  IFS='|' read -r n what t m w j <<<"$row"
  echo "| $n | $what | $t | $m | $w | $j | $(ratio "$m" "$t") | $(ratio "$w" "$t") | $(ratio "$j" "$t") |"
done
echo
echo "\* one run only: longer than ${SLOW} s"
echo "log: tether log TEXT · timew start TAG · watson add --from --to PROJECT · jrnl TEXT"
echo "status: tether status --format tmux · timew · watson status · jrnl -n 1"
echo "report: tether report · timew summary :all · watson report --all · jrnl --format short"
echo
if [ $HAVE_TIMEW = 1 ]; then
  echo "log against timew start (tether locks the store and fdatasyncs; Timewarrior does neither):"
  for row in "${ROWS[@]}"; do
    IFS='|' read -r n what t m _ <<<"$row"
    [ "$what" = log ] || continue
    echo "- $n entries: tether log $t ms · timew start $m ms · tether / timew $(ratio "$t" "$m")"
  done
else
  echo "log against timew start: skipped, Timewarrior is not installed"
fi
