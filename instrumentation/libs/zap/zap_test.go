package zap

import (
	"testing"

	"go.opentelemetry.io/otel/trace"
	"go.uber.org/zap/zapcore"
)

// Without the runtime's goroutine words (a plain test binary) no span is
// current: the cores get the caller's very slice, and nothing allocates.
func TestFieldsWithoutSpan(t *testing.T) {
	fs := []zapcore.Field{{Key: "n", Type: zapcore.Int64Type, Integer: 1}}
	if got := fields(fs); len(got) != 1 || &got[0] != &fs[0] {
		t.Errorf("fields = %v", got)
	}
	if got := fields(nil); got != nil {
		t.Errorf("fields(nil) = %v", got)
	}
	if a := testing.AllocsPerRun(100, func() { fields(fs) }); a != 0 {
		t.Errorf("fields without a span allocates %v times", a)
	}
}

func TestHexIDs(t *testing.T) {
	sc := trace.NewSpanContext(trace.SpanContextConfig{
		TraceID:    trace.TraceID{0xab, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
		SpanID:     trace.SpanID{1, 2, 3, 4, 5, 6, 7, 0xef},
		TraceFlags: trace.FlagsSampled,
	})
	tid, sid, flags := hexIDs(sc)
	if tid != sc.TraceID().String() || sid != sc.SpanID().String() || flags != sc.TraceFlags().String() {
		t.Errorf("hexIDs = %s %s %s, want %s %s %s", tid, sid, flags, sc.TraceID(), sc.SpanID(), sc.TraceFlags())
	}
	_, _, flags = hexIDs(sc.WithTraceFlags(0))
	if flags != "00" {
		t.Errorf("flags = %s, want 00", flags)
	}
}
