#!/usr/bin/env bash
# go-redis instrumentation (issue 10, instrumentation/libs/redis): a small
# program (tests/fixtures/lib-redis/app) built with `otel go build` at the
# oldest and the newest go-redis the rules claim (v9.0.0, v9.23.0) runs
# against a real redis-server started here on a free loopback port, and
# sends its spans to tools/otlp-sink. Checked: one CLIENT span per command,
# pipeline and transaction, their names, parents (the net/http server span
# inside the handler, none outside), the semconv attributes, no argument
# value in any span, redis.Nil not an error, an error reply an error; no
# span for go-redis's own connection set-up; db.client.operation.duration
# (issue 11) counted per operation and attribute set, plausible, without
# query text; with OTEL_METRICS_EXPORTER=none the same spans and no
# metrics; the switch OTEL_GO_DISABLED_INSTRUMENTATIONS=redis (no span, no
# metric); and a build that does not use go-redis does not get otel's
# redis module in its alternate go.mod.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/lib-redis; rm -rf "$T"; mkdir -p "$T"
F=$ROOT/tests/fixtures/lib-redis
command -v jq >/dev/null || fail "jq is needed"
REDIS_SERVER=${REDIS_SERVER:-/usr/bin/redis-server}
[ -x "$REDIS_SERVER" ] || fail "redis-server is not installed ($REDIS_SERVER; scripts/install-deps.sh installs it)"

# -- the receiver and the server ----------------------------------------------
start_sink "$T"
PORT=$(free_port)
mkdir -p "$T/redis"
"$REDIS_SERVER" --port "$PORT" --bind 127.0.0.1 --dir "$T/redis" --save '' --appendonly no \
  --daemonize no --logfile "$T/redis/log" &
REDIS_PID=$!
# start_sink's trap stops the sink; this one stops both.
trap 'stop_pid "$REDIS_PID"; kill $SINK_PID 2>/dev/null || true; wait $SINK_PID 2>/dev/null || true' EXIT
wait_redis "$PORT" "$T/redis/log"
ok "redis-server $("$REDIS_SERVER" --version | sed -E 's/.* v=([^ ]+).*/\1/') on 127.0.0.1:$PORT"

export OTEL_EXPORTER_OTLP_ENDPOINT="http://$SINK_ADDR" OTEL_SERVICE_NAME=lib-redis
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS OTEL_TRACES_EXPORTER
export GOFLAGS=-mod=mod

# q FILTER: jq over all spans as one array; qm the same over the metric points.
q() { jq -s -r "$@" "$S"; }
qm() { jq -s -r "$@" "$M"; }
now_ns() { date +%s%N; }
# run BIN ENV...: empty both sink files, run BIN against the server (env as
# given); WALL is its wall time in seconds.
run() {
  local bin=$1 t0; shift
  : > "$S"; : > "$M"; t0=$(now_ns)
  env "$@" "$bin" "127.0.0.1:$PORT" >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "$(basename "$bin"): the program failed ($*)"; }
  WALL=$(awk -v a="$t0" -v b="$(now_ns)" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
}
# spans_digest: how many spans, and the redis spans without ids and times,
# sorted (the net/http spans' ports change from run to run).
spans_digest() {
  jq -s -c '[length, ([.[] | select(.attributes["db.system.name"] == "redis")
    | {name, kind, scope, status_code, status_message, root: (.parent_span_id == ""), attributes}] | sort)]' "$S"
}

# check_metrics VERSION: db.client.operation.duration of one run (the
# commands run twice: in the handler and in main): a point per operation
# (and error), count 2 each; none for the connection's set-up.
check_metrics() {
  local v=$1 DBM=db.client.operation.duration
  local rows; rows=$(qm -r --arg n $DBM '[.[] | select(.name == $n) |
      [.scope, .attributes["db.system.name"], .attributes["db.operation.name"], .attributes["db.namespace"],
       .attributes["server.address"], (.attributes["server.port"] | tostring), (.attributes["error.type"] // "-"),
       (.attributes["db.response.status_code"] // "-"), (.count | tostring)] | join("|")] | sort | .[]')
  local want_rows; want_rows=$(sed "s/PORT/$PORT/" <<'ROWS'
otelgo.dev/instrumentation/libs/redis|redis|GET|3|127.0.0.1|PORT|-|-|2
otelgo.dev/instrumentation/libs/redis|redis|LPUSH|3|127.0.0.1|PORT|WRONGTYPE|WRONGTYPE|2
otelgo.dev/instrumentation/libs/redis|redis|MULTI|3|127.0.0.1|PORT|-|-|2
otelgo.dev/instrumentation/libs/redis|redis|PIPELINE GET|3|127.0.0.1|PORT|-|-|2
otelgo.dev/instrumentation/libs/redis|redis|PIPELINE|3|127.0.0.1|PORT|-|-|2
otelgo.dev/instrumentation/libs/redis|redis|SET|3|127.0.0.1|PORT|-|-|2
ROWS
)
  [ "$rows" = "$(sort <<<"$want_rows")" ] || { diff <(sort <<<"$want_rows") <(cat <<<"$rows") >&2 || true; fail "$v: $DBM points differ (want, got above)"; }
  [ "$(qm --arg n $DBM '[.[] | select(.name == $n) | .attributes | keys[] | select(test("query|batch"))] | length')" = 0 ] \
    || fail "$v: $DBM has query text or batch size attributes"
  local bad; bad=$(qm -c --argjson wall "$WALL" --arg n $DBM '.[] | select(.name == $n)
    | select(.type != "histogram" or .unit != "s" or .min <= 0 or .max < .min or .max >= $wall or .sum <= 0
             or .sum > .count * .max + 1e-9 or (.bucket_counts | add) != .count
             or .explicit_bounds != [0.001,0.005,0.01,0.05,0.1,0.5,1,5,10]) | {attributes, min, max, sum, count, unit}')
  [ -z "$bad" ] || fail "$v: implausible $DBM (wall ${WALL}s): $bad"
  if grep -q 's3cret-value' "$M"; then fail "$v: an argument value reached the exported metrics"; fi
}

# check_spans VERSION: the spans of one run of the program.
check_spans() {
  local v=$1
  local server; server=$(q -c '[.[] | select(.kind == "SERVER")]')
  [ "$(jq length <<<"$server")" = 1 ] || fail "$v: want one net/http server span, got $(jq length <<<"$server")"
  local sid; sid=$(jq -r '.[0].span_id' <<<"$server")
  local tid; tid=$(jq -r '.[0].trace_id' <<<"$server")
  # The redis spans: every span with db.system.name=redis.
  local want='GET LPUSH MULTI PIPELINE PIPELINE GET SET'
  for where in handler main; do
    local sel
    if [ $where = handler ]; then sel="select(.parent_span_id == \"$sid\" and .trace_id == \"$tid\")"; else sel='select(.parent_span_id == "")'; fi
    local names; names=$(q -r "[.[] | select(.attributes[\"db.system.name\"] == \"redis\") | $sel | .name] | sort | join(\" \")")
    [ "$names" = "$want" ] || fail "$v: redis spans in $where: '$names', want '$want'"
  done
  local all; all=$(q '[.[] | select(.attributes["db.system.name"] == "redis")] | length')
  [ "$all" = 12 ] || { q -c '.[] | [.name, .kind, .parent_span_id, .attributes["db.query.text"]]' >&2; fail "$v: $all redis spans, want 12 (no span for HELLO, SELECT or the set-up pipeline)"; }
  ok "$v: 6 redis spans under the server span, 6 roots; none for the connection's set-up (HELLO, SELECT)"

  [ "$(q '[.[] | select(.attributes["db.system.name"] == "redis" and .kind != "CLIENT")] | length')" = 0 ] || fail "$v: a redis span that is not CLIENT"
  # every span: server.address, server.port, db.namespace (DB 3), scope
  local bad; bad=$(q -c --arg p "$PORT" '[.[] | select(.attributes["db.system.name"] == "redis") |
      select(.attributes["server.address"] != "127.0.0.1" or (.attributes["server.port"] | tostring) != $p
             or .attributes["db.namespace"] != "3" or .attributes["db.operation.name"] != .name
             or .scope != "otelgo.dev/instrumentation/libs/redis") | .name]')
  [ "$bad" = '[]' ] || { q -c '.[] | select(.attributes["db.system.name"] == "redis")' >&2; fail "$v: spans with wrong common attributes: $bad"; }
  ok "$v: CLIENT, server.address=127.0.0.1, server.port=$PORT, db.namespace=3, db.operation.name = span name"

  # name -> query text, batch size, status (same in handler and main)
  local rows; rows=$(q -r '[.[] | select(.attributes["db.system.name"] == "redis") |
      [.name, .attributes["db.query.text"], (.attributes["db.operation.batch.size"] // "-" | tostring), .status_code,
       (.attributes["error.type"] // "-"), (.attributes["db.response.status_code"] // "-")] | join("|")] | unique | .[]')
  local want_rows
  want_rows=$(cat <<'ROWS'
GET|GET ?|-|UNSET|-|-
LPUSH|LPUSH ? ?|-|ERROR|WRONGTYPE|WRONGTYPE
MULTI|SET ? ?; INCR ?|2|UNSET|-|-
PIPELINE GET|GET ?|2|UNSET|-|-
PIPELINE|SET ? ?; GET ?; INCR ?|3|UNSET|-|-
SET|SET ? ?|-|UNSET|-|-
ROWS
)
  [ "$(sort <<<"$rows")" = "$(sort <<<"$want_rows")" ] || { diff <(sort <<<"$want_rows") <(sort <<<"$rows") >&2 || true; fail "$v: span attributes differ (want, got above)"; }
  ok "$v: db.query.text without values, batch sizes, redis.Nil (GET, PIPELINE) not an error, LPUSH WRONGTYPE an error"
  q -r '.[] | select(.name == "LPUSH") | .status_message' | grep -q '^WRONGTYPE ' || fail "$v: LPUSH status message: $(q -r '.[] | select(.name == "LPUSH") | .status_message')"
  ok "$v: the error reply is the status message"
  if grep -q 's3cret-value' "$S"; then fail "$v: an argument value reached the exported spans"; fi
  ok "$v: no argument value in any span"
}

# build_and_check VERSION: build the app at go-redis VERSION and check it.
build_and_check() {
  local v=$1 W=$T/app-$1
  mkdir -p "$W"; cp "$F/app/main.go" "$F/$v/go.mod" "$F/$v/go.sum" "$W/"
  (cd "$W" && "$OTEL_BIN" go build -o "$T/app-$v.bin" .) >"$T/build-$v.log" 2>&1 || { tail -30 "$T/build-$v.log"; fail "$v: otel go build failed"; }
  go version -m "$T/app-$v.bin" | awk '$1 == "dep" {print $2, $3}' | grep -qx "github.com/redis/go-redis/v9 $v" || fail "$v: the binary is not built with go-redis $v"
  ok "$v: built with otel go build (built-in rules)"

  run "$T/app-$v.bin"
  grep -qx 'handler: 200 ok' "$T/out" && grep -qx 'main: ok' "$T/out" || fail "$v: program output: $(cat "$T/out" "$T/err")"
  check_spans "$v"
  check_metrics "$v"
  ok "$v: db.client.operation.duration: count 2 per operation (SET, GET, LPUSH WRONGTYPE, PIPELINE, PIPELINE GET, MULTI), server and namespace, no query text; durations plausible (wall ${WALL}s)"

  if [ "$v" = v9.23.0 ]; then
    local want; want=$(spans_digest)
    run "$T/app-$v.bin" OTEL_METRICS_EXPORTER=none
    [ ! -s "$M" ] || fail "$v: OTEL_METRICS_EXPORTER=none: $(qm length) metric points"
    [ "$(spans_digest)" = "$want" ] || { diff <(jq . <<<"$want") <(spans_digest | jq .) >&2 || true; fail "$v: OTEL_METRICS_EXPORTER=none changed the spans"; }
    ok "$v: OTEL_METRICS_EXPORTER=none: no metric points, as many spans, the same redis spans (names, kinds, parents, statuses, attributes)"
  fi

  run "$T/app-$v.bin" OTEL_GO_DISABLED_INSTRUMENTATIONS=redis
  [ "$(q '[.[] | select(.attributes["db.system.name"] != null)] | length')" = 0 ] || fail "$v: redis spans with OTEL_GO_DISABLED_INSTRUMENTATIONS=redis"
  [ "$(q '[.[] | select(.kind == "SERVER")] | length')" = 1 ] || fail "$v: with redis disabled the net/http spans are gone too"
  [ "$(qm '[.[] | select(.name == "db.client.operation.duration" or .scope == "otelgo.dev/instrumentation/libs/redis")] | length')" = 0 ] \
    || fail "$v: redis metrics with OTEL_GO_DISABLED_INSTRUMENTATIONS=redis"
  [ "$(qm '[.[] | select(.name == "http.server.request.duration")] | length')" = 1 ] || fail "$v: with redis disabled the net/http metrics are gone too"
  ok "$v: OTEL_GO_DISABLED_INSTRUMENTATIONS=redis: no redis span or metric, the net/http spans and metrics still there"
}

build_and_check v9.0.0
grep -q '^require otelgo.dev/instrumentation/libs/redis v0.0.0$' "$T"/app-v9.0.0/.otel-build/setups/*/go.mod \
  || fail "the go-redis build's alternate go.mod lacks otel's redis module"
# xxhash is required by both the libs module and the redis module: one line, at the higher version.
[ "$(grep -c 'github.com/cespare/xxhash/v2 v2.3.0' "$T"/app-v9.0.0/.otel-build/setups/*/go.mod)" = 1 ] \
  && ! grep -q 'github.com/cespare/xxhash/v2 v2.2.0' "$T"/app-v9.0.0/.otel-build/setups/*/go.mod \
  || fail "xxhash, raised by two of otel's modules, is not required once at v2.3.0: $(grep xxhash "$T"/app-v9.0.0/.otel-build/setups/*/go.mod)"
ok "v9.0.0: the alternate go.mod requires otel's redis module; a requirement two of otel's modules raise is written once"
build_and_check v9.23.0

# -- a build without go-redis does not get the redis module -----------------------
N=$T/noredis; cp -R "$F/noredis" "$N"
(cd "$N" && "$OTEL_BIN" go build -o "$T/noredis.bin" .) >"$T/build-noredis.log" 2>&1 || { tail -20 "$T/build-noredis.log"; fail "otel go build without go-redis failed"; }
mods=$(cat "$N"/.otel-build/setups/*/go.mod)
grep -q 'otelgo.dev/instrumentation/libs ' <<<"$mods" || fail "the build without go-redis does not use the libs module (the check below would prove nothing)"
if grep -qE 'libs/redis|go-redis' <<<"$mods"; then fail "a build without go-redis got: $(grep -E 'libs/redis|go-redis' <<<"$mods")"; fi
if grep -q 'go-redis' "$N"/.otel-build/setups/*/go.sum; then fail "a build without go-redis got go-redis go.sum lines"; fi
ok "a build without go-redis: its alternate go.mod and go.sum have neither otel's redis module nor go-redis"
