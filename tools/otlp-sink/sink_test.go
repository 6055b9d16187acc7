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

// TestReceiveMetrics: every data point becomes one JSON line with its
// metric's identity; without -metrics-out, metrics are accepted and
// dropped; garbage is rejected either way.
func TestReceiveMetrics(t *testing.T) {
	body, _ := proto.Marshal(expectedMetrics())
	var out bytes.Buffer
	s := &sink{out: &bytes.Buffer{}, metricsOut: &out}
	rec := httptest.NewRecorder()
	s.metrics(rec, httptest.NewRequest("POST", "/v1/metrics", bytes.NewReader(body)))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/x-protobuf" {
		t.Fatalf("status %d", rec.Code)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 11 { // 2 + 2 + 1 + 1 + 1 + 1 points in scope-m, 3 in the other scope
		t.Fatalf("%d lines:\n%s", len(lines), out.String())
	}
	var h, active, gauge Point
	for _, pair := range []struct {
		line string
		p    *Point
	}{{lines[0], &h}, {lines[3], &active}, {lines[5], &gauge}} {
		if err := json.Unmarshal([]byte(pair.line), pair.p); err != nil {
			t.Fatal(err)
		}
	}
	if h.Name != "http.server.request.duration" || h.Type != "histogram" || h.Temporality != "CUMULATIVE" || h.Unit != "s" ||
		*h.Count != 3 || *h.Sum != 0.75 || *h.Min != 0.001 || *h.Max != 0.5 || len(h.Bounds) != 3 || len(h.Buckets) != 4 ||
		h.Attributes["http.request.method"] != "GET" || h.Attributes["http.response.status_code"] != float64(200) ||
		h.ServiceName != "svc-m" || h.Scope != "scope-m" || h.Exemplars != 1 || h.StartNanos == 0 || h.TimeNanos == 0 {
		t.Errorf("histogram point %s", lines[0])
	}
	if active.Type != "sum" || active.Monotonic == nil || *active.Monotonic || *active.Value != -2 || active.Temporality != "CUMULATIVE" {
		t.Errorf("up-down sum point %s", lines[3])
	}
	if gauge.Name != "go.goroutine.count" || gauge.Type != "gauge" || *gauge.Value != 12 || gauge.Temporality != "" || gauge.Monotonic != nil {
		t.Errorf("gauge point %s", lines[5])
	}
	if !strings.Contains(lines[8], `"type":"exponential_histogram"`) || !strings.Contains(lines[10], `"type":"summary"`) {
		t.Errorf("other scope:\n%s\n%s", lines[8], lines[10])
	}

	s = &sink{out: &bytes.Buffer{}}
	rec = httptest.NewRecorder()
	s.metrics(rec, httptest.NewRequest("POST", "/v1/metrics", bytes.NewReader(body)))
	if rec.Code != http.StatusOK {
		t.Errorf("without -metrics-out: status %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	s.metrics(rec, httptest.NewRequest("POST", "/v1/metrics", strings.NewReader("\xff\xff")))
	if rec.Code != http.StatusBadRequest {
		t.Errorf("garbage accepted: %d", rec.Code)
	}
}
