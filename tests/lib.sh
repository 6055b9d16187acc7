# Helpers for tests/t_*.sh (sourced). Each test runs with set -euo pipefail.
# fail MSG: print and exit 1.  check NAME CMD...: run CMD, report ok/FAIL.
fail() { echo "FAIL: $*" >&2; exit 1; }
pass_count=0
ok() { pass_count=$((pass_count+1)); echo "ok: $*"; }
# fixture NAME DEST: copy tests/fixtures/NAME to DEST as a fresh git repository.
fixture() {
  rm -rf "$2"; mkdir -p "$2"; cp -R "$ROOT/tests/fixtures/$1/." "$2/"
  (cd "$2" && git init -q && git add -A && git -c user.email=t@t -c user.name=t commit -qm fixture)
}
# start_sink DIR [GO]: build tools/otlp-sink (with the go command GO,
# default go) into DIR and start it on a free loopback port, writing the
# spans it receives to DIR/spans.jsonl and the metric data points to
# DIR/metrics.jsonl; sets S and M (those files) and SINK_ADDR (host:port),
# and stops the sink when the script exits.
start_sink() {
  local dir=$1 gocmd=${2:-go}
  (cd "$ROOT/tools/otlp-sink" && "$gocmd" build -o "$dir/otlp-sink" .) || fail "cannot build otlp-sink"
  S=$dir/spans.jsonl; : > "$S"
  M=$dir/metrics.jsonl; : > "$M"
  "$dir/otlp-sink" -port 0 -addr-file "$dir/sink.addr" -out "$S" -metrics-out "$M" 2>"$dir/sink.log" &
  SINK_PID=$!
  trap 'kill $SINK_PID 2>/dev/null || true; wait $SINK_PID 2>/dev/null || true' EXIT
  for _ in $(seq 100); do [ -s "$dir/sink.addr" ] && break; sleep 0.1; done
  [ -s "$dir/sink.addr" ] || fail "otlp-sink did not start: $(cat "$dir/sink.log")"
  SINK_ADDR=$(cat "$dir/sink.addr")
}

# free_port: a free TCP port on 127.0.0.1.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
# stop_pid PID: ask a server to stop (SIGTERM), wait up to 20 s, then kill
# it; nothing when PID is empty or already gone.
stop_pid() {
  [ -n "$1" ] || return 0
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 200); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
# server_user DIR: sets AS, the command prefix that runs a server that
# refuses root (PostgreSQL, MariaDB) as nobody when the tests run as root
# (setpriv execs it, so $! of a server started in the background is the
# server's own pid), and gives DIR (outside TMPROOT, which only root may
# enter) to that user. AS is empty otherwise.
server_user() {
  AS=()
  if [ "$(id -u)" = 0 ]; then
    command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 \
      || fail "running as root without setpriv or a user nobody: the servers cannot be started here"
    chown nobody "$1"
    AS=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups --)
  fi
}
# wait_redis PORT LOG: wait until redis-server on 127.0.0.1:PORT answers
# PING (fails, showing LOG, after 10 s).
wait_redis() {
  local port=$1 reply
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'PING\r\n' >&3 && read -r -t 2 reply <&3 \
        && [ "${reply%$'\r'}" = +PONG ]) 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  fail "redis-server did not start on 127.0.0.1:$port: $(cat "$2" 2>/dev/null)"
}
# wait_postgres PGBIN PORT PID LOG: wait until the PostgreSQL server PID
# accepts connections on 127.0.0.1:PORT (fails, showing LOG, after 30 s or
# when the server exits).
wait_postgres() {
  for _ in $(seq 150); do
    "$1/pg_isready" -q -h 127.0.0.1 -p "$2" && return 0
    kill -0 "$3" 2>/dev/null || break
    sleep 0.2
  done
  "$1/pg_isready" -q -h 127.0.0.1 -p "$2" || { cat "$4"; fail "PostgreSQL did not start on 127.0.0.1:$2"; }
}
