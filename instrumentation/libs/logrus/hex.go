package logrus

import (
	"encoding/hex"

	"go.opentelemetry.io/otel/trace"
)

// hexIDs returns sc's trace id, span id and flags as lower-case hex, as
// SpanContext prints them; the two ids share one allocation and the usual
// flags none.
func hexIDs(sc trace.SpanContext) (traceID, spanID, flags string) {
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
