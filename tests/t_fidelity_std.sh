#!/usr/bin/env bash
# Tracing on, programs behave exactly as before (DESIGN.md §9): the standard
# library's own tests of net/http, net/http/httptest, net/http/httputil and
# database/sql (read from $(go env GOROOT)/src), run with `go test -short`
# three times: plain, built with otel and OTEL_SDK_DISABLED=true, and built
# with otel with tracing on (OTLP exporter sending to tools/otlp-sink on
# loopback). All three must pass; -timeout and an outer timeout turn a hang
# into a failure. With tracing on, only the tests listed in
# tests/fidelity/std_skip.txt are skipped (they assert the exact bytes or
# header set of a request on the wire, where traceparent now is); each of
# them is run once more to show it still exists and really fails, so the
# list cannot grow stale.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/fidelity; mkdir -p "$T"
PKGS=(net/http net/http/httptest net/http/httputil database/sql)
GOROOT_SRC=$(go env GOROOT)/src
W=$T/work   # otel's work directory, outside GOROOT
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS OTEL_TRACES_EXPORTER

# The skip list: names (first word of each non-comment line) as one regexp.
LIST=$ROOT/tests/fidelity/std_skip.txt
mapfile -t SKIPPED < <(sed -e 's/#.*//' "$LIST" | awk 'NF { print $1 }')
[ "${#SKIPPED[@]}" -gt 0 ] || fail "no names in $LIST"
for n in "${SKIPPED[@]}"; do
  [[ $n =~ ^(Test|Example)[A-Za-z0-9_]*$ ]] || fail "$LIST: '$n' is not a top-level test or example name"
  grep -qs "^func $n(" "$GOROOT_SRC"/net/http/*_test.go "$GOROOT_SRC"/net/http/httptest/*_test.go \
    "$GOROOT_SRC"/net/http/httputil/*_test.go "$GOROOT_SRC"/database/sql/*_test.go \
    || fail "$LIST: $n is not a test of ${PKGS[*]} in this Go"
  awk -v n="$n" '$1 == n && NF < 2 { bad = 1 } END { exit bad }' "$LIST" || fail "$LIST: $n has no reason"
done
SKIP="^($(IFS='|'; echo "${SKIPPED[*]}"))\$"

# gotest LOG CMD...: run a go test command under a hard timeout, keep its output.
gotest() {
  local log=$1; shift
  (cd "$GOROOT_SRC" && timeout 900 "$@" -short -count=1 -timeout 6m "${PKGS[@]}") >"$log" 2>&1
}
# passed LOG WHAT: every package printed ok.
passed() {
  local n; n=$(grep -cE '^ok[[:space:]]' "$1" || true)
  [ "$n" = "${#PKGS[@]}" ] || { grep -vE '^ok[[:space:]]' "$1" | tail -60; fail "$2: $n of ${#PKGS[@]} packages passed"; }
}

gotest "$T/plain.log" go test || true
passed "$T/plain.log" "plain go test"
ok "plain go test -short: ${PKGS[*]}"

OTEL_SDK_DISABLED=true gotest "$T/disabled.log" "$OTEL_BIN" --work-dir "$W" go test || true
passed "$T/disabled.log" "otel go test, OTEL_SDK_DISABLED=true"
grep -q 'otel_nethttp.go' "$W"/setups/*/overlay.json || fail "net/http was not instrumented (no added file in the overlay)"
ok "otel go test -short with OTEL_SDK_DISABLED=true: same packages pass"

# -- tracing on: OTLP to a loopback receiver --------------------------------------
start_sink "$T"
export OTEL_EXPORTER_OTLP_ENDPOINT="http://$SINK_ADDR"

gotest "$T/on.log" "$OTEL_BIN" --work-dir "$W" go test -skip "$SKIP" || true
passed "$T/on.log" "otel go test with tracing on"
nserver=$(grep -c '"kind":"SERVER"' "$S" || true)
nclient=$(grep -c '"kind":"CLIENT"' "$S" || true)
[ "$nserver" -gt 100 ] && [ "$nclient" -gt 100 ] || fail "tracing on, but the receiver got $nserver server and $nclient client spans"
ok "otel go test -short with tracing on: all pass but the ${#SKIPPED[@]} listed tests ($nserver server, $nclient client spans exported)"

# The listed tests must still fail with tracing on: a test that passes
# has no business in the list.
(cd "$GOROOT_SRC" && timeout 600 "$OTEL_BIN" --work-dir "$W" go test -short -count=1 -timeout 3m -v \
  -run "$SKIP" "${PKGS[@]}") >"$T/listed.log" 2>&1 || true
for n in "${SKIPPED[@]}"; do
  grep -qE "^--- FAIL: $n( |\$)" "$T/listed.log" || { tail -40 "$T/listed.log"; fail "$n is in $LIST but does not fail with tracing on"; }
done
ok "each of the ${#SKIPPED[@]} listed tests fails with tracing on (the list is not stale)"
