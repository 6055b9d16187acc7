#!/usr/bin/env bash
# net/http built with otel and tracing on behaves as the plain build
# (DESIGN.md §9): tests/fixtures/fidelity's tests run with plain go test,
# with otel and OTEL_SDK_DISABLED=true, and with otel and tracing on (OTLP
# to tools/otlp-sink). Each run must pass on its own (the tests assert the
# plain behaviour: the handler's ResponseWriter is net/http's own, with
# CloseNotifier, StringWriter, Hijacker, ReaderFrom and ResponseController
# deadlines; multipart temp files removed; request trailers arrive;
# resp.Request is the caller's; the caller's header untouched), and the
# facts each run records must be the same.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/fidelity-http; mkdir -p "$T"
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS OTEL_TRACES_EXPORTER
fixture fidelity "$T/src"
cd "$T/src"

FIDELITY_OUT=$T/plain.facts timeout 300 go test -count=1 -timeout 2m . >"$T/plain.log" 2>&1 \
  || { cat "$T/plain.log"; fail "plain go test of the fidelity fixture"; }
ok "plain build: $(wc -l <"$T/plain.facts") facts"

OTEL_SDK_DISABLED=true FIDELITY_OUT=$T/disabled.facts timeout 300 "$OTEL_BIN" go test -count=1 -timeout 2m . >"$T/disabled.log" 2>&1 \
  || { cat "$T/disabled.log"; fail "otel go test, OTEL_SDK_DISABLED=true"; }
diff -u "$T/plain.facts" "$T/disabled.facts" || fail "OTEL_SDK_DISABLED=true: behaviour differs from the plain build"
ok "otel build, OTEL_SDK_DISABLED=true: same facts"

start_sink "$T"
OTEL_EXPORTER_OTLP_ENDPOINT="http://$SINK_ADDR" FIDELITY_TRACING=1 FIDELITY_OUT=$T/on.facts \
  timeout 300 "$OTEL_BIN" go test -count=1 -timeout 2m -v . >"$T/on.log" 2>&1 \
  || { cat "$T/on.log"; fail "otel go test with tracing on"; }
diff -u "$T/plain.facts" "$T/on.facts" || fail "tracing on: behaviour differs from the plain build"
grep -q '"kind":"SERVER"' "$S" && grep -q '"kind":"CLIENT"' "$S" || fail "tracing on, but no server and client spans reached the receiver"
ok "otel build, tracing on: same facts, and the server saw traceparent ($(grep -c '"kind":"SERVER"' "$S") server spans exported)"
