#!/usr/bin/env bash
# bench/gls.sh: what context-without-ctx (docs/GLS.md) costs at build time.
# GLS changes package runtime, so every package gets a new build-cache key
# once per toolchain. Measured side by side with plain go build, each rep in
# fresh build caches, on a small net/http + database/sql program:
#   plain cold        go build, empty GOCACHE
#   first, GLS off    OTEL_GO_GLS=off otel go build right after that plain build
#   first, GLS on     otel go build right after a plain build (other fresh GOCACHE)
#   second module     otel go build of another module with the same imports
#                     (same GOCACHE: the std variants are now cached)
#   no-change         otel go build again
# Each cell also gives the number of packages compiled (-x). Median of
# BENCH_REPS (3). Prints a markdown table.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OTEL_BIN=${OTEL_BIN:-$ROOT/build/otel}
REPS=${BENCH_REPS:-3}
S=$(mktemp -d); trap 'rm -rf "$S"' EXIT
mk() { # mk DIR MODULE
  mkdir -p "$1"
  printf 'module %s\n\ngo 1.24\n' "$2" > "$1/go.mod"
  cat > "$1/main.go" <<'GO'
package main

import (
	"database/sql"
	"fmt"
	"net/http"
)

func main() {
	_, err := sql.Open("none", "")
	fmt.Println(http.StatusText(http.StatusTeapot), err != nil)
}
GO
}
mk "$S/a" example.com/a; mk "$S/b" example.com/b
# timed LABEL CMD...: run CMD with -x in the current dir, append "secs packages" to $S/LABEL.
timed() {
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" -x -o "$S/out" . 2>"$S/x.log" || { tail -20 "$S/x.log"; exit 1; }
  t1=$(date +%s.%N)
  local n; n=$(grep -cE '/compile .* -p [^ ]+' "$S/x.log" || true)
  echo "$(echo "$t1 - $t0" | bc) $n" >> "$S/$label"
}
unset OTEL_GO_GLS
for r in $(seq "$REPS"); do
  export GOCACHE=$S/cache-off-$r
  (cd "$S/a" && timed plain go build)
  (cd "$S/a" && rm -rf .otel-build && OTEL_GO_GLS=off timed off "$OTEL_BIN" go build)
  export GOCACHE=$S/cache-on-$r
  (cd "$S/a" && go build -o "$S/out" .)
  (cd "$S/a" && rm -rf .otel-build && timed on "$OTEL_BIN" go build)
  (cd "$S/b" && rm -rf .otel-build && timed second "$OTEL_BIN" go build)
  (cd "$S/b" && timed nochange "$OTEL_BIN" go build)
  rm -rf "$S"/cache-*-"$r"
done
med() { sort -n "$S/$1" | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }
read -r pc pn <<<"$(med plain)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go env GOVERSION), load $(cut -d' ' -f1-3 /proc/loadavg); median of $REPS"
echo
echo "| build | seconds | × plain cold | packages compiled |"
echo "|---|---:|---:|---:|"
printf '| plain go build, empty GOCACHE | %.2f | 1.00× | %s |\n' "$pc" "$pn"
for l in off on second nochange; do
  read -r t n <<<"$(med $l)"
  case $l in
    off) d="otel, OTEL_GO_GLS=off, first after a plain build";;
    on) d="otel (GLS on), first after a plain build";;
    second) d="otel (GLS on), another module, same GOCACHE";;
    nochange) d="otel (GLS on), no change";;
  esac
  printf '| %s | %.2f | %.2f× | %s |\n' "$d" "$t" "$(echo "$t / $pc" | bc -l)" "$n"
done
