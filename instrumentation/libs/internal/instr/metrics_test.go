package instr

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
)

type testInstruments struct{ h metric.Float64Histogram }

// Instruments are built once per global provider, not for the no-op one,
// and again when the program installs another provider.
func TestInstrumentsFollowTheGlobalProvider(t *testing.T) {
	builds := 0
	ins := NewInstruments("scope", func(m metric.Meter) *testInstruments {
		builds++
		return &testInstruments{h: Histogram(m, "d", "s", "", HTTPDurationBuckets)}
	})
	otel.SetMeterProvider(noop.NewMeterProvider())
	if ins.Get() != nil || ins.Get() != nil || builds != 0 {
		t.Fatalf("no-op provider: built %d", builds)
	}
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	defer mp.Shutdown(context.Background())
	otel.SetMeterProvider(mp)
	a, b := ins.Get(), ins.Get()
	if a == nil || a != b || builds != 1 {
		t.Fatalf("SDK provider: %p %p, built %d", a, b, builds)
	}
	mp2 := sdkmetric.NewMeterProvider()
	defer mp2.Shutdown(context.Background())
	otel.SetMeterProvider(mp2)
	if c := ins.Get(); c == nil || c == a || builds != 2 {
		t.Fatalf("new provider: built %d", builds)
	}
	otel.SetMeterProvider(noop.NewMeterProvider())
}

// A refused instrument (an invalid name) is a no-op, never nil.
func TestHistogramNeverNil(t *testing.T) {
	mp := sdkmetric.NewMeterProvider()
	defer mp.Shutdown(context.Background())
	otel.SetErrorHandler(otel.ErrorHandlerFunc(func(error) {}))
	h := Histogram(mp.Meter("m"), "1 bad name", "s", "", DBDurationBuckets)
	h.Record(context.Background(), 1)
	c := UpDownCounter(mp.Meter("m"), "2 bad", "1", "")
	c.Add(context.Background(), 1)
}
