#!/usr/bin/env bash
# Runs libFuzzer targets (make fuzz-build builds them into build/fuzz/).
#   fuzz/run.sh [TARGET...]      every target when none is named
# Environment:
#   FUZZ_TIME   seconds per target (default 600); the targets run one after
#               the other, each in one process (one job)
#   FUZZ_ARGS   more libFuzzer flags (e.g. -runs=1000)
#   FUZZ_OUT    where work corpora, crashes and logs go (default build/fuzz)
# Each target reads its seeds from fuzz/corpus/<target>/ (never written) and
# keeps what it finds in $FUZZ_OUT/work/<target>/; crashes go to
# $FUZZ_OUT/crashes/<target>/, the log to $FUZZ_OUT/<target>.log. The
# executions of each run are its log's stat::number_of_executed_units.
# Exit status: 0 when no target found a crash.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$ROOT/build/fuzz
O=${FUZZ_OUT:-$B}
time=${FUZZ_TIME:-600}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$ROOT"/fuzz/*.c; do targets+=("$(basename "$f" .c)"); done
fi
# Inputs larger than this are cut (seeds too): a few KB hold every
# construct, and small inputs keep the executions per second high. The
# injection target needs whole files (a cut one does not parse).
max_len_of() {
  case $1 in gosrc) echo 2048;; template) echo 1024;; *) echo 4096;; esac
}
status=0
for t in "${targets[@]}"; do
  bin=$B/$t
  [ -x "$bin" ] || { echo "fuzz: missing $bin (make fuzz-build)" >&2; exit 2; }
  mkdir -p "$O/work/$t" "$O/crashes/$t"
  max_len=$(max_len_of "$t")
  dict=()
  [ -f "$ROOT/fuzz/$t.dict" ] && dict=(-dict="$ROOT/fuzz/$t.dict")
  echo "fuzz: $t for ${time}s (log $O/$t.log)"
  # shellcheck disable=SC2086
  if "$bin" -max_total_time="$time" -max_len=$max_len -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$O/crashes/$t/" "${dict[@]}" ${FUZZ_ARGS:-} \
      "$O/work/$t" "$ROOT/fuzz/corpus/$t" > "$O/$t.log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$O/$t.log")
    echo "fuzz: $t: ${runs:-?} executions, no crash"
  else
    echo "fuzz: $t FAILED; the log's end:"; tail -40 "$O/$t.log"; status=1
  fi
done
exit $status
