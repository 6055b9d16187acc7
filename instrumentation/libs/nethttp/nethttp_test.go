package nethttp

import (
	"context"
	"errors"
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

// fakeInternals stands in for what the file added to net/http registers
// (the unit tests run against a plain net/http): the response state of an
// httptest.ResponseRecorder, the context set in place, and a fake HTTP/1
// transportRequest.
type fakeTreq struct {
	ctx   context.Context
	req   *http.Request
	extra http.Header
}

func fakeInternals(t *testing.T) {
	t.Helper()
	register(
		func(rw http.ResponseWriter) (int, int64, bool, bool) {
			rec, ok := rw.(*httptest.ResponseRecorder)
			if !ok {
				return 0, 0, false, false
			}
			return rec.Code, int64(rec.Body.Len()), false, true
		},
		func(r *http.Request, ctx context.Context) { *r = *r.WithContext(ctx) },
		func(x interface{}) (context.Context, http.Header, bool) {
			tr, ok := x.(*fakeTreq)
			if !ok {
				return nil, nil, false
			}
			return tr.ctx, tr.req.Header, true
		},
		func(x interface{}) http.Header {
			tr := x.(*fakeTreq)
			if tr.extra == nil {
				tr.extra = http.Header{}
			}
			return tr.extra
		},
	)
	t.Cleanup(func() { register(nil, nil, nil, nil) })
}

// serve runs req through the server hooks around mux, as the instrumented
// serverHandler.ServeHTTP would, and checks that the handler got the very
// ResponseWriter and *Request given.
func serve(t *testing.T, mux http.Handler, rw http.ResponseWriter, req *http.Request) {
	t.Helper()
	fakeInternals(t)
	ictx := hooktest.New("net/http", "ServeHTTP", 0, "serverHandler", rw, req)
	BeforeServeHTTP(ictx, ictx.Params[0], rw, req)
	if ictx.Params[1] != rw || ictx.Params[2] != req {
		t.Error("the hook replaced the handler's ResponseWriter or Request")
	}
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
	serve(t, mux, httptest.NewRecorder(), req)

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
	serve(t, h, httptest.NewRecorder(), req)
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
	serve(t, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}), httptest.NewRecorder(), req)
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

func TestServerWithoutInternalsStillEndsSpan(t *testing.T) {
	exp := setup(t)
	req := httptest.NewRequest("GET", "/", nil)
	ictx := hooktest.New("net/http", "ServeHTTP", 0, "serverHandler", httptest.NewRecorder(), req)
	BeforeServeHTTP(ictx, nil, httptest.NewRecorder(), req)
	AfterServeHTTP(ictx)
	s := only(t, exp)
	if _, ok := attrs(s)["http.response.status_code"]; ok {
		t.Error("a status code was invented without net/http's response state")
	}
}

// roundTrip runs req through the client hooks as the instrumented
// net/http would: (*Transport).RoundTrip, setupRewindBody, then the HTTP/1
// header hook on a fake transportRequest, whose extra headers are returned.
// The request really sent is net/http's own copy with the span's context.
func roundTrip(t *testing.T, tr *http.Transport, req *http.Request) (*http.Response, http.Header, error) {
	t.Helper()
	fakeInternals(t)
	ictx := hooktest.New("net/http", "RoundTrip", 2, tr, req)
	BeforeRoundTrip(ictx, tr, req)
	if ictx.Params[1] != req {
		t.Error("BeforeRoundTrip replaced the caller's request")
	}
	rctx := hooktest.New("net/http", "setupRewindBody", 1, req)
	BeforeSetupRewindBody(rctx, req)
	rctx.SetResults(req)
	AfterSetupRewindBody(rctx, req)
	inner, _ := rctx.Results[0].(*http.Request)
	if inner == nil {
		t.Fatal("setupRewindBody's result is gone")
	}
	treq := &fakeTreq{ctx: inner.Context(), req: inner}
	BeforePersistConnRoundTrip(hooktest.New("net/http", "roundTrip", 2, nil, treq), nil, treq)
	resp, err := tr.RoundTrip(inner)
	if resp != nil {
		resp.Request = inner // as a registered protocol's RoundTripper answers
	}
	ictx.SetResults(resp, err)
	AfterRoundTrip(ictx, resp, err)
	if resp != nil && resp.Request != req {
		t.Error("resp.Request is not the caller's request")
	}
	return resp, treq.extra, err
}

func TestClientSpanPropagatesAndRecordsStatus(t *testing.T) {
	exp := setup(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
	}))
	defer srv.Close()

	parentCtx, parent := otel.Tracer("test").Start(context.Background(), "parent")
	req, _ := http.NewRequestWithContext(parentCtx, "GET", srv.URL+"/x?y=1", nil)
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, extra, err := roundTrip(t, tr, req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	parent.End()
	if len(req.Header) != 0 || req.Context() != parentCtx {
		t.Errorf("the caller's request was modified: header %v", req.Header)
	}
	got := extra.Get("traceparent")

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
		t.Errorf("extra headers carry traceparent %q, want %q", got, want)
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

// A reverse proxy sends to its upstream with the incoming Host header:
// server.address and server.port are the URL's, as in url.full.
func TestClientServerAttributesAreTheURLsNotTheHostHeader(t *testing.T) {
	exp := setup(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/p", nil)
	req.Host = "front.example:8443"
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, _, err := roundTrip(t, tr, req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	spans := exp.GetSpans()
	if len(spans) != 1 {
		t.Fatalf("%d spans", len(spans))
	}
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	wantAttrs(t, spans[0], map[string]interface{}{
		"url.full":       srv.URL + "/p",
		"server.address": "127.0.0.1",
		"server.port":    int64(atoi(port)),
	})
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
	if _, _, err := roundTrip(t, &http.Transport{}, req); err == nil {
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

func TestCallersPropagationHeaderWins(t *testing.T) {
	setup(t)
	fakeInternals(t)
	const theirs = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	req, _ := http.NewRequest("GET", "http://example.com/", nil)
	req.Header["traceparent"] = []string{theirs} // not canonical: still the same field
	ictx := hooktest.New("net/http", "RoundTrip", 2, &http.Transport{}, req)
	BeforeRoundTrip(ictx, &http.Transport{}, req)
	rctx := hooktest.New("net/http", "setupRewindBody", 1, req)
	BeforeSetupRewindBody(rctx, req)
	AfterSetupRewindBody(rctx, req)
	inner := rctx.Results[0].(*http.Request)
	treq := &fakeTreq{ctx: inner.Context(), req: inner}
	BeforePersistConnRoundTrip(hooktest.New("net/http", "roundTrip", 2, nil, treq), nil, treq)
	if v := treq.extra.Get("traceparent"); v != "" {
		t.Errorf("a second traceparent %q besides the caller's", v)
	}
	AfterRoundTrip(ictx, nil, errors.New("not sent"))
}

func TestHTTP2HeadersGetTraceparent(t *testing.T) {
	exp := setup(t)
	req, _ := http.NewRequest("GET", "https://example.com/", nil)
	ictx := hooktest.New("net/http", "RoundTrip", 2, &http.Transport{}, req)
	BeforeRoundTrip(ictx, &http.Transport{}, req)
	rctx := hooktest.New("net/http", "setupRewindBody", 1, req)
	BeforeSetupRewindBody(rctx, req)
	AfterSetupRewindBody(rctx, req)
	inner := rctx.Results[0].(*http.Request)
	var fields []string
	headerf := func(name, value string) { fields = append(fields, name+"="+value) }
	hctx := hooktest.New("net/http", "http2encodeRequestHeaders", 2, inner, false, uint64(0), headerf)
	BeforeEncodeRequestHeaders(hctx, inner, false, 0, headerf)
	AfterEncodeRequestHeaders(hctx, nil, nil)
	AfterRoundTrip(ictx, nil, errors.New("not sent"))
	s := only(t, exp)
	want := "traceparent=00-" + s.SpanContext.TraceID().String() + "-" + s.SpanContext.SpanID().String() + "-01"
	if len(fields) != 1 || fields[0] != want {
		t.Errorf("HTTP/2 fields %q, want [%s]", fields, want)
	}
	// A request otel does not trace gets nothing.
	fields = nil
	plain, _ := http.NewRequest("GET", "https://example.com/", nil)
	hctx = hooktest.New("net/http", "http2encodeRequestHeaders", 2, plain, false, uint64(0), headerf)
	BeforeEncodeRequestHeaders(hctx, plain, false, 0, headerf)
	AfterEncodeRequestHeaders(hctx, nil, nil)
	if len(fields) != 0 {
		t.Errorf("fields %q for an untraced request", fields)
	}
}

func TestPendingIsEmptiedOnEveryPath(t *testing.T) {
	setup(t)
	req, _ := http.NewRequest("GET", "http://example.com/", nil)
	ictx := hooktest.New("net/http", "RoundTrip", 2, &http.Transport{}, req)
	BeforeRoundTrip(ictx, &http.Transport{}, req) // rejected before setupRewindBody
	AfterRoundTrip(ictx, nil, errors.New("rejected"))
	if _, ok := pending.Load(req); ok {
		t.Error("a call stays pending after RoundTrip returned")
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

// routerBehind returns a ServeMux that hands "/api/" to a "router" which
// records route (after an earlier, overridden record when twice is set)
// from a context derived from the request's, as router hooks do.
func routerBehind(t *testing.T, route string, twice bool) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		type key struct{}
		ctx := context.WithValue(r.Context(), key{}, 1)
		if got, ok := Route(ctx); ok || got != "" {
			t.Errorf("Route before any SetRoute = %q, %v", got, ok)
		}
		if twice {
			SetRoute(ctx, "/api/*")
		}
		SetRoute(ctx, route)
		if got, ok := Route(ctx); !ok || got != route {
			t.Errorf("Route = %q, %v; want %q, true", got, ok, route)
		}
	})
	return mux
}

// hookedMux runs requests through the ServeMux hooks around mux, as the
// instrumented (*ServeMux).ServeHTTP would.
func hookedMux(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ictx := hooktest.New("http", "ServeHTTP", 0, mux, w, r)
		BeforeServeMux(ictx, mux, w, r)
		defer AfterServeMux(ictx)
		mux.ServeHTTP(w, r)
	})
}

// nestedMuxes is miniflux's shape: a root mux whose "/" goes through a
// middleware that copies the request (r.WithContext) to an app mux whose
// "/v1/" is an API mux with method patterns.
func nestedMuxes() http.Handler {
	api := http.NewServeMux()
	api.HandleFunc("GET /v1/users/{id}", func(w http.ResponseWriter, r *http.Request) {})
	app := http.NewServeMux()
	app.Handle("/v1/", hookedMux(api))
	app.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})
	middleware := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hookedMux(app).ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), struct{}{}, 1)))
	})
	root := http.NewServeMux()
	root.Handle("/", middleware)
	return hookedMux(root)
}

func TestNestedServeMuxBehindRequestCopyNamesInnermostPattern(t *testing.T) {
	exp := setup(t)
	serve(t, nestedMuxes(), httptest.NewRecorder(), httptest.NewRequest("GET", "/v1/users/7", nil))
	s := only(t, exp)
	if s.Name != "GET /v1/users/{id}" {
		t.Errorf("name %q, want the innermost mux's pattern (not the root mux's \"/\")", s.Name)
	}
	wantAttrs(t, s, map[string]interface{}{"http.route": "/v1/users/{id}", "url.path": "/v1/users/7"})
}

func TestNestedServeMuxMatchingNothingInnermostMeansNoRoute(t *testing.T) {
	exp := setup(t)
	rec := httptest.NewRecorder()
	serve(t, nestedMuxes(), rec, httptest.NewRequest("GET", "/v1/nope", nil))
	if rec.Code != http.StatusNotFound {
		t.Fatalf("status %d, want 404 from the API mux", rec.Code)
	}
	s := only(t, exp)
	if s.Name != "GET" {
		t.Errorf("name %q, want GET (the innermost mux matched nothing)", s.Name)
	}
	if _, ok := attrs(s)["http.route"]; ok {
		t.Error("http.route set although the innermost mux matched no pattern")
	}
}

func TestSetRouteWinsOverServeMuxPattern(t *testing.T) {
	exp := setup(t)
	serve(t, routerBehind(t, "/api/users/:id", true), httptest.NewRecorder(), httptest.NewRequest("GET", "/api/users/7", nil))
	s := only(t, exp)
	if s.Name != "GET /api/users/:id" {
		t.Errorf("name %q, want the router's route (last SetRoute), not the ServeMux pattern", s.Name)
	}
	wantAttrs(t, s, map[string]interface{}{"http.route": "/api/users/:id", "url.path": "/api/users/7"})
}

func TestSetRouteEmptyMeansNoRoute(t *testing.T) {
	exp := setup(t)
	serve(t, routerBehind(t, "", true), httptest.NewRecorder(), httptest.NewRequest("GET", "/api/nope", nil))
	s := only(t, exp)
	if s.Name != "GET" {
		t.Errorf("name %q, want GET (the router matched no route)", s.Name)
	}
	if _, ok := attrs(s)["http.route"]; ok {
		t.Error("http.route set although the router matched no route")
	}
}

func TestSetRouteWithoutServerCallRenamesServerSpanOnly(t *testing.T) {
	exp := setup(t)
	tr := otel.Tracer("test")
	ctx, server := tr.Start(context.Background(), "GET /api/", trace.WithSpanKind(trace.SpanKindServer))
	SetRoute(ctx, "/api/users/{id}")
	server.End()
	cctx, client := tr.Start(context.Background(), "GET", trace.WithSpanKind(trace.SpanKindClient))
	SetRoute(cctx, "/api/users/{id}")
	client.End()
	if _, ok := Route(ctx); ok {
		t.Error("Route reports a route without a span of this package")
	}
	spans := exp.GetSpans()
	if len(spans) != 2 || spans[0].Name != "GET /api/users/{id}" || spans[1].Name != "GET" {
		t.Fatalf("spans %v", spans)
	}
	wantAttrs(t, spans[0], map[string]interface{}{"http.route": "/api/users/{id}"})
	if _, ok := attrs(spans[1])["http.route"]; ok {
		t.Error("a CLIENT span got http.route")
	}
}
