#!/usr/bin/env bash
# bench/run.sh (`make bench`): build-time cost of `otel go build` against a
# plain `go build`, measured side by side in one run.
#
# Part 1, "module": a generated module of BENCH_N packages (bench/gen; some
# use net/http and database/sql). Per repetition, plain and otel builds
# alternate (plain, otel, plain, otel, ...) through these scenarios:
#   cold      empty GOCACHE (a fresh one per build) and no .otel-build/
#   first     first instrumented build after a plain build (GOCACHE warm
#             from plain, no .otel-build/); plain side: a no-change rebuild
#   nochange  rebuild with nothing changed
#   edit      a function-body edit in a file that no rule targets
#   import    `import _ "database/sql"` added to a user file, go.mod unchanged
#   rules     a rule file edited (a comment appended); plain side: a
#             no-change rebuild (plain go has no rules)
# Before each timed build in edit/import/rules, the tool about to be timed
# first builds the current tree untimed ("settle"), so it pays only for the
# change made for it, never for the other tool's change.
# otel runs with `--rules <copy of the built-in rules>` (so the rule file
# can be edited) and -v, whose "setup: ... in N ms" line gives the setup
# time (hit or miss). `go list -deps -json=...` is timed alone, to compare
# with a setup miss.
#
# The module also calls a third-party module (github.com/google/uuid, one
# package in BENCH_UUID_EVERY) and the rules include one on it
# (bench/thirdparty-rules.yaml), so the otel builds instrument a package
# beneath GOMODCACHE through otel's -toolexec wrapper (docs/REACH.md).
#
# Part "wrapper": the per-invocation cost of that wrapper's pass-through
# path: BENCH_WRAPPER_CALLS runs of `compile -V=full` (the cheapest tool
# call go makes) directly and through `otel toolexec`, interleaved.
#
# Part 2, "upstream": the upstream project's way: full rebuilds (-a on both
# sides), plain and otel interleaved, on bench/programs/{small,service,large}.
#
# The upstream tool otelc is included when
# `go install go.opentelemetry.io/otelc/tool/cmd/otelc@latest` succeeds
# (tried once per run; BENCH_OTELC=/path/to/otelc uses a given binary).
#
# Environment:
#   BENCH_N=1000           packages in the generated module
#   BENCH_REPS=3           repetitions of each module scenario
#   BENCH_UPSTREAM_REPS=3  repetitions of each upstream-style build
#   BENCH_PARTS=module,wrapper,upstream
#   BENCH_UUID_EVERY=10    one package in this many calls the third-party module (0: none)
#   BENCH_WRAPPER_CALLS=300
#   BENCH_PROGRAMS="small service large"   programs of the upstream part
#   BENCH_OUT=bench/RESULTS.md   where the report goes ("-": stdout only)
#   BENCH_KEEP=0           1: keep the scratch directory (logs, raw times)
#   OTEL_BIN=build/otel    the otel binary (default: built with make)
#   OTEL_GO_INSTRUMENTATION_DIR   its instrumentation/ (default: this tree's)
# The table is printed and written to BENCH_OUT with the machine described.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${BENCH_N:-1000}
REPS=${BENCH_REPS:-3}
UP_REPS=${BENCH_UPSTREAM_REPS:-3}
PARTS=${BENCH_PARTS:-module,wrapper,upstream}
UUID_EVERY=${BENCH_UUID_EVERY:-10}
WRAPPER_CALLS=${BENCH_WRAPPER_CALLS:-300}
PROGRAMS=${BENCH_PROGRAMS:-small service large}
OUT=${BENCH_OUT:-$ROOT/bench/RESULTS.md}
KEEP=${BENCH_KEEP:-0}

# shellcheck source=edits.sh
. "$ROOT/bench/edits.sh"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

if [ -z "${OTEL_BIN:-}" ]; then
  make -C "$ROOT" --no-print-directory build/otel >&2 || die "make build/otel failed"
  OTEL_BIN=$ROOT/build/otel
fi
[ -x "$OTEL_BIN" ] || die "no otel binary at $OTEL_BIN"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/otel-bench.XXXXXX")
cleanup() { if [ "$KEEP" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi; }
trap cleanup EXIT
mkdir -p "$TMP/logs" "$TMP/gc" "$TMP/out"

# Benchmark a snapshot of otel and its instrumentation/ module: the setup
# key covers the otel binary and every hook source, so an edit or a rebuild
# in the working tree during the (long) run would turn hits into misses.
# An installed otel comes with its own instrumentation/ (set
# OTEL_GO_INSTRUMENTATION_DIR to it); the default is this tree's.
mkdir -p "$TMP/snap"
cp "$OTEL_BIN" "$TMP/snap/otel"
cp -R "${OTEL_GO_INSTRUMENTATION_DIR:-$ROOT/instrumentation}" "$TMP/snap/instrumentation"
rm -rf "$TMP/snap/instrumentation/.otel-build"
OTEL_BIN=$TMP/snap/otel
export OTEL_GO_INSTRUMENTATION_DIR=$TMP/snap/instrumentation
TIMES=$TMP/times.tsv    # part scenario tool rep seconds status setup_ms setup_kind
META=$TMP/meta.env      # key=value lines for the report
: >"$TIMES"
: >"$META"
meta() { printf '%s=%s\n' "$1" "$2" >>"$META"; }

meta n "$N"
meta reps "$REPS"
meta upstream_reps "$UP_REPS"
meta parts "$PARTS"
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta nproc "$(nproc)"
meta cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
meta mem "$(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
meta go "$(go version)"
meta kernel "$(uname -sr)"
meta otel "$("$OTEL_BIN" version 2>/dev/null || echo '?') (commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ', src modified'))"
meta load_start "$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- otelc
OTELC=${BENCH_OTELC:-}
if [ -z "$OTELC" ]; then
  log "trying: go install go.opentelemetry.io/otelc/tool/cmd/otelc@latest"
  if GOBIN=$TMP/bin go install go.opentelemetry.io/otelc/tool/cmd/otelc@latest >"$TMP/logs/otelc-install.log" 2>&1; then
    OTELC=$TMP/bin/otelc
    meta otelc "installed: $("$OTELC" version 2>/dev/null | head -1 || echo '?')"
  else
    meta otelc "not installed: \`go install go.opentelemetry.io/otelc/tool/cmd/otelc@latest\` failed: $(grep -v '^go: downloading' "$TMP/logs/otelc-install.log" | tr '\n' ' ' | cut -c1-400)"
  fi
else
  meta otelc "given: $OTELC"
fi
TOOLS=(plain otel)
[ -n "$OTELC" ] && TOOLS+=(otelc)

# ---------------------------------------------------------------- timing
# setup_line LOG: otel's "setup: ... in N ms" line → "N hit|miss".
setup_line() {
  local line
  line=$(grep -E 'setup: .* in [0-9.]+ ms' "$1" | tail -1) || { echo "- -"; return; }
  local ms kind=miss
  ms=$(sed -E 's/.* in ([0-9.]+) ms.*/\1/' <<<"$line")
  [[ $line == *"cache hit"* ]] && kind=hit
  echo "$ms $kind"
}

# command_for TOOL: the command line prefix of TOOL, in the array CMD.
command_for() {
  case $1 in
    plain) CMD=(go build) ;;
    otel)  CMD=("$OTEL_BIN" "${OTEL_FLAGS[@]}" -v go build) ;;
    otelc) CMD=("$OTELC" go build) ;;
  esac
}

# run_build PART SCENARIO TOOL REP GOCACHE DIR GOFLAGS...: one timed build,
# appended to $TIMES. REP "-" means untimed (settle): nothing is recorded.
# A failed plain build stops the benchmark (the generated code is wrong);
# a failed otel/otelc build is recorded as failed and the run goes on.
run_build() {
  local part=$1 scen=$2 tool=$3 rep=$4 gc=$5 dir=$6
  shift 6
  command_for "$tool"
  local logf=$TMP/logs/$part-$scen-$tool-$rep.log status=ok t0 t1
  [ "$rep" = - ] && logf=$TMP/logs/$part-$scen-$tool-settle.log
  t0=$EPOCHREALTIME
  if ! (cd "$dir" && GOCACHE=$gc "${CMD[@]}" "$@") >"$logf" 2>&1; then
    status=failed
    [ "$tool" = plain ] && { tail -20 "$logf" >&2; die "plain build failed: $part $scen rep $rep"; }
    log "$tool build failed: $part $scen rep $rep (log: $logf)"
    { echo "### $part / $scen / $tool / rep $rep"; echo '```'; tail -15 "$logf"; echo '```'; } >>"$TMP/failures.md"
  fi
  t1=$EPOCHREALTIME
  [ "$rep" = - ] && return 0
  local secs setup
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  setup=$(setup_line "$logf")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$part" "$scen" "$tool" "$rep" "$secs" "$status" "${setup// /$'\t'}" >>"$TIMES"
  if [ "$tool" = otel ]; then log "$part $scen $tool #$rep: ${secs}s (setup $setup)"
  else log "$part $scen $tool #$rep: ${secs}s"; fi
}

# ---------------------------------------------------------------- part 1
module_part() {
  local gen=$TMP/gen mod=$TMP/mod rules=$TMP/rules
  (cd "$ROOT/bench/gen" && go build -o "$gen" .) || die "cannot build bench/gen"
  "$gen" -n "$N" -uuid-every "$UUID_EVERY" -o "$mod"
  # go.sum for the third-party module (from the module proxy or cache).
  (cd "$mod" && go mod tidy) >"$TMP/logs/tidy.log" 2>&1 || die "go mod tidy in the generated module failed"
  # shellcheck disable=SC1091
  . "$mod/bench.env"
  local -a plain_pkgs
  read -r -a plain_pkgs <<<"$BENCH_PLAIN_PKGS"
  (( ${#plain_pkgs[@]} >= 2 * REPS * ${#TOOLS[@]} )) || die "BENCH_N=$N is too small for BENCH_REPS=$REPS"
  local files
  files=$(find "$mod" -name '*.go' | wc -l)
  meta module "$N packages, $files files, $(find "$mod" -name '*.go' -exec cat {} + | wc -l) lines"

  # The built-in rules, copied with their directory names (the group names).
  local f lib
  for f in "$OTEL_GO_INSTRUMENTATION_DIR"/libs/*/rules.yaml; do
    lib=$(basename "$(dirname "$f")")
    mkdir -p "$rules/$lib" && cp "$f" "$rules/$lib/"
  done
  if [ "$UUID_EVERY" != 0 ]; then
    mkdir -p "$rules/thirdparty" && cp "$ROOT/bench/thirdparty-rules.yaml" "$rules/thirdparty/rules.yaml"
  fi
  OTEL_FLAGS=(--rules "$rules")
  meta rules "$(cd "$rules" && find . -name '*.yaml' | sort | tr '\n' ' ')"

  # otelc works in its own copy: it writes a .otel-build/ of its own.
  local modc=$TMP/mod-otelc
  [ -n "$OTELC" ] && cp -R "$mod" "$modc"
  dir_of() { if [ "$1" = otelc ]; then echo "$modc"; else echo "$mod"; fi; }

  # Fetch the hook modules' dependencies once, outside any timing.
  for f in "$OTEL_GO_INSTRUMENTATION_DIR"/go.mod "$OTEL_GO_INSTRUMENTATION_DIR"/*/go.mod; do
    [ -f "$f" ] && (cd "$(dirname "$f")" && go mod download all) >/dev/null 2>&1 || true
  done

  local r t gc warm k=0 v=0 dir
  for r in $(seq 1 "$REPS"); do
    warm=$TMP/gc/warm-$r
    # Each tool links into its own directory, $TMP/out/TOOL/: go skips a
    # link when the binary there already has the wanted build ID, as it
    # does for a user who always builds with the same tool. Cold and first
    # builds start without binaries.
    # cold: a fresh GOCACHE for every build; the plain one is kept as the
    # "warm from plain" cache of the next scenarios.
    for t in "${TOOLS[@]}"; do
      gc=$TMP/gc/cold-$t-$r
      [ "$t" = plain ] && gc=$warm
      dir=$(dir_of "$t")
      rm -rf "$gc" "$dir/.otel-build" "$TMP/out/$t"
      run_build module cold "$t" "$r" "$gc" "$dir" -o "$TMP/out/$t/" ./...
      [ "$t" = plain ] || rm -rf "$gc"
    done
    # first instrumented build after a plain build (plain: no change).
    for t in "${TOOLS[@]}"; do
      dir=$(dir_of "$t")
      [ "$t" = plain ] || rm -rf "$dir/.otel-build" "$TMP/out/$t"
      run_build module first "$t" "$r" "$warm" "$dir" -o "$TMP/out/$t/" ./...
    done
    for t in "${TOOLS[@]}"; do
      run_build module nochange "$t" "$r" "$warm" "$(dir_of "$t")" -o "$TMP/out/$t/" ./...
    done
    for t in "${TOOLS[@]}"; do
      dir=$(dir_of "$t")
      run_build module edit "$t" - "$warm" "$dir" -o "$TMP/out/$t/" ./...
      v=$((v + 1))
      body_edit "$dir" "$BENCH_EDIT_PKG" "$v" || die "body edit failed"
      run_build module edit "$t" "$r" "$warm" "$dir" -o "$TMP/out/$t/" ./...
    done
    for t in "${TOOLS[@]}"; do
      dir=$(dir_of "$t")
      run_build module import "$t" - "$warm" "$dir" -o "$TMP/out/$t/" ./...
      # Packages from the middle of the graph, a new one for every build.
      add_import "$dir" "${plain_pkgs[$(( ${#plain_pkgs[@]} / 2 + k ))]}" || die "import edit failed"
      k=$((k + 1))
      run_build module import "$t" "$r" "$warm" "$dir" -o "$TMP/out/$t/" ./...
    done
    for t in "${TOOLS[@]}"; do
      dir=$(dir_of "$t")
      run_build module rules "$t" - "$warm" "$dir" -o "$TMP/out/$t/" ./...
      [ "$t" = otel ] && { rule_edit "$rules" "$r" || die "rule edit failed"; }
      run_build module rules "$t" "$r" "$warm" "$dir" -o "$TMP/out/$t/" ./...
    done
    # go list alone, the command otel's setup runs on a miss.
    local t0 t1
    t0=$EPOCHREALTIME
    (cd "$mod" && GOCACHE=$warm go list -deps -json=ImportPath,Name,Dir,Standard,DepOnly,ForTest,Module,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles,Error ./... >/dev/null)
    t1=$EPOCHREALTIME
    printf 'module\tgolist\tgo list\t%s\t%s\tok\t-\t-\n' "$r" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')" >>"$TIMES"
    rm -rf "$warm"
  done
}

# ---------------------------------------------------------------- wrapper
# The wrapper's pass-through path costs one exec of otel per tool call go
# makes (a compile, link, asm, cover, vet, or -V=full query). Timed on
# `compile -V=full`, which does almost nothing itself.
wrapper_part() {
  local compile i t0 t1 direct=0 wrapped=0
  compile=$(go env GOTOOLDIR)/compile
  mkdir -p "$TMP/wrapcas"
  for i in $(seq 1 "$WRAPPER_CALLS"); do
    t0=$EPOCHREALTIME; "$compile" -V=full >/dev/null; t1=$EPOCHREALTIME
    direct=$(awk -v s="$direct" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", s + b - a }')
    t0=$EPOCHREALTIME; "$OTEL_BIN" toolexec "$TMP/wrapcas" - - 0 "$compile" -V=full >/dev/null; t1=$EPOCHREALTIME
    wrapped=$(awk -v s="$wrapped" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", s + b - a }')
  done
  meta wrapper_calls "$WRAPPER_CALLS"
  meta wrapper_direct_ms "$(awk -v s="$direct" -v n="$WRAPPER_CALLS" 'BEGIN { printf "%.3f", 1000 * s / n }')"
  meta wrapper_wrapped_ms "$(awk -v s="$wrapped" -v n="$WRAPPER_CALLS" 'BEGIN { printf "%.3f", 1000 * s / n }')"
  log "wrapper: direct $(awk -v s="$direct" -v n="$WRAPPER_CALLS" 'BEGIN { printf "%.3f", 1000 * s / n }') ms, through otel $(awk -v s="$wrapped" -v n="$WRAPPER_CALLS" 'BEGIN { printf "%.3f", 1000 * s / n }') ms per call"
}

# ---------------------------------------------------------------- part 2
upstream_part() {
  local prog dir gc=$TMP/gc/upstream r t
  OTEL_FLAGS=()
  for prog in $PROGRAMS; do
    dir=$TMP/up/$prog
    mkdir -p "$dir" && cp -R "$ROOT/bench/programs/$prog/." "$dir/"
    (cd "$dir" && go mod download all) >/dev/null 2>&1 || true
    [ -n "$OTELC" ] && { mkdir -p "$dir-otelc" && cp -R "$dir/." "$dir-otelc/"; }
    meta "program_$prog" "$(cd "$dir" && go list -deps . | wc -l) packages, $(cd "$dir" && go list -deps -f '{{if not .Standard}}x{{end}}' . | grep -c x) outside the standard library (main included)"
    for r in $(seq 1 "$UP_REPS"); do
      for t in "${TOOLS[@]}"; do
        if [ "$t" = otelc ]; then
          run_build upstream "$prog" "$t" "$r" "$gc" "$dir-otelc" -a -o /dev/null .
        else
          run_build upstream "$prog" "$t" "$r" "$gc" "$dir" -a -o /dev/null .
        fi
      done
    done
  done
  rm -rf "$gc"
}

OTEL_FLAGS=()
[[ ,$PARTS, == *,module,* ]] && module_part
[[ ,$PARTS, == *,wrapper,* ]] && wrapper_part
[[ ,$PARTS, == *,upstream,* ]] && upstream_part
meta load_end "$(cut -d' ' -f1-3 /proc/loadavg)"

python3 "$ROOT/bench/report.py" "$TIMES" "$META" "$TMP/failures.md" >"$TMP/report.md"
cat "$TMP/report.md"
if [ "$OUT" != - ]; then
  cp "$TMP/report.md" "$OUT"
  log "wrote $OUT"
fi
