// Package logids is what the logger instrumentations (slog, logrus, zap)
// share: which span a record belongs to, and its ids as text.
package logids

import (
	"context"
	"encoding/hex"

	"go.opentelemetry.io/otel/trace"

	"otelgo.dev/instrumentation/libs/gls"
)

// SpanContext is the span context of ctx's span when it has a valid one,
// otherwise that of the goroutine's current span (invalid when neither).
// ctx may be nil.
func SpanContext(ctx context.Context) trace.SpanContext {
	if ctx != nil {
		if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
			return sc
		}
	}
	if s := gls.Current(); s != nil {
		return s.SpanContext()
	}
	return trace.SpanContext{}
}

// Hex returns sc's trace id, span id and flags as lower-case hex, as
// SpanContext prints them; the two ids share one allocation and the usual
// flags none.
func Hex(sc trace.SpanContext) (traceID, spanID, flags string) {
	tid, sid := sc.TraceID(), sc.SpanID()
	var b [48]byte
	hex.Encode(b[:32], tid[:])
	hex.Encode(b[32:], sid[:])
	s := string(b[:])
	switch tf := sc.TraceFlags(); tf {
	case 0:
		flags = "00"
	case trace.FlagsSampled:
		flags = "01"
	default:
		flags = tf.String()
	}
	return s[:32], s[32:], flags
}
