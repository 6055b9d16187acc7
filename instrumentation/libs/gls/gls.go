// Package gls keeps, for each goroutine, the span that is current on it:
// the context that follows the code where no context.Context is passed.
//
// The rules next to this file add two words to the runtime's goroutine
// record, copy them to a goroutine when it is created, and add a file to
// package runtime that hands their accessors to this package at runtime
// init (register). Processor, installed in the SDK by otelsetup, makes
// every span the SDK starts current on the goroutine that starts it, until
// it ends; then the span that was current before is again. Hooks ask
// Parent for the context to start a span from.
//
// When the runtime is not instrumented (OTEL_GO_GLS=off, or this package's
// own unit tests) the accessors stay nil and every function here is a
// cheap no-op.
package gls

import (
	"context"
	"unsafe"

	"go.opentelemetry.io/otel/baggage"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// The runtime's accessors (otel_gls_runtime.go). They have no initializer
// on purpose: register runs during the runtime's init, before this
// package's own initialization.
var (
	getSpan    func() unsafe.Pointer
	setSpan    func(unsafe.Pointer)
	getBaggage func() unsafe.Pointer
	setBaggage func(unsafe.Pointer)
)

// register is called by package runtime's init through //go:linkname. Its
// signature must match the declaration in otel_gls_runtime.go exactly.
func register(gs func() unsafe.Pointer, ss func(unsafe.Pointer), gb func() unsafe.Pointer, sb func(unsafe.Pointer)) {
	getSpan, setSpan, getBaggage, setBaggage = gs, ss, gb, sb
}

// Enabled reports whether the runtime carries the goroutine fields.
func Enabled() bool { return getSpan != nil }

// frame is one entry of a goroutine's stack of current spans. Frames are
// never changed after they are made, so a goroutine created while a frame
// is current can share it (and the frames below it) with its creator.
type frame struct {
	span    trace.Span
	baggage *baggage.Baggage // the goroutine's baggage before this frame, to restore
	prev    *frame
	held    bool // made by Hold: span has ended, and stays current until Release
}

func top() *frame {
	if getSpan == nil {
		return nil
	}
	return (*frame)(getSpan())
}

// Current returns the span current on this goroutine, or nil.
func Current() trace.Span {
	if f := live(top()); f != nil {
		return f.span
	}
	return nil
}

// live skips frames whose span has ended elsewhere: a span ended on another
// goroutine than the one it was started on could not pop itself there. A
// sampled span that no longer records has ended.
func live(f *frame) *frame {
	for f != nil {
		sc := f.span.SpanContext()
		if f.held || f.span.IsRecording() || !sc.IsSampled() {
			return f
		}
		f = f.prev
	}
	return nil
}

// CurrentBaggage returns the baggage current on this goroutine (empty when
// none).
func CurrentBaggage() baggage.Baggage {
	if getBaggage == nil {
		return baggage.Baggage{}
	}
	if b := (*baggage.Baggage)(getBaggage()); b != nil {
		return *b
	}
	return baggage.Baggage{}
}

// Parent is the context a hook starts a span from: ctx itself when it
// carries a span, otherwise ctx with the goroutine's current span (and its
// baggage when ctx has none). ctx may be nil.
func Parent(ctx context.Context) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	if getSpan == nil || trace.SpanContextFromContext(ctx).IsValid() {
		return ctx
	}
	f := live(top())
	if f == nil {
		return ctx
	}
	ctx = trace.ContextWithSpan(ctx, f.span)
	if baggage.FromContext(ctx).Len() == 0 {
		if b := CurrentBaggage(); b.Len() > 0 {
			ctx = baggage.ContextWithBaggage(ctx, b)
		}
	}
	return ctx
}

// push makes span current on this goroutine; parent is the context it was
// started from (its baggage becomes current too).
func push(parent context.Context, span trace.Span) {
	if setSpan == nil {
		return
	}
	t := top()
	if t != nil && t.span == span {
		return // installed twice (otelsetup and a hooked NewTracerProvider)
	}
	var old *baggage.Baggage
	if getBaggage != nil {
		old = (*baggage.Baggage)(getBaggage())
	}
	setSpan(unsafe.Pointer(&frame{span: span, baggage: old, prev: t}))
	if parent != nil {
		if b := baggage.FromContext(parent); b.Len() > 0 {
			// A copy on the heap only when there is baggage: &b itself
			// would move b there for every span.
			p := new(baggage.Baggage)
			*p = b
			setBaggage(unsafe.Pointer(p))
		}
	}
}

// pop ends the currency of the span sc on this goroutine: the frame below
// it becomes current. Frames above it (spans started after it and not ended
// yet, a leak in the caller) go with it. A span not on this goroutine's
// stack (ended on another goroutine) changes nothing here.
func pop(sc trace.SpanContext) {
	if setSpan == nil {
		return
	}
	for f := top(); f != nil; f = f.prev {
		if f.span.SpanContext().Equal(sc) {
			setSpan(unsafe.Pointer(f.prev))
			setBaggage(unsafe.Pointer(f.baggage))
			return
		}
	}
}

// Hold keeps sc, the context of a span that has ended, current on this
// goroutine until Release (or the next Hold): the code that runs after a
// call whose span ends when it returns, and handles what the call returned
// (a consumed message), logs and starts spans in that span's trace. The
// current baggage does not change.
func Hold(sc trace.SpanContext) {
	if setSpan == nil || !sc.IsValid() {
		return
	}
	Release()
	s := trace.SpanFromContext(trace.ContextWithSpanContext(context.Background(), sc))
	setSpan(unsafe.Pointer(&frame{span: s, baggage: (*baggage.Baggage)(getBaggage()), prev: top(), held: true}))
}

// Release ends what Hold made current on this goroutine, when that is the
// current frame (spans started after the Hold and not ended yet keep it;
// spans that ended on another goroutine are skipped, as by Current).
func Release() {
	if setSpan == nil {
		return
	}
	if f := live(top()); f != nil && f.held {
		setSpan(unsafe.Pointer(f.prev))
		setBaggage(unsafe.Pointer(f.baggage))
	}
}

// Processor is the SDK span processor that keeps the current span: OnStart
// and OnEnd run on the goroutine that starts and ends the span.
type Processor struct{}

var _ sdktrace.SpanProcessor = Processor{}

// OnStart makes s current on the starting goroutine, unless s is a CLIENT
// or PRODUCER span.
func (Processor) OnStart(parent context.Context, s sdktrace.ReadWriteSpan) {
	if !outgoing(s.SpanKind()) {
		push(parent, s)
	}
}

// OnEnd restores the span that was current before s.
func (Processor) OnEnd(s sdktrace.ReadOnlySpan) {
	if !outgoing(s.SpanKind()) {
		pop(s.SpanContext())
	}
}

// outgoing tells the spans of a request to another service (CLIENT) or of
// a message sent (PRODUCER). They are never current: their work happens
// in the other service, and one may stay open while its goroutine goes on
// with unrelated calls (a gRPC client stream, an HTTP response body read
// later), which would otherwise become its children. Work done inside such
// a call that should be its child gets it from the call's ctx, as always.
func outgoing(k trace.SpanKind) bool {
	return k == trace.SpanKindClient || k == trace.SpanKindProducer
}

// Shutdown has nothing to release.
func (Processor) Shutdown(context.Context) error { return nil }

// ForceFlush has nothing to flush.
func (Processor) ForceFlush(context.Context) error { return nil }
