#!/usr/bin/env bash
# database/sql with real drivers (issue 10): a real PostgreSQL and a real
# MariaDB (Debian packages), each started here in a temporary data
# directory on a free loopback port and removed after, are used through
# pgx's stdlib, lib/pq and go-sql-driver/mysql by tests/fixtures/lib-sqldrivers
# built with `otel go build` at the oldest and the newest driver versions
# claimed (instrumentation/libs/databasesql/README.md), with sql.Open and
# with sql.OpenDB and each driver's connector. Checked on the
# exported spans: names, kind, status, db.system.name, server.address,
# server.port, db.namespace, db.query.text, db.operation.name,
# db.collection.name, and that the password (which the DSNs carry and the
# servers check) is nowhere in what was exported. A server that cannot be
# started fails the test.
set -euo pipefail
: "${TMPROOT:?}"
. "$ROOT/tests/lib.sh"
T=$TMPROOT/sqldrivers; rm -rf "$T"; mkdir -p "$T"
F=$ROOT/tests/fixtures/lib-sqldrivers
command -v jq >/dev/null || fail "jq is needed"
PGBIN=/usr/lib/postgresql/15/bin
for b in "$PGBIN/initdb" "$PGBIN/postgres" "$PGBIN/psql" "$PGBIN/pg_isready"; do
  [ -x "$b" ] || fail "no $b: PostgreSQL cannot be started here (scripts/install-deps.sh installs postgresql)"
done
for b in mariadb-install-db mariadbd mariadb; do
  command -v "$b" >/dev/null || fail "no $b: MariaDB cannot be started here (scripts/install-deps.sh installs mariadb-server)"
done

# -- the receiver, and a cleanup that always stops the servers ------------------
start_sink "$T"
export OTEL_EXPORTER_OTLP_ENDPOINT="http://$SINK_ADDR"
export OTEL_SERVICE_NAME=sqldrivers
export OTEL_BSP_SCHEDULE_DELAY=600000 # spans reach the sink through the flush at exit
unset OTEL_SDK_DISABLED OTEL_GO_ENABLED_INSTRUMENTATIONS OTEL_GO_DISABLED_INSTRUMENTATIONS OTEL_TRACES_EXPORTER
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGSERVICE # the DSNs say where

# The servers refuse to run as root; then they run as nobody, in a data
# directory of their own outside TMPROOT (which only root may enter).
D=$(mktemp -d /tmp/otel-sqldrv.XXXXXX)
PG_PID= MY_PID=
cleanup() {
  stop_pid "$PG_PID"; stop_pid "$MY_PID"
  rm -rf "$D"
  kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP # so that cleanup runs then too
server_user "$D"
# The password: checked by both servers, written into every DSN that logs
# in with one, and never to be exported. '/' and '@' in it are what DSN
# parsers trip on; URLs carry it percent-encoded.
PW='s3cr3t/Pw@x'
PW_URL='s3cr3t%2FPw%40x'

# -- PostgreSQL: trust on the unix socket, md5 passwords over TCP ---------------
PGPORT=$(free_port)
"${AS[@]}" "$PGBIN/initdb" -D "$D/pg" -U postgres -A trust --auth-host=md5 --no-sync >"$T/initdb.log" 2>&1 \
  || { cat "$T/initdb.log"; fail "initdb failed: PostgreSQL cannot be started here"; }
"${AS[@]}" "$PGBIN/postgres" -D "$D/pg" -k "$D" -p "$PGPORT" -c listen_addresses=127.0.0.1 \
  -c fsync=off -c password_encryption=md5 >"$T/postgres.log" 2>&1 &
PG_PID=$!
wait_postgres "$PGBIN" "$PGPORT" "$PG_PID" "$T/postgres.log"
"$PGBIN/psql" -q -v ON_ERROR_STOP=1 -h "$D" -p "$PGPORT" -U postgres -d postgres \
  -c "CREATE ROLE otel LOGIN PASSWORD '$PW'" -c "CREATE DATABASE shopdb OWNER otel" >"$T/psql.log" 2>&1 \
  || { cat "$T/psql.log"; fail "cannot create the PostgreSQL role and database"; }
ok "PostgreSQL $("$PGBIN/postgres" -V | awk '{print $3}') on 127.0.0.1:$PGPORT and $D/.s.PGSQL.$PGPORT"

# -- MariaDB: user otel with a password, over TCP and the unix socket ------------
MYPORT=$(free_port)
"${AS[@]}" mariadb-install-db --no-defaults --datadir="$D/my" --auth-root-authentication-method=normal \
  --skip-test-db --skip-name-resolve >"$T/install-db.log" 2>&1 \
  || { cat "$T/install-db.log"; fail "mariadb-install-db failed: MariaDB cannot be started here"; }
"${AS[@]}" mariadbd --no-defaults --datadir="$D/my" --socket="$D/my.sock" --port="$MYPORT" \
  --bind-address=127.0.0.1 --skip-name-resolve --pid-file="$D/my.pid" --log-error="$D/my.err" \
  --innodb-buffer-pool-size=16M >"$T/mariadbd.log" 2>&1 &
MY_PID=$!
my() { mariadb --no-defaults -S "$D/my.sock" -u root "$@"; }
for _ in $(seq 150); do
  my -e 'SELECT 1' >/dev/null 2>&1 && break
  kill -0 "$MY_PID" 2>/dev/null || break
  sleep 0.2
done
my -e 'SELECT 1' >/dev/null 2>&1 || { cat "$D/my.err" "$T/mariadbd.log" 2>/dev/null; fail "MariaDB did not start on 127.0.0.1:$MYPORT"; }
my -e "CREATE DATABASE shopdb;
  CREATE USER 'otel'@'127.0.0.1' IDENTIFIED BY '$PW'; CREATE USER 'otel'@'localhost' IDENTIFIED BY '$PW';
  GRANT ALL ON shopdb.* TO 'otel'@'127.0.0.1'; GRANT ALL ON shopdb.* TO 'otel'@'localhost';" \
  || fail "cannot create the MariaDB user and database"
ok "MariaDB $(my -N -e 'SELECT VERSION()') on 127.0.0.1:$MYPORT and $D/my.sock"

# -- the cases: NAME=DRIVER=DSN, and what their spans must say -------------------
PGSOCK=$D/.s.PGSQL.$PGPORT
CASES=(
  "pgxurl=pgx=postgres://otel:$PW_URL@127.0.0.1:$PGPORT/shopdb?sslmode=disable"
  "pgxkv=pgx=host=$D port=$PGPORT user=postgres dbname=shopdb"
  "pqkv=postgres=host=127.0.0.1 port=$PGPORT user=otel password='$PW' dbname=shopdb sslmode=disable"
  "pqurl=postgres=postgres://otel:$PW_URL@localhost:$PGPORT/shopdb?sslmode=disable"
  "mytcp=mysql=otel:$PW@tcp(127.0.0.1:$MYPORT)/shopdb?timeout=10s"
  "mysock=mysql=otel:$PW@unix($D/my.sock)/shopdb"
  # sql.OpenDB with the drivers' connectors: no DSN reaches database/sql.
  "pgxopendb=pgx-opendb=postgres://otel:$PW_URL@127.0.0.1:$PGPORT/shopdb?sslmode=disable"
  "pqopendb=postgres-opendb=host=localhost port=$PGPORT user=otel password='$PW' dbname=shopdb sslmode=disable"
  "myopendb=mysql-opendb=otel:$PW@tcp(127.0.0.1:$MYPORT)/shopdb"
  # No host: lib/pq connects to localhost.
  "pqnohost=postgres=port=$PGPORT user=otel password='$PW' dbname=shopdb sslmode=disable"
)
# NAME SYSTEM ADDRESS PORT NAMESPACE ("-": the attribute must be absent)
EXPECT=(
  "pgxurl postgresql 127.0.0.1 $PGPORT shopdb"
  "pgxkv postgresql $PGSOCK - shopdb"
  "pqkv postgresql 127.0.0.1 $PGPORT shopdb"
  "pqurl postgresql localhost $PGPORT shopdb"
  "mytcp mysql 127.0.0.1 $MYPORT shopdb"
  "mysock mysql $D/my.sock - shopdb"
  "pgxopendb postgresql 127.0.0.1 $PGPORT shopdb"
  "pqopendb postgresql localhost $PGPORT shopdb"
  "myopendb mysql 127.0.0.1 $MYPORT shopdb"
  "pqnohost postgresql localhost $PGPORT shopdb"
)

q() { jq -s -r "$@" "$S"; }
# one NAME: the single span called NAME.
one() {
  local n; n=$(q --arg n "$1" '[.[] | select(.name == $n)] | length')
  [ "$n" = 1 ] || { q -c '.[] | [.name, .kind]' >&2; fail "$V: expected one span '$1', got $n"; }
  q -c --arg n "$1" '.[] | select(.name == $n)'
}
expect_attr() { # SPAN KEY WANT ("-": absent)
  local got; got=$(jq -r --arg k "$2" '.attributes[$k] // "-" | tostring' <<<"$1")
  [ "$got" = "$3" ] || fail "$V: span $(jq -r .name <<<"$1"): $2 = '$got', want '$3'"
}

check_case() { # NAME SYSTEM ADDRESS PORT NAMESPACE
  local name=$1 table=t_$1 op span query
  for op in CREATE INSERT SELECT; do
    span=$(one "$op $table")
    case $op in
      CREATE) query="CREATE TABLE IF NOT EXISTS $table (id INT)" ;;
      INSERT) query="INSERT INTO $table (id) VALUES (1)" ;;
      SELECT) query="SELECT count(*) FROM $table" ;;
    esac
    [ "$(jq -r '.kind + " " + .status_code' <<<"$span")" = "CLIENT UNSET" ] || fail "$V: $op $table: $(jq -c '[.kind, .status_code, .status_message]' <<<"$span")"
    expect_attr "$span" db.system.name "$2"
    expect_attr "$span" server.address "$3"
    expect_attr "$span" server.port "$4"
    expect_attr "$span" db.namespace "$5"
    expect_attr "$span" db.query.text "$query"
    expect_attr "$span" db.operation.name "$op"
    expect_attr "$span" db.collection.name "$table"
  done
}

# oldest and newest: the range claimed; middle: lib/pq v1.10, whose
# connector keeps its settings in a map (connector.go reads each layout).
for V in oldest middle newest; do
  W=$T/app-$V; mkdir -p "$W"; cp "$F/main.go" "$W/"
  if [ $V = newest ]; then cp "$F/go.mod" "$F/go.sum" "$W/"; else cp "$F/$V/go.mod" "$F/$V/go.sum" "$W/"; fi
  VERSIONS=$(cd "$W" && go list -m -f '{{.Path}}@{{.Version}}' github.com/jackc/pgx/v5 github.com/lib/pq github.com/go-sql-driver/mysql | tr '\n' ' ')
  (cd "$W" && "$OTEL_BIN" go build -o "$T/bin-$V" .) >"$T/build-$V.log" 2>&1 \
    || { tail -30 "$T/build-$V.log"; fail "$V: otel go build failed"; }
  : > "$S"
  "$T/bin-$V" "${CASES[@]}" >"$T/out-$V" 2>&1 || { cat "$T/out-$V"; fail "$V: the program failed"; }
  [ "$(grep -cE ': [0-9]+ rows$' "$T/out-$V")" = ${#CASES[@]} ] || { cat "$T/out-$V"; fail "$V: unexpected output"; }
  [ "$(q length)" -ge $((3 * ${#CASES[@]})) ] || fail "$V: only $(q length) spans exported"
  for e in "${EXPECT[@]}"; do
    # shellcheck disable=SC2086
    check_case $e
  done
  ok "$V ($VERSIONS): ${#CASES[@]} databases, CREATE/INSERT/SELECT spans with db.system.name, server.address, server.port, db.namespace, db.query.text"
  # The password, raw or encoded, and its first half: nowhere in the export.
  for s in "$PW" "$PW_URL" s3cr3t; do
    ! grep -qF "$s" "$S" || fail "$V: the password ('$s') was exported: $(grep -F "$s" "$S" | cut -c1-600)"
  done
  ok "$V: the password appears in no exported span or attribute ($(q length) spans)"
done

# -- the switch --------------------------------------------------------------------
: > "$S"
OTEL_GO_DISABLED_INSTRUMENTATIONS=databasesql "$T/bin-newest" "${CASES[@]}" >"$T/out-off" 2>&1 || { cat "$T/out-off"; fail "the program failed with databasesql disabled"; }
[ "$(grep -cE ': [0-9]+ rows$' "$T/out-off")" = ${#CASES[@]} ] || { cat "$T/out-off"; fail "unexpected output with databasesql disabled"; }
[ "$(q '[.[] | select(.attributes["db.system.name"] != null)] | length')" = 0 ] || fail "database spans with databasesql disabled"
ok "OTEL_GO_DISABLED_INSTRUMENTATIONS=databasesql: no database spans, same results"
echo "$pass_count checks passed"
