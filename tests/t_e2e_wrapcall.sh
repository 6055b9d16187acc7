#!/usr/bin/env bash
# End to end on tests/fixtures/wrapcall: wrap_call on a call through a
# renamed import (str.ToUpper, replace with {{.FuncName}}), on a spread
# call (fmt.Println(opts...), append_args with variadic_type) and on a
# call spanning lines (str.Repeat, kept in place). Built with otel --rules,
# run, output compared with want.txt; the copy keeps its line count; a
# -cover build (plan re-applied) gives the same output.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
W=$TMPROOT/wrapcall
T=$TMPROOT/wrapcall-out
fixture wrapcall "$W"
rm -rf "$T"; mkdir -p "$T"
cd "$W"
"$OTEL_BIN" --rules rules.yaml go build -o "$T/x" . 2> "$T/build.log" || { cat "$T/build.log"; fail "otel go build"; }
ok "otel go build"
"$T/x" > "$T/out" 2> "$T/err" || fail "the program failed: $(cat "$T/err")"
diff -u want.txt "$T/out" || fail "output differs from want.txt (diff above)"
ok "aliased, spread and multi-line calls wrapped"
copy=$(jq -r '.Replace | to_entries[] | select(.key | endswith("/main.go")) | .value' .otel-build/setups/*/overlay.json | head -1)
[ -f "$copy" ] || fail "no instrumented copy of main.go"
[ "$(wc -l < "$copy")" = "$(wc -l < main.go)" ] || fail "main.go: line count changed"
ok "line count kept"
"$OTEL_BIN" --rules rules.yaml go build -cover -o "$T/xc" . 2> "$T/cover.log" || { cat "$T/cover.log"; fail "otel go build -cover"; }
GOCOVERDIR=$T "$T/xc" > "$T/outc" 2>/dev/null || fail "the cover build failed"
diff -u want.txt "$T/outc" || fail "cover build output differs"
ok "-cover build gives the same output"
