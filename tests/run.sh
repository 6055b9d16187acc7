#!/usr/bin/env bash
# Runs the whole test suite: every C unit test binary (built with ASan/UBSan)
# and every tests/t_*.sh script. Each script gets:
#   ROOT      the repository root
#   OTEL_BIN  the otel binary to test (the sanitizer build)
#   TMPROOT   a scratch directory removed at the end
# A script passes by exiting 0. The last line is "N passed, N failed".
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ROOT
export OTEL_BIN=${OTEL_BIN:-$ROOT/build/san/otel}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
TMPROOT=$(mktemp -d /tmp/otel-tests.XXXXXX)
export TMPROOT
trap 'rm -rf "$TMPROOT"' EXIT
pass=0; fail=0; failed=()
only=${1:-}
for t in "$ROOT"/build/san/tests/*_test; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  [ -n "$only" ] && [[ "$name" != *"$only"* ]] && continue
  echo "=== unit $name"
  if "$t"; then pass=$((pass+1)); else fail=$((fail+1)); failed+=("$name"); fi
done
for t in "$ROOT"/tests/t_*.sh; do
  [ -f "$t" ] || continue
  name=$(basename "$t" .sh)
  [ -n "$only" ] && [[ "$name" != *"$only"* ]] && continue
  echo "=== $name"
  start=$(date +%s)
  if bash "$t"; then pass=$((pass+1)); r=ok; else fail=$((fail+1)); failed+=("$name"); r=FAIL; fi
  echo "--- $name: $r ($(( $(date +%s) - start ))s)"
done
[ ${#failed[@]} -gt 0 ] && echo "failed: ${failed[*]}"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
