package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	resourcepb "go.opentelemetry.io/proto/otlp/resource/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"
)

func str(k, v string) *commonpb.KeyValue {
	return &commonpb.KeyValue{Key: k, Value: &commonpb.AnyValue{Value: &commonpb.AnyValue_StringValue{StringValue: v}}}
}

func span(id, parent byte, name string, kind tracepb.Span_SpanKind, start uint64, attrs ...*commonpb.KeyValue) *tracepb.Span {
	s := &tracepb.Span{TraceId: bytes.Repeat([]byte{1}, 16), SpanId: bytes.Repeat([]byte{id}, 8),
		Name: name, Kind: kind, StartTimeUnixNano: start, EndTimeUnixNano: start + 1e6, Attributes: attrs}
	if parent != 0 {
		s.ParentSpanId = bytes.Repeat([]byte{parent}, 8)
	}
	return s
}

func TestReceiveAndTree(t *testing.T) {
	var out bytes.Buffer
	s := &sink{out: &out}
	req := &coltracepb.ExportTraceServiceRequest{ResourceSpans: []*tracepb.ResourceSpans{{
		Resource: &resourcepb.Resource{Attributes: []*commonpb.KeyValue{str("service.name", "demo")}},
		ScopeSpans: []*tracepb.ScopeSpans{{Spans: []*tracepb.Span{
			span(3, 2, "SELECT users", tracepb.Span_SPAN_KIND_CLIENT, 30, str("db.query.text", "SELECT 1")),
			span(2, 1, "GET /users/{id}", tracepb.Span_SPAN_KIND_SERVER, 20),
			span(1, 0, "GET", tracepb.Span_SPAN_KIND_CLIENT, 10, &commonpb.KeyValue{Key: "http.response.status_code",
				Value: &commonpb.AnyValue{Value: &commonpb.AnyValue_IntValue{IntValue: 200}}}),
		}}},
	}}}
	body, _ := proto.Marshal(req)
	rec := httptest.NewRecorder()
	s.traces(rec, httptest.NewRequest("POST", "/v1/traces", bytes.NewReader(body)))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/x-protobuf" {
		t.Fatalf("status %d", rec.Code)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines", len(lines))
	}
	var first Span
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.Name != "SELECT users" || first.Kind != "CLIENT" || first.ServiceName != "demo" ||
		first.ParentSpanID != "0202020202020202" || first.Attributes["db.query.text"] != "SELECT 1" {
		t.Errorf("first span %+v", first)
	}

	path := filepath.Join(t.TempDir(), "spans.jsonl")
	os.WriteFile(path, out.Bytes(), 0o644)
	var tree bytes.Buffer
	if err := printTree(path, &tree); err != nil {
		t.Fatal(err)
	}
	want := "trace 01010101010101010101010101010101 (service demo, 3 spans)\n" +
		"  GET [CLIENT] 1.00ms http.response.status_code=200\n" +
		"    GET /users/{id} [SERVER] 1.00ms\n" +
		"      SELECT users [CLIENT] 1.00ms db.query.text=SELECT 1\n"
	if tree.String() != want {
		t.Errorf("tree:\n%s\nwant:\n%s", tree.String(), want)
	}

	rec = httptest.NewRecorder()
	s.traces(rec, httptest.NewRequest("POST", "/v1/traces", strings.NewReader("\xff\xff")))
	if rec.Code != http.StatusBadRequest {
		t.Errorf("garbage accepted: %d", rec.Code)
	}
}
