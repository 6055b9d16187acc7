package nethttp

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"otelgo.dev/instrumentation/hooktest"
	"otelgo.dev/instrumentation/libs/internal/selftraffic"
)

// setup installs an in-memory exporter as the global provider.
func setup(t *testing.T) *tracetest.InMemoryExporter {
	t.Helper()
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.TraceContext{})
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
	return exp
}

func attrs(s tracetest.SpanStub) map[attribute.Key]attribute.Value {
	m := map[attribute.Key]attribute.Value{}
	for _, kv := range s.Attributes {
		m[kv.Key] = kv.Value
	}
	return m
}

func wantAttrs(t *testing.T, s tracetest.SpanStub, want map[string]interface{}) {
	t.Helper()
	got := attrs(s)
	for k, v := range want {
		g, ok := got[attribute.Key(k)]
		if !ok {
			t.Errorf("span %q: no attribute %s (have %v)", s.Name, k, s.Attributes)
			continue
		}
		if g.AsInterface() != v {
			t.Errorf("span %q: %s = %v (%T), want %v (%T)", s.Name, k, g.AsInterface(), g.AsInterface(), v, v)
		}
	}
}

func only(t *testing.T, exp *tracetest.InMemoryExporter) tracetest.SpanStub {
	t.Helper()
	spans := exp.GetSpans()
	if len(spans) != 1 {
		t.Fatalf("got %d spans, want 1: %v", len(spans), spans)
	}
	return spans[0]
}

// serve runs req through the server hooks around mux, as the instrumented
// serverHandler.ServeHTTP would.
func serve(mux http.Handler, rw http.ResponseWriter, req *http.Request) {
	ictx := hooktest.New("net/http", "ServeHTTP", 0, "serverHandler", rw, req)
	BeforeServeHTTP(ictx, ictx.Params[0], rw, req)
	mux.ServeHTTP(ictx.Params[1].(http.ResponseWriter), ictx.Params[2].(*http.Request))
	AfterServeHTTP(ictx)
}

func TestServerSpanContinuesTraceAndNamesRoute(t *testing.T) {
	exp := setup(t)
	const parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	var inHandler trace.SpanContext
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{id}", func(w http.ResponseWriter, r *http.Request) {
		inHandler = trace.SpanContextFromContext(r.Context())
		w.WriteHeader(http.StatusTeapot)
	})
	req := httptest.NewRequest("GET", "http://example.com:8080/users/7?x=1", nil)
	req.Header.Set("traceparent", parent)
	req.Header.Set("User-Agent", "test-agent")
	req.RemoteAddr = "10.1.2.3:5555"
	serve(mux, httptest.NewRecorder(), req)

	s := only(t, exp)
	if s.Name != "GET /users/{id}" || s.SpanKind != trace.SpanKindServer {
		t.Errorf("name %q kind %v", s.Name, s.SpanKind)
	}
	if s.SpanContext.TraceID().String() != "4bf92f3577b34da6a3ce929d0e0e4736" ||
		s.Parent.SpanID().String() != "00f067aa0ba902b7" || !s.Parent.IsRemote() {
		t.Errorf("trace %s parent %s", s.SpanContext.TraceID(), s.Parent.SpanID())
	}
	if inHandler.SpanID() != s.SpanContext.SpanID() {
		t.Errorf("handler context holds span %s, want %s", inHandler.SpanID(), s.SpanContext.SpanID())
	}
	wantAttrs(t, s, map[string]interface{}{
		"http.request.method":       "GET",
		"url.path":                  "/users/7",
		"url.query":                 "x=1",
		"url.scheme":                "http",
		"http.route":                "/users/{id}",
		"server.address":            "example.com",
		"server.port":               int64(8080),
		"network.protocol.version":  "1.1",
		"user_agent.original":       "test-agent",
		"client.address":            "10.1.2.3",
		"network.peer.port":         int64(5555),
		"http.response.status_code": int64(418),
	})
	if s.Status.Code != codes.Unset {
		t.Errorf("4xx on a server span is not an error; status %v", s.Status)
	}
}

func TestServerSpan5xxIsErrorAndNoRouteNameIsMethod(t *testing.T) {
	exp := setup(t)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	req := httptest.NewRequest("POST", "/fail", nil)
	req.Header.Set("X-Forwarded-For", "203.0.113.9, 10.0.0.1")
	serve(h, httptest.NewRecorder(), req)
	s := only(t, exp)
	if s.Name != "POST" || s.Status.Code != codes.Error || s.Parent.IsValid() {
		t.Errorf("name %q status %v parent %v", s.Name, s.Status, s.Parent)
	}
	wantAttrs(t, s, map[string]interface{}{
		"http.response.status_code": int64(500),
		"error.type":                "500",
		"client.address":            "203.0.113.9",
		"server.port":               int64(80),
	})
}

func TestServerUnknownMethodAndImplicit200(t *testing.T) {
	exp := setup(t)
	req := httptest.NewRequest("BREW", "/", nil)
	serve(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}), httptest.NewRecorder(), req)
	s := only(t, exp)
	if s.Name != "HTTP" {
		t.Errorf("name %q", s.Name)
	}
	wantAttrs(t, s, map[string]interface{}{
		"http.request.method":          "_OTHER",
		"http.request.method_original": "BREW",
		"http.response.status_code":    int64(200),
	})
}

type hijackOnly struct{ http.ResponseWriter }

func (hijackOnly) Hijack() (net.Conn, *bufioReadWriter, error) { return nil, nil, nil }

func TestWrapKeepsOptionalInterfaces(t *testing.T) {
	_, w := wrap(httptest.NewRecorder()) // Flusher, not Hijacker
	if _, ok := w.(http.Flusher); !ok {
		t.Error("Flusher lost")
	}
	if _, ok := w.(http.Hijacker); ok {
		t.Error("Hijacker invented")
	}
	_, w = wrap(struct{ http.ResponseWriter }{httptest.NewRecorder()})
	if _, ok := w.(http.Flusher); ok {
		t.Error("Flusher invented")
	}
	_, w = wrap(hijackOnly{httptest.NewRecorder()})
	if _, ok := w.(http.Hijacker); !ok {
		t.Error("Hijacker lost")
	}
	if _, ok := w.(http.Flusher); ok {
		t.Error("Flusher invented on a hijacker")
	}
	rec, w := wrap(httptest.NewRecorder())
	if _, err := io.Copy(w, stringsReader("hello")); err != nil {
		t.Fatal(err)
	}
	if rec.status != 200 || rec.written != 5 {
		t.Errorf("status %d written %d", rec.status, rec.written)
	}
	if http.NewResponseController(w).Flush() != nil {
		t.Error("ResponseController cannot flush through the wrapper")
	}
}

// roundTrip runs req through the client hooks around tr.RoundTrip, as the
// instrumented (*Transport).RoundTrip would.
func roundTrip(tr *http.Transport, req *http.Request) (*http.Response, error) {
	ictx := hooktest.New("net/http", "RoundTrip", 2, tr, req)
	BeforeRoundTrip(ictx, tr, req)
	resp, err := tr.RoundTrip(ictx.Params[1].(*http.Request))
	ictx.SetResults(resp, err)
	var errv error
	if err != nil {
		errv = err
	}
	AfterRoundTrip(ictx, resp, errv)
	return resp, err
}

func TestClientSpanPropagatesAndRecordsStatus(t *testing.T) {
	exp := setup(t)
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Get("traceparent")
		w.WriteHeader(http.StatusNotFound)
	}))
	defer srv.Close()

	parentCtx, parent := otel.Tracer("test").Start(context.Background(), "parent")
	req, _ := http.NewRequestWithContext(parentCtx, "GET", srv.URL+"/x?y=1", nil)
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := roundTrip(tr, req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	parent.End()
	if req.Header.Get("traceparent") != "" {
		t.Error("the caller's request was modified")
	}

	spans := exp.GetSpans()
	if len(spans) != 2 {
		t.Fatalf("%d spans", len(spans))
	}
	s := spans[0]
	if s.Name != "GET" || s.SpanKind != trace.SpanKindClient || s.Parent.SpanID() != parent.SpanContext().SpanID() {
		t.Errorf("name %q kind %v parent %s", s.Name, s.SpanKind, s.Parent.SpanID())
	}
	want := "00-" + s.SpanContext.TraceID().String() + "-" + s.SpanContext.SpanID().String() + "-01"
	if got != want {
		t.Errorf("server saw traceparent %q, want %q", got, want)
	}
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	wantAttrs(t, s, map[string]interface{}{
		"http.request.method":       "GET",
		"url.full":                  srv.URL + "/x?y=1",
		"server.address":            "127.0.0.1",
		"server.port":               int64(atoi(port)),
		"http.response.status_code": int64(404),
		"error.type":                "404",
	})
	if s.Status.Code != codes.Error {
		t.Errorf("404 on a client span is an error; status %v", s.Status)
	}
}

func TestClientRefusedConnectionIsError(t *testing.T) {
	exp := setup(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	req, _ := http.NewRequest("GET", "http://user:pw@"+addr+"/", nil)
	if _, err := roundTrip(&http.Transport{}, req); err == nil {
		t.Fatal("connection to a closed port succeeded")
	}
	s := only(t, exp)
	if s.Status.Code != codes.Error || s.Status.Description == "" {
		t.Errorf("status %v", s.Status)
	}
	wantAttrs(t, s, map[string]interface{}{
		"error.type": "*net.OpError",
		"url.full":   "http://REDACTED:REDACTED@" + addr + "/",
	})
}

func TestExporterTransportIsSkipped(t *testing.T) {
	exp := setup(t)
	req := httptest.NewRequest("POST", "http://localhost:4318/v1/traces", nil)
	ictx := hooktest.New("net/http", "RoundTrip", 2, selftraffic.Transport, req)
	BeforeRoundTrip(ictx, selftraffic.Transport, req)
	if ictx.Params[1] != req || ictx.Data != nil {
		t.Error("the exporter's request was touched")
	}
	AfterRoundTrip(ictx, nil, nil)
	if n := len(exp.GetSpans()); n != 0 {
		t.Errorf("%d spans for exporter traffic", n)
	}
}

func TestRouteOf(t *testing.T) {
	for in, want := range map[string]string{
		"":                           "",
		"/":                          "/",
		"GET /users/{id}":            "/users/{id}",
		"GET example.com/users/{id}": "/users/{id}",
		"example.com/a":              "/a",
		"POST  /x/{p...}":            "/x/{p...}",
	} {
		if got := routeOf(in); got != want {
			t.Errorf("routeOf(%q) = %q, want %q", in, got, want)
		}
	}
}
