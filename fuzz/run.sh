#!/usr/bin/env bash
# Runs libFuzzer targets (make fuzz-build builds them into build/fuzz/).
#   fuzz/run.sh [TARGET...]      every target when none is named
# Environment:
#   FUZZ_TIME   seconds per target (default 600); the targets run one after
#               the other, each in one process (one job)
#   FUZZ_ARGS   more libFuzzer flags (e.g. -runs=1000)
# Each target reads its seeds from fuzz/corpus/<target>/ (never written) and
# keeps what it finds in build/fuzz/work/<target>/; crashes go to
# build/fuzz/crashes/<target>/, the log to build/fuzz/<target>.log. The
# executions of each run are its log's stat::number_of_executed_units.
# Exit status: 0 when no target found a crash.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=${FUZZ_BUILD:-$ROOT/build/fuzz}
time=${FUZZ_TIME:-600}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$ROOT"/fuzz/*.c; do targets+=("$(basename "$f" .c)"); done
fi
# Inputs larger than this are cut: a few KB hold every construct, and
# small inputs keep the executions per second high.
max_len=8192
status=0
for t in "${targets[@]}"; do
  bin=$B/$t
  [ -x "$bin" ] || { echo "fuzz: missing $bin (make fuzz-build)" >&2; exit 2; }
  mkdir -p "$B/work/$t" "$B/crashes/$t"
  dict=()
  [ -f "$ROOT/fuzz/$t.dict" ] && dict=(-dict="$ROOT/fuzz/$t.dict")
  echo "fuzz: $t for ${time}s (log $B/$t.log)"
  # shellcheck disable=SC2086
  if "$bin" -max_total_time="$time" -max_len=$max_len -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$B/crashes/$t/" "${dict[@]}" ${FUZZ_ARGS:-} \
      "$B/work/$t" "$ROOT/fuzz/corpus/$t" > "$B/$t.log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$B/$t.log")
    echo "fuzz: $t: ${runs:-?} executions, no crash"
  else
    echo "fuzz: $t FAILED; the log's end:"; tail -40 "$B/$t.log"; status=1
  fi
done
exit $status
