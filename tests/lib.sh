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
