#!/usr/bin/env bash
# End to end on tests/fixtures/basic: a module with its own hooks package
# (declaring its own HookContext) and rules for every shape of target
# (plain function, pointer/value receivers, generic function, method of a
# generic type, variadic, unnamed and `_` params/results, several results,
# SetParam, SetReturnVal, SetSkipCall, two rules on one function, a
# standard-library function, a panicking hook). Built with otel from a copy
# that is a git repository, run, and its output compared line by line with
# want.txt. Also: the user's tree stays clean, a panic and runtime.Caller in
# instrumented functions report the original lines, OTEL_SDK_DISABLED gives
# the plain program's output, and `go run` / `go test` work through otel.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS
W=$TMPROOT/basic
T=$TMPROOT/basic-out
fixture basic "$W"
rm -rf "$T"; mkdir -p "$T"
cd "$W"

# want.txt holds @WHERE_LINE@ for the line of runtime.Caller(0) in lib.go.
where_line=$(grep -n 'runtime.Caller(0)' lib/lib.go | cut -d: -f1)
crash_line=$(grep -n 'panic("crash: "' lib/lib.go | cut -d: -f1)
sed "s/@WHERE_LINE@/$where_line/" "$ROOT/tests/fixtures/basic/want.txt" > "$T/want"

"$OTEL_BIN" --rules rules.yaml go build -o "$T/x" . 2> "$T/build.log" || { cat "$T/build.log"; fail "otel go build"; }
ok "otel go build"
[ -z "$(git status --porcelain)" ] || fail "git status not clean after the build: $(git status --porcelain)"
ok "git status clean after the build"

"$T/x" > "$T/out" 2> "$T/err" || fail "the program failed: $(cat "$T/err")"
diff -u "$T/want" "$T/out" || fail "program output differs from want.txt (diff above)"
ok "output matches want.txt line by line ($(wc -l < "$T/want") lines)"
printf 'otel: hook panic in rule fragile: boom\n' > "$T/want-err"
diff -u "$T/want-err" "$T/err" || fail "stderr must be exactly one hook-panic line"
ok "a panicking hook is reported once on stderr and the program goes on"
grep -qx "Where: lib.go:$where_line" "$T/out" || fail "runtime.Caller line"
ok "runtime.Caller in an instrumented function: lib.go:$where_line"

# A panic inside an instrumented function points at the original line.
if "$T/x" crash > "$T/crash.out" 2> "$T/crash.err"; then fail "crash mode exited 0"; fi
grep -q '^example.com/basic/lib.Crash(' "$T/crash.err" || { cat "$T/crash.err"; fail "no Crash frame"; }
grep -qE "^	$W/lib/lib.go:$crash_line( |$)" "$T/crash.err" || { cat "$T/crash.err"; fail "panic does not report lib/lib.go:$crash_line"; }
grep -qE "^	$W/main.go:[0-9]+ " "$T/crash.err" || fail "no main.go frame"
grep -qx 'hook: before Crash("now")' "$T/crash.out" || fail "Crash hook did not run"
ok "panic in an instrumented function reports lib/lib.go:$crash_line"

# Disabled at run time: exactly what the uninstrumented program prints.
go build -o "$T/plain" . 
"$T/plain" > "$T/plain.out" 2>&1
OTEL_SDK_DISABLED=true "$T/x" > "$T/disabled.out" 2>&1
diff -u "$T/plain.out" "$T/disabled.out" || fail "OTEL_SDK_DISABLED=true output differs from the plain build"
grep -q '^hook:' "$T/plain.out" && fail "the plain build ran hooks"
ok "OTEL_SDK_DISABLED=true: same output as a plain go build"

# go run and go test through otel.
"$OTEL_BIN" --rules rules.yaml go run . > "$T/run.out" 2> "$T/run.err" || { cat "$T/run.err"; fail "otel go run"; }
diff -u "$T/want" "$T/run.out" || fail "otel go run output differs from want.txt"
ok "otel go run"
"$OTEL_BIN" --rules rules.yaml go test -count=1 -v ./lib/ > "$T/test.out" 2>&1 || { cat "$T/test.out"; fail "otel go test"; }
grep -q '^--- PASS: TestGreetInstrumented' "$T/test.out" || { cat "$T/test.out"; fail "test did not pass"; }
grep -q '^hook: before lib.Greet("test")' "$T/test.out" || fail "hook output missing in go test"
ok "otel go test (hooks run in the test binary)"
[ -z "$(git status --porcelain)" ] || fail "git status not clean at the end: $(git status --porcelain)"
ok "git status still clean"
echo "e2e basic: $pass_count checks passed"
