#!/usr/bin/env bash
# Real traces (issue 3): the demo service built with `otel go build` (no
# --rules: the built-in rules of instrumentation/libs) sends its spans over
# OTLP/HTTP to tools/otlp-sink on loopback; the spans are checked with jq.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/traces; mkdir -p "$T"
command -v jq >/dev/null || fail "jq is needed"

# -- the receiver -------------------------------------------------------------
start_sink "$T"
export OTEL_EXPORTER_OTLP_ENDPOINT="http://$SINK_ADDR"
export OTEL_SERVICE_NAME=e2e-demo
# A long batch delay: spans reach the sink only through otel's flush at exit.
export OTEL_BSP_SCHEDULE_DELAY=600000
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS OTEL_TRACES_EXPORTER

# -- the program ----------------------------------------------------------------
D=$T/demo-src; rm -rf "$D"; cp -R "$ROOT/examples/demo" "$D"; rm -rf "$D/.otel-build"
(cd "$D" && "$OTEL_BIN" go build -tags libsqlite3 -o "$T/demo-bin" .) 2>"$T/build.log" || { cat "$T/build.log"; fail "otel go build of the demo failed"; }
ok "demo built with otel go build (built-in rules)"

# run ARGS...: empty the span file, run the demo, keep stdout/stderr.
run() { : > "$S"; "$T/demo-bin" -db "$T/demo.db" "$@" >"$T/out" 2>"$T/err"; }
# q FILTER: jq over all spans as one array.
q() { jq -s -r "$@" "$S"; }
# one NAME: the single span called NAME (fails unless exactly one).
one() {
  local n; n=$(q --arg n "$1" '[.[] | select(.name == $n)] | length')
  [ "$n" = 1 ] || { q -c '.[] | [.name, .kind, .parent_span_id]' >&2; fail "expected one span '$1', got $n"; }
  q -c --arg n "$1" '.[] | select(.name == $n)'
}
# attr JSON KEY: an attribute of a span (raw).
attr() { jq -r --arg k "$2" '.attributes[$k] // "<absent>"' <<<"$1"; }
field() { jq -r ".$2" <<<"$1"; }
expect_attr() { # SPAN KEY WANT
  local got; got=$(attr "$1" "$2")
  [ "$got" = "$3" ] || fail "$(field "$1" name): $2 = '$got', want '$3'"
}

# -- one trace: client -> server -> database --------------------------------
run -get /users/1 || { cat "$T/err"; fail "demo failed"; }
grep -q '200 OK {"id":1,"name":"ada"}' "$T/out" || fail "demo output changed: $(cat "$T/out")"
PORT=$(sed -nE 's|^GET http://127.0.0.1:([0-9]+)/users/1:.*|\1|p' "$T/out")
CLIENT=$(q -c '.[] | select(.kind == "CLIENT" and .name == "GET")')
SERVER=$(one "GET /users/{id}")
DB=$(one "SELECT users")
[ "$(field "$CLIENT" trace_id)" = "$(field "$SERVER" trace_id)" ] && [ "$(field "$SERVER" trace_id)" = "$(field "$DB" trace_id)" ] \
  || fail "client, server and db spans are not one trace"
[ "$(field "$SERVER" parent_span_id)" = "$(field "$CLIENT" span_id)" ] || fail "server span's parent is not the client span"
[ "$(field "$DB" parent_span_id)" = "$(field "$SERVER" span_id)" ] || fail "db span's parent is not the server span"
[ "$(field "$CLIENT" parent_span_id)" = "" ] || fail "client span has a parent"
[ "$(field "$SERVER" kind)" = SERVER ] && [ "$(field "$DB" kind)" = CLIENT ] || fail "kinds"
ok "one trace: GET [CLIENT] -> GET /users/{id} [SERVER] -> SELECT users [CLIENT]"

for kv in "http.request.method=GET" "url.path=/users/1" "url.scheme=http" "http.route=/users/{id}" \
          "server.address=127.0.0.1" "server.port=$PORT" "network.protocol.version=1.1" \
          "user_agent.original=Go-http-client/1.1" "client.address=127.0.0.1" "http.response.status_code=200"; do
  expect_attr "$SERVER" "${kv%%=*}" "${kv#*=}"
done
for kv in "http.request.method=GET" "url.full=http://127.0.0.1:$PORT/users/1" "server.address=127.0.0.1" \
          "server.port=$PORT" "http.response.status_code=200"; do
  expect_attr "$CLIENT" "${kv%%=*}" "${kv#*=}"
done
for kv in "db.system.name=sqlite" "db.query.text=SELECT id, name FROM users WHERE id = ?" \
          "db.operation.name=SELECT" "db.collection.name=users" "db.namespace=$T/demo.db"; do
  expect_attr "$DB" "${kv%%=*}" "${kv#*=}"
done
[ "$(field "$SERVER" status_code)$(field "$CLIENT" status_code)$(field "$DB" status_code)" = UNSETUNSETUNSET ] || fail "error status on a good request"
ok "HTTP server, HTTP client and database attributes follow the semantic conventions"
[ "$(q '[.[] | select(.service_name != "e2e-demo")] | length')" = 0 ] || fail "service.name is not OTEL_SERVICE_NAME"
ok "service.name = e2e-demo on all $(q length) spans"
# The demo's setup transaction: BEGIN, CREATE, INSERTs, COMMIT, and no span
# for its deferred Rollback after Commit.
one COMMIT >/dev/null
[ "$(q '[.[] | select(.name == "ROLLBACK")] | length')" = 0 ] || fail "span for Rollback after Commit"
ok "transaction spans: BEGIN $(q '[.[] | select(.name == "INSERT users")] | length')xINSERT COMMIT, none for the deferred Rollback"

# -- error statuses ---------------------------------------------------------------
run -get /fail,/broken -refused || { cat "$T/err"; fail "demo failed"; }
FAIL=$(one "GET /fail")
[ "$(field "$FAIL" status_code)" = ERROR ] || fail "500 handler: server span status $(field "$FAIL" status_code)"
expect_attr "$FAIL" http.response.status_code 500
expect_attr "$FAIL" error.type 500
FAILC=$(q -c --arg id "$(field "$FAIL" parent_span_id)" '.[] | select(.span_id == $id)')
[ "$(field "$FAILC" status_code)" = ERROR ] || fail "500: client span not an error"
ok "500 handler: server and client spans have error status"
BROKEN=$(one "DELETE no_such_table")
[ "$(field "$BROKEN" status_code)" = ERROR ] || fail "failing query: status $(field "$BROKEN" status_code)"
field "$BROKEN" status_message | grep -q "no such table" || fail "failing query: message $(field "$BROKEN" status_message)"
expect_attr "$BROKEN" error.type sqlite3.Error
ok "failing query: db span error status '$(field "$BROKEN" status_message)'"
REFUSED=$(q -c '.[] | select(.kind == "CLIENT" and .name == "GET" and .status_code == "ERROR" and (.attributes["http.response.status_code"] == null))')
[ -n "$REFUSED" ] || fail "refused connection: no client span with error status"
expect_attr "$REFUSED" error.type '*net.OpError'
field "$REFUSED" status_message | grep -q "connection refused" || fail "refused: message $(field "$REFUSED" status_message)"
ok "refused connection: client span error.type=*net.OpError"

# -- switches ---------------------------------------------------------------------
run -get /users/1 >/dev/null
cp "$T/out" "$T/out.on"
OTEL_SDK_DISABLED=true run -get /users/1
[ ! -s "$S" ] || fail "OTEL_SDK_DISABLED=true: $(q length) spans"
sed -E 's/127.0.0.1:[0-9]+/ADDR/' "$T/out" > "$T/a"; sed -E 's/127.0.0.1:[0-9]+/ADDR/' "$T/out.on" > "$T/b"
cmp -s "$T/a" "$T/b" || fail "output differs with the SDK disabled"
ok "OTEL_SDK_DISABLED=true: no spans, same output"
OTEL_GO_DISABLED_INSTRUMENTATIONS=databasesql run -get /users/1
[ "$(q '[.[] | select(.attributes["db.system.name"] != null)] | length')" = 0 ] || fail "db spans with databasesql disabled"
one "GET /users/{id}" >/dev/null
ok "OTEL_GO_DISABLED_INSTRUMENTATIONS=databasesql: HTTP spans only"
OTEL_GO_ENABLED_INSTRUMENTATIONS=databasesql run -get /users/1
[ "$(q '[.[] | select(.attributes["http.request.method"] != null)] | length')" = 0 ] || fail "http spans with only databasesql enabled"
[ "$(q '[.[] | select(.name == "SELECT users") | select(.parent_span_id == "")] | length')" = 1 ] || fail "db span missing (or has a parent)"
ok "OTEL_GO_ENABLED_INSTRUMENTATIONS=databasesql: database spans only, and they are still flushed"

# -- flush at exit --------------------------------------------------------------
run -get /users/1 -exit
one "GET /users/{id}" >/dev/null
ok "spans flushed when the program calls os.Exit(0) ($(q length) spans)"
: > "$S"
"$T/demo-bin" -db "$T/demo.db" -get /users/1 -wait >"$T/out" 2>"$T/err" &
PID=$!
for _ in $(seq 100); do grep -q waiting "$T/out" && break; sleep 0.1; done
kill -TERM $PID; st=0; wait $PID || st=$?
[ "$st" = 143 ] || fail "SIGTERM: exit status $st, want 143 (killed by SIGTERM)"
one "GET /users/{id}" >/dev/null
ok "SIGTERM: spans flushed, then the process died of the signal (status 143)"

# -- the exporter's own requests ----------------------------------------------------
# With a short batch delay the exporter sends while the program runs; a span
# for such a request would be exported by the next batch.
: > "$S"
OTEL_BSP_SCHEDULE_DELAY=50 "$T/demo-bin" -db "$T/demo.db" -get /users/1 -wait >"$T/out" 2>"$T/err" &
PID=$!
for _ in $(seq 100); do grep -q waiting "$T/out" && break; sleep 0.1; done
for _ in $(seq 50); do [ -s "$S" ] && break; sleep 0.1; done
sleep 0.5
kill -TERM $PID; wait $PID || true
[ "$(q '[.[] | select(.name == "GET /users/{id}")] | length')" = 1 ] || fail "no batch export while running"
[ "$(q '[.[] | select(((.attributes["url.full"] // "") + (.attributes["url.path"] // "")) | test("/v1/traces"))] | length')" = 0 ] \
  || fail "spans for the exporter's own requests"
ok "no spans for the exporter's traffic (batches exported while running)"

# -- collector down -------------------------------------------------------------
: > "$S"
st=0; OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:1 run -get /users/1,/users/2 || st=$?
[ "$st" = 0 ] || fail "collector down: exit status $st"
grep -q '200 OK' "$T/out" || fail "collector down: program did not run on"
n=$(grep -c '^otel: ' "$T/err" || true)
[ "$n" -le 1 ] || fail "collector down: $n warnings: $(cat "$T/err")"
ok "collector unreachable: program runs on, $n warning line(s)"

# -- the program's own tests, built with otel -------------------------------------
(cd "$D" && OTEL_TRACES_EXPORTER=none "$OTEL_BIN" go test -tags libsqlite3 -count=1 . >"$T/test.log" 2>&1) || { cat "$T/test.log"; fail "demo tests fail under otel go test"; }
ok "examples/demo tests pass under otel go test"
