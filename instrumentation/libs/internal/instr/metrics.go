package instr

import (
	"context"
	"reflect"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/metric/noop"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"
	"go.opentelemetry.io/otel/trace"
)

// Bucket boundaries the semantic conventions recommend (seconds).
var (
	// HTTPDurationBuckets: http.server.request.duration,
	// http.client.request.duration (and the RPC durations).
	HTTPDurationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10}
	// DBDurationBuckets: db.client.operation.duration.
	DBDurationBuckets = []float64{0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10}
)

// Instruments is one library's set of instruments (a struct T of its
// own), made by build from the global meter provider's meter for the
// library's scope, and made again only when the global provider changes
// (otel's setup sets it once, in init; a program may set its own). Hooks
// call Get on every instrumented call, so it is one atomic load and one
// comparison.
type Instruments[T any] struct {
	scope  string
	build  func(metric.Meter) *T
	cached atomic.Pointer[instrumentsOf[T]]
}

type instrumentsOf[T any] struct {
	mp metric.MeterProvider
	v  *T // nil: the provider is the no-op one (OTEL_METRICS_EXPORTER=none)
}

// NewInstruments returns the lazily built instruments of scope.
func NewInstruments[T any](scope string, build func(metric.Meter) *T) *Instruments[T] {
	return &Instruments[T]{scope: scope, build: build}
}

// Get returns the instruments for the current global meter provider, or
// nil when metrics are off, so that a hook computes no attributes and
// reads no clock for metrics nobody exports.
func (i *Instruments[T]) Get() *T {
	mp := otel.GetMeterProvider()
	if c := i.cached.Load(); c != nil && c.mp == mp {
		return c.v
	}
	if !reflect.TypeOf(mp).Comparable() {
		// A program's own provider of a struct type with a slice: == on
		// it would panic, so it is not cached (rare, and only slower).
		return i.build(mp.Meter(i.scope, metric.WithInstrumentationVersion(Version),
			metric.WithSchemaURL(semconv.SchemaURL)))
	}
	c := &instrumentsOf[T]{mp: mp}
	if _, off := mp.(noop.MeterProvider); !off {
		c.v = i.build(mp.Meter(i.scope, metric.WithInstrumentationVersion(Version),
			metric.WithSchemaURL(semconv.SchemaURL)))
	}
	i.cached.Store(c)
	return c.v
}

// ExemplarContext is the context to record a measurement with when the
// call's own context is the caller's: the SDK's exemplar reservoir keeps
// the context of a measurement it samples until the next collection (up
// to a minute), and with it whatever the caller's context holds (net/http's
// TestTransportGCRequest and TestTransportPersistConnContextLeak* wait for
// the request and its context to be collected). It carries only span,
// which is all an exemplar takes from it; an unsampled span gets no
// exemplar from the default (trace-based) filter, so no allocation.
func ExemplarContext(span trace.Span) context.Context {
	if !span.SpanContext().IsSampled() {
		return context.Background()
	}
	return trace.ContextWithSpan(context.Background(), span)
}

// RecordDuration adds the seconds since start to h with attrs, which it
// sorts in place (the caller's stack buffer): one attribute set and its
// option are the only allocations, where metric.WithAttributes would copy
// the slice first and the variadic option slice would escape too.
func RecordDuration(ctx context.Context, h metric.Float64Histogram, start time.Time, attrs []attribute.KeyValue) {
	RecordSeconds(ctx, h, Seconds(start), attrs)
}

// RecordSeconds is RecordDuration for a duration the caller measured
// (gRPC's stats report the call's end time, which the span ends with too).
func RecordSeconds(ctx context.Context, h metric.Float64Histogram, seconds float64, attrs []attribute.KeyValue) {
	opt := [1]metric.RecordOption{metric.WithAttributeSet(attribute.NewSet(attrs...))}
	h.Record(ctx, seconds, opt[:]...)
}

// Seconds is the time since start in seconds, the unit of every duration
// metric of the conventions.
func Seconds(start time.Time) float64 {
	return time.Since(start).Seconds()
}

// Histogram makes a float64 histogram, or a no-op one (and reports the
// error to the SDK's handler) if the SDK refuses it: a hook never gets nil.
func Histogram(m metric.Meter, name, unit, desc string, bounds []float64) metric.Float64Histogram {
	h, err := m.Float64Histogram(name, metric.WithUnit(unit), metric.WithDescription(desc),
		metric.WithExplicitBucketBoundaries(bounds...))
	if err != nil {
		otel.Handle(err)
		return noop.Float64Histogram{}
	}
	return h
}

// Counter makes an int64 counter, or a no-op one.
func Counter(m metric.Meter, name, unit, desc string) metric.Int64Counter {
	c, err := m.Int64Counter(name, metric.WithUnit(unit), metric.WithDescription(desc))
	if err != nil {
		otel.Handle(err)
		return noop.Int64Counter{}
	}
	return c
}

// UpDownCounter makes an int64 up-down counter, or a no-op one.
func UpDownCounter(m metric.Meter, name, unit, desc string) metric.Int64UpDownCounter {
	c, err := m.Int64UpDownCounter(name, metric.WithUnit(unit), metric.WithDescription(desc))
	if err != nil {
		otel.Handle(err)
		return noop.Int64UpDownCounter{}
	}
	return c
}
