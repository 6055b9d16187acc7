package slog

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel/trace"
)

func spanCtx(t *testing.T) (context.Context, trace.SpanContext) {
	t.Helper()
	sc := trace.NewSpanContext(trace.SpanContextConfig{
		TraceID:    trace.TraceID{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
		SpanID:     trace.SpanID{1, 2, 3, 4, 5, 6, 7, 8},
		TraceFlags: trace.FlagsSampled,
	})
	return trace.ContextWithSpanContext(context.Background(), sc), sc
}

func TestIDsFromContext(t *testing.T) {
	ctx, sc := spanCtx(t)
	n, a := ids(ctx)
	if n != 3 {
		t.Fatalf("n = %d, want 3", n)
	}
	want := map[string]string{TraceIDKey: sc.TraceID().String(), SpanIDKey: sc.SpanID().String(), TraceFlagsKey: "01"}
	for _, attr := range a[:n] {
		if got := attr.Value.String(); got != want[attr.Key] {
			t.Errorf("%s = %q, want %q", attr.Key, got, want[attr.Key])
		}
	}
}

// Without a span in ctx and without the runtime's goroutine words (a plain
// test binary), there is nothing to add, also for a nil context.
func TestNoSpanNoIDs(t *testing.T) {
	for _, ctx := range []context.Context{nil, context.Background()} {
		if n, _ := ids(ctx); n != 0 {
			t.Errorf("ids(%v): n = %d, want 0", ctx, n)
		}
	}
}

func TestSwitch(t *testing.T) {
	t.Setenv("OTEL_GO_DISABLED_INSTRUMENTATIONS", Group)
	site = 0
	defer func() { site = 0 }()
	ctx, _ := spanCtx(t)
	if n, _ := ids(ctx); n != 0 {
		t.Errorf("slog switched off: n = %d, want 0", n)
	}
}

func TestNoAllocWithoutSpan(t *testing.T) {
	ctx := context.Background()
	if a := testing.AllocsPerRun(100, func() { ids(ctx) }); a != 0 {
		t.Errorf("ids without a span allocates %v times", a)
	}
}
