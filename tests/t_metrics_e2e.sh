#!/usr/bin/env bash
# Metrics (issue 11): the demo service built with `otel go build` exports,
# over OTLP/HTTP to tools/otlp-sink, the HTTP server and client duration
# histograms, the active-requests counter, the database operation duration
# and the Go runtime metrics; checked with jq on the sink's data points.
# OTEL_METRIC_EXPORT_INTERVAL is 10 minutes: every point checked here got
# to the sink through the final collection at exit (return from main,
# os.Exit, SIGTERM).
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/metrics; mkdir -p "$T"
command -v jq >/dev/null || fail "jq is needed"

start_sink "$T"
export OTEL_EXPORTER_OTLP_ENDPOINT="http://$SINK_ADDR"
export OTEL_SERVICE_NAME=metrics-demo
export OTEL_METRIC_EXPORT_INTERVAL=600000 OTEL_BSP_SCHEDULE_DELAY=600000
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS \
  OTEL_TRACES_EXPORTER OTEL_METRICS_EXPORTER OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE

D=$T/demo-src; rm -rf "$D"; cp -R "$ROOT/examples/demo" "$D"; rm -rf "$D/.otel-build"
(cd "$D" && "$OTEL_BIN" go build -tags libsqlite3 -o "$T/demo-bin" .) 2>"$T/build.log" || { cat "$T/build.log"; fail "otel go build of the demo failed"; }
ok "demo built with otel go build"

# 4 requests to /users/{id} (3 found, 1 not), 2 to /users, 1 to /fail.
GETS=/users/1,/users/2,/users/3,/users/9,/users,/users,/fail
now_ns() { date +%s%N; }
# run ARGS...: empty both files, run the demo; WALL is its wall time (s).
run() {
  : > "$S"; : > "$M"
  local t0; t0=$(now_ns)
  "$T/demo-bin" -db "$T/demo.db" "$@" >"$T/out" 2>"$T/err" || return $?
  WALL=$(awk -v a="$t0" -v b="$(now_ns)" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
}
qm() { jq -s -r "$@" "$M"; }
# count NAME JQ-SELECT: the count of the single point of NAME matching the
# attribute filter (fails unless exactly one point matches).
count() {
  local pts; pts=$(qm -c --arg n "$1" "[.[] | select(.name == \$n) | select($2)]")
  [ "$(jq length <<<"$pts")" = 1 ] || { qm -c --arg n "$1" '.[] | select(.name == $n) | .attributes' >&2; fail "$1: want one point with $2, got $(jq length <<<"$pts")"; }
  jq -r '.[0].count' <<<"$pts"
}
expect_count() { # NAME FILTER WANT
  local got; got=$(count "$1" "$2")
  [ "$got" = "$3" ] || fail "$1 {$2}: count $got, want $3"
}

# -- return from main ------------------------------------------------------------
run -get "$GETS" || { cat "$T/err"; fail "demo failed"; }
[ -s "$M" ] || fail "no metrics after main returned: $(cat "$T/err")"
[ ! -s "$T/err" ] || fail "warnings: $(cat "$T/err")"
PORT=$(sed -nE 's|^GET http://127.0.0.1:([0-9]+)/users/1:.*|\1|p' "$T/out")
[ -n "$PORT" ] || fail "no port in the demo's output: $(cat "$T/out")"

SRV=http.server.request.duration
base='.attributes["http.request.method"] == "GET" and .attributes["url.scheme"] == "http" and .attributes["network.protocol.version"] == "1.1"'
expect_count $SRV "$base and .attributes[\"http.route\"] == \"/users/{id}\" and .attributes[\"http.response.status_code\"] == 200" 3
expect_count $SRV "$base and .attributes[\"http.route\"] == \"/users/{id}\" and .attributes[\"http.response.status_code\"] == 404" 1
expect_count $SRV "$base and .attributes[\"http.route\"] == \"/users\" and .attributes[\"http.response.status_code\"] == 200" 2
expect_count $SRV "$base and .attributes[\"http.route\"] == \"/fail\" and .attributes[\"http.response.status_code\"] == 500 and .attributes[\"error.type\"] == \"500\"" 1
[ "$(qm --arg n $SRV '[.[] | select(.name == $n) | .count] | add')" = 7 ] || fail "$SRV: total count is not 7"
[ "$(qm --arg n $SRV '[.[] | select(.name == $n) | .attributes | keys[] | select(test("url.path|server|client|user_agent"))] | length')" = 0 ] \
  || fail "$SRV: high-cardinality attributes"
ok "$SRV: count per route and status code (3+1 /users/{id}, 2 /users, 1 /fail with error.type)"

CLI=http.client.request.duration
cbase=".attributes[\"http.request.method\"] == \"GET\" and .attributes[\"server.address\"] == \"127.0.0.1\" and .attributes[\"server.port\"] == $PORT"
expect_count $CLI "$cbase and .attributes[\"http.response.status_code\"] == 200 and (.attributes[\"error.type\"] == null)" 5
expect_count $CLI "$cbase and .attributes[\"http.response.status_code\"] == 404 and .attributes[\"error.type\"] == \"404\"" 1
expect_count $CLI "$cbase and .attributes[\"http.response.status_code\"] == 500 and .attributes[\"error.type\"] == \"500\"" 1
[ "$(qm --arg n $CLI '[.[] | select(.name == $n) | .attributes["url.full"] // empty] | length')" = 0 ] || fail "$CLI: url.full"
ok "$CLI: count per status code and server (5x200, 404, 500)"

DBM=db.client.operation.duration
dbase='.attributes["db.system.name"] == "sqlite" and .attributes["db.collection.name"] == "users"'
expect_count $DBM "$dbase and .attributes[\"db.operation.name\"] == \"SELECT\"" 6
expect_count $DBM "$dbase and .attributes[\"db.operation.name\"] == \"INSERT\"" 3
expect_count $DBM '.attributes["db.operation.name"] == "COMMIT"' 1
[ "$(qm --arg n $DBM '[.[] | select(.name == $n) | .attributes["db.query.text"] // empty] | length')" = 0 ] || fail "$DBM: query text in a metric"
ok "$DBM: per operation (6 SELECT users, 3 INSERT users, COMMIT), no query text"

# Plausible values: 0 < min <= max < wall time, sum within count*max; the
# histograms have the conventions' units and bucket boundaries.
bad=$(qm -c --argjson wall "$WALL" '.[] | select(.type == "histogram" and (.name | test("^(http|db)\\.")))
  | select(.unit != "s" or .min <= 0 or .max < .min or .max >= $wall or .sum <= 0 or .sum > .count * .max + 1e-9
           or .temporality != "CUMULATIVE" or (.bucket_counts | add) != .count) | {name, min, max, sum, count, unit}')
[ -z "$bad" ] || fail "implausible durations (wall ${WALL}s): $bad"
[ "$(qm -c --arg n $SRV '[.[] | select(.name == $n)][0].explicit_bounds')" = "[0.005,0.01,0.025,0.05,0.075,0.1,0.25,0.5,0.75,1,2.5,5,7.5,10]" ] \
  || fail "$SRV bucket boundaries"
[ "$(qm -c --arg n $DBM '[.[] | select(.name == $n)][0].explicit_bounds')" = "[0.001,0.005,0.01,0.05,0.1,0.5,1,5,10]" ] \
  || fail "$DBM bucket boundaries"
ok "durations > 0 and below the run's wall time (${WALL}s); units s; the conventions' bucket boundaries"

ACT=http.server.active_requests
[ "$(qm -c --arg n $ACT '[.[] | select(.name == $n) | [.type, .monotonic, .value, .unit, .attributes["http.request.method"], .attributes["url.scheme"]]]')" = '[["sum",false,0,"{request}","GET","http"]]' ] \
  || fail "$ACT: $(qm -c --arg n $ACT '.[] | select(.name == $n)')"
ok "$ACT: an up-down counter back at 0 after the requests"

# Go runtime metrics.
gauge() { qm --arg n "$1" '[.[] | select(.name == $n) | .value] | add // "absent"'; }
for n in go.memory.used go.memory.allocated go.memory.allocations go.memory.gc.goal go.goroutine.count go.processor.limit go.config.gogc; do
  v=$(gauge $n)
  [ "$v" != absent ] || fail "runtime metric $n missing"
done
awk -v g="$(gauge go.goroutine.count)" -v p="$(gauge go.processor.limit)" -v a="$(gauge go.memory.allocated)" \
  -v u="$(gauge go.memory.used)" -v c="$(gauge go.config.gogc)" \
  'BEGIN { exit !(g >= 1 && p >= 1 && a > 0 && u > 0 && c == 100) }' || fail "implausible runtime values: $(qm -c '.[] | select(.name | startswith("go.")) | [.name, .value]')"
[ "$(qm '[.[] | select(.name == "go.memory.used") | .attributes["go.memory.type"]] | sort | join(",")')" = other,stack ] || fail "go.memory.used by type"
[ "$(qm '[.[] | select(.name == "go.schedule.duration" and .type == "histogram" and .count > 0)] | length')" = 1 ] || fail "go.schedule.duration"
ok "Go runtime metrics: goroutines $(gauge go.goroutine.count), GOMAXPROCS $(gauge go.processor.limit), memory used $(gauge go.memory.used) B, go.schedule.duration"
[ "$(qm '[.[] | select(.service_name != "metrics-demo")] | length')" = 0 ] || fail "service.name on metrics"
[ "$(jq -s '[.[] | select(.name == "GET /users/{id}")] | length' "$S")" = 4 ] || fail "spans changed next to metrics"
ok "service.name on every point; the spans are still there"

# -- os.Exit, SIGTERM ----------------------------------------------------------------
run -get /users/1 -exit || { cat "$T/err"; fail "demo -exit failed"; }
expect_count $SRV '.attributes["http.route"] == "/users/{id}"' 1
expect_count $DBM '.attributes["db.operation.name"] == "SELECT"' 1
ok "os.Exit(0): last metrics delivered"
: > "$S"; : > "$M"
"$T/demo-bin" -db "$T/demo.db" -get /users/1,/users/2 -wait >"$T/out" 2>"$T/err" &
PID=$!
for _ in $(seq 100); do grep -q waiting "$T/out" && break; sleep 0.1; done
kill -TERM $PID; st=0; wait $PID || st=$?
[ "$st" = 143 ] || fail "SIGTERM: exit status $st, want 143"
expect_count $SRV '.attributes["http.route"] == "/users/{id}"' 2
[ "$(gauge go.goroutine.count)" != absent ] || fail "SIGTERM: no runtime metrics"
ok "SIGTERM: last metrics delivered, then the process died of the signal (143)"

# -- switches ------------------------------------------------------------------------
OTEL_METRICS_EXPORTER=none run -get /users/1
[ ! -s "$M" ] || fail "OTEL_METRICS_EXPORTER=none: $(qm length) points"
[ "$(jq -s '[.[] | select(.name == "GET /users/{id}" or .name == "SELECT users")] | length' "$S")" = 2 ] || fail "OTEL_METRICS_EXPORTER=none changed the spans"
ok "OTEL_METRICS_EXPORTER=none: no metrics, spans as before"
OTEL_TRACES_EXPORTER=none run -get /users/1
[ ! -s "$S" ] || fail "OTEL_TRACES_EXPORTER=none: spans"
expect_count $SRV '.attributes["http.route"] == "/users/{id}"' 1
ok "OTEL_TRACES_EXPORTER=none: no spans, metrics as before"
OTEL_GO_DISABLED_INSTRUMENTATIONS=databasesql,runtime run -get /users/1
[ "$(qm --arg n $DBM '[.[] | select(.name == $n or (.name | startswith("go.")))] | length')" = 0 ] || fail "database or runtime metrics while disabled"
expect_count $SRV '.attributes["http.route"] == "/users/{id}"' 1
ok "OTEL_GO_DISABLED_INSTRUMENTATIONS=databasesql,runtime: HTTP metrics only"
OTEL_GO_ENABLED_INSTRUMENTATIONS=databasesql run -get /users/1
[ "$(qm '[.[] | select(.name | startswith("http."))] | length')" = 0 ] || fail "HTTP metrics with only databasesql enabled"
expect_count $DBM '.attributes["db.operation.name"] == "SELECT"' 1
ok "OTEL_GO_ENABLED_INSTRUMENTATIONS=databasesql: database metrics only"
OTEL_SDK_DISABLED=true run -get /users/1
[ ! -s "$M" ] && [ ! -s "$S" ] || fail "OTEL_SDK_DISABLED=true: telemetry sent"
ok "OTEL_SDK_DISABLED=true: nothing sent"
OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=delta run -get /users/1
[ "$(qm -r --arg n $SRV '[.[] | select(.name == $n) | .temporality] | unique | join(",")')" = DELTA ] || fail "delta temporality"
[ "$(qm -r --arg n $ACT '[.[] | select(.name == $n) | .temporality] | unique | join(",")')" = CUMULATIVE ] || fail "up-down counter must stay cumulative"
ok "temporality preference delta: histograms DELTA, up-down counter CUMULATIVE"
# The per-signal endpoint: metrics go to .../v1/metrics of the named URL.
OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:1 OTEL_EXPORTER_OTLP_TRACES_ENDPOINT="http://$SINK_ADDR/v1/traces" \
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT="http://$SINK_ADDR/v1/metrics" run -get /users/1
expect_count $SRV '.attributes["http.route"] == "/users/{id}"' 1
ok "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT is used"

# -- the exporter's own requests -------------------------------------------------------
# A short interval: the exporter sends while the program runs; its requests
# must not appear in the client histogram (or as spans).
: > "$S"; : > "$M"
OTEL_METRIC_EXPORT_INTERVAL=100 OTEL_BSP_SCHEDULE_DELAY=100 "$T/demo-bin" -db "$T/demo.db" -get /users/1 -wait >"$T/out" 2>"$T/err" &
PID=$!
for _ in $(seq 100); do grep -q waiting "$T/out" && break; sleep 0.1; done
sleep 1
kill -TERM $PID; wait $PID || true
n=$(qm '[.[] | select(.name == "go.goroutine.count")] | length')
[ "$n" -ge 3 ] || fail "only $n periodic exports in 1 s at a 100 ms interval"
SINK_PORT=${SINK_ADDR##*:}
[ "$(qm --argjson p "$SINK_PORT" '[.[] | select(.name == "http.client.request.duration" and .attributes["server.port"] == $p)] | length')" = 0 ] \
  || fail "the exporter's requests were measured"
[ "$(jq -s '[.[] | select((.attributes["url.full"] // "") | test("/v1/(traces|metrics)"))] | length' "$S")" = 0 ] || fail "spans for the exporter's requests"
ok "$n periodic exports while running; the exporters' own requests are neither measured nor traced"
