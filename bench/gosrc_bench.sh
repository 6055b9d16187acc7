#!/usr/bin/env bash
# gosrc parse speed over every .go file of GOROOT/src, optimized build.
#
#   bench/gosrc_bench.sh            (PASSES=N to change the pass count)
#
# All files are read into memory first; only parsing is timed, each pass on
# its own. The body scan's MB/s divides all file bytes by the time spent in
# gosrc_scan_body (calls and composite literals of every function body). "cpu" divides by the process's CPU time, "wall" by elapsed time:
# on a shared machine wall time also measures the neighbours, so cpu is the
# figure to compare. Target: >= 300 MB/s on one core. Nothing is asserted.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/build/tools/gosrc_dump
[ -x "$BIN" ] || make -C "$ROOT" build/tools/gosrc_dump >/dev/null
PASSES=${PASSES:-10}
src=$(go env GOROOT)/src
list=$(mktemp)
trap 'rm -f "$list"' EXIT
find "$src" -name '*.go' -type f > "$list"
echo "gosrc over $src ($(wc -l < "$list") files), $PASSES passes, $(nproc) cores"
echo "-- full parse (gosrc_parse)"
"$BIN" --bench "$PASSES" < "$list"
echo "-- header only (gosrc_parse_header)"
"$BIN" --bench "$PASSES" --header < "$list"
echo "-- body scan (gosrc_scan_body over every body; declarations parsed once, untimed)"
"$BIN" --bench "$PASSES" --body < "$list"
