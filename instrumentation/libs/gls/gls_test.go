package gls

import (
	"context"
	"testing"
	"unsafe"

	"go.opentelemetry.io/otel/baggage"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// fakeRuntime stands in for the goroutine fields of an instrumented
// runtime: one goroutine's two words (the tests run on one goroutine).
func fakeRuntime(t *testing.T) {
	var span, bag unsafe.Pointer
	register(func() unsafe.Pointer { return span }, func(p unsafe.Pointer) { span = p },
		func() unsafe.Pointer { return bag }, func(p unsafe.Pointer) { bag = p })
	t.Cleanup(func() { register(nil, nil, nil, nil) })
}

func provider() *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(Processor{}))
}

func TestWithoutRuntimeEverythingIsANoOp(t *testing.T) {
	register(nil, nil, nil, nil)
	tr := provider().Tracer("t")
	_, s := tr.Start(context.Background(), "a")
	if Enabled() || Current() != nil {
		t.Fatal("a span is current without the runtime fields")
	}
	ctx := context.Background()
	if Parent(ctx) != ctx {
		t.Fatal("Parent changed the context without the runtime fields")
	}
	s.End()
}

func TestStartMakesCurrentAndEndRestores(t *testing.T) {
	fakeRuntime(t)
	tr := provider().Tracer("t")
	_, a := tr.Start(context.Background(), "a")
	if Current() != a {
		t.Fatal("a is not current after its start")
	}
	_, b := tr.Start(context.Background(), "b") // no span in ctx: a is not its parent by ctx
	if Current() != b {
		t.Fatal("b is not current after its start")
	}
	b.End()
	if Current() != a {
		t.Fatal("a is not current again after b ended")
	}
	a.End()
	if Current() != nil {
		t.Fatal("a span is current after all ended")
	}
}

func TestParentUsesCtxSpanFirstThenCurrent(t *testing.T) {
	fakeRuntime(t)
	tr := provider().Tracer("t")
	_, cur := tr.Start(context.Background(), "current")
	defer cur.End()
	got := trace.SpanFromContext(Parent(context.Background()))
	if !got.SpanContext().Equal(cur.SpanContext()) {
		t.Fatal("Parent of a context without a span is not the current span")
	}
	ctx, own := tr.Start(context.Background(), "own")
	own.End() // own is no longer current, but ctx still carries it
	if !trace.SpanFromContext(Parent(ctx)).SpanContext().Equal(own.SpanContext()) {
		t.Fatal("Parent ignored the span in ctx")
	}
	if !trace.SpanFromContext(Parent(nil)).SpanContext().Equal(cur.SpanContext()) {
		t.Fatal("Parent(nil) is not the current span")
	}
}

func TestOutOfOrderEndAndEndedElsewhere(t *testing.T) {
	fakeRuntime(t)
	tr := provider().Tracer("t")
	_, a := tr.Start(context.Background(), "a")
	_, b := tr.Start(context.Background(), "b")
	a.End() // a ends first: b (started in it, still open) goes with it
	if Current() != nil {
		t.Fatal("after the outer span ended, a span is still current")
	}
	b.End()
	// A span ended where its frame cannot be popped (another goroutine's
	// stack): simulate by pushing a frame by hand and ending the span
	// through a provider without our processor.
	other := sdktrace.NewTracerProvider().Tracer("o")
	_, c := tr.Start(context.Background(), "c")
	_, d := other.Start(context.Background(), "d")
	push(context.Background(), d)
	d.End() // no OnEnd of ours: its frame stays, but it has ended
	if Current() != c {
		t.Fatalf("an ended span is current: %v", Current())
	}
	c.End()
}

func TestBaggageFollowsTheCurrentSpan(t *testing.T) {
	fakeRuntime(t)
	tr := provider().Tracer("t")
	m, _ := baggage.NewMember("k", "v")
	bag, _ := baggage.New(m)
	ctx := baggage.ContextWithBaggage(context.Background(), bag)
	_, s := tr.Start(ctx, "with-baggage")
	if got := baggage.FromContext(Parent(context.Background())).Member("k").Value(); got != "v" {
		t.Fatalf("baggage of the current span: %q", got)
	}
	s.End()
	if CurrentBaggage().Len() != 0 {
		t.Fatal("baggage stays after its span ended")
	}
}

func TestHoldKeepsAnEndedSpanCurrentUntilRelease(t *testing.T) {
	fakeRuntime(t)
	tr := provider().Tracer("t")
	_, outer := tr.Start(context.Background(), "outer")
	defer outer.End()
	_, consumed := tr.Start(context.Background(), "consumed")
	consumed.End()
	if Current() != outer {
		t.Fatal("the ended span is current without Hold")
	}
	Hold(consumed.SpanContext())
	if cur := Current(); cur == nil || !cur.SpanContext().Equal(consumed.SpanContext()) {
		t.Fatalf("Hold did not make the ended span's context current: %v", cur)
	}
	if got := trace.SpanFromContext(Parent(context.Background())); !got.SpanContext().Equal(consumed.SpanContext()) {
		t.Fatal("Parent is not the held span context")
	}
	// A span of the processing nests inside the held context and ends.
	_, child := tr.Start(Parent(context.Background()), "processing")
	if child.(sdktrace.ReadOnlySpan).Parent().SpanID() != consumed.SpanContext().SpanID() {
		t.Fatal("a span started under Hold is not the held span's child")
	}
	child.End()
	// A second Hold replaces the first instead of stacking on it.
	_, next := tr.Start(context.Background(), "next")
	next.End()
	Hold(next.SpanContext())
	if !Current().SpanContext().Equal(next.SpanContext()) {
		t.Fatal("the second Hold is not current")
	}
	Release()
	if Current() != outer {
		t.Fatalf("after Release the span before the Hold is not current: %v", Current())
	}
	Release() // nothing held: changes nothing
	if Current() != outer {
		t.Fatal("a Release without Hold changed the current span")
	}
}

func TestReleaseKeepsASpanStartedAfterHold(t *testing.T) {
	fakeRuntime(t)
	tr := provider().Tracer("t")
	_, consumed := tr.Start(context.Background(), "consumed")
	consumed.End()
	Hold(consumed.SpanContext())
	_, open := tr.Start(context.Background(), "open")
	Release() // the held frame is not the current one: left alone
	if Current() != open {
		t.Fatal("Release popped a span that is still open")
	}
	open.End()
	if !Current().SpanContext().Equal(consumed.SpanContext()) {
		t.Fatal("the held context is not current again after the open span ended")
	}
	Release()
	if Current() != nil {
		t.Fatal("a span is current after Release")
	}
}

func TestHoldWithoutRuntimeOrInvalidIsANoOp(t *testing.T) {
	register(nil, nil, nil, nil)
	Hold(trace.SpanContext{})
	Release()
	fakeRuntime(t)
	Hold(trace.SpanContext{})
	if Current() != nil {
		t.Fatal("Hold of an invalid span context made something current")
	}
}

func TestClientAndProducerSpansAreNeverCurrent(t *testing.T) {
	fakeRuntime(t)
	tr := provider().Tracer("t")
	_, a := tr.Start(context.Background(), "a")
	for _, k := range []trace.SpanKind{trace.SpanKindClient, trace.SpanKindProducer} {
		// An open stream's span: later calls on this goroutine without a
		// span in ctx get a as their parent, not the stream.
		_, stream := tr.Start(context.Background(), "stream", trace.WithSpanKind(k))
		if Current() != a {
			t.Fatalf("%v span became current", k)
		}
		_, b := tr.Start(context.Background(), "b")
		if Current() != b {
			t.Fatal("b is not current after its start")
		}
		stream.End() // ends while b is open: b stays current
		if Current() != b {
			t.Fatalf("ending the %v span changed the current span", k)
		}
		b.End()
	}
	if Current() != a {
		t.Fatal("a is not current after the others ended")
	}
	a.End()
}
