package main

import (
	"bytes"
	"os"
	"testing"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	resourcepb "go.opentelemetry.io/proto/otlp/resource/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"
)

// goldenRequest is what otel's own OTLP exporter (instrumentation/libs/
// internal/otlphttp, which writes protobuf by hand) encodes for the spans
// of its fixtureSpans; its TestEncodeMatchesGolden keeps the file current.
// Here the official decoder reads it and every field is compared.
const goldenRequest = "../../instrumentation/libs/internal/otlphttp/testdata/request.binpb"

func kv(k string, v *commonpb.AnyValue) *commonpb.KeyValue {
	return &commonpb.KeyValue{Key: k, Value: v}
}
func sv(s string) *commonpb.AnyValue {
	return &commonpb.AnyValue{Value: &commonpb.AnyValue_StringValue{StringValue: s}}
}
func bv(b bool) *commonpb.AnyValue {
	return &commonpb.AnyValue{Value: &commonpb.AnyValue_BoolValue{BoolValue: b}}
}
func iv(i int64) *commonpb.AnyValue {
	return &commonpb.AnyValue{Value: &commonpb.AnyValue_IntValue{IntValue: i}}
}
func dv(f float64) *commonpb.AnyValue {
	return &commonpb.AnyValue{Value: &commonpb.AnyValue_DoubleValue{DoubleValue: f}}
}
func av(vs ...*commonpb.AnyValue) *commonpb.AnyValue {
	return &commonpb.AnyValue{Value: &commonpb.AnyValue_ArrayValue{ArrayValue: &commonpb.ArrayValue{Values: vs}}}
}
func rep(b byte, n int) []byte { return bytes.Repeat([]byte{b}, n) }

func expectedRequest() *coltracepb.ExportTraceServiceRequest {
	const t0 = uint64(1700000000123456789)
	scope1 := &commonpb.InstrumentationScope{Name: "scope-one", Version: "v1.2.3",
		Attributes: []*commonpb.KeyValue{kv("scope.attr", bv(true))}}
	scope2 := &commonpb.InstrumentationScope{Name: "scope-two"}
	server := &tracepb.Span{
		TraceId: rep(1, 16), SpanId: rep(2, 8), TraceState: "vendor=value,other=x", ParentSpanId: rep(1, 8),
		Flags: 0x301, Name: "GET /users/{id}", Kind: tracepb.Span_SPAN_KIND_SERVER,
		StartTimeUnixNano: t0, EndTimeUnixNano: t0 + 1500000,
		Attributes: []*commonpb.KeyValue{
			kv("str", sv("hello")), kv("empty", sv("")), kv("yes", bv(true)), kv("no", bv(false)),
			kv("int", iv(-7)), kv("zero", iv(0)), kv("pi", dv(3.25)), kv("fzero", dv(0)),
			kv("strs", av(sv("a"), sv(""), sv("c"))), kv("bools", av(bv(true), bv(false))),
			kv("ints", av(iv(1), iv(-2), iv(1<<40))), kv("floats", av(dv(0.5), dv(-1))),
			kv("none", av()),
		},
		DroppedAttributesCount: 3,
		Events: []*tracepb.Span_Event{
			{TimeUnixNano: t0 + 1000000, Name: "exception",
				Attributes: []*commonpb.KeyValue{kv("exception.type", sv("*net.OpError"))}, DroppedAttributesCount: 1},
			{TimeUnixNano: t0 + 2000000, Name: "bare"},
		},
		DroppedEventsCount: 4,
		Links: []*tracepb.Span_Link{
			{TraceId: rep(9, 16), SpanId: rep(9, 8), TraceState: "vendor=value,other=x",
				Attributes: []*commonpb.KeyValue{kv("link.n", iv(5))}, DroppedAttributesCount: 2, Flags: 0x301},
			{TraceId: rep(8, 16), SpanId: rep(8, 8), Flags: 0x100},
		},
		DroppedLinksCount: 5,
		Status:            &tracepb.Status{Code: tracepb.Status_STATUS_CODE_ERROR, Message: "boom"},
	}
	client := func(name string) *tracepb.Span {
		return &tracepb.Span{TraceId: rep(1, 16), SpanId: rep(3, 8), ParentSpanId: rep(2, 8), Flags: 0x100,
			Name: name, Kind: tracepb.Span_SPAN_KIND_CLIENT, StartTimeUnixNano: t0 + 1000, EndTimeUnixNano: t0 + 1000000,
			Status: &tracepb.Status{Code: tracepb.Status_STATUS_CODE_OK}}
	}
	var kinds []*tracepb.Span
	for i, k := range []tracepb.Span_SpanKind{tracepb.Span_SPAN_KIND_INTERNAL, tracepb.Span_SPAN_KIND_PRODUCER,
		tracepb.Span_SPAN_KIND_CONSUMER, tracepb.Span_SPAN_KIND_UNSPECIFIED} {
		kinds = append(kinds, &tracepb.Span{TraceId: rep(4, 16), SpanId: rep(byte(10+i), 8), Flags: 0x100,
			Name: "kind", Kind: k, StartTimeUnixNano: t0, EndTimeUnixNano: t0, Status: &tracepb.Status{}})
	}
	return &coltracepb.ExportTraceServiceRequest{ResourceSpans: []*tracepb.ResourceSpans{
		{
			Resource: &resourcepb.Resource{Attributes: []*commonpb.KeyValue{kv("pid", iv(42)), kv("service.name", sv("svc-a"))}},
			ScopeSpans: []*tracepb.ScopeSpans{
				{Scope: scope1, Spans: []*tracepb.Span{server, client("again")}, SchemaUrl: "https://example.com/s"},
				{Scope: scope2, Spans: []*tracepb.Span{client("SELECT users")}},
			},
			SchemaUrl: "https://opentelemetry.io/schemas/1.26.0",
		},
		{
			Resource:   &resourcepb.Resource{Attributes: []*commonpb.KeyValue{kv("service.name", sv("svc-b"))}},
			ScopeSpans: []*tracepb.ScopeSpans{{Scope: scope2, Spans: kinds}},
		},
	}}
}

func TestExporterGolden(t *testing.T) {
	body, err := os.ReadFile(goldenRequest)
	if err != nil {
		t.Fatal(err)
	}
	var got coltracepb.ExportTraceServiceRequest
	if err := proto.Unmarshal(body, &got); err != nil {
		t.Fatalf("official decoder rejects otel's encoding: %v", err)
	}
	if len(got.ProtoReflect().GetUnknown()) != 0 {
		t.Error("unknown fields at the top level")
	}
	want := expectedRequest()
	if !proto.Equal(&got, want) {
		t.Fatalf("decoded request differs\ngot:\n%s\nwant:\n%s", prototext.Format(&got), prototext.Format(want))
	}
	// The official encoder's output decodes to the same: the encodings agree.
	off, _ := proto.Marshal(want)
	if len(off) != len(body) {
		t.Errorf("official encoding is %d bytes, otel's %d", len(off), len(body))
	}
}
