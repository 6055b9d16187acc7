#!/usr/bin/env bash
# Smoke test of the libFuzzer targets (fuzz/; `make fuzz` is the real run):
#  - clang and its libFuzzer runtime are there (else FAIL: the targets
#    cannot be built, which must not pass unnoticed);
#  - `make fuzz-build` builds every target (clang, ASan, UBSan);
#  - each target runs every file of its seed corpus, fuzz/corpus/<target>/
#    (seeds and the regression case of every crash found so far), whole,
#    with no crash, leak or broken invariant;
#  - each then fuzzes from those seeds for a few seconds (a fixed seed)
#    through fuzz/run.sh, the runner `make fuzz` uses, with no crash.
set -u
cd "$ROOT" || exit 1
fail=0
CC=${FUZZ_CC:-clang}
if ! command -v "$CC" >/dev/null; then
  echo "FAIL: $CC not found: the fuzz targets need clang and libFuzzer (scripts/install-deps.sh installs clang and libclang-rt-14-dev)"
  exit 1
fi
if ! make -s -j2 FUZZ_CC="$CC" fuzz-build > "$TMPROOT/fuzz-build.log" 2>&1; then
  echo "FAIL: make fuzz-build (is libFuzzer installed? libclang-rt-14-dev):"; tail -20 "$TMPROOT/fuzz-build.log"
  exit 1
fi
ntargets=0
for src in fuzz/*.c; do
  t=$(basename "$src" .c)
  ntargets=$((ntargets+1))
  seeds=(fuzz/corpus/"$t"/*)
  if [ ! -f "${seeds[0]}" ]; then echo "FAIL: $t has no seed corpus in fuzz/corpus/$t"; fail=1; continue; fi
  log=$TMPROOT/fuzz-$t-seeds.log
  if build/fuzz/"$t" "${seeds[@]}" > "$log" 2>&1 && grep -q "^Executed .* in " "$log"; then
    echo "ok: $t runs its ${#seeds[@]} seeds"
  else
    echo "FAIL: $t on its seeds:"; grep -av '^Running: \|^Executed ' "$log" | tail -30; fail=1; continue
  fi
  if FUZZ_OUT=$TMPROOT/fuzz FUZZ_TIME=4 FUZZ_ARGS="-seed=1 -runs=20000" fuzz/run.sh "$t" > "$TMPROOT/fuzz-$t.out" 2>&1 &&
     grep -q "^stat::number_of_executed_units: *[1-9]" "$TMPROOT/fuzz/$t.log"; then
    echo "ok: $t fuzzes with no crash ($(sed -n 's/^stat::number_of_executed_units: *//p' "$TMPROOT/fuzz/$t.log") inputs)"
  else
    echo "FAIL: $t while fuzzing:"; tail -40 "$TMPROOT/fuzz-$t.out"; fail=1
  fi
done
[ "$ntargets" -ge 4 ] || { echo "FAIL: $ntargets fuzz targets, want gosrc, rules, template and inject"; fail=1; }
exit $fail
