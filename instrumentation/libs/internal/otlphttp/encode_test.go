package otlphttp

import (
	"bytes"
	"flag"
	"os"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/sdk/instrumentation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

// The golden request is decoded with the official protobuf types, field by
// field, in tools/otlp-sink (TestExporterGolden): that module may depend on
// go.opentelemetry.io/proto/otlp, this one must not.
const goldenPath = "testdata/request.binpb"

var update = flag.Bool("update", false, "rewrite "+goldenPath)

func id16(b byte) trace.TraceID { return trace.TraceID(bytes.Repeat([]byte{b}, 16)) }
func id8(b byte) trace.SpanID   { return trace.SpanID(bytes.Repeat([]byte{b}, 8)) }

// fixtureSpans covers every field the encoder writes: two resources (one
// with a schema URL), two scopes of one resource (one with version, schema
// URL and attributes), every attribute value kind, events, links, status,
// kinds, a remote parent, trace state and flags. tools/otlp-sink's test
// spells out the same spans in the official types.
func fixtureSpans(t *testing.T) []sdktrace.ReadOnlySpan {
	t.Helper()
	ts, err := trace.ParseTraceState("vendor=value,other=x")
	if err != nil {
		t.Fatal(err)
	}
	resA := resource.NewWithAttributes("https://opentelemetry.io/schemas/1.26.0",
		attribute.String("service.name", "svc-a"), attribute.Int("pid", 42))
	resB := resource.NewSchemaless(attribute.String("service.name", "svc-b"))
	scope1 := instrumentation.Scope{Name: "scope-one", Version: "v1.2.3", SchemaURL: "https://example.com/s",
		Attributes: attribute.NewSet(attribute.Bool("scope.attr", true))}
	scope2 := instrumentation.Scope{Name: "scope-two"}
	t0 := time.Unix(1700000000, 123456789)
	server := tracetest.SpanStub{
		Name: "GET /users/{id}",
		SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: id16(1), SpanID: id8(2),
			TraceFlags: trace.FlagsSampled, TraceState: ts}),
		Parent: trace.NewSpanContext(trace.SpanContextConfig{TraceID: id16(1), SpanID: id8(1),
			TraceFlags: trace.FlagsSampled, Remote: true}),
		SpanKind:  trace.SpanKindServer,
		StartTime: t0, EndTime: t0.Add(1500 * time.Microsecond),
		Attributes: []attribute.KeyValue{
			attribute.String("str", "hello"), attribute.String("empty", ""),
			attribute.Bool("yes", true), attribute.Bool("no", false),
			attribute.Int64("int", -7), attribute.Int64("zero", 0),
			attribute.Float64("pi", 3.25), attribute.Float64("fzero", 0),
			attribute.StringSlice("strs", []string{"a", "", "c"}),
			attribute.BoolSlice("bools", []bool{true, false}),
			attribute.Int64Slice("ints", []int64{1, -2, 1 << 40}),
			attribute.Float64Slice("floats", []float64{0.5, -1}),
			attribute.StringSlice("none", []string{}),
		},
		DroppedAttributes: 3,
		Events: []sdktrace.Event{
			{Name: "exception", Time: t0.Add(time.Millisecond),
				Attributes: []attribute.KeyValue{attribute.String("exception.type", "*net.OpError")}, DroppedAttributeCount: 1},
			{Name: "bare", Time: t0.Add(2 * time.Millisecond)},
		},
		DroppedEvents: 4,
		Links: []sdktrace.Link{
			{SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: id16(9), SpanID: id8(9),
				TraceFlags: trace.FlagsSampled, TraceState: ts, Remote: true}),
				Attributes: []attribute.KeyValue{attribute.Int("link.n", 5)}, DroppedAttributeCount: 2},
			{SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: id16(8), SpanID: id8(8)})},
		},
		DroppedLinks:         5,
		Status:               sdktrace.Status{Code: codes.Error, Description: "boom"},
		Resource:             resA,
		InstrumentationScope: scope1,
	}
	client := tracetest.SpanStub{
		Name:        "SELECT users",
		SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: id16(1), SpanID: id8(3)}),
		Parent:      server.SpanContext,
		SpanKind:    trace.SpanKindClient,
		StartTime:   t0.Add(time.Microsecond), EndTime: t0.Add(time.Millisecond),
		Status:   sdktrace.Status{Code: codes.Ok},
		Resource: resA, InstrumentationScope: scope2,
	}
	var spans tracetest.SpanStubs
	spans = append(spans, server, client)
	for i, k := range []trace.SpanKind{trace.SpanKindInternal, trace.SpanKindProducer, trace.SpanKindConsumer, trace.SpanKindUnspecified} {
		spans = append(spans, tracetest.SpanStub{
			Name:        "kind",
			SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: id16(4), SpanID: id8(byte(10 + i))}),
			SpanKind:    k, StartTime: t0, EndTime: t0,
			Resource: resB, InstrumentationScope: scope2,
		})
	}
	// Same resource attributes as resA in a new Resource value: same group.
	again := client
	again.Name = "again"
	again.Resource = resource.NewWithAttributes("https://opentelemetry.io/schemas/1.26.0",
		attribute.Int("pid", 42), attribute.String("service.name", "svc-a"))
	again.InstrumentationScope = scope1
	spans = append(spans, again)
	return spans.Snapshots()
}

func TestEncodeMatchesGolden(t *testing.T) {
	got := encodeRequest(fixtureSpans(t))
	if *update {
		if err := os.WriteFile(goldenPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("encoding differs from %s (%d vs %d bytes); if the change is intended, run go test -update "+
			"and check it with tools/otlp-sink's TestExporterGolden", goldenPath, len(got), len(want))
	}
}

// fields reads one message into field number -> values (for tests).
func fields(t *testing.T, b []byte) map[int][]field {
	t.Helper()
	out := map[int][]field{}
	r := reader{b: b}
	for {
		f, wt, num, p, ok, err := r.next()
		if err != nil {
			t.Fatalf("malformed: %v", err)
		}
		if !ok {
			return out
		}
		out[f] = append(out[f], field{wt, num, p})
	}
}

type field struct {
	wt      int
	num     uint64
	payload []byte
}

// TestEncodeStructure reads the request back with the package's own reader:
// grouping, and a few values whose wire form is easy to get wrong.
func TestEncodeStructure(t *testing.T) {
	req := fields(t, encodeRequest(fixtureSpans(t)))
	rs := req[reqResourceSpans]
	if len(rs) != 2 {
		t.Fatalf("%d ResourceSpans, want 2", len(rs))
	}
	a := fields(t, rs[0].payload)
	if len(a[rsScopeSpans]) != 2 || string(a[rsSchemaURL][0].payload) != "https://opentelemetry.io/schemas/1.26.0" {
		t.Fatalf("resource A: %d scopes", len(a[rsScopeSpans]))
	}
	s1 := fields(t, a[rsScopeSpans][0].payload)
	if n := len(s1[ssSpans]); n != 2 { // server span and "again"
		t.Fatalf("scope one of resource A has %d spans, want 2", n)
	}
	span := fields(t, s1[ssSpans][0].payload)
	if f := span[spanStart][0]; f.wt != wireFixed64 || f.num != 1700000000123456789 {
		t.Errorf("start time %+v", f)
	}
	if f := span[spanFlags][0]; f.wt != wireFixed32 || f.num != 0x301 {
		t.Errorf("flags %#x, want sampled|has-is-remote|is-remote", f.num)
	}
	if f := span[spanKind][0]; f.num != 2 {
		t.Errorf("kind %d", f.num)
	}
	// int -7 is a 10-byte two's complement varint, not zigzag.
	attrs := span[spanAttributes]
	v := fields(t, fields(t, attrs[4].payload)[kvValue][0].payload)
	if int64(v[anyInt][0].num) != -7 {
		t.Errorf("int attribute %d", int64(v[anyInt][0].num))
	}
	// A zero in a oneof is still present.
	v = fields(t, fields(t, attrs[5].payload)[kvValue][0].payload)
	if len(v[anyInt]) != 1 || v[anyInt][0].num != 0 {
		t.Errorf("zero int attribute missing: %v", v)
	}
	b := fields(t, rs[1].payload)
	if len(b[rsScopeSpans]) != 1 || len(fields(t, b[rsScopeSpans][0].payload)[ssSpans]) != 4 {
		t.Errorf("resource B grouping")
	}
	if len(encodeRequest(nil)) != 0 {
		t.Error("empty request not empty")
	}
}

func TestWriterLongMessageLength(t *testing.T) {
	w := &writer{}
	m := w.begin(1)
	w.str(2, string(bytes.Repeat([]byte{'x'}, 300))) // length needs 2 varint bytes
	w.end(m)
	f := fields(t, w.b)
	inner := fields(t, f[1][0].payload)
	if len(inner[2][0].payload) != 300 {
		t.Fatalf("inner length %d", len(inner[2][0].payload))
	}
}
