#!/usr/bin/env bash
# The disabled fast path of injected code (docs/INJECTION.md). The module
# tests/inject/fastpath/ has plain/work.go as written and instr/work.go, the
# same file instrumented by tools/inject_golden (regenerated here and
# compared with the checked-in copy; UPDATE_GOLDEN=1 rewrites it). Its Go
# test asserts 0 allocs/op for instrumented calls whose hooks are disabled
# (testing.AllocsPerRun: allocation counts are deterministic), that disabled
# hooks do not run and enabled ones do (SetParam, SetReturnVal); the
# benchmarks print ns/op side by side and are not asserted.
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
TMPROOT=${TMPROOT:-$(mktemp -d)}
TOOL=${INJECT_GOLDEN:-$ROOT/build/san/tools/inject_golden}
SRC=$ROOT/tests/inject/fastpath
[ -x "$TOOL" ] || { echo "missing $TOOL (run make san)"; exit 1; }

work=$TMPROOT/inject_fastpath
rm -rf "$work"; mkdir -p "$work/case"
cp "$SRC/plain/work.go" "$work/case/input.go"
cp "$SRC/hooks/hooks.go" "$work/case/hooks.go"
cp "$SRC/spec" "$work/case/spec"
"$TOOL" "$work/case" > "$work/work.go"
"$TOOL" --support work > "$work/support.go"
if [ -n "${UPDATE_GOLDEN:-}" ]; then
  cp "$work/work.go" "$SRC/instr/work.go"
  cp "$work/support.go" "$SRC/instr/otel_hookctx_gen.go"
fi
diff -u "$SRC/instr/work.go" "$work/work.go" || { echo "FAIL: instr/work.go is stale (UPDATE_GOLDEN=1)"; exit 1; }
diff -u "$SRC/instr/otel_hookctx_gen.go" "$work/support.go" || { echo "FAIL: instr/otel_hookctx_gen.go is stale"; exit 1; }

# Run from a copy, pointing the runtime module at this repository.
cp -r "$SRC" "$work/mod"
(cd "$work/mod" && go mod edit -replace "otelgo.dev/instrumentation=$ROOT/instrumentation")
if ! (cd "$work/mod" && go test -count=3 -v -run . -bench . -benchmem -benchtime=200ms . > "$work/test.log" 2>&1); then
  cat "$work/test.log"; echo "FAIL: fast-path test"; exit 1
fi
grep -E '^(--- |    fastpath_test.go)' "$work/test.log" | sort | uniq -c
# Fastest of the runs per benchmark (the machine may be busy).
awk '/^Benchmark.*ns\/op/ { if (!($1 in m) || $3 < m[$1]) { m[$1] = $3; l[$1] = $0 } }
     END { for (k in l) print l[k] }' "$work/test.log" | sort
echo "inject fastpath: generated code current; 0 allocs/op with hooks disabled; hooks run only when enabled"
