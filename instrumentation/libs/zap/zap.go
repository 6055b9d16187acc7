// Package zap puts the current span's ids into every zap log entry
// (rules.yaml): an entry written while a span is current on the goroutine
// gets the fields trace_id, span_id and trace_flags, for the Logger and
// the SugaredLogger alike, whatever the core and encoder. zap's logging
// calls take no context.Context, so the span is the goroutine's current
// one. Entries written with no current span are left as they are.
package zap

import (
	"go.uber.org/zap/zapcore"

	"otelgo.dev/instrumentation/libs/gls"
	"otelgo.dev/instrumentation/libs/internal/logids"
	"otelgo.dev/instrumentation/otelrt"
)

// Group is the rule group (this directory's name), the name of the switch
// in OTEL_GO_DISABLED_INSTRUMENTATIONS.
const Group = "zap"

// site caches the group switch, as a hook site's flag does.
var site int32

// The field names the OpenTelemetry specification gives the trace context
// in non-OTLP log formats ("Trace Context in Non-OTLP Log Formats").
const (
	TraceIDKey    = "trace_id"
	SpanIDKey     = "span_id"
	TraceFlagsKey = "trace_flags"
)

// fields is called by the line injected into (*zapcore.CheckedEntry).Write
// (rule checked_entry_write), where every entry a Logger (Info, Log, Check
// then Write) or a SugaredLogger (Infow, Infof, ...) logs is handed to the
// cores with its fields; it returns the fields the cores get. With a span
// current they go into a new slice, never into the caller's backing array.
// A field trace_id the program set itself wins.
func fields(fs []zapcore.Field) []zapcore.Field {
	s := gls.Current()
	if s == nil || !otelrt.Enabled(&site, Group) {
		return fs
	}
	sc := s.SpanContext()
	if !sc.IsValid() {
		return fs
	}
	for i := range fs {
		if fs[i].Key == TraceIDKey {
			return fs
		}
	}
	tid, sid, flags := logids.Hex(sc)
	f := make([]zapcore.Field, len(fs), len(fs)+3)
	copy(f, fs)
	return append(f,
		zapcore.Field{Key: TraceIDKey, Type: zapcore.StringType, String: tid},
		zapcore.Field{Key: SpanIDKey, Type: zapcore.StringType, String: sid},
		zapcore.Field{Key: TraceFlagsKey, Type: zapcore.StringType, String: flags})
}
