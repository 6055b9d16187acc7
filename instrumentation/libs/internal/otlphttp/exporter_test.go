package otlphttp

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// collector answers with the statuses in order (the last one repeats) and
// records what it received.
type collector struct {
	statuses []int
	calls    atomic.Int32
	header   http.Header
	body     []byte
	respond  func(w http.ResponseWriter)
}

func (c *collector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := int(c.calls.Add(1)) - 1
	c.header = r.Header.Clone()
	rd := io.Reader(r.Body)
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		rd = zr
	}
	c.body, _ = io.ReadAll(rd)
	if c.respond != nil {
		c.respond(w)
		return
	}
	st := http.StatusOK
	if len(c.statuses) > 0 {
		st = c.statuses[min(n, len(c.statuses)-1)]
	}
	w.WriteHeader(st)
}

func newTestExporter(t *testing.T, c *collector, cfg Config) *Exporter {
	srv := httptest.NewServer(c)
	t.Cleanup(srv.Close)
	cfg.URL = srv.URL + "/v1/traces"
	if cfg.Timeout == 0 {
		cfg.Timeout = 5 * time.Second
	}
	e := New(cfg, srv.Client())
	e.initWait = 10 * time.Millisecond
	return e
}

func TestExportSendsProtobufWithHeaders(t *testing.T) {
	c := &collector{}
	e := newTestExporter(t, c, Config{Headers: map[string]string{"Authorization": "Bearer x y"}})
	spans := fixtureSpans(t)
	if err := e.ExportSpans(context.Background(), spans); err != nil {
		t.Fatal(err)
	}
	if c.header.Get("Content-Type") != "application/x-protobuf" || c.header.Get("Authorization") != "Bearer x y" ||
		c.header.Get("Content-Encoding") != "" {
		t.Errorf("headers %v", c.header)
	}
	if !bytes.Equal(c.body, encodeRequest(spans)) {
		t.Error("body is not the encoded request")
	}
	if err := e.ExportSpans(context.Background(), nil); err != nil || c.calls.Load() != 1 {
		t.Errorf("empty export sent a request: %v", err)
	}
}

func TestExportGzip(t *testing.T) {
	c := &collector{}
	e := newTestExporter(t, c, Config{Gzip: true})
	spans := fixtureSpans(t)
	if err := e.ExportSpans(context.Background(), spans); err != nil {
		t.Fatal(err)
	}
	if c.header.Get("Content-Encoding") != "gzip" || !bytes.Equal(c.body, encodeRequest(spans)) {
		t.Errorf("gzip: encoding %q, body ok %v", c.header.Get("Content-Encoding"), bytes.Equal(c.body, encodeRequest(spans)))
	}
}

func TestRetryOn503ThenSuccess(t *testing.T) {
	c := &collector{statuses: []int{503, 429, 200}}
	e := newTestExporter(t, c, Config{})
	if err := e.ExportSpans(context.Background(), fixtureSpans(t)); err != nil {
		t.Fatal(err)
	}
	if c.calls.Load() != 3 {
		t.Fatalf("%d calls, want 3", c.calls.Load())
	}
}

func TestNoRetryOn400(t *testing.T) {
	c := &collector{respond: func(w http.ResponseWriter) { http.Error(w, "bad span", 400) }}
	e := newTestExporter(t, c, Config{})
	err := e.ExportSpans(context.Background(), fixtureSpans(t))
	if err == nil || !strings.Contains(err.Error(), "400") || !strings.Contains(err.Error(), "bad span") || c.calls.Load() != 1 {
		t.Fatalf("err %v after %d calls", err, c.calls.Load())
	}
}

func TestRetryStopsAtTimeout(t *testing.T) {
	c := &collector{statuses: []int{503}}
	e := newTestExporter(t, c, Config{Timeout: 3 * time.Second})
	// Without the timeout the exporter would retry the 503s on and on
	// (the test would then hang until go test's own timeout): it must give
	// up with the last status after retrying at least once.
	err := e.ExportSpans(context.Background(), fixtureSpans(t))
	if err == nil || !strings.Contains(err.Error(), "503") {
		t.Fatalf("err %v", err)
	}
	if c.calls.Load() < 2 {
		t.Fatalf("%d calls: no retry", c.calls.Load())
	}
}

func TestTimeoutOnHangingCollector(t *testing.T) {
	release := make(chan struct{})
	c := &collector{respond: func(w http.ResponseWriter) { <-release }}
	e := newTestExporter(t, c, Config{Timeout: 200 * time.Millisecond})
	defer close(release)
	// The collector never answers: only the timeout ends the export.
	err := e.ExportSpans(context.Background(), fixtureSpans(t))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
}

func TestPartialSuccessIsAnError(t *testing.T) {
	w := &writer{}
	m := w.begin(1)
	w.uvarint(1, 2)
	w.str(2, "too old")
	w.end(m)
	c := &collector{respond: func(rw http.ResponseWriter) {
		rw.Header().Set("Content-Type", "application/x-protobuf")
		rw.Write(w.b)
	}}
	e := newTestExporter(t, c, Config{})
	err := e.ExportSpans(context.Background(), fixtureSpans(t))
	if err == nil || !strings.Contains(err.Error(), "2 spans rejected: too old") {
		t.Fatalf("err %v", err)
	}
	if partialSuccess(nil, "spans") != nil || partialSuccess([]byte{0x0a, 0x00}, "spans") != nil {
		t.Error("an empty response is a full success")
	}
}

func TestShutdown(t *testing.T) {
	c := &collector{}
	e := newTestExporter(t, c, Config{})
	if err := e.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := e.Shutdown(context.Background()); err != nil {
		t.Fatal("second Shutdown:", err)
	}
	if err := e.ExportSpans(context.Background(), fixtureSpans(t)); !errors.Is(err, errStopped) || c.calls.Load() != 0 {
		t.Fatalf("export after shutdown: %v", err)
	}
}

func TestConfigFromEnv(t *testing.T) {
	cases := []struct {
		env     map[string]string
		url     string
		headers map[string]string
		timeout time.Duration
		gzip    bool
		nwarn   int
	}{
		{nil, "http://localhost:4318/v1/traces", nil, 10 * time.Second, false, 0},
		{map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:9999"}, "http://127.0.0.1:9999/v1/traces", nil, 10 * time.Second, false, 0},
		{map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "https://c.example/base/"}, "https://c.example/base/v1/traces", nil, 10 * time.Second, false, 0},
		{map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://a:1", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://b:2/custom"}, "http://b:2/custom", nil, 10 * time.Second, false, 0},
		{map[string]string{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://b:2"}, "http://b:2/", nil, 10 * time.Second, false, 0},
		{map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "::nonsense"}, "http://localhost:4318/v1/traces", nil, 10 * time.Second, false, 1},
		{map[string]string{"OTEL_EXPORTER_OTLP_HEADERS": "a=1, Authorization=Basic%20abc ,bad"}, "http://localhost:4318/v1/traces",
			map[string]string{"a": "1", "Authorization": "Basic abc"}, 10 * time.Second, false, 1},
		{map[string]string{"OTEL_EXPORTER_OTLP_HEADERS": "a=1", "OTEL_EXPORTER_OTLP_TRACES_HEADERS": "b=2"}, "http://localhost:4318/v1/traces",
			map[string]string{"b": "2"}, 10 * time.Second, false, 0},
		{map[string]string{"OTEL_EXPORTER_OTLP_TIMEOUT": "2500"}, "http://localhost:4318/v1/traces", nil, 2500 * time.Millisecond, false, 0},
		{map[string]string{"OTEL_EXPORTER_OTLP_TIMEOUT": "1000", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT": "500"}, "http://localhost:4318/v1/traces", nil, 500 * time.Millisecond, false, 0},
		{map[string]string{"OTEL_EXPORTER_OTLP_TIMEOUT": "5s"}, "http://localhost:4318/v1/traces", nil, 10 * time.Second, false, 1},
		{map[string]string{"OTEL_EXPORTER_OTLP_TRACES_COMPRESSION": "gzip"}, "http://localhost:4318/v1/traces", nil, 10 * time.Second, true, 0},
		{map[string]string{"OTEL_EXPORTER_OTLP_COMPRESSION": "zstd"}, "http://localhost:4318/v1/traces", nil, 10 * time.Second, false, 1},
		{map[string]string{"OTEL_EXPORTER_OTLP_CERTIFICATE": "/no/such.pem"}, "http://localhost:4318/v1/traces", nil, 10 * time.Second, false, 1},
	}
	noFile := func(string) ([]byte, error) { return nil, errors.New("no file") }
	for _, c := range cases {
		got, warnings := ConfigFromEnv(func(k string) string { return c.env[k] }, noFile)
		if got.URL != c.url || !reflect.DeepEqual(got.Headers, c.headers) || got.Timeout != c.timeout ||
			got.Gzip != c.gzip || len(warnings) != c.nwarn || got.TLS != nil {
			t.Errorf("%v: got %+v, warnings %q", c.env, got, warnings)
		}
	}
}
