// Package instr holds what every library instrumentation of otel shares:
// the tracer lookup, the error.type attribute and the scope version.
package instr

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"
	"go.opentelemetry.io/otel/trace"

	"otelgo.dev/instrumentation/libs/gls"
)

// Version is the instrumentation scope version of otel's libraries.
const Version = "0.1.0"

// Tracer returns the tracer of one instrumentation scope from the global
// provider, cached until the global provider changes (otel's setup sets it
// once, in init). Hooks call it on every instrumented call, so it must not
// take the provider's lock each time.
type Tracer struct {
	name   string
	cached atomic.Pointer[tracerOf]
}

type tracerOf struct {
	tp trace.TracerProvider
	t  trace.Tracer
}

// NewTracer returns a lazily resolved tracer for scope name.
func NewTracer(name string) *Tracer { return &Tracer{name: name} }

// Get returns the tracer for the current global provider. Its spans start
// from the goroutine's current span when their context has none (see
// glsTracer).
func (t *Tracer) Get() trace.Tracer {
	tp := otel.GetTracerProvider()
	if c := t.cached.Load(); c != nil && c.tp == tp {
		return c.t
	}
	tr := glsTracer{tp.Tracer(t.name, trace.WithInstrumentationVersion(Version),
		trace.WithSchemaURL(semconv.SchemaURL))}
	t.cached.Store(&tracerOf{tp: tp, t: tr})
	return tr
}

// glsTracer is the tracer hooks start spans with. A hook whose call carries
// a context.Context uses the span in it; where there is none (db.Query,
// http.Get, a call without ctx) the span current on the goroutine is the
// parent. SERVER and CONSUMER spans continue what arrives from outside, or
// start a trace: the goroutine that serves a connection may have inherited
// a span of the code that started the server, which is not its parent.
type glsTracer struct {
	trace.Tracer
}

func (t glsTracer) Start(ctx context.Context, name string, opts ...trace.SpanStartOption) (context.Context, trace.Span) {
	if ctx == nil {
		ctx = context.Background()
	}
	// gls.Parent returns ctx itself when ctx has a span or the goroutine
	// has none current; the options are read only when it found one.
	if p := gls.Parent(ctx); p != ctx {
		cfg := trace.NewSpanStartConfig(opts...)
		switch cfg.SpanKind() {
		case trace.SpanKindServer, trace.SpanKindConsumer:
		default:
			ctx = p
		}
	}
	return t.Tracer.Start(ctx, name, opts...)
}

// ErrorType is the low-cardinality error.type value for err: the Go type of
// the innermost error that is not a plain wrapper (e.g. "*net.OpError"),
// or "_OTHER" when that is an anonymous *errors.errorString.
func ErrorType(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil || !isWrapper(err) {
			break
		}
		err = u
	}
	t := fmt.Sprintf("%T", err)
	if t == "*errors.errorString" {
		return "_OTHER"
	}
	return t
}

// isWrapper reports whether err only wraps another error with a message
// (fmt.Errorf's %w), so its type says nothing about the failure.
func isWrapper(err error) bool {
	t := fmt.Sprintf("%T", err)
	return t == "*fmt.wrapError" || t == "*fmt.wrapErrors"
}

// SetError marks span as failed by err: status Error with err's message,
// error.type, and an exception event.
func SetError(span trace.Span, err error) {
	span.SetStatus(codes.Error, err.Error())
	span.SetAttributes(attribute.String(string(semconv.ErrorTypeKey), ErrorType(err)))
	span.RecordError(err)
}
