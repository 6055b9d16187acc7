#!/usr/bin/env bash
# examples/services (issue 10, "One trace across all of it"): the example,
# which has no OpenTelemetry code, built with `otel go build`, runs against
# a real redis-server and a real PostgreSQL started here (free loopback
# ports, stopped by the trap) and the in-process Kafka broker it starts
# itself, and sends its spans to tools/otlp-sink. Its client mode (-once)
# makes one http.Get. Checked: ONE trace holds exactly
#   HTTP CLIENT GET -> HTTP SERVER "GET /orders/{id}" (chi) -> gRPC CLIENT
#   shop.Orders/Get -> gRPC SERVER shop.Orders/Get -> {redis CLIENT GET,
#   db CLIENT SELECT orders, kafka PRODUCER send order-lookups}, and kafka
#   CONSUMER receive order-lookups whose parent is the PRODUCER span,
# each span's parent, kind and name; and the consumer's slog line (written
# after ReadMessage returned) carries trace_id = the trace and span_id = the
# CONSUMER span (the kafka hooks keep the consumed message's span current
# on the reading goroutine: instrumentation/libs/kafka/README.md).
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/examples-services; rm -rf "$T"; mkdir -p "$T"
command -v jq >/dev/null || fail "jq is needed"
REDIS_SERVER=${REDIS_SERVER:-/usr/bin/redis-server}
PGBIN=/usr/lib/postgresql/15/bin
[ -x "$REDIS_SERVER" ] || fail "redis-server is not installed ($REDIS_SERVER; scripts/install-deps.sh installs it)"
for b in "$PGBIN/initdb" "$PGBIN/postgres" "$PGBIN/pg_isready"; do
  [ -x "$b" ] || fail "no $b: PostgreSQL cannot be started here (scripts/install-deps.sh installs postgresql)"
done

# -- the receiver, the servers, and a cleanup that always stops them ------------
start_sink "$T"
D=$(mktemp -d /tmp/otel-services.XXXXXX) # outside TMPROOT: PostgreSQL may run as nobody
REDIS_PID= PG_PID=
cleanup() {
  stop_pid "$REDIS_PID"; stop_pid "$PG_PID"
  rm -rf "$D"
  kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP # so that cleanup runs then too

RPORT=$(free_port)
"$REDIS_SERVER" --port "$RPORT" --bind 127.0.0.1 --dir "$T" --save '' --appendonly no \
  --daemonize no --logfile "$T/redis.log" &
REDIS_PID=$!

# PostgreSQL refuses to run as root: then it runs as nobody.
server_user "$D"
PGPORT=$(free_port)
"${AS[@]}" "$PGBIN/initdb" -D "$D/pg" -U postgres -A trust --no-sync >"$T/initdb.log" 2>&1 \
  || { cat "$T/initdb.log"; fail "initdb failed: PostgreSQL cannot be started here"; }
"${AS[@]}" "$PGBIN/postgres" -D "$D/pg" -k "$D" -p "$PGPORT" -c listen_addresses=127.0.0.1 -c fsync=off \
  >"$T/postgres.log" 2>&1 &
PG_PID=$!

wait_redis "$RPORT" "$T/redis.log"
wait_postgres "$PGBIN" "$PGPORT" "$PG_PID" "$T/postgres.log"
ok "redis-server on 127.0.0.1:$RPORT, PostgreSQL on 127.0.0.1:$PGPORT"

# -- build the example (a copy: otel go build writes .otel-build next to go.mod)
W=$T/services; cp -R "$ROOT/examples/services" "$W"; rm -rf "$W/.otel-build"
if grep -rl 'go.opentelemetry.io\|otelgo.dev' "$W"/*.go "$W/go.mod"; then fail "the example has OpenTelemetry code or requirements"; fi
export GOFLAGS=-mod=mod
(cd "$W" && "$OTEL_BIN" go build -o "$T/services.bin" .) >"$T/build.log" 2>&1 || { tail -30 "$T/build.log"; fail "otel go build of examples/services failed"; }
ok "examples/services (no OpenTelemetry code) built with otel go build"

# -- one request ---------------------------------------------------------------
export OTEL_EXPORTER_OTLP_ENDPOINT="http://$SINK_ADDR" OTEL_SERVICE_NAME=services
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS OTEL_TRACES_EXPORTER
HPORT=$(free_port)
"$T/services.bin" -http "127.0.0.1:$HPORT" -redis "127.0.0.1:$RPORT" \
  -postgres "postgres://postgres@127.0.0.1:$PGPORT/postgres?sslmode=disable" -once /orders/42 \
  >"$T/out" 2>"$T/err" || { cat "$T/out" "$T/err"; fail "the example failed"; }
grep -qx "GET http://127.0.0.1:$HPORT/orders/42: 200 OK order 42: teapot, shipped" "$T/out" \
  || fail "unexpected answer: $(cat "$T/out" "$T/err")"
ok "GET /orders/42 answered 'order 42: teapot, shipped'"

# -- the trace -------------------------------------------------------------------
q() { jq -s -r "$@" "$S"; }
dump() { q -c '.[] | [.trace_id, .span_id, .parent_span_id, .kind, .name]' >&2; }
clients=$(q -c '[.[] | select(.kind == "CLIENT" and .attributes["http.request.method"] == "GET")]')
[ "$(jq length <<<"$clients")" = 1 ] || { dump; fail "want one HTTP CLIENT span, got $(jq length <<<"$clients")"; }
TID=$(jq -r '.[0].trace_id' <<<"$clients")
[ "$(jq -r '.[0].parent_span_id' <<<"$clients")" = "" ] || { dump; fail "the HTTP CLIENT span is not the root of its trace"; }

# span KIND NAME PARENT_ID: the span id of the one span of the trace with
# that kind, name and parent (fails unless exactly one).
span() {
  local ids; ids=$(q -r --arg t "$TID" --arg k "$1" --arg n "$2" --arg p "$3" \
    '[.[] | select(.trace_id == $t and .kind == $k and .name == $n and .parent_span_id == $p) | .span_id] | join(" ")')
  [ -n "$ids" ] && [ "${ids// /}" = "$ids" ] || { dump; fail "want one $1 span '$2' with parent '$3' in trace $TID, got '$ids'"; }
  echo "$ids"
}
client=$(span CLIENT GET "")
server=$(span SERVER "GET /orders/{id}" "$client")
gclient=$(span CLIENT shop.Orders/Get "$server")
gserver=$(span SERVER shop.Orders/Get "$gclient")
redis=$(span CLIENT GET "$gserver")
db=$(span CLIENT "SELECT orders" "$gserver")
producer=$(span PRODUCER "send order-lookups" "$gserver")
consumer=$(span CONSUMER "receive order-lookups" "$producer")
n=$(q --arg t "$TID" '[.[] | select(.trace_id == $t)] | length')
[ "$n" = 8 ] || { dump; fail "trace $TID has $n spans, want exactly these 8"; }
q -e --arg r "$redis" '.[] | select(.span_id == $r) | .attributes["db.system.name"] == "redis"' >/dev/null \
  || fail "the CLIENT GET under the gRPC server is not the redis span"
q -e --arg d "$db" '.[] | select(.span_id == $d) | .attributes["db.system.name"] == "postgresql"' >/dev/null \
  || fail "the CLIENT 'SELECT orders' is not a PostgreSQL span"
ok "one trace of 8 spans: HTTP CLIENT -> SERVER 'GET /orders/{id}' -> gRPC CLIENT -> SERVER -> {redis GET, db SELECT orders, kafka send} -> CONSUMER receive (parent = PRODUCER)"

# -- the consumer's log line -----------------------------------------------------
line=$(grep ' INFO order looked up ' "$T/err") || fail "no consumer log line: $(cat "$T/err")"
grep -qE "( |^)trace_id=$TID( |$)" <<<"$line" || fail "the consumer's log line lacks trace_id=$TID: $line"
grep -qE "( |^)span_id=$consumer( |$)" <<<"$line" || fail "the consumer's log line lacks span_id=$consumer (the CONSUMER span): $line"
ok "the consumer's slog line carries trace_id of the trace and span_id of the CONSUMER span"
