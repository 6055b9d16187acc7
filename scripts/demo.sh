#!/usr/bin/env bash
# The README's first command: build otel, build examples/demo with
# `otel go build` (built-in rules, no code change), run it against a local
# OTLP/HTTP receiver (tools/otlp-sink) on loopback, and print the trace tree.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/build/demo
mkdir -p "$OUT"
make -C "$ROOT" --no-print-directory build/otel
echo "== building the OTLP receiver (tools/otlp-sink)"
(cd "$ROOT/tools/otlp-sink" && go build -o "$OUT/otlp-sink" .)
echo "== otel go build examples/demo"
(cd "$ROOT/examples/demo" && "$ROOT/build/otel" -v go build -tags libsqlite3 -o "$OUT/demo" .)

rm -f "$OUT/spans.jsonl" "$OUT/sink.addr"
"$OUT/otlp-sink" -port 0 -addr-file "$OUT/sink.addr" -out "$OUT/spans.jsonl" &
sink=$!
trap 'kill $sink 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$OUT/sink.addr" ] && break; sleep 0.1; done
[ -s "$OUT/sink.addr" ] || { echo "demo: the OTLP receiver did not start" >&2; exit 1; }

echo "== running the demo (spans go to http://$(cat "$OUT/sink.addr"))"
OTEL_SERVICE_NAME=otel-demo OTEL_EXPORTER_OTLP_ENDPOINT="http://$(cat "$OUT/sink.addr")" \
  "$OUT/demo" -db "$OUT/demo.db" -get /users/1
# The program flushed its spans before exiting; give the receiver a moment
# to write the last request.
for _ in $(seq 50); do [ -s "$OUT/spans.jsonl" ] && break; sleep 0.1; done
echo "== the trace, as the receiver got it"
"$OUT/otlp-sink" -tree "$OUT/spans.jsonl"
