package otlphttp

import (
	"math"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/sdk/instrumentation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// Field numbers of opentelemetry-proto (collector/trace/v1/trace_service.proto,
// trace/v1/trace.proto, common/v1/common.proto, resource/v1/resource.proto).
const (
	reqResourceSpans = 1 // ExportTraceServiceRequest

	rsResource   = 1 // ResourceSpans
	rsScopeSpans = 2
	rsSchemaURL  = 3

	resAttributes = 1 // Resource

	ssScope     = 1 // ScopeSpans
	ssSpans     = 2
	ssSchemaURL = 3

	scopeName       = 1 // InstrumentationScope
	scopeVersion    = 2
	scopeAttributes = 3

	spanTraceID           = 1 // Span
	spanSpanID            = 2
	spanTraceState        = 3
	spanParentSpanID      = 4
	spanName              = 5
	spanKind              = 6
	spanStart             = 7
	spanEnd               = 8
	spanAttributes        = 9
	spanDroppedAttributes = 10
	spanEvents            = 11
	spanDroppedEvents     = 12
	spanLinks             = 13
	spanDroppedLinks      = 14
	spanStatus            = 15
	spanFlags             = 16

	statusMessage = 2 // Status
	statusCode    = 3

	eventTime              = 1 // Span.Event
	eventName              = 2
	eventAttributes        = 3
	eventDroppedAttributes = 4

	linkTraceID           = 1 // Span.Link
	linkSpanID            = 2
	linkTraceState        = 3
	linkAttributes        = 4
	linkDroppedAttributes = 5
	linkFlags             = 6

	kvKey   = 1 // KeyValue
	kvValue = 2

	anyString = 1 // AnyValue (a oneof)
	anyBool   = 2
	anyInt    = 3
	anyDouble = 4
	anyArray  = 5

	arrayValues = 1 // ArrayValue

	// SpanFlags: the low 8 bits are the W3C trace flags; these say whether
	// the parent (or linked) context is known to be remote, and whether it is.
	flagHasIsRemote = 0x100
	flagIsRemote    = 0x200
)

// scopeGroup is the spans of one instrumentation scope of one resource.
type scopeGroup struct {
	scope instrumentation.Scope
	spans []sdktrace.ReadOnlySpan
}

// resourceGroup is the spans of one resource, by scope in first-seen order.
type resourceGroup struct {
	res    *resource.Resource
	scopes []*scopeGroup
}

// group sorts spans by resource (equal attribute sets are one resource)
// and then by instrumentation scope, keeping the order in which each was
// first seen, so that the encoding is deterministic.
func group(spans []sdktrace.ReadOnlySpan) []*resourceGroup {
	type scopeKey struct {
		res   attribute.Distinct
		scope instrumentation.Scope
	}
	var out []*resourceGroup
	byRes := map[attribute.Distinct]*resourceGroup{}
	byScope := map[scopeKey]*scopeGroup{}
	for _, s := range spans {
		if s == nil {
			continue
		}
		rk := s.Resource().Equivalent()
		rg := byRes[rk]
		if rg == nil {
			rg = &resourceGroup{res: s.Resource()}
			byRes[rk] = rg
			out = append(out, rg)
		}
		sk := scopeKey{rk, s.InstrumentationScope()}
		sg := byScope[sk]
		if sg == nil {
			sg = &scopeGroup{scope: sk.scope}
			byScope[sk] = sg
			rg.scopes = append(rg.scopes, sg)
		}
		sg.spans = append(sg.spans, s)
	}
	return out
}

// encodeRequest returns spans as a binary ExportTraceServiceRequest.
func encodeRequest(spans []sdktrace.ReadOnlySpan) []byte {
	w := &writer{b: make([]byte, 0, 256*len(spans)+256)}
	for _, rg := range group(spans) {
		m := w.begin(reqResourceSpans)
		if rg.res != nil {
			r := w.begin(rsResource)
			w.attrIter(resAttributes, rg.res.Iter())
			w.end(r)
		}
		for _, sg := range rg.scopes {
			w.scopeSpans(sg)
		}
		if rg.res != nil {
			w.str(rsSchemaURL, rg.res.SchemaURL())
		}
		w.end(m)
	}
	return w.b
}

func (w *writer) scopeSpans(sg *scopeGroup) {
	m := w.begin(rsScopeSpans)
	if sg.scope != (instrumentation.Scope{}) {
		s := w.begin(ssScope)
		w.str(scopeName, sg.scope.Name)
		w.str(scopeVersion, sg.scope.Version)
		w.attrIter(scopeAttributes, sg.scope.Attributes.Iter())
		w.end(s)
	}
	for _, s := range sg.spans {
		w.span(s)
	}
	w.str(ssSchemaURL, sg.scope.SchemaURL)
	w.end(m)
}

func (w *writer) span(s sdktrace.ReadOnlySpan) {
	m := w.begin(ssSpans)
	sc := s.SpanContext()
	tid, sid := sc.TraceID(), sc.SpanID()
	w.bytes(spanTraceID, tid[:])
	w.bytes(spanSpanID, sid[:])
	w.str(spanTraceState, sc.TraceState().String())
	if p := s.Parent().SpanID(); p.IsValid() {
		w.bytes(spanParentSpanID, p[:])
	}
	w.str(spanName, s.Name())
	w.uvarint(spanKind, uint64(kindNumber(s.SpanKind())))
	w.fixed64(spanStart, unixNanos(s.StartTime().UnixNano()))
	w.fixed64(spanEnd, unixNanos(s.EndTime().UnixNano()))
	for _, kv := range s.Attributes() {
		w.keyValue(spanAttributes, kv)
	}
	w.uvarint(spanDroppedAttributes, count(s.DroppedAttributes()))
	for _, e := range s.Events() {
		ev := w.begin(spanEvents)
		w.fixed64(eventTime, unixNanos(e.Time.UnixNano()))
		w.str(eventName, e.Name)
		for _, kv := range e.Attributes {
			w.keyValue(eventAttributes, kv)
		}
		w.uvarint(eventDroppedAttributes, count(e.DroppedAttributeCount))
		w.end(ev)
	}
	w.uvarint(spanDroppedEvents, count(s.DroppedEvents()))
	for _, l := range s.Links() {
		lm := w.begin(spanLinks)
		ltid, lsid := l.SpanContext.TraceID(), l.SpanContext.SpanID()
		w.bytes(linkTraceID, ltid[:])
		w.bytes(linkSpanID, lsid[:])
		w.str(linkTraceState, l.SpanContext.TraceState().String())
		for _, kv := range l.Attributes {
			w.keyValue(linkAttributes, kv)
		}
		w.uvarint(linkDroppedAttributes, count(l.DroppedAttributeCount))
		w.fixed32(linkFlags, flags(l.SpanContext.TraceFlags(), l.SpanContext))
		w.end(lm)
	}
	w.uvarint(spanDroppedLinks, count(s.DroppedLinks()))
	st := w.begin(spanStatus) // always present, as the SDK's exporter sends it
	w.str(statusMessage, s.Status().Description)
	w.uvarint(statusCode, uint64(statusNumber(s.Status().Code)))
	w.end(st)
	w.fixed32(spanFlags, flags(sc.TraceFlags(), s.Parent()))
	w.end(m)
}

// flags is a span's or link's SpanFlags: the W3C flags, and whether the
// parent (for a link: the linked context) is remote, which is always known.
func flags(tf trace.TraceFlags, parent trace.SpanContext) uint32 {
	f := uint32(tf) | flagHasIsRemote
	if parent.IsRemote() {
		f |= flagIsRemote
	}
	return f
}

func kindNumber(k trace.SpanKind) int {
	switch k {
	case trace.SpanKindInternal:
		return 1
	case trace.SpanKindServer:
		return 2
	case trace.SpanKindClient:
		return 3
	case trace.SpanKindProducer:
		return 4
	case trace.SpanKindConsumer:
		return 5
	}
	return 0 // SPAN_KIND_UNSPECIFIED
}

func statusNumber(c codes.Code) int {
	switch c {
	case codes.Ok:
		return 1
	case codes.Error:
		return 2
	}
	return 0 // STATUS_CODE_UNSET
}

// unixNanos clamps times before 1970 (the zero time.Time) to 0.
func unixNanos(n int64) uint64 {
	return uint64(max(0, n))
}

// count clamps a dropped count to the uint32 range of the proto field.
func count(n int) uint64 {
	return uint64(min(max(0, int64(n)), math.MaxUint32))
}

func (w *writer) attrIter(field int, it attribute.Iterator) {
	for it.Next() {
		w.keyValue(field, it.Attribute())
	}
}

func (w *writer) keyValue(field int, kv attribute.KeyValue) {
	m := w.begin(field)
	w.str(kvKey, string(kv.Key))
	v := w.begin(kvValue)
	w.anyValue(kv.Value)
	w.end(v)
	w.end(m)
}

// anyValue writes the oneof of an AnyValue; slices become an ArrayValue.
func (w *writer) anyValue(v attribute.Value) {
	switch v.Type() {
	case attribute.BOOL:
		w.uvarintAlways(anyBool, boolNumber(v.AsBool()))
	case attribute.INT64:
		w.uvarintAlways(anyInt, uint64(v.AsInt64()))
	case attribute.FLOAT64:
		w.double(anyDouble, v.AsFloat64())
	case attribute.STRING:
		w.strAlways(anyString, v.AsString())
	case attribute.BOOLSLICE:
		a := w.begin(anyArray)
		for _, x := range v.AsBoolSlice() {
			e := w.begin(arrayValues)
			w.uvarintAlways(anyBool, boolNumber(x))
			w.end(e)
		}
		w.end(a)
	case attribute.INT64SLICE:
		a := w.begin(anyArray)
		for _, x := range v.AsInt64Slice() {
			e := w.begin(arrayValues)
			w.uvarintAlways(anyInt, uint64(x))
			w.end(e)
		}
		w.end(a)
	case attribute.FLOAT64SLICE:
		a := w.begin(anyArray)
		for _, x := range v.AsFloat64Slice() {
			e := w.begin(arrayValues)
			w.double(anyDouble, x)
			w.end(e)
		}
		w.end(a)
	case attribute.STRINGSLICE:
		a := w.begin(anyArray)
		for _, x := range v.AsStringSlice() {
			e := w.begin(arrayValues)
			w.strAlways(anyString, x)
			w.end(e)
		}
		w.end(a)
	default: // what the SDK's exporter sends for an invalid value
		w.strAlways(anyString, "INVALID")
	}
}

func boolNumber(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
