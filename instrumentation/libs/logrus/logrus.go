// Package logrus puts the current span's ids into every logrus entry
// (rules.yaml): an entry written while a span is current, the span of the
// entry's context (WithContext) or else the goroutine's current span, gets
// the fields trace_id, span_id and trace_flags before its formatter sees
// it. Entries written with no current span are left as they are.
package logrus

import (
	"github.com/sirupsen/logrus"

	"otelgo.dev/instrumentation/libs/internal/logids"
	"otelgo.dev/instrumentation/otelrt"
)

// Group is the rule group (this directory's name), the name of the switch
// in OTEL_GO_DISABLED_INSTRUMENTATIONS.
const Group = "logrus"

// site caches the group switch, as a hook site's flag does.
var site int32

// The field names the OpenTelemetry specification gives the trace context
// in non-OTLP log formats ("Trace Context in Non-OTLP Log Formats").
const (
	TraceIDKey    = "trace_id"
	SpanIDKey     = "span_id"
	TraceFlagsKey = "trace_flags"
)

// ids is called by the line injected at the start of (*Entry).write (rule
// entry_write), where every Print/Info/Log/...f/...ln call of a Logger or
// an Entry ends, after the logrus hooks have fired: Data is final and the
// formatter is next. e is the entry of this one call, but its Data map may
// be the caller's (logrus before v1.8 shares it), so the fields go into a
// copy: the caller's entry never gets them. A field trace_id the program
// set itself wins.
func ids(e *logrus.Entry) {
	if e == nil {
		return
	}
	sc := logids.SpanContext(e.Context)
	if !sc.IsValid() || !otelrt.Enabled(&site, Group) {
		return
	}
	if _, set := e.Data[TraceIDKey]; set {
		return
	}
	d := make(logrus.Fields, len(e.Data)+3)
	for k, v := range e.Data {
		d[k] = v
	}
	d[TraceIDKey], d[SpanIDKey], d[TraceFlagsKey] = logids.Hex(sc)
	e.Data = d
}
