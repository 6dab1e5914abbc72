#!/usr/bin/env bash
# Whole-process figures for an assistant's hooks (`tether agent hook`), at 0 / 100k / 1M
# interactions in the session that follows the assistant's folder: the SessionStart hook
# (the agent briefing, Claude Code's event), the prompt hook (one interaction logged without
# waiting), and the hook in a folder no session follows (the cost of starting at all).
# The folder is a plain one, not a repository: the briefing's one git call fails at once.
# The SessionStart hooks run without a shell, in the folder with an empty event (the hook
# then takes the folder it runs in); the prompt hook needs its event on stdin, so a shell
# feeds it (hyperfine subtracts the shell). Prints a Markdown table: median wall time and
# mean CPU time (user + system, tether's own work plus git's). By hand:
#
#   bash benches/agent_hook.sh             # SIZES="0 100000 1000000" RUNS=30
#
# Stores are generated under a temp folder (examples/gen-store.rs) and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-0 100000 1000000}"
RUNS="${RUNS:-30}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tether-hook.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
say() { echo "agent_hook: $*" >&2; }

if ! command -v hyperfine >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing hyperfine with apt-get"
    (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null 2>&1 || true
  fi
  command -v hyperfine >/dev/null || { say "hyperfine is needed (apt-get install hyperfine)"; exit 1; }
fi

say "building tether (release)"
cargo build --release --quiet --example gen-store
cargo build --release --quiet --bin tether # alone, as a person builds it (benches/hot-functions.sh)
TARGET="${CARGO_TARGET_DIR:-target}"
TETHER="$(realpath "$TARGET/release/tether")"
GEN="$(realpath "$TARGET/release/examples/gen-store")"
FIXTURES="$(realpath tests/fixtures/agent)"

# event FIXTURE DIR: the documented event with its folder set to DIR
event() { sed "s|\"/home/user/my-project\"|\"$2\"|" "$FIXTURES/$1"; }

# median_ms CSV ROW: hyperfine's CSV is command,mean,stddev,median,user,system,min,max
median_ms() { awk -F, -v row="$2" 'NR == row + 1 { printf "%.2f", $4 * 1000 }' "$1"; }
# cpu_ms CSV ROW: mean user + system time
cpu_ms() { awk -F, -v row="$2" 'NR == row + 1 { printf "%.2f", ($5 + $6) * 1000 }' "$1"; }

ROWS=()
for n in $SIZES; do
  home="$WORK/s$n" folder="$WORK/work$n" elsewhere="$WORK/elsewhere"
  mkdir -p "$folder" "$elsewhere"
  say "store of $n interactions"
  if [ "$n" = 0 ]; then
    mkdir -p "$home"
    TETHER_HOME="$home" "$TETHER" start --workspace "$folder" "Implement Reality Agents" >/dev/null
  else
    "$GEN" --interactions "$n" --home "$home" --workspace "$folder" 2>/dev/null
  fi
  cp -r "$home" "$home-log" # the prompt hook appends: measured on a copy
  event claude-session-start.json "$folder" >"$WORK/start$n.json"
  event claude-user-prompt-submit.json "$folder" >"$WORK/prompt$n.json"
  # the briefing must really be there: a hook that found nothing would look fast
  TETHER_HOME="$home" "$TETHER" agent hook session-start --client claude <"$WORK/start$n.json" |
    grep -q additionalContext || { say "no briefing at $n"; exit 1; }
  csv="$WORK/$n.csv" csv_prompt="$WORK/$n-prompt.csv"
  (cd "$folder" && hyperfine -N --warmup 3 --runs "$RUNS" --export-csv "$csv" \
    "env TETHER_HOME=$home $TETHER agent hook session-start --client claude" \
    "env --chdir=$elsewhere TETHER_HOME=$home $TETHER agent hook session-start --client claude" \
    >/dev/null 2>&1)
  hyperfine --warmup 3 --runs "$RUNS" --export-csv "$csv_prompt" \
    "TETHER_HOME=$home-log $TETHER agent hook prompt --client claude <$WORK/prompt$n.json" \
    >/dev/null 2>&1
  ROWS+=("| $n | $(median_ms "$csv" 1) / $(cpu_ms "$csv" 1) | $(median_ms "$csv_prompt" 1) / $(cpu_ms "$csv_prompt" 1) | $(median_ms "$csv" 2) / $(cpu_ms "$csv" 2) |")
done

echo
echo "tether $("$TETHER" --version | awk '{print $2}') · medians (hyperfine, $RUNS runs) · $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) · $(df -T "$WORK" | awk 'NR==2 {print $2}')"
echo
echo "| interactions | SessionStart hook (briefing): wall / CPU ms | prompt hook (logged): wall / CPU ms | no session follows: wall / CPU ms |"
echo "| ---: | ---: | ---: | ---: |"
printf '%s\n' "${ROWS[@]}"
