package logids

import (
	"testing"

	"go.opentelemetry.io/otel/trace"
)

func TestHex(t *testing.T) {
	sc := trace.NewSpanContext(trace.SpanContextConfig{
		TraceID:    trace.TraceID{0xab, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
		SpanID:     trace.SpanID{1, 2, 3, 4, 5, 6, 7, 0xef},
		TraceFlags: trace.FlagsSampled,
	})
	tid, sid, flags := Hex(sc)
	if tid != sc.TraceID().String() || sid != sc.SpanID().String() || flags != sc.TraceFlags().String() {
		t.Errorf("Hex = %s %s %s, want %s %s %s", tid, sid, flags, sc.TraceID(), sc.SpanID(), sc.TraceFlags())
	}
	_, _, flags = Hex(sc.WithTraceFlags(0))
	if flags != "00" {
		t.Errorf("flags = %s, want 00", flags)
	}
}
