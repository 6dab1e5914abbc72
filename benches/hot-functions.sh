#!/usr/bin/env bash
# Writes assets/hot-functions.txt: the functions of tether's binary that its most frequent
# commands run (`status --format tmux`, `log`, `resume`, `report`), in that order, one
# symbol name a line. build.rs hands the file to the linker (`--symbol-ordering-file`), so
# that a release build places them side by side at the start of the program's code: a
# command then touches a few 64 KB stretches of a 7 MB program instead of dozens, each
# first touch a page fault (status: 126 faults → 97; a program printing one line takes 70).
#
# A name the binary no longer has is skipped by the linker, so the file only ages: run this
# again after a change of the Rust toolchain, of Cargo.lock or of the hot commands' code.
# Needs valgrind (callgrind lists every function a run executes).
#
#   bash benches/hot-functions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "hot-functions: valgrind is needed" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tether-hot.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# the binary alone, as `cargo build --release` makes it: built with the examples, whose
# dev-dependencies change some crates' features, its symbols' names would differ
cargo build --release --quiet --example gen-store
cargo build --release --quiet --bin tether
TARGET="${CARGO_TARGET_DIR:-target}"
TETHER="$(realpath "$TARGET/release/tether")"
# long enough to take the paths a long history takes (the summary cache, reading ahead)
"$TARGET/release/examples/gen-store" --interactions 40000 --home "$WORK/store" 2>/dev/null

# trace NAME ARGS...: the functions of tether's binary one run executes, in the order
# callgrind first lists them (callgrind names a function once, `(id) name`, then `(id)`)
trace() {
  local name="$1"
  shift
  valgrind --tool=callgrind --demangle=no --callgrind-out-file="$WORK/$name.out" \
    "$TETHER" --home "$WORK/store" "$@" >/dev/null 2>&1
  awk -v binary="$TETHER" '
    function named(line, table,    id) {
      id = substr(line, 2, index(line, ")") - 2)
      if (index(line, ") ")) table[id] = substr(line, index(line, ") ") + 2)
      return table[id]
    }
    /^ob=/ { object = named(substr($0, 4), objects) }
    /^cob=/ { named(substr($0, 5), objects) }
    /^cfn=/ { named(substr($0, 5), functions) }
    /^fn=/ {
      name = named(substr($0, 4), functions)
      sub(/\047[0-9]+$/, "", name) # the mark of a recursive call, not part of the name
      if (object == binary && name !~ /^(0x|\()/) print name
    }' "$WORK/$name.out"
}

{
  trace status status --format tmux
  trace log log "a line from hot-functions.sh"
  trace resume resume
  trace report report
} | awk '!seen[$0]++' >assets/hot-functions.txt
echo "hot-functions: $(wc -l <assets/hot-functions.txt) functions → assets/hot-functions.txt" >&2
