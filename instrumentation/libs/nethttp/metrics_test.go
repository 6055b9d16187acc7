package nethttp

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

// setupMetrics installs a meter provider with a manual reader as the
// global one; collect returns the metrics recorded so far by name.
func setupMetrics(t *testing.T) (collect func() map[string]metricdata.Aggregation) {
	t.Helper()
	r := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(r))
	otel.SetMeterProvider(mp)
	t.Cleanup(func() { otel.SetMeterProvider(noop.NewMeterProvider()); _ = mp.Shutdown(context.Background()) })
	return func() map[string]metricdata.Aggregation {
		var rm metricdata.ResourceMetrics
		if err := r.Collect(context.Background(), &rm); err != nil {
			t.Fatal(err)
		}
		out := map[string]metricdata.Aggregation{}
		for _, sm := range rm.ScopeMetrics {
			if sm.Scope.Name != ScopeName {
				t.Errorf("scope %q", sm.Scope.Name)
			}
			for _, m := range sm.Metrics {
				out[m.Name] = m.Data
			}
		}
		return out
	}
}

func attrsOf(s attribute.Set) map[string]interface{} {
	m := map[string]interface{}{}
	for _, kv := range s.ToSlice() {
		m[string(kv.Key)] = kv.Value.AsInterface()
	}
	return m
}

func sameAttrs(got, want map[string]interface{}) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

func TestServerMetrics(t *testing.T) {
	setup(t)
	collect := setupMetrics(t)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{id}", func(w http.ResponseWriter, r *http.Request) {
		if got := collect()["http.server.active_requests"].(metricdata.Sum[int64]); got.DataPoints[0].Value != 1 {
			t.Errorf("active requests in the handler: %v", got.DataPoints)
		}
	})
	mux.HandleFunc("GET /fail", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) })
	for _, p := range []string{"/users/1", "/users/2", "/fail"} {
		serve(t, mux, httptest.NewRecorder(), httptest.NewRequest("GET", p, nil))
	}
	got := collect()
	h, ok := got["http.server.request.duration"].(metricdata.Histogram[float64])
	if !ok || len(h.DataPoints) != 2 {
		t.Fatalf("duration: %#v", got["http.server.request.duration"])
	}
	want := []map[string]interface{}{
		{"http.request.method": "GET", "url.scheme": "http", "network.protocol.version": "1.1",
			"http.route": "/users/{id}", "http.response.status_code": int64(200)},
		{"http.request.method": "GET", "url.scheme": "http", "network.protocol.version": "1.1",
			"http.route": "/fail", "http.response.status_code": int64(503), "error.type": "503"},
	}
	for _, dp := range h.DataPoints { // in no particular order
		i := 0
		if attrsOf(dp.Attributes)["http.route"] == "/fail" {
			i = 1
		}
		if !sameAttrs(attrsOf(dp.Attributes), want[i]) {
			t.Errorf("point %d attributes %v, want %v", i, attrsOf(dp.Attributes), want[i])
		}
		if dp.Count != uint64(2-i) || dp.Sum <= 0 || len(dp.Bounds) != 14 || dp.Bounds[0] != 0.005 {
			t.Errorf("point %d: count %d sum %v bounds %v", i, dp.Count, dp.Sum, dp.Bounds)
		}
	}
	a := got["http.server.active_requests"].(metricdata.Sum[int64])
	if len(a.DataPoints) != 1 || a.DataPoints[0].Value != 0 || a.IsMonotonic ||
		!sameAttrs(attrsOf(a.DataPoints[0].Attributes), map[string]interface{}{"http.request.method": "GET", "url.scheme": "http"}) {
		t.Errorf("active requests after: %+v", a)
	}
}

func TestClientMetrics(t *testing.T) {
	setup(t)
	collect := setupMetrics(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	req, _ := http.NewRequest("GET", srv.URL+"/a?secret=1", nil)
	resp, _, err := roundTrip(t, tr, req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := l.Addr().String()
	l.Close()
	req, _ = http.NewRequest("GET", "http://"+closed+"/", nil)
	if _, _, err := roundTrip(t, tr, req); err == nil {
		t.Fatal("closed port answered")
	}
	h := collect()["http.client.request.duration"].(metricdata.Histogram[float64])
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	_, cport, _ := net.SplitHostPort(closed)
	want := []map[string]interface{}{
		{"http.request.method": "GET", "server.address": "127.0.0.1", "server.port": int64(atoi(port)), "http.response.status_code": int64(200)},
		{"http.request.method": "GET", "server.address": "127.0.0.1", "server.port": int64(atoi(cport)), "error.type": "*net.OpError"},
	}
	if len(h.DataPoints) != 2 {
		t.Fatalf("points: %+v", h.DataPoints)
	}
	for _, dp := range h.DataPoints { // in no particular order
		i := 0
		if _, failed := attrsOf(dp.Attributes)["error.type"]; failed {
			i = 1
		}
		if !sameAttrs(attrsOf(dp.Attributes), want[i]) || dp.Count != 1 {
			t.Errorf("point %d: %v count %d, want %v", i, attrsOf(dp.Attributes), dp.Count, want[i])
		}
	}
}

// With the no-op provider (OTEL_METRICS_EXPORTER=none) the hooks skip
// metrics entirely, and spans are as before.
func TestMetricsOffLeavesSpans(t *testing.T) {
	exp := setup(t)
	otel.SetMeterProvider(noop.NewMeterProvider())
	mux := http.NewServeMux()
	mux.HandleFunc("GET /x", func(w http.ResponseWriter, r *http.Request) {})
	serve(t, mux, httptest.NewRecorder(), httptest.NewRequest("GET", "/x", nil))
	if s := only(t, exp); s.Name != "GET /x" {
		t.Errorf("span %q", s.Name)
	}
	if serverMetrics.Get() != nil || clientMetrics.Get() != nil {
		t.Error("instruments made for the no-op provider")
	}
}
