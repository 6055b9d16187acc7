// Package zap puts the current span's ids into every zap log entry
// (rules.yaml): an entry written while a span is current on the goroutine
// gets the fields trace_id, span_id and trace_flags, for the Logger and
// the SugaredLogger alike, whatever the core and encoder. zap's logging
// calls take no context.Context, so the span is the goroutine's current
// one. Entries written with no current span are left as they are.
package zap

import (
	"go.uber.org/zap/zapcore"

	"otelgo.dev/instrumentation/hook"
	"otelgo.dev/instrumentation/libs/gls"
)

// The field names the OpenTelemetry specification gives the trace context
// in non-OTLP log formats ("Trace Context in Non-OTLP Log Formats").
const (
	TraceIDKey    = "trace_id"
	SpanIDKey     = "span_id"
	TraceFlagsKey = "trace_flags"
)

// BeforeWrite runs before (*zapcore.CheckedEntry).Write (rule
// checked_entry_write), where every entry a Logger (Info, Log, Check then
// Write) or a SugaredLogger (Infow, Infof, ...) logs is handed to the
// cores with its fields. The fields go into a new slice, never into the
// caller's backing array. A field trace_id the program set itself wins.
func BeforeWrite(ictx hook.HookContext, ce *zapcore.CheckedEntry, fields []zapcore.Field) {
	if ce == nil {
		return
	}
	s := gls.Current()
	if s == nil {
		return
	}
	sc := s.SpanContext()
	if !sc.IsValid() {
		return
	}
	for i := range fields {
		if fields[i].Key == TraceIDKey {
			return
		}
	}
	f := make([]zapcore.Field, len(fields), len(fields)+3)
	copy(f, fields)
	f = append(f,
		zapcore.Field{Key: TraceIDKey, Type: zapcore.StringType, String: sc.TraceID().String()},
		zapcore.Field{Key: SpanIDKey, Type: zapcore.StringType, String: sc.SpanID().String()},
		zapcore.Field{Key: TraceFlagsKey, Type: zapcore.StringType, String: sc.TraceFlags().String()})
	ictx.SetParam(1, f)
}
