#!/usr/bin/env bash
# make install PREFIX=...: bin/otel plus share/otel/instrumentation, and the
# installed otel finds its modules there (not in the source tree).
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
P=$TMPROOT/prefix
make -C "$ROOT" --no-print-directory install PREFIX="$P" >/dev/null
[ -x "$P/bin/otel" ] || fail "no $P/bin/otel"
[ -f "$P/share/otel/instrumentation/go.mod" ] || fail "no instrumentation module under share/"
[ -f "$P/share/otel/instrumentation/libs/nethttp/rules.yaml" ] || fail "no built-in rules under share/"
ok "installed: bin/otel, share/otel/instrumentation"
W=$TMPROOT/instfix
fixture cache "$W"
cd "$W"
"$P/bin/otel" -vv --rules rules.yaml go build -o "$TMPROOT/instapp" . 2>"$TMPROOT/inst.log" || { cat "$TMPROOT/inst.log"; fail "build with the installed otel"; }
grep -q "replace otelgo.dev/instrumentation => $P/share/otel/instrumentation" "$(ls "$W"/.otel-build/setups/*/go.mod | head -1)" ||
  fail "installed otel does not use its own share/ copy"
out=$("$TMPROOT/instapp")
grep -qxF 'hook: Hello("world")' <<<"$out" || fail "hook missing"
ok "installed otel builds with its share/ modules"
echo "t_install: $pass_count checks passed"
