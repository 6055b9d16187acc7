// Package slog puts the current span's ids into every log/slog record
// (rules.yaml): a record written while a span is current, the span of the
// context the logging call gets (InfoContext, Log, LogAttrs ...) or else
// the goroutine's current span, carries trace_id, span_id and trace_flags.
// Records written with no current span are left as they are.
//
// The rules add otel_slog.go to package log/slog and one line, after the
// record is complete and before the handler gets it, in (*Logger).log,
// (*Logger).logAttrs and (*handlerWriter).Write (a *log.Logger writing to a
// slog handler: log.Printf after slog.SetDefault, slog.NewLogLogger). That
// line calls ids below through //go:linkname, so log/slog needs no new
// import and the same rules work for a toolchain beneath GOMODCACHE.
package slog

import (
	"context"
	"log/slog"

	"otelgo.dev/instrumentation/libs/internal/logids"
	"otelgo.dev/instrumentation/otelrt"
)

// Group is the rule group (this directory's name), the name of the switch
// in OTEL_GO_DISABLED_INSTRUMENTATIONS.
const Group = "slog"

// The attribute keys: the names the OpenTelemetry specification gives the
// trace context in non-OTLP log formats ("Trace Context in Non-OTLP Log
// Formats"), which log processors and the collector's parsers recognise.
const (
	TraceIDKey    = "trace_id"
	SpanIDKey     = "span_id"
	TraceFlagsKey = "trace_flags"
)

// site caches the group switch, as a hook site's flag does.
var site int32

// ids returns the attributes to add to a record logged with ctx (nil when
// the call has none): n is 0 when no span is current or the group is
// switched off. The array is returned by value, so the record's own
// AddAttrs copies it and nothing is allocated for a record with no span.
func ids(ctx context.Context) (n int, attrs [3]slog.Attr) {
	sc := logids.SpanContext(ctx)
	if !sc.IsValid() || !otelrt.Enabled(&site, Group) {
		return 0, attrs
	}
	tid, sid, flags := logids.Hex(sc)
	attrs[0] = slog.String(TraceIDKey, tid)
	attrs[1] = slog.String(SpanIDKey, sid)
	attrs[2] = slog.String(TraceFlagsKey, flags)
	return 3, attrs
}
