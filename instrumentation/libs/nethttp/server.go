package nethttp

import (
	"context"
	"net"
	"net/http"
	"strings"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"
	"go.opentelemetry.io/otel/trace"

	"otelgo.dev/instrumentation/hook"
	"otelgo.dev/instrumentation/libs/gls"
	"otelgo.dev/instrumentation/libs/internal/instr"
)

// serverCall is what BeforeServeHTTP hands to AfterServeHTTP. It is also
// the request's context (the span's context, one layer up), so that
// SetRoute finds it from any context derived from the request's without
// an allocation of its own.
type serverCall struct {
	context.Context
	span     trace.Span
	method   string              // span name prefix
	rw       http.ResponseWriter // net/http's own; its state gives the status
	req      *http.Request       // the handler's request; ServeMux sets its Pattern
	route    string              // set by a router's hook (SetRoute)
	routeSet bool                // route was set ("" then means no route); wins over Pattern
	muxRoute string              // the innermost ServeMux's match (AfterServeMux)
	muxSet   bool                // muxRoute was set ("" then means that mux matched nothing)
	m        *serverInstruments  // nil: metrics are off
	start    time.Time           // for the duration metric
	mmethod  string              // http.request.method of the metrics
	active   []metric.AddOption  // http.server.active_requests' attributes (shared, read-only)
	// Buffers for the span's attributes and start options, allocated with
	// the call instead of one by one (the SDK copies what it keeps).
	startAttrs [13]attribute.KeyValue
	startOpts  [2]trace.SpanStartOption
	endAttrs   [4]attribute.KeyValue
}

// serverCallKey is the context key under which a serverCall answers itself.
type serverCallKey struct{}

// Value answers serverCallKey with the call; other keys go to the span's
// context.
func (c *serverCall) Value(key any) any {
	if _, ok := key.(serverCallKey); ok {
		return c
	}
	return c.Context.Value(key)
}

// SetRoute records the route template a router matched ("/users/:id",
// "/users/{id}") for the request whose context is ctx (or derived from it):
// its SERVER span is named "METHOD route" with http.route = route when it
// ends, instead of after the ServeMux pattern that led to the router.
// route "" says the router matched no route (404, 405): the span keeps the
// plain METHOD name. The last call wins, so a router mounted inside another
// router has the last word. Router hooks call it once the route is known.
//
// When ctx carries no span of this package (the request did not come
// through an instrumented net/http Server) but a recording SERVER span,
// from ctx or else the goroutine's current span, a non-empty route renames
// that span directly.
func SetRoute(ctx context.Context, route string) {
	if ctx == nil {
		return
	}
	if c, ok := ctx.Value(serverCallKey{}).(*serverCall); ok {
		c.route, c.routeSet = route, true
		return
	}
	if route == "" {
		return
	}
	renameServerSpan(ctx, route)
}

// Route returns what SetRoute last recorded for the request whose context
// is ctx, and whether anything was (always false without a span of this
// package in ctx).
func Route(ctx context.Context) (route string, ok bool) {
	if ctx == nil {
		return "", false
	}
	if c, found := ctx.Value(serverCallKey{}).(*serverCall); found && c.routeSet {
		return c.route, true
	}
	return "", false
}

// renameServerSpan names a SERVER span not of this package after route:
// the span in ctx, or else the goroutine's current span.
func renameServerSpan(ctx context.Context, route string) {
	span := trace.SpanFromContext(ctx)
	if !span.IsRecording() {
		span = gls.Current()
	}
	if span == nil || !span.IsRecording() {
		return
	}
	ro, ok := span.(interface {
		SpanKind() trace.SpanKind
		Name() string
	})
	if !ok || ro.SpanKind() != trace.SpanKindServer {
		return
	}
	name := ro.Name()
	if i := strings.IndexByte(name, ' '); i >= 0 {
		name = name[:i]
	}
	span.SetName(name + " " + route)
	span.SetAttributes(semconv.HTTPRoute(route))
}

// serverInstruments are the HTTP server metrics of the conventions.
type serverInstruments struct {
	duration metric.Float64Histogram
	active   metric.Int64UpDownCounter
}

var serverMetrics = instr.NewInstruments(ScopeName, func(m metric.Meter) *serverInstruments {
	return &serverInstruments{
		duration: instr.Histogram(m, "http.server.request.duration", "s", "Duration of HTTP server requests.", instr.HTTPDurationBuckets),
		active:   instr.UpDownCounter(m, "http.server.active_requests", "{request}", "Number of active HTTP server requests."),
	}
})

// BeforeServeHTTP starts the SERVER span of a request (rule
// server_handler). It continues the caller's trace from the incoming
// headers and makes the span the request's context, in place, before the
// handler is called: the handler gets the very ResponseWriter and *Request
// net/http made, and its work with r.Context() becomes the span's child.
// sh is net/http's unexported serverHandler.
func BeforeServeHTTP(ictx hook.HookContext, sh interface{}, rw http.ResponseWriter, req *http.Request) {
	if req == nil || rw == nil {
		return
	}
	ctx := otel.GetTextMapPropagator().Extract(req.Context(), headerCarrier(req.Header))
	c := &serverCall{rw: rw, req: req}
	method, attrs := methodAttrs(req.Method, c.startAttrs[:0])
	attrs = requestAttrs(attrs, req)
	c.startOpts = [2]trace.SpanStartOption{serverKind, trace.WithAttributes(attrs...)}
	c.Context, c.span = tracer.Get().Start(ctx, method, c.startOpts[:]...)
	c.method = method
	if setContext != nil {
		setContext(req, c)
	}
	if c.m = serverMetrics.Get(); c.m != nil {
		c.start = time.Now()
		// attrs[0] is http.request.method (_OTHER for unknown methods).
		c.mmethod = attrs[0].Value.AsString()
		c.active = activeOption(c.mmethod, schemeOf(req))
		c.m.active.Add(c.Context, 1, c.active...)
	}
	ictx.SetData(c)
}

// serverKind is the span kind option of every SERVER span, made once
// (trace.WithSpanKind returns a new closure on each call).
var serverKind = trace.WithSpanKind(trace.SpanKindServer)

// BeforeServeMux hands the request a ServeMux dispatches to AfterServeMux
// (rule servemux_route).
func BeforeServeMux(ictx hook.HookContext, mux *http.ServeMux, rw http.ResponseWriter, req *http.Request) {
	if req != nil {
		ictx.SetData(req)
	}
}

// AfterServeMux records the pattern the mux matched for req, the request
// it was given, when the handler has returned: a mux behind a copy of the
// server's request (middleware's r.WithContext, http.StripPrefix, nested
// muxes) sets Pattern only on that copy. Muxes return innermost first, and
// the first record stands, so the innermost mux names the span (its ""
// means it matched nothing). A router's SetRoute wins over it.
func AfterServeMux(ictx hook.HookContext) {
	req, ok := ictx.GetData().(*http.Request)
	if !ok {
		return
	}
	c, ok := req.Context().Value(serverCallKey{}).(*serverCall)
	if !ok || c.muxSet {
		return
	}
	c.muxRoute, c.muxSet = routeOf(req.Pattern), true
}

// AfterServeHTTP ends the span when the handler has returned (or panicked):
// name from the matched ServeMux pattern, status code and body size read
// from net/http's response state, error status for 5xx.
func AfterServeHTTP(ictx hook.HookContext) {
	c, ok := ictx.GetData().(*serverCall)
	if !ok {
		return
	}
	defer c.span.End()
	route := c.route
	if !c.routeSet {
		route = c.muxRoute
		if !c.muxSet {
			route = routeOf(c.req.Pattern)
		}
	}
	status, written := c.response()
	attrs := c.endAttrs[:0]
	if route != "" {
		c.span.SetName(spanName(c.method, route))
		attrs = append(attrs, semconv.HTTPRoute(route))
	}
	if status > 0 {
		attrs = append(attrs, semconv.HTTPResponseStatusCode(status))
	}
	if written > 0 {
		attrs = append(attrs, semconv.HTTPResponseBodySize(int(written)))
	}
	if status >= 500 {
		c.span.SetStatus(codes.Error, "")
		attrs = append(attrs, semconv.ErrorTypeKey.String(itoa(status)))
	}
	c.span.SetAttributes(attrs...) // one call: the SDK grows its slice once
	if c.m != nil {
		c.record(route, status)
	}
}

// response is the status code net/http sent or sends for the request and
// the body bytes the handler wrote, read from net/http's response state:
// 0, 0 when unknown (a hijacked connection, whose response is the
// handler's own bytes, or no access to the response state). A handler
// that wrote nothing gets 200 when it returns normally (one that panicked
// gets its connection closed; that is not visible from here).
func (c *serverCall) response() (status int, written int64) {
	if responseState == nil {
		return 0, 0
	}
	status, written, hijacked, known := responseState(c.rw)
	if !known || hijacked {
		return 0, 0
	}
	if status == 0 {
		status = http.StatusOK
	}
	return status, written
}

// spanNames holds "METHOD route" per method and route template, so that
// naming a span after its route costs no allocation per request.
var spanNames instr.Cache[spanNameKey, string]

type spanNameKey struct{ method, route string }

// spanName is method + " " + route.
func spanName(method, route string) string {
	k := spanNameKey{method, route}
	if name, ok := spanNames.Load(k); ok {
		return name
	}
	name := method + " " + route
	// The key keeps the name's own bytes, not the request's.
	spanNames.Store(spanNameKey{name[:len(method)], name[len(method)+1:]}, name)
	return name
}

// serverKey is what the attributes of http.server.request.duration are
// made of; serverOptions keeps one attribute set per key.
type serverKey struct {
	method, scheme, route string
	major, minor, status  int
}

func (k serverKey) Clone() serverKey {
	k.method, k.scheme, k.route = strings.Clone(k.method), strings.Clone(k.scheme), strings.Clone(k.route)
	return k
}

var serverOptions instr.OptionCache[serverKey]

// serverMetricAttrs are the attributes the conventions give
// http.server.request.duration, all of low cardinality: the route
// template, never the path.
func serverMetricAttrs(k serverKey, attrs []attribute.KeyValue) []attribute.KeyValue {
	attrs = append(attrs, semconv.HTTPRequestMethodKey.String(k.method), semconv.URLScheme(k.scheme),
		semconv.NetworkProtocolVersion(protocolVersion(k.major, k.minor)))
	if k.route != "" {
		attrs = append(attrs, semconv.HTTPRoute(k.route))
	}
	if k.status > 0 {
		attrs = append(attrs, semconv.HTTPResponseStatusCode(k.status))
		if k.status >= 500 {
			attrs = append(attrs, semconv.ErrorTypeKey.String(itoa(k.status)))
		}
	}
	return attrs
}

// record ends the request in the metrics: its duration, and one active
// request less.
func (c *serverCall) record(route string, status int) {
	// The span's context, not the request's (which is the call, holding
	// the request and its ResponseWriter): the SDK's exemplar reservoir
	// keeps the context until the next collection.
	ctx := c.Context
	opts := serverOptions.Options(serverKey{method: c.mmethod, scheme: schemeOf(c.req), route: route,
		major: c.req.ProtoMajor, minor: c.req.ProtoMinor, status: status}, serverMetricAttrs)
	c.m.duration.Record(ctx, instr.Seconds(c.start), opts...)
	c.m.active.Add(ctx, -1, c.active...)
}

// activeOptions holds the attribute option of http.server.active_requests
// for each method (the 9 known and _OTHER) and scheme, made once: making
// the set per request would cost allocations on every request. Read-only
// after init.
var activeOptions = func() map[string][2][]metric.AddOption {
	m := map[string][2][]metric.AddOption{}
	for _, method := range append([]string{"_OTHER"}, knownMethodList()...) {
		var o [2][]metric.AddOption
		for i, scheme := range []string{"http", "https"} {
			o[i] = []metric.AddOption{metric.WithAttributeSet(attribute.NewSet(
				semconv.HTTPRequestMethodKey.String(method), semconv.URLScheme(scheme)))}
		}
		m[method] = o
	}
	return m
}()

func activeOption(method, scheme string) []metric.AddOption {
	i := 0
	if scheme == "https" {
		i = 1
	}
	if o, ok := activeOptions[method]; ok {
		return o[i]
	}
	return activeOptions["_OTHER"][i]
}

func knownMethodList() []string {
	var out []string
	for m := range knownMethods {
		out = append(out, m)
	}
	return out
}

// schemeOf is url.scheme of a request a server received.
func schemeOf(req *http.Request) string {
	if req.TLS != nil {
		return "https"
	}
	return "http"
}

// requestAttrs appends the request attributes of a SERVER span.
func requestAttrs(attrs []attribute.KeyValue, req *http.Request) []attribute.KeyValue {
	scheme := schemeOf(req)
	attrs = append(attrs, semconv.URLScheme(scheme),
		semconv.NetworkProtocolVersion(protocolVersion(req.ProtoMajor, req.ProtoMinor)))
	if req.URL != nil {
		attrs = append(attrs, semconv.URLPath(req.URL.Path))
		if req.URL.RawQuery != "" {
			attrs = append(attrs, semconv.URLQuery(req.URL.RawQuery))
		}
	}
	attrs = serverAttrs(attrs, req.Host, scheme)
	if ua := req.UserAgent(); ua != "" {
		attrs = append(attrs, semconv.UserAgentOriginal(ua))
	}
	return clientAttrs(attrs, req)
}

// clientAttrs appends client.address (the original client when a proxy
// says so in X-Forwarded-For, else the peer) and the peer's address.
func clientAttrs(attrs []attribute.KeyValue, req *http.Request) []attribute.KeyValue {
	peer, portStr, err := net.SplitHostPort(req.RemoteAddr)
	if err != nil {
		peer = req.RemoteAddr
	}
	client := peer
	if xff := req.Header.Get("X-Forwarded-For"); xff != "" {
		if i := strings.IndexByte(xff, ','); i >= 0 {
			xff = xff[:i]
		}
		client = strings.TrimSpace(xff)
	}
	if client != "" {
		attrs = append(attrs, semconv.ClientAddress(client))
	}
	if peer != "" {
		attrs = append(attrs, semconv.NetworkPeerAddress(peer))
		if port := atoi(portStr); port > 0 {
			attrs = append(attrs, semconv.NetworkPeerPort(port))
		}
	}
	return attrs
}
