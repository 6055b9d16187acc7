#!/usr/bin/env bash
# Context that follows the code (issue 9, GLS): a handler that calls
# db.Query and http.Get without a context, starts a goroutine that makes an
# http.Get, and wraps a query in a manual span (OpenTelemetry API) exports
# one trace in which every span sits where the code puts it. Built-in rules
# (runtime.g gets two fields, newproc1 copies them, gls.Processor keeps the
# current span). With OTEL_GO_GLS=off the context-less calls start traces
# of their own. Also through a downloaded toolchain (its runtime is beneath
# GOMODCACHE: reached by the -toolexec wrapper, no new imports).
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/gls; mkdir -p "$T"
command -v jq >/dev/null || fail "jq is needed"
start_sink "$T"
export OTEL_EXPORTER_OTLP_ENDPOINT="http://$SINK_ADDR"
export OTEL_BSP_SCHEDULE_DELAY=600000
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS OTEL_TRACES_EXPORTER OTEL_GO_GLS
W=$TMPROOT/gls-src
fixture gls "$W"
cd "$W"

q() { jq -s -r "$@" "$S"; }
# span NAME [URL-SUBSTRING]: the one span with that name (and url.full).
span() {
  local n; n=$(q --arg n "$1" --arg u "${2:-}" '[.[] | select(.name == $n and (($u == "") or ((.attributes["url.full"] // "") | contains($u))))] | length')
  [ "$n" = 1 ] || { q -c '.[] | [.name, .kind, .span_id, .parent_span_id]' >&2; fail "expected one span '$1' $2, got $n"; }
  q -c --arg n "$1" --arg u "${2:-}" '.[] | select(.name == $n and (($u == "") or ((.attributes["url.full"] // "") | contains($u))))'
}
f() { jq -r ".$2" <<<"$1"; }
parent_is() { # CHILD PARENT WHAT
  [ "$(f "$1" parent_span_id)" = "$(f "$2" span_id)" ] && [ "$(f "$1" trace_id)" = "$(f "$2" trace_id)" ] \
    || { q -c '.[] | [.name, .kind, .span_id, .parent_span_id]' >&2; fail "$3: $(f "$1" name) is not a child of $(f "$2" name)"; }
}

# check_tree LABEL: the spans of one run form the expected tree.
check_tree() {
  local label=$1
  local client server leaf_h leaf_g sel manual ins
  client=$(span GET /work); server=$(span "GET /work")
  parent_is "$server" "$client" "$label"
  [ "$(f "$client" parent_span_id)" = "" ] || fail "$label: the first client span has a parent"
  # Two SELECT t spans: before and after the manual span, both the server's children.
  [ "$(q --arg p "$(f "$server" span_id)" '[.[] | select(.name == "SELECT t" and .parent_span_id == $p)] | length')" = 2 ] \
    || { q -c '.[] | [.name, .kind, .span_id, .parent_span_id]' >&2; fail "$label: db.Query without ctx is not the server span's child (twice)"; }
  leaf_h=$(span GET from=handler); parent_is "$leaf_h" "$server" "$label: http.Get in the handler"
  leaf_g=$(span GET from=goroutine); parent_is "$leaf_g" "$server" "$label: http.Get in a goroutine the handler started"
  manual=$(span manual); parent_is "$manual" "$server" "$label: the manual span"
  ins=$(span "INSERT t"); parent_is "$ins" "$manual" "$label: db.Exec inside the manual span"
  [ "$(q '[.[] | select(.name == "GET /leaf")] | length')" = 2 ] || fail "$label: two /leaf server spans expected"
  ok "$label: one trace: client -> server -> {SELECT, GET(handler), GET(goroutine), manual -> INSERT, SELECT}"
}

run() { : > "$S"; "$1" > "$T/out" 2>"$T/err" || { cat "$T/err"; fail "$1 failed"; }; grep -qx done "$T/out" || fail "program output: $(cat "$T/out")"; }

"$OTEL_BIN" -v go build -tags libsqlite3 -o "$T/app" . 2>"$T/build.log" || { cat "$T/build.log"; fail "otel go build failed"; }
run "$T/app"
check_tree "go $(go env GOVERSION)"
[ -z "$(git status --porcelain)" ] || fail "git status not clean: $(git status --porcelain)"

# The runtime got the fields: the instrumented files include runtime's.
ov=$(ls .otel-build/setups/*/overlay.json | head -1)
jq -r '.Replace | keys[]' "$ov" > "$T/overlaid"
grep -q '/src/runtime/runtime2.go$' "$T/overlaid" || fail "runtime2.go (type g) not instrumented"
grep -q '/src/runtime/proc.go$' "$T/overlaid" || fail "proc.go (newproc1) not instrumented"
ok "runtime.g fields and newproc1 copy are in the overlay"

# OTEL_GO_GLS=off: the context-less calls are roots of traces of their own.
OTEL_GO_GLS=off "$OTEL_BIN" go build -tags libsqlite3 -o "$T/app-off" . 2>"$T/build-off.log" || { cat "$T/build-off.log"; fail "OTEL_GO_GLS=off build failed"; }
run "$T/app-off"
[ "$(q '[.[] | select(.name == "SELECT t" and .parent_span_id == "")] | length')" = 2 ] \
  || { q -c '.[] | [.name, .kind, .span_id, .parent_span_id]' >&2; fail "OTEL_GO_GLS=off: db.Query without ctx still has a parent"; }
[ "$(f "$(span GET from=goroutine)" parent_span_id)" = "" ] || fail "OTEL_GO_GLS=off: the goroutine's http.Get has a parent"
[ "$(f "$(span "INSERT t")" parent_span_id)" = "" ] || fail "OTEL_GO_GLS=off: db.Exec in the manual span has a parent"
ok "OTEL_GO_GLS=off: context-less calls start their own traces (GLS is what links them)"

# A program with its own tracer provider (the SDK is in its graph, beneath
# GOMODCACHE: NewTracerProvider is hooked through the wrapper to add the
# processor): its manual span is current, so context-less http.Get calls
# inside it, also from a goroutine it starts, are its children.
W3=$TMPROOT/gls-ownsdk
fixture gls-ownsdk "$W3"
(cd "$W3" && "$OTEL_BIN" go build -o "$T/ownsdk" .) 2>"$T/ownsdk.log" || { cat "$T/ownsdk.log"; fail "own-provider build failed"; }
OTEL_TRACES_EXPORTER=none "$T/ownsdk" > "$T/ownsdk.out" || fail "own-provider program failed"
outer=$(sed -n 's/^outer //p' "$T/ownsdk.out")
grep -q "^span GET [0-9a-f]* parent=$outer .*/in-outer\$" "$T/ownsdk.out" || { cat "$T/ownsdk.out"; fail "own provider: http.Get inside the manual span is not its child"; }
grep -q "^span GET [0-9a-f]* parent=$outer .*/in-goroutine\$" "$T/ownsdk.out" || { cat "$T/ownsdk.out"; fail "own provider: the goroutine's http.Get is not the manual span's child"; }
grep -q "^span GET [0-9a-f]* parent=0000000000000000 .*/after\$" "$T/ownsdk.out" || { cat "$T/ownsdk.out"; fail "own provider: after the manual span ended, http.Get still has a parent"; }
ok "own tracer provider: manual span current for context-less calls and goroutines, not after its end"

# A downloaded toolchain: runtime beneath GOMODCACHE goes through the wrapper.
export GOTOOLCHAIN=go1.25.7
[ "$(go env GOVERSION)" = go1.25.7 ] || fail "GOTOOLCHAIN=go1.25.7 did not select go1.25.7"
"$OTEL_BIN" go build -tags libsqlite3 -o "$T/app-125" . 2>"$T/build-125.log" || { tail -30 "$T/build-125.log"; fail "go1.25.7 build failed"; }
run "$T/app-125"
check_tree "go1.25.7 (downloaded, runtime through the wrapper)"
unset GOTOOLCHAIN
echo "t_gls: $pass_count checks passed"
