package main

import (
	"compress/gzip"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"
)

// Span is one line of the output file.
type Span struct {
	TraceID       string                 `json:"trace_id"`
	SpanID        string                 `json:"span_id"`
	ParentSpanID  string                 `json:"parent_span_id"`
	Name          string                 `json:"name"`
	Kind          string                 `json:"kind"`
	StatusCode    string                 `json:"status_code"`
	StatusMessage string                 `json:"status_message"`
	Attributes    map[string]interface{} `json:"attributes"`
	ServiceName   string                 `json:"service_name"`
	Scope         string                 `json:"scope"`
	StartNanos    uint64                 `json:"start_unix_nano"`
	EndNanos      uint64                 `json:"end_unix_nano"`
}

// serve listens on the loopback port and appends received spans to out
// and, when metricsOut is not empty, metric data points to metricsOut.
func serve(port int, out, metricsOut, addrFile string) error {
	f, err := os.OpenFile(out, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	s := &sink{out: f}
	if metricsOut != "" {
		mf, err := os.OpenFile(metricsOut, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return err
		}
		s.metricsOut = mf
	}
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return err
	}
	if addrFile != "" {
		// Written after Listen succeeded: a test that sees the file can
		// connect. Rename makes the write atomic for a polling reader.
		tmp := addrFile + ".tmp"
		if err := os.WriteFile(tmp, []byte(l.Addr().String()), 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp, addrFile); err != nil {
			return err
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/traces", s.traces)
	mux.HandleFunc("POST /v1/metrics", s.metrics)
	return http.Serve(l, mux)
}

type sink struct {
	mu         sync.Mutex
	out        io.Writer // spans
	metricsOut io.Writer // metric data points; nil: dropped
}

func (s *sink) traces(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var req coltracepb.ExportTraceServiceRequest
	if err := proto.Unmarshal(body, &req); err != nil {
		http.Error(w, "bad protobuf: "+err.Error(), http.StatusBadRequest)
		return
	}
	if err := s.write(&req); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	resp, _ := proto.Marshal(&coltracepb.ExportTraceServiceResponse{})
	w.Header().Set("Content-Type", "application/x-protobuf")
	_, _ = w.Write(resp)
}

func readBody(r *http.Request) ([]byte, error) {
	var rd io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		gz, err := gzip.NewReader(r.Body)
		if err != nil {
			return nil, err
		}
		defer gz.Close()
		rd = gz
	}
	return io.ReadAll(io.LimitReader(rd, 64<<20))
}

// write appends one JSON line per span of req, all in one write so that a
// reader never sees half a request.
func (s *sink) write(req *coltracepb.ExportTraceServiceRequest) error {
	var buf []byte
	for _, rs := range req.GetResourceSpans() {
		service, _ := attrMap(rs.GetResource().GetAttributes())["service.name"].(string)
		for _, ss := range rs.GetScopeSpans() {
			for _, sp := range ss.GetSpans() {
				line, err := json.Marshal(convert(sp, service, ss.GetScope().GetName()))
				if err != nil {
					return err
				}
				buf = append(append(buf, line...), '\n')
			}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.out.Write(buf)
	return err
}

func convert(sp *tracepb.Span, service, scope string) Span {
	return Span{
		TraceID:       hex.EncodeToString(sp.GetTraceId()),
		SpanID:        hex.EncodeToString(sp.GetSpanId()),
		ParentSpanID:  hex.EncodeToString(sp.GetParentSpanId()),
		Name:          sp.GetName(),
		Kind:          kindName(sp.GetKind()),
		StatusCode:    statusName(sp.GetStatus().GetCode()),
		StatusMessage: sp.GetStatus().GetMessage(),
		Attributes:    attrMap(sp.GetAttributes()),
		ServiceName:   service,
		Scope:         scope,
		StartNanos:    sp.GetStartTimeUnixNano(),
		EndNanos:      sp.GetEndTimeUnixNano(),
	}
}

func kindName(k tracepb.Span_SpanKind) string {
	switch k {
	case tracepb.Span_SPAN_KIND_INTERNAL:
		return "INTERNAL"
	case tracepb.Span_SPAN_KIND_SERVER:
		return "SERVER"
	case tracepb.Span_SPAN_KIND_CLIENT:
		return "CLIENT"
	case tracepb.Span_SPAN_KIND_PRODUCER:
		return "PRODUCER"
	case tracepb.Span_SPAN_KIND_CONSUMER:
		return "CONSUMER"
	}
	return "UNSPECIFIED"
}

func statusName(c tracepb.Status_StatusCode) string {
	switch c {
	case tracepb.Status_STATUS_CODE_OK:
		return "OK"
	case tracepb.Status_STATUS_CODE_ERROR:
		return "ERROR"
	}
	return "UNSET"
}

// attrMap flattens OTLP attributes into JSON-friendly values.
func attrMap(kvs []*commonpb.KeyValue) map[string]interface{} {
	m := make(map[string]interface{}, len(kvs))
	for _, kv := range kvs {
		m[kv.GetKey()] = anyValue(kv.GetValue())
	}
	return m
}

func anyValue(v *commonpb.AnyValue) interface{} {
	switch x := v.GetValue().(type) {
	case *commonpb.AnyValue_StringValue:
		return x.StringValue
	case *commonpb.AnyValue_BoolValue:
		return x.BoolValue
	case *commonpb.AnyValue_IntValue:
		return x.IntValue
	case *commonpb.AnyValue_DoubleValue:
		return x.DoubleValue
	case *commonpb.AnyValue_BytesValue:
		return hex.EncodeToString(x.BytesValue)
	case *commonpb.AnyValue_ArrayValue:
		var out []interface{}
		for _, e := range x.ArrayValue.GetValues() {
			out = append(out, anyValue(e))
		}
		return out
	case *commonpb.AnyValue_KvlistValue:
		return attrMap(x.KvlistValue.GetValues())
	}
	return fmt.Sprint(v)
}
