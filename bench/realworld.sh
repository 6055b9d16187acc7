#!/usr/bin/env bash
# bench/realworld.sh (issue 12, "Real programs"): open-source Go programs
# from the module proxy, at pinned versions, built with plain `go build`
# and with `otel go build`, run against real servers started here (redis,
# PostgreSQL, MariaDB on free loopback ports, in temporary directories,
# always stopped), sent one request each; their spans (tools/otlp-sink) are
# checked, and the build times are measured side by side.
#
#   bench/realworld.sh [--smoke] [--reps N] [--out FILE] [PROGRAM...]
#
# PROGRAM: asynqmon grpcurl miniflux goose caddy (default: all five; see
# the table below). Each module is fetched with `go mod download` (the
# normal module cache) and copied to a temporary directory: otel instruments
# a main package only in the user's tree (docs/REACH.md), and building the
# module itself keeps its own go.mod and go.sum, as its authors build it.
#
# Measured per program (unless --smoke), each in private GOCACHEs (empty at
# the start, removed at the end; the module cache is the normal one):
#   cold        plain `go build` in an empty GOCACHE A; otel in an empty GOCACHE B
#   after plain otel in A right after the plain build (no .otel-build/)
#   no-change   plain and otel alternating in A, median of --reps (default 3)
#   setup       otel's own `-v` line: "setup: instrumented ... in N ms" (miss)
#               or "setup: cache hit ... in N ms"
#   packages    "N packages listed" from that line; std / non-std from go list
#   spans       spans of the request's trace(s); the plain build must answer
#               the same and send none
# The Markdown section for bench/RESULTS.md goes to --out (default: stdout).
#
# --smoke: only build with otel (the normal GOCACHE) and run + check spans;
# tests/t_realworld_smoke.sh runs `--smoke asynqmon` in `make test`.
# OTEL_BIN selects the otel binary (default build/otel).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ROOT
OTEL_BIN=${OTEL_BIN:-$ROOT/build/otel}
. "$ROOT/tests/lib.sh"

SMOKE=0 REPS=3 OUT=-
PROGRAMS=()
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) SMOKE=1 ;;
    --reps) REPS=$2; shift ;;
    --out) OUT=$2; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    -*) fail "unknown option $1" ;;
    *) PROGRAMS+=("$1") ;;
  esac
  shift
done

# -- the programs ------------------------------------------------------------------
# MODULE[p]: module@version fetched; PKGS[p]: the main packages built (in
# the module's copy); TAGS[p]: build tags; NEEDS[p]: servers; WHAT[p]: what
# it exercises (for the report).
declare -A MODULE PKGS TAGS NEEDS WHAT
MODULE[asynqmon]=github.com/hibiken/asynqmon@v0.7.2
PKGS[asynqmon]=./cmd/asynqmon
NEEDS[asynqmon]=redis
WHAT[asynqmon]="net/http server, gorilla/mux routes, go-redis v9"
MODULE[grpcurl]=github.com/fullstorydev/grpcurl@v1.9.3
PKGS[grpcurl]="./cmd/grpcurl ./internal/testing/cmd/testserver"
WHAT[grpcurl]="gRPC client (grpcurl) and server (its testserver), grpc v1.61.0"
MODULE[miniflux]=miniflux.app/v2@v2.3.5
PKGS[miniflux]=.
NEEDS[miniflux]=postgres
WHAT[miniflux]="net/http server (ServeMux patterns), database/sql + lib/pq on PostgreSQL 15"
MODULE[goose]=github.com/pressly/goose/v3@v3.30.0
PKGS[goose]=./cmd/goose
# goose's own build tags that leave only its MySQL drivers in.
TAGS[goose]="no_clickhouse no_libsql no_mssql no_sqlite3 no_vertica no_ydb no_postgres no_turso"
NEEDS[goose]=mariadb
WHAT[goose]="database/sql + go-sql-driver/mysql on MariaDB (a CLI: one migration run)"
MODULE[caddy]=github.com/caddyserver/caddy/v2@v2.11.9
PKGS[caddy]=./cmd/caddy
WHAT[caddy]="net/http server and client (reverse_proxy to a second server of its own)"
[ ${#PROGRAMS[@]} -gt 0 ] || PROGRAMS=(asynqmon grpcurl miniflux goose caddy)
for p in "${PROGRAMS[@]}"; do [ -n "${MODULE[$p]:-}" ] || fail "unknown program $p (known: ${!MODULE[*]})"; done

command -v jq >/dev/null || fail "jq is needed"
[ -x "$OTEL_BIN" ] || fail "no otel binary at $OTEL_BIN (make all)"

# -- scratch, servers, cleanup ---------------------------------------------------
W=$(mktemp -d /tmp/otel-realworld.XXXXXX)
SRC=${REALWORLD_SRC:-$W/src}
D=$(mktemp -d /tmp/otel-realworld-srv.XXXXXX) # outside W: PostgreSQL/MariaDB may run as nobody
REDIS_PID= PG_PID= MY_PID= APP_PIDS=()
start_sink "$W"
cleanup() {
  local p
  for p in "${APP_PIDS[@]}"; do stop_pid "$p"; done
  stop_pid "$REDIS_PID"; stop_pid "$PG_PID"; stop_pid "$MY_PID"
  kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true
  chmod -R u+w "$W" 2>/dev/null || true # go's module-cache copies are read-only
  rm -rf "$W" "$D"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
export OTEL_EXPORTER_OTLP_ENDPOINT="http://$SINK_ADDR"
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS OTEL_TRACES_EXPORTER
export OTEL_METRICS_EXPORTER=none # the request's spans are what is checked here

need() { local p; for p in "${PROGRAMS[@]}"; do [ "${NEEDS[$p]:-}" = "$1" ] && return 0; done; return 1; }

start_redis() {
  RPORT=$(free_port)
  redis-server --port "$RPORT" --bind 127.0.0.1 --dir "$D" --save '' --appendonly no \
    --daemonize no --logfile "$W/redis.log" &
  REDIS_PID=$!
  wait_redis "$RPORT" "$W/redis.log"
}
PGBIN=/usr/lib/postgresql/15/bin
start_postgres() {
  server_user "$D"
  PGPORT=$(free_port)
  "${AS[@]}" "$PGBIN/initdb" -D "$D/pg" -U postgres -A trust --no-sync >"$W/initdb.log" 2>&1 \
    || { cat "$W/initdb.log"; fail "initdb failed"; }
  "${AS[@]}" "$PGBIN/postgres" -D "$D/pg" -k "$D" -p "$PGPORT" -c listen_addresses=127.0.0.1 -c fsync=off \
    >"$W/postgres.log" 2>&1 &
  PG_PID=$!
  wait_postgres "$PGBIN" "$PGPORT" "$PG_PID" "$W/postgres.log"
  "$PGBIN/psql" -q -h 127.0.0.1 -p "$PGPORT" -U postgres -c 'CREATE DATABASE miniflux' >/dev/null
}
start_mariadb() {
  server_user "$D"
  MYPORT=$(free_port)
  "${AS[@]}" mariadb-install-db --no-defaults --datadir="$D/my" --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve >"$W/install-db.log" 2>&1 \
    || { cat "$W/install-db.log"; fail "mariadb-install-db failed"; }
  "${AS[@]}" mariadbd --no-defaults --datadir="$D/my" --socket="$D/my.sock" --port="$MYPORT" \
    --bind-address=127.0.0.1 --skip-name-resolve --pid-file="$D/my.pid" --log-error="$D/my.err" \
    --innodb-buffer-pool-size=16M >"$W/mariadbd.log" 2>&1 &
  MY_PID=$!
  local _
  for _ in $(seq 150); do
    mariadb --no-defaults -S "$D/my.sock" -u root -e 'SELECT 1' >/dev/null 2>&1 && break
    kill -0 "$MY_PID" 2>/dev/null || break
    sleep 0.2
  done
  mariadb --no-defaults -S "$D/my.sock" -u root -e "CREATE DATABASE goosedb;
    CREATE USER 'goose'@'127.0.0.1' IDENTIFIED BY 'goosepw'; GRANT ALL ON goosedb.* TO 'goose'@'127.0.0.1';" \
    || { cat "$D/my.err" 2>/dev/null; fail "MariaDB did not start on 127.0.0.1:$MYPORT"; }
}
if need redis; then start_redis; fi
if need postgres; then start_postgres; fi
if need mariadb; then start_mariadb; fi

# -- helpers -----------------------------------------------------------------------
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.2f×", b / a; else print "" }'; }
# wait_port PORT: until something accepts on 127.0.0.1:PORT (30 s).
wait_port() {
  local _
  for _ in $(seq 150); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done
  return 1
}
# wait_http URL: until URL answers 2xx (30 s).
wait_http() {
  local _
  for _ in $(seq 150); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
  return 1
}
# spans_since N: the spans the sink wrote after its first N lines.
spans_since() { tail -n +"$(($1 + 1))" "$S"; }
# wait_spans N JQ: until a span after line N matches the jq filter JQ (10 s).
wait_spans() {
  local _
  for _ in $(seq 100); do
    [ -n "$(spans_since "$1" | jq -c "select($2)" 2>/dev/null)" ] && return 0
    sleep 0.1
  done
  return 1
}
dump_spans() { spans_since "$1" | jq -c '[.service_name, .trace_id[0:8], .span_id[0:8], .parent_span_id[0:8], .kind, .name, .attributes["server.port"], .attributes["url.full"] // .attributes["url.path"]]' >&2; }

# fetch P: the module's copy in $SRC/P (the proxy's zip as go downloaded it).
# REALWORLD_SRC puts the copies elsewhere (kept; the same path keeps go's
# keys of the module's own packages, which include their directory).
fetch() {
  local dir
  dir=$(go mod download -json "${MODULE[$1]}" | jq -r '.Dir // empty') \
    || fail "go mod download ${MODULE[$1]} failed"
  [ -d "$dir" ] || fail "go mod download ${MODULE[$1]}: no directory"
  if [ -d "$SRC/$1" ]; then chmod -R u+w "$SRC/$1"; rm -rf "$SRC/$1"; fi
  mkdir -p "$SRC"; cp -R "$dir" "$SRC/$1"; chmod -R u+w "$SRC/$1"
}
# build_plain P GOCACHE OUTDIR / build_otel P GOCACHE OUTDIR LOG: print the
# wall seconds; a failure shows the log's tail and fails.
build_plain() {
  local t0 log=$W/$1.plain.log
  t0=$(now)
  (cd "$SRC/$1" && GOCACHE=$2 go build ${TAGS[$1]:+-tags "${TAGS[$1]}"} -o "$3/" ${PKGS[$1]}) >"$log" 2>&1 \
    || { tail -30 "$log" >&2; fail "$1: plain go build failed"; }
  secs "$t0" "$(now)"
}
build_otel() {
  local t0
  t0=$(now)
  (cd "$SRC/$1" && GOCACHE=$2 "$OTEL_BIN" -v go build ${TAGS[$1]:+-tags "${TAGS[$1]}"} -o "$3/" ${PKGS[$1]}) >"$4" 2>&1 \
    || { tail -30 "$4" >&2; fail "$1: otel go build failed (log above)"; }
  secs "$t0" "$(now)"
}
# setup_ms LOG: the setup time otel's -v line reports; setup_pkgs LOG: its package count.
setup_ms() { sed -n 's/^otel: setup: .* in \([0-9.]*\) ms$/\1/p' "$1" | tail -n 1; }
setup_pkgs() { sed -n 's/^otel: setup: instrumented .*; \([0-9]*\) packages [a-z]*) in .*/\1/p' "$1" | tail -n 1; }
setup_line() { grep '^otel: setup: instrumented\|^otel: setup: cache hit' "$1" | tail -n 1 | sed 's/^otel: setup: //'; }

# -- the runs: run_P BINDIR SERVICE: start, one request, check; sets ANSWER and
# SPANS (spans of the request's trace(s); 0 when the build is plain).
run_asynqmon() {
  local bin=$1/asynqmon svc=$2 hp pid n
  redis-cli -p "$RPORT" FLUSHALL >/dev/null # the plain and the otel run see the same data
  redis-cli -p "$RPORT" SADD asynq:queues default >/dev/null
  redis-cli -p "$RPORT" LPUSH 'asynq:{default}:pending' t1 >/dev/null
  redis-cli -p "$RPORT" HSET 'asynq:{default}:t:t1' state pending >/dev/null
  hp=$(free_port); n=$(wc -l <"$S")
  OTEL_SERVICE_NAME=$svc "$bin" --port "$hp" --redis-addr "127.0.0.1:$RPORT" >"$W/asynqmon.$svc.out" 2>&1 &
  pid=$!; APP_PIDS+=("$pid")
  wait_port "$hp" || { cat "$W/asynqmon.$svc.out"; fail "asynqmon did not listen on $hp"; }
  ANSWER=$(curl -fsS "http://127.0.0.1:$hp/api/queues" | jq -c '[.queues[] | {queue, size}]') \
    || fail "asynqmon: GET /api/queues failed"
  [ "$ANSWER" = '[{"queue":"default","size":1}]' ] || fail "asynqmon: unexpected answer $ANSWER"
  stop_pid "$pid"
  check_spans "$svc" "$n" '.kind == "SERVER" and .name == "GET /api/queues" and .attributes["http.route"] == "/api/queues" and .attributes["http.response.status_code"] == 200' \
    ".kind == \"CLIENT\" and .attributes[\"db.system.name\"] == \"redis\" and .attributes[\"server.port\"] == $RPORT"
}
run_grpcurl() {
  local svc=$2 gp pid n
  gp=$(free_port); n=$(wc -l <"$S")
  OTEL_SERVICE_NAME=$svc-server "$1/testserver" -p "$gp" >"$W/testserver.$svc.out" 2>&1 &
  pid=$!; APP_PIDS+=("$pid")
  wait_port "$gp" || { cat "$W/testserver.$svc.out"; fail "testserver did not listen on $gp"; }
  ANSWER=$(OTEL_SERVICE_NAME=$svc "$1/grpcurl" -plaintext -d '{"payload": {"body": "cmVhbHdvcmxk"}}' "127.0.0.1:$gp" testing.TestService/UnaryCall | jq -c .) \
    || fail "grpcurl: UnaryCall failed"
  [ "$ANSWER" = '{"payload":{"body":"cmVhbHdvcmxk"}}' ] || fail "grpcurl: unexpected answer $ANSWER"
  stop_pid "$pid"
  check_spans "$svc" "$n" '.kind == "CLIENT" and .name == "testing.TestService/UnaryCall" and .attributes["rpc.response.status_code"] == "OK"' \
    '.kind == "SERVER" and .name == "testing.TestService/UnaryCall" and .attributes["rpc.response.status_code"] == "OK"'
}
run_miniflux() {
  local svc=$2 hp pid n
  hp=$(free_port)
  "$PGBIN/psql" -q -h 127.0.0.1 -p "$PGPORT" -U postgres -c 'DROP DATABASE IF EXISTS miniflux' -c 'CREATE DATABASE miniflux' >/dev/null
  n=$(wc -l <"$S")
  OTEL_SERVICE_NAME=$svc DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/miniflux?sslmode=disable" \
    RUN_MIGRATIONS=1 CREATE_ADMIN=1 ADMIN_USERNAME=admin ADMIN_PASSWORD=realworld-pw \
    LISTEN_ADDR="127.0.0.1:$hp" DISABLE_SCHEDULER_SERVICE=1 "$1/miniflux.app" >"$W/miniflux.$svc.out" 2>&1 &
  pid=$!; APP_PIDS+=("$pid")
  wait_http "http://127.0.0.1:$hp/healthcheck" || { cat "$W/miniflux.$svc.out"; fail "miniflux did not answer on $hp"; }
  ANSWER=$(curl -fsS -u admin:realworld-pw "http://127.0.0.1:$hp/v1/me" | jq -c '{username, is_admin}') \
    || fail "miniflux: GET /v1/me failed"
  [ "$ANSWER" = '{"username":"admin","is_admin":true}' ] || fail "miniflux: unexpected answer $ANSWER"
  stop_pid "$pid"
  # miniflux nests three ServeMuxes, and its middleware copies the request
  # (r.WithContext): the innermost mux's pattern names the span (rule
  # servemux_route; before it, the root mux's "/" did).
  check_spans "$svc" "$n" '.kind == "SERVER" and .name == "GET /v1/me" and .attributes["http.route"] == "/v1/me" and .attributes["url.path"] == "/v1/me" and .attributes["http.response.status_code"] == 200' \
    ".kind == \"CLIENT\" and .attributes[\"db.system.name\"] == \"postgresql\" and .attributes[\"server.port\"] == $PGPORT and .attributes[\"db.namespace\"] == \"miniflux\""
}
run_goose() {
  local svc=$2 n m=$W/goose-migrations
  mkdir -p "$m"
  printf -- '-- +goose Up\nCREATE TABLE realworld (id INT PRIMARY KEY, name TEXT);\n-- +goose Down\nDROP TABLE realworld;\n' >"$m/00001_realworld.sql"
  mariadb --no-defaults -S "$D/my.sock" -u root -e 'DROP DATABASE goosedb; CREATE DATABASE goosedb'
  n=$(wc -l <"$S")
  OTEL_SERVICE_NAME=$svc "$1/goose" -dir "$m" mysql "goose:goosepw@tcp(127.0.0.1:$MYPORT)/goosedb" up >"$W/goose.$svc.out" 2>&1 \
    || { cat "$W/goose.$svc.out"; fail "goose up failed"; }
  ANSWER=$(mariadb --no-defaults -S "$D/my.sock" -u root -N -e 'SELECT version_id FROM goosedb.goose_db_version ORDER BY id' | tr '\n' ' ')
  [ "$ANSWER" = "0 1 " ] || fail "goose: unexpected goose_db_version $ANSWER: $(cat "$W/goose.$svc.out")"
  # A CLI has no incoming request: the run is the request; every span of it is counted.
  check_spans "$svc" "$n" "" \
    ".kind == \"CLIENT\" and .attributes[\"db.system.name\"] == \"mysql\" and .attributes[\"server.port\"] == $MYPORT and (.attributes[\"db.query.text\"] // \"\" | test(\"CREATE TABLE realworld\"))"
}
run_caddy() {
  local svc=$2 front back pid n
  front=$(free_port); back=$(free_port)
  mkdir -p "$W/caddy-home"
  cat >"$W/caddy.json" <<EOF
{"admin": {"disabled": true},
 "storage": {"module": "file_system", "root": "$W/caddy-home/data"},
 "apps": {"http": {"servers": {
   "front": {"listen": ["127.0.0.1:$front"], "automatic_https": {"disable": true},
     "routes": [{"handle": [{"handler": "reverse_proxy", "upstreams": [{"dial": "127.0.0.1:$back"}]}]}]},
   "back": {"listen": ["127.0.0.1:$back"], "automatic_https": {"disable": true},
     "routes": [{"handle": [{"handler": "static_response", "status_code": 200, "body": "hello from caddy"}]}]}}}}}
EOF
  n=$(wc -l <"$S")
  HOME=$W/caddy-home XDG_DATA_HOME=$W/caddy-home XDG_CONFIG_HOME=$W/caddy-home OTEL_SERVICE_NAME=$svc \
    "$1/caddy" run --config "$W/caddy.json" >"$W/caddy.$svc.out" 2>&1 &
  pid=$!; APP_PIDS+=("$pid")
  wait_port "$front" && wait_port "$back" || { cat "$W/caddy.$svc.out"; fail "caddy did not listen"; }
  ANSWER=$(curl -fsS "http://127.0.0.1:$front/hello") || fail "caddy: GET /hello failed"
  [ "$ANSWER" = "hello from caddy" ] || fail "caddy: unexpected answer $ANSWER"
  stop_pid "$pid"
  # The proxied request keeps the incoming Host header, so the back server's
  # SERVER span has the front's server.port too (semconv: from Host); it is
  # told apart by its parent (the proxy's CLIENT span, below the root).
  check_spans "$svc" "$n" ".kind == \"SERVER\" and .parent_span_id == \"\" and .attributes[\"server.port\"] == $front and .attributes[\"url.path\"] == \"/hello\"" \
    ".kind == \"CLIENT\" and .attributes[\"server.port\"] == $back and .attributes[\"url.full\"] == \"http://127.0.0.1:$back/hello\" and .attributes[\"http.response.status_code\"] == 200" \
    ".kind == \"SERVER\" and .parent_span_id != \"\" and .attributes[\"url.path\"] == \"/hello\" and .attributes[\"http.response.status_code\"] == 200"
}

# check_spans SERVICE N ROOT [CHILD...]: with SERVICE "plain", no span at all
# after line N; else a span matching ROOT (empty: none needed) and, in its
# trace (any trace when ROOT is empty), a span per CHILD filter, each a
# descendant of ROOT's span. Sets SPANS: spans of those traces.
check_spans() {
  local svc=$1 n=$2 root=$3 f rootspan trace
  shift 3
  if [ "$svc" = plain ]; then
    sleep 0.5
    [ "$(spans_since "$n" | wc -l)" = 0 ] || { dump_spans "$n"; fail "$svc build sent spans"; }
    SPANS=0; return 0
  fi
  if [ -n "$root" ]; then
    wait_spans "$n" "$root" || { dump_spans "$n"; fail "$CUR: no span matching $root"; }
    rootspan=$(spans_since "$n" | jq -c "select($root)" | tail -n 1)
    trace=$(jq -r .trace_id <<<"$rootspan")
  fi
  for f in "$@"; do
    wait_spans "$n" "$f" || { dump_spans "$n"; fail "$CUR: no span matching $f"; }
    if [ -n "$root" ]; then
      # a descendant of the root span: walk the parents within the trace
      spans_since "$n" | jq -s -e --arg t "$trace" --arg r "$(jq -r .span_id <<<"$rootspan")" "
        [.[] | select(.trace_id == \$t)] as \$ss
        | (\$ss | map({key: .span_id, value: .parent_span_id}) | from_entries) as \$up
        | any(\$ss[] | select($f); . as \$s | [\$s.span_id | recurse(\$up[.] // empty; . != \"\")] | index(\$r) != null)" >/dev/null \
        || { dump_spans "$n"; fail "$CUR: no span matching $f below the root span in trace $trace"; }
    fi
  done
  if [ -n "$root" ]; then
    SPANS=$(spans_since "$n" | jq -s --arg t "$trace" '[.[] | select(.trace_id == $t)] | length')
  else
    SPANS=$(spans_since "$n" | wc -l)
  fi
  ok "$CUR: spans checked ($SPANS in the request's trace)"
}

# deps_raised PLAINDIR OTELDIR: the modules of the plain binaries whose
# version differs in the otel binaries ("mod old→new"; otel's own modules
# and the SDK's new ones are not listed): MVS raises a program's
# requirements to what otel's modules need.
deps_raised() {
  local b
  for b in "$1"/*; do
    join <(go version -m "$b" | awk '$1 == "dep" { print $2, $3 }' | sort) \
      <(go version -m "$2/$(basename "$b")" | awk '$1 == "dep" { print $2, $3 }' | sort) \
      | awk '$2 != $3 { printf "%s %s→%s\n", $1, $2, $3 }'
  done | sort -u | paste -sd, - | sed 's/,/, /g'
}

# pkg_counts P: "N (S std)" from go list -deps of the main packages.
pkg_counts() {
  (cd "$SRC/$1" && go list ${TAGS[$1]:+-tags "${TAGS[$1]}"} -deps -f '{{.Standard}}' ${PKGS[$1]}) \
    | awk '{ n++; if ($1 == "true") s++ } END { printf "%d (%d std)", n, s }'
}

report() {
  echo "## Real programs (bench/realworld.sh)"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); $(go version | cut -d' ' -f3-); $("$OTEL_BIN" version 2>/dev/null | head -n 1)"
  echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: seconds are rough; plain and otel of one program ran in the same minutes)"
  echo
  echo "Wall seconds. cold: empty private GOCACHE (plain in A, otel in B); after plain: otel in A right after the plain build, no .otel-build/; no-change: median of $REPS, alternating. Setup ms from \`otel -v\`: cold miss / miss after plain / hit (median). Packages: otel's \"packages listed\"; go list -deps of the built main packages."
  echo
  echo "| program | cold plain | cold otel | × | otel after plain | no-change plain | no-change otel | × | setup ms | listed | go list -deps | spans/request |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  printf '%s\n' "${DETAILS[@]}"
}

# -- main --------------------------------------------------------------------------
ROWS=() DETAILS=()
for CUR in "${PROGRAMS[@]}"; do
  echo "=== $CUR (${MODULE[$CUR]})"
  fetch "$CUR"
  if [ "$SMOKE" = 1 ]; then
    build_otel "$CUR" "$(go env GOCACHE)" "$W/bin-otel-$CUR" "$W/$CUR.otel.log" >/dev/null
    ok "$CUR: built with otel go build ($(setup_line "$W/$CUR.otel.log"))"
    "run_$CUR" "$W/bin-otel-$CUR" "rw-$CUR"
    continue
  fi
  A=$W/gocache-$CUR-a B=$W/gocache-$CUR-b
  rm -rf "$A" "$B" "$SRC/$CUR/.otel-build"; mkdir -p "$A" "$B"
  cold_plain=$(build_plain "$CUR" "$A" "$W/bin-plain-$CUR")
  cold_otel=$(build_otel "$CUR" "$B" "$W/bin-otel-$CUR" "$W/$CUR.cold.log")
  rm -rf "$SRC/$CUR/.otel-build"
  after=$(build_otel "$CUR" "$A" "$W/bin-otel-$CUR" "$W/$CUR.after.log")
  np=() no=() nh=()
  for _ in $(seq "$REPS"); do
    np+=("$(build_plain "$CUR" "$A" "$W/bin-plain-$CUR")")
    no+=("$(build_otel "$CUR" "$A" "$W/bin-otel-$CUR" "$W/$CUR.nochange.log")")
    nh+=("$(setup_ms "$W/$CUR.nochange.log")")
  done
  grep -q 'cache hit' "$W/$CUR.nochange.log" || fail "$CUR: the no-change otel build missed its setup cache: $(setup_line "$W/$CUR.nochange.log")"
  pc=$(pkg_counts "$CUR")
  rm -rf "$A" "$B" # up to a few GB for the big ones
  ok "$CUR: cold $cold_plain s / $cold_otel s, after plain $after s, no-change $(median "${np[@]}") s / $(median "${no[@]}") s"
  "run_$CUR" "$W/bin-plain-$CUR" plain; plain_answer=$ANSWER
  "run_$CUR" "$W/bin-otel-$CUR" "rw-$CUR"
  [ "$ANSWER" = "$plain_answer" ] || fail "$CUR: otel build answered $ANSWER, plain $plain_answer"
  ROWS+=("| $CUR | $cold_plain | $cold_otel | $(ratio "$cold_plain" "$cold_otel") | $after | $(median "${np[@]}") | $(median "${no[@]}") | $(ratio "$(median "${np[@]}")" "$(median "${no[@]}")") | $(setup_ms "$W/$CUR.cold.log") / $(setup_ms "$W/$CUR.after.log") / $(median "${nh[@]}") | $(setup_pkgs "$W/$CUR.cold.log") | $pc | $SPANS |")
  raised=$(deps_raised "$W/bin-plain-$CUR" "$W/bin-otel-$CUR")
  DETAILS+=("- $CUR: \`${MODULE[$CUR]}\`, \`${PKGS[$CUR]}\`${TAGS[$CUR]:+ (tags \`${TAGS[$CUR]}\`)}: ${WHAT[$CUR]}. otel: $(setup_line "$W/$CUR.cold.log"). No-change runs (plain / otel): ${np[*]} / ${no[*]}. Module versions raised in the otel build: ${raised:-none}.")
  if [ "$OUT" != - ]; then report >"$OUT"; fi # what is measured so far survives a later failure
done
[ "$SMOKE" = 1 ] && { echo "realworld smoke: $pass_count checks passed"; exit 0; }

if [ "$OUT" = - ]; then report; else report >"$OUT"; echo "report written to $OUT"; fi
