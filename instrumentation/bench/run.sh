#!/usr/bin/env bash
# Runtime cost of otel's instrumentation (make bench-runtime). Runs the
# benchmarks of bench_test.go three ways and prints the median of COUNT runs:
#   plain     go test                                  (no instrumentation)
#   enabled   otel go test                             (hooks on, spans and metrics recorded)
#   traces    otel go test, no meter provider          (hooks on, spans only: what metrics add;
#             for otelhttp/otelgrpc/redisotel: the plain build without a meter provider)
#   disabled  OTEL_SDK_DISABLED=true otel go test      (hooks compiled in, off)
#   glsoff    OTEL_GO_GLS=off otel go test             (for Goroutine: runtime without the GLS words)
# Env: OTEL_BIN (default build/otel), COUNT (5), BENCHTIME (1s).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OTEL_BIN=${OTEL_BIN:-$ROOT/build/otel}
COUNT=${COUNT:-5}
BENCHTIME=${BENCHTIME:-1s}
OUT=$(mktemp -d); trap 'rm -rf "$OUT"' EXIT
cd "$HERE"
args=(-run '^$' -bench . -benchmem -count "$COUNT" -benchtime "$BENCHTIME" .)

# Like for like: both round trips propagate the trace and record the same
# duration histograms (TestRoundTripLikeForLike), in both builds.
go test -run '^TestRoundTripLikeForLike$' . > "$OUT/check" || { cat "$OUT/check"; exit 1; }
BENCH_OTEL=1 OTEL_METRICS_EXPORTER=none OTEL_TRACES_EXPORTER=none "$OTEL_BIN" go test -run '^TestRoundTripLikeForLike$' . > "$OUT/check" ||
  { cat "$OUT/check"; exit 1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go env GOVERSION), load $(cut -d' ' -f1-3 /proc/loadavg)"
go test "${args[@]}" > "$OUT/plain"
# otel's own exporters off: the benchmark's TestMain installs the SDK
# pipelines every variant (and otelhttp in the plain build) records into.
export OTEL_METRICS_EXPORTER=none
OTEL_TRACES_EXPORTER=none "$OTEL_BIN" go test "${args[@]}" > "$OUT/enabled"
BENCH_METRICS=off OTEL_TRACES_EXPORTER=none "$OTEL_BIN" go test -run '^$' -bench 'RoundTrip/net_http|GRPCUnary/grpc' -benchmem -count "$COUNT" -benchtime "$BENCHTIME" . > "$OUT/traces"
BENCH_METRICS=off go test -run '^$' -bench 'GRPCUnary/otelgrpc' -benchmem -count "$COUNT" -benchtime "$BENCHTIME" . >> "$OUT/traces"
OTEL_SDK_DISABLED=true "$OTEL_BIN" go test "${args[@]}" > "$OUT/disabled"
OTEL_TRACES_EXPORTER=none OTEL_GO_GLS=off "$OTEL_BIN" go test -run '^$' -bench Goroutine -benchmem -count "$COUNT" -benchtime "$BENCHTIME" . > "$OUT/glsoff"

# median NAME FILE: "ns/op B/op allocs/op" medians of benchmark NAME.
median() {
  grep -E "^Benchmark$1-[0-9]+ " "$2" | awk '{print $3, $5, $7}' | sort -n |
    awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'
}
printf '%-22s %-9s %12s %10s %10s\n' benchmark build ns/op B/op allocs/op
for b in RoundTrip/net_http RoundTrip/otelhttp GRPCUnary/grpc GRPCUnary/otelgrpc HookedCall Goroutine; do
  for v in plain enabled traces disabled glsoff; do
    [ "$v" = glsoff ] && [ "$b" != Goroutine ] && continue
    [ "$v" = traces ] && [ "$b" != RoundTrip/net_http ] && [ "${b%%/*}" != GRPCUnary ] && continue
    # otelhttp (otelgrpc) under otel is double instrumentation: not a
    # meaningful row.
    case $b in */otel*) [ "$v" != plain ] && [ "$v" != traces ] && continue ;; esac
    read -r ns bytes allocs <<<"$(median "$b" "$OUT/$v")"
    printf '%-22s %-9s %12s %10s %10s\n' "$b" "$v" "$ns" "$bytes" "$allocs"
  done
done

# -- Redis GET (redis/, its own module): against a redis-server on loopback --
# plain go-redis vs. otel's hooks (enabled, disabled), and the contrib
# redisotel hook added by hand (plain build only, as otelhttp above).
REDIS_SERVER=${REDIS_SERVER:-/usr/bin/redis-server}
if [ ! -x "$REDIS_SERVER" ]; then
  echo "RedisGet: $REDIS_SERVER is not installed (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
RPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
mkdir -p "$OUT/redis"
"$REDIS_SERVER" --port "$RPORT" --bind 127.0.0.1 --dir "$OUT/redis" --save '' --appendonly no --daemonize no --logfile "$OUT/redis/log" &
REDIS_PID=$!
trap 'kill $REDIS_PID 2>/dev/null || true; wait $REDIS_PID 2>/dev/null || true; rm -rf "$OUT"' EXIT
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$RPORT") 2>/dev/null && break
  sleep 0.1
done
export REDIS_ADDR=127.0.0.1:$RPORT
cd "$HERE/redis"
go test "${args[@]}" > "$OUT/redis-plain"
OTEL_TRACES_EXPORTER=none "$OTEL_BIN" go test "${args[@]}" > "$OUT/redis-enabled"
BENCH_METRICS=off OTEL_TRACES_EXPORTER=none "$OTEL_BIN" go test -run '^$' -bench RedisGet/go_redis -benchmem -count "$COUNT" -benchtime "$BENCHTIME" . > "$OUT/redis-traces"
BENCH_METRICS=off go test -run '^$' -bench RedisGet/redisotel -benchmem -count "$COUNT" -benchtime "$BENCHTIME" . >> "$OUT/redis-traces"
OTEL_SDK_DISABLED=true "$OTEL_BIN" go test "${args[@]}" > "$OUT/redis-disabled"
for b in RedisGet/go_redis RedisGet/redisotel; do
  for v in plain enabled traces disabled; do
    [ "$b" = RedisGet/redisotel ] && [ "$v" != plain ] && [ "$v" != traces ] && continue
    read -r ns bytes allocs <<<"$(median "$b" "$OUT/redis-$v")"
    printf '%-22s %-9s %12s %10s %10s\n' "$b" "$v" "$ns" "$bytes" "$allocs"
  done
done
