// Package redisbench measures a Redis GET round trip through go-redis
// (make bench-runtime, ../run.sh): plain; built with `otel go test` (hooks
// of instrumentation/libs/redis: spans and db.client.operation.duration,
// spans only, or OTEL_SDK_DISABLED=true); and, in the plain build, with the
// contrib instrumentation a user would otherwise add by hand
// (redisotel.InstrumentTracing, and InstrumentMetrics when metrics are on).
// It is its own
// module so that the other benchmarks do not get go-redis's requirements.
// REDIS_ADDR names the redis-server (run.sh starts one on loopback).
package redisbench

import (
	"context"
	"os"
	"testing"

	"github.com/redis/go-redis/extra/redisotel/v9"
	"github.com/redis/go-redis/v9"
	"go.opentelemetry.io/otel"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// discard is a span exporter that drops everything: the benchmarks measure
// span creation and recording, not the export.
type discard struct{}

func (discard) ExportSpans(context.Context, []sdktrace.ReadOnlySpan) error { return nil }
func (discard) Shutdown(context.Context) error                             { return nil }

// TestMain installs the same SDK pipelines as ../bench_test.go for every
// variant (under `otel go test` they replace the providers otel's setup
// started; otel's hooks and redisotel both follow the global providers):
// with BENCH_METRICS=off no meter provider (traces only).
func TestMain(m *testing.M) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(discard{}))
	otel.SetTracerProvider(tp)
	var mp *sdkmetric.MeterProvider
	if metricsOn() {
		mp = sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
		otel.SetMeterProvider(mp)
	}
	code := m.Run()
	_ = tp.Shutdown(context.Background())
	if mp != nil {
		_ = mp.Shutdown(context.Background())
	}
	os.Exit(code)
}

func metricsOn() bool { return os.Getenv("BENCH_METRICS") != "off" }

func client(b *testing.B) *redis.Client {
	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		b.Fatal("REDIS_ADDR is not set (../run.sh starts a redis-server and sets it)")
	}
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	if err := rdb.Set(context.Background(), "bench:key", "value", 0).Err(); err != nil {
		b.Fatalf("SET: %v", err)
	}
	return rdb
}

func get(b *testing.B, rdb *redis.Client) {
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := rdb.Get(ctx, "bench:key").Err(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRedisGet/go_redis: a plain client. Built with `otel go test`
// this is the instrumented GET (a span by otel's hooks).
// BenchmarkRedisGet/redisotel: the same with redisotel's tracing hook and,
// with metrics on, its metrics hook (one histogram record per command,
// db.client.connections.use_time, as otel's one db.client.operation.duration),
// for comparison (meaningful in a plain build only).
func BenchmarkRedisGet(b *testing.B) {
	b.Run("go_redis", func(b *testing.B) {
		rdb := client(b)
		defer rdb.Close()
		get(b, rdb)
	})
	b.Run("redisotel", func(b *testing.B) {
		rdb := client(b)
		defer rdb.Close()
		if err := redisotel.InstrumentTracing(rdb); err != nil {
			b.Fatal(err)
		}
		if metricsOn() {
			if err := redisotel.InstrumentMetrics(rdb); err != nil {
				b.Fatal(err)
			}
		}
		get(b, rdb)
	})
}
