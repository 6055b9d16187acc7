#!/usr/bin/env bash
# gRPC (issue 10): tests/fixtures/lib-grpc/app, a real gRPC server and
# client on loopback in one program, built with `otel go build` (built-in
# rules) at the oldest and the newest google.golang.org/grpc the rules claim
# (v1.60.0 and v1.85.0, pinned in tests/fixtures/lib-grpc/<version>/); its
# spans go over OTLP to tools/otlp-sink and are checked with jq: kinds,
# names, the server span's parent, attributes (semconv v1.39.0), statuses
# per code and side, a streaming call; no span with
# OTEL_GO_DISABLED_INSTRUMENTATIONS=grpc; a build without gRPC does not get
# the grpc module in its alternate go.mod.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/libgrpc; rm -rf "$T"; mkdir -p "$T"
F=$ROOT/tests/fixtures/lib-grpc
command -v jq >/dev/null || fail "jq is needed"
export GOFLAGS=-mod=mod

start_sink "$T"
export OTEL_EXPORTER_OTLP_ENDPOINT="http://$SINK_ADDR" OTEL_SERVICE_NAME=lib-grpc
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS OTEL_TRACES_EXPORTER

SCOPE=otelgo.dev/instrumentation/libs/grpc
q() { jq -s -r "$@" "$S"; }
# span KIND NAME CODE: the single span of that kind, name and
# rpc.response.status_code (fails unless exactly one).
span() {
  local sel='.[] | select(.kind == $k and .name == $n and .attributes["rpc.response.status_code"] == $c)' n
  n=$(q --arg k "$1" --arg n "$2" --arg c "$3" "[$sel] | length")
  [ "$n" = 1 ] || { q -c '.[] | [.name, .kind, .scope, .attributes["rpc.response.status_code"]]' >&2; fail "$V: expected one $1 span '$2' with code $3, got $n"; }
  q -c --arg k "$1" --arg n "$2" --arg c "$3" "$sel"
}
field() { jq -r ".$2 // \"\"" <<<"$1"; }
attr() { jq -r --arg k "$2" '.attributes[$k] // "<absent>"' <<<"$1"; }
expect() { # SPAN KEY=WANT...
  local sp=$1 kv got; shift
  for kv in "$@"; do
    got=$(attr "$sp" "${kv%%=*}")
    [ "$got" = "${kv#*=}" ] || fail "$V: $(field "$sp" kind) $(field "$sp" name): ${kv%%=*} = '$got', want '${kv#*=}'"
  done
}
# pair METHOD CODE: the CLIENT and SERVER spans of one call, checked to be
# one trace with the server's parent the client span; sets C and SV.
pair() {
  C=$(span CLIENT "$1" "$2"); SV=$(span SERVER "$1" "$2")
  [ "$(field "$SV" trace_id)" = "$(field "$C" trace_id)" ] || fail "$V: $1: client and server spans are not one trace"
  [ "$(field "$SV" parent_span_id)" = "$(field "$C" span_id)" ] || fail "$V: $1: the server span's parent is not the client span"
  [ -z "$(field "$C" parent_span_id)" ] || fail "$V: $1: the client span has a parent"
  [ "$(field "$C" scope)" = $SCOPE ] && [ "$(field "$SV" scope)" = $SCOPE ] || fail "$V: $1: scope is not $SCOPE"
}

for V in v1.60.0 v1.85.0; do
  A=$T/app-$V; mkdir -p "$A"; cp "$F/app/main.go" "$F/$V/go.mod" "$F/$V/go.sum" "$A/"
  (cd "$A" && "$OTEL_BIN" go build -o "$T/bin-$V" .) >"$T/build-$V.log" 2>&1 || { tail -30 "$T/build-$V.log"; fail "$V: otel go build failed"; }
  got=$(go version -m "$T/bin-$V" | awk '$1 == "dep" && $2 == "google.golang.org/grpc" {print $3}')
  [ "$got" = "$V" ] || fail "$V: the binary is built with grpc '$got'"
  grep -q 'otelmark' <(go version -m "$T/bin-$V") || fail "$V: grpc was not instrumented (no -otelmark in the build info)"
  : > "$S"
  "$T/bin-$V" > "$T/out-$V" 2>"$T/err-$V" || { cat "$T/err-$V"; fail "$V: the program failed"; }
  for l in "check: SERVING" "check nope: NotFound" "fail: Internal" "missing: Unimplemented" "bare missing: Unimplemented" "watch: SERVING" "watch after cancel: Canceled"; do
    grep -qx "$l" "$T/out-$V" || fail "$V: program output lacks '$l': $(cat "$T/out-$V")"
  done
  PORT=$(sed -n 's/^port //p' "$T/out-$V")
  n=$(q --arg s $SCOPE '[.[] | select(.scope == $s)] | length')
  [ "$n" = 12 ] || { q -c '.[] | [.name, .kind]' >&2; fail "$V: $n grpc spans, want 12 (client and server for 6 calls)"; }

  # -- unary OK --------------------------------------------------------------
  pair grpc.health.v1.Health/Check OK
  expect "$C" rpc.system.name=grpc rpc.method=grpc.health.v1.Health/Check rpc.response.status_code=OK \
    server.address=127.0.0.1 server.port="$PORT" network.peer.address=127.0.0.1 network.peer.port="$PORT" error.type="<absent>"
  expect "$SV" rpc.system.name=grpc rpc.method=grpc.health.v1.Health/Check rpc.response.status_code=OK \
    server.address=127.0.0.1 server.port="$PORT" network.peer.address=127.0.0.1 error.type="<absent>"
  [ "$(attr "$SV" network.peer.port)" != "$PORT" ] && [ "$(attr "$SV" network.peer.port)" != "<absent>" ] \
    || fail "$V: server span network.peer.port is '$(attr "$SV" network.peer.port)', want the client's port"
  [ "$(field "$C" status_code)$(field "$SV" status_code)" = UNSETUNSET ] || fail "$V: unary OK: status not unset"
  ok "$V: unary OK: CLIENT and SERVER 'grpc.health.v1.Health/Check', one trace, server's parent = client span, attributes"

  # -- a code the server refuses: error on the client only ---------------------
  pair grpc.health.v1.Health/Check NOT_FOUND
  [ "$(field "$C" status_code)" = ERROR ] && [ "$(attr "$C" error.type)" = NOT_FOUND ] \
    || fail "$V: NOT_FOUND client span: status $(field "$C" status_code), error.type $(attr "$C" error.type)"
  [ "$(field "$SV" status_code)" = UNSET ] && [ "$(attr "$SV" error.type)" = "<absent>" ] \
    || fail "$V: NOT_FOUND server span: status $(field "$SV" status_code), error.type $(attr "$SV" error.type) (not a server error)"
  ok "$V: NOT_FOUND: client span ERROR with error.type NOT_FOUND; server span unset (the conventions' server error codes)"

  # -- a code that is a server failure: error on both --------------------------
  pair otel.test.Fail/Internal INTERNAL
  for sp in "$C" "$SV"; do
    expect "$sp" rpc.method=otel.test.Fail/Internal rpc.response.status_code=INTERNAL error.type=INTERNAL
    [ "$(field "$sp" status_code)" = ERROR ] && [ "$(field "$sp" status_message)" = boom ] \
      || fail "$V: INTERNAL $(field "$sp" kind) span: status $(field "$sp" status_code) '$(field "$sp" status_message)'"
  done
  ok "$V: INTERNAL (hand-written service): both spans ERROR 'boom', error.type INTERNAL"

  # -- a method the server does not have: _OTHER on the server ----------------
  # served by an UnknownServiceHandler, and refused by gRPC itself (which
  # reports no end of the call to stats handlers).
  for m in Missing Bare; do
    C=$(span CLIENT otel.test.Nope/$m UNIMPLEMENTED)
    SV=$(q -c --arg m otel.test.Nope/$m '.[] | select(.kind == "SERVER" and .attributes["rpc.method_original"] == $m)')
    [ -n "$SV" ] || fail "$V: no SERVER span with rpc.method_original otel.test.Nope/$m"
    [ "$(field "$SV" parent_span_id)" = "$(field "$C" span_id)" ] || fail "$V: _OTHER ($m): server's parent is not the client span"
    expect "$C" rpc.method=otel.test.Nope/$m error.type=UNIMPLEMENTED
    expect "$SV" rpc.method=_OTHER rpc.response.status_code=UNIMPLEMENTED error.type=UNIMPLEMENTED
    [ "$(field "$SV" name)" = _OTHER ] || fail "$V: _OTHER ($m): server span named $(field "$SV" name)"
    [ "$(field "$C" status_code)$(field "$SV" status_code)" = ERRORERROR ] || fail "$V: UNIMPLEMENTED ($m) statuses"
  done
  ok "$V: unregistered method, with and without UnknownServiceHandler: server span _OTHER with rpc.method_original; UNIMPLEMENTED is an error on both sides"

  # -- server streaming, cancelled by the client ---------------------------------
  pair grpc.health.v1.Health/Watch CANCELLED
  expect "$C" rpc.response.status_code=CANCELLED error.type=CANCELLED server.port="$PORT"
  expect "$SV" rpc.response.status_code=CANCELLED error.type="<absent>"
  [ "$(field "$C" status_code)$(field "$SV" status_code)" = ERRORUNSET ] || fail "$V: Watch statuses"
  ok "$V: server-streaming Watch: CLIENT and SERVER spans, one trace, CANCELLED (error on the client only)"

  # -- switched off ------------------------------------------------------------------
  : > "$S"
  OTEL_GO_DISABLED_INSTRUMENTATIONS=grpc "$T/bin-$V" > "$T/off-$V" 2>&1 || { cat "$T/off-$V"; fail "$V: the program failed with grpc disabled"; }
  grep -qx "fail: Internal" "$T/off-$V" || fail "$V: disabled: program output $(cat "$T/off-$V")"
  [ "$(q '[.[] | select(.attributes["rpc.system.name"] != null or .scope == "'$SCOPE'")] | length')" = 0 ] \
    || fail "$V: OTEL_GO_DISABLED_INSTRUMENTATIONS=grpc: grpc spans exported"
  ok "$V: OTEL_GO_DISABLED_INSTRUMENTATIONS=grpc: no grpc span"
done

# -- a build without gRPC (but with net/http) does not get the grpc module -----------------------------
P=$T/plain; mkdir -p "$P"
printf 'module example.com/nogrpc\n\ngo 1.24\n' > "$P/go.mod"
# net/http: instrumented by the libs module, so the build has an alternate go.mod.
printf 'package main\n\nimport "net/http"\n\nfunc main() { _, _ = http.Get("http://127.0.0.1:1/") }\n' > "$P/main.go"
(cd "$P" && "$OTEL_BIN" go build -o "$T/nogrpc" .) >"$T/nogrpc.log" 2>&1 || { cat "$T/nogrpc.log"; fail "otel go build without grpc failed"; }
mods=$(find "$P/.otel-build" -name go.mod)
[ -n "$mods" ] || fail "no alternate go.mod under $P/.otel-build"
grep -q 'otelgo.dev/instrumentation/libs ' $mods || fail "the net/http build's alternate go.mod lacks the libs module"
if grep -l 'libs/grpc\|google.golang.org/grpc' $mods; then fail "a build without gRPC got the grpc module in its alternate go.mod"; fi
grep -q 'libs/grpc' $(find "$T/app-v1.60.0/.otel-build" -name go.mod) || fail "the gRPC build's alternate go.mod lacks otelgo.dev/instrumentation/libs/grpc"
ok "the grpc module is in the alternate go.mod of gRPC builds only"
