package nethttp

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/propagation"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"
	"go.opentelemetry.io/otel/trace"

	"otelgo.dev/instrumentation/hook"
	"otelgo.dev/instrumentation/libs/internal/instr"
	"otelgo.dev/instrumentation/libs/internal/selftraffic"
)

// clientCall is one request sent by an http.Transport, from BeforeRoundTrip
// to AfterRoundTrip. It is also the context net/http works on for the
// request (req's context with the span, one layer up), answering
// propagateKey with itself: the header hooks find the call without a
// context.WithValue of their own.
type clientCall struct {
	context.Context
	span  trace.Span
	req   *http.Request      // the caller's, never modified
	plain *http.Request      // what setupRewindBody returned (net/http's own)
	inner *http.Request      // plain with the call as context: the request net/http works on
	m     *clientInstruments // nil: metrics are off
	start time.Time          // for the duration metric
	host  string             // server.address, server.port authority
	// Buffers for the span's attributes and start options and for the
	// HTTP/1 header carrier, allocated with the call instead of one by one.
	startAttrs [5]attribute.KeyValue
	startOpts  [2]trace.SpanStartOption
	endAttrs   [2]attribute.KeyValue
	carrier    extraCarrier
}

// Value answers propagateKey with the call; other keys go to the span's
// context.
func (c *clientCall) Value(key any) any {
	if _, ok := key.(propagateKey); ok {
		return c
	}
	return c.Context.Value(key)
}

// clientInstruments are the HTTP client metrics of the conventions.
type clientInstruments struct {
	duration metric.Float64Histogram
}

var clientMetrics = instr.NewInstruments(ScopeName, func(m metric.Meter) *clientInstruments {
	return &clientInstruments{
		duration: instr.Histogram(m, "http.client.request.duration", "s", "Duration of HTTP client requests.", instr.HTTPDurationBuckets),
	}
})

// propagateKey marks the context of a request whose CLIENT span otel
// started (its value is the *clientCall): only those get propagation
// headers on the wire.
type propagateKey struct{}

// clientKind is the span kind option of every CLIENT span, made once
// (trace.WithSpanKind returns a new closure on each call).
var clientKind = trace.WithSpanKind(trace.SpanKindClient)

// pending holds each call from BeforeRoundTrip until the setupRewindBody
// of the same call takes it (the same goroutine, a few lines later), keyed
// by the caller's *Request (net/http's contract: a request is not reused
// before its response body is closed). AfterRoundTrip removes what is left
// (a request rejected before setupRewindBody), so nothing stays.
var pending sync.Map

// BeforeRoundTrip starts the CLIENT span of a request sent by an
// http.Transport (rule client_transport). The caller's request, its Header
// and its body are left as they are: the span reaches net/http's own copy
// of the request through setupRewindBody (rule client_request_context),
// and the propagation headers go on the wire through net/http's extra
// headers (HTTP/1, rule client_http1_headers) or its HTTP/2 header encoder
// (rule client_http2_headers). The exporter's own transport is skipped.
func BeforeRoundTrip(ictx hook.HookContext, t *http.Transport, req *http.Request) {
	if req == nil || req.URL == nil || selftraffic.IsExporter(t) {
		return
	}
	c := &clientCall{req: req}
	method, attrs := methodAttrs(req.Method, c.startAttrs[:0])
	attrs = append(attrs, semconv.URLFull(redactedURL(req)))
	// The server the request is sent to is the URL's: a reverse proxy
	// (caddy, httputil.ReverseProxy) keeps the incoming Host header, which
	// names itself. The Host header only when the URL has no host.
	host := req.URL.Host
	if host == "" {
		host = req.Host
	}
	attrs = serverAttrs(attrs, host, req.URL.Scheme)
	c.startOpts = [2]trace.SpanStartOption{clientKind, trace.WithAttributes(attrs...)}
	c.Context, c.span = tracer.Get().Start(req.Context(), method, c.startOpts[:]...)
	if c.m = clientMetrics.Get(); c.m != nil {
		c.start = time.Now()
		c.host = host
	}
	pending.Store(req, c)
	ictx.SetData(c)
}

// AfterRoundTrip ends the span with the response's status code; a
// transport error or a 4xx/5xx status is an error.
func AfterRoundTrip(ictx hook.HookContext, resp *http.Response, err error) {
	c, ok := ictx.GetData().(*clientCall)
	if !ok {
		return
	}
	pending.CompareAndDelete(c.req, c)
	defer c.span.End()
	if c.m != nil {
		defer c.record(resp, err)
	}
	if resp != nil && c.inner != nil && resp.Request == c.inner {
		// A registered protocol's RoundTripper (HTTP/2 on a cached
		// connection) answers with the request it got: give the caller
		// what it would have got without otel.
		resp.Request = c.plain
	}
	if err != nil {
		instr.SetError(c.span, err)
		return
	}
	if resp == nil {
		return
	}
	attrs := append(c.endAttrs[:0], semconv.HTTPResponseStatusCode(resp.StatusCode))
	if resp.StatusCode >= 400 {
		c.span.SetStatus(codes.Error, "")
		attrs = append(attrs, semconv.ErrorTypeKey.String(itoa(resp.StatusCode)))
	}
	c.span.SetAttributes(attrs...)
}

// clientKey is what the attributes of http.client.request.duration are
// made of; clientOptions keeps one attribute set per key.
type clientKey struct {
	method, host, scheme string
	status               int    // 0: no response
	errType              string // a transport error's type
}

func (k clientKey) Clone() clientKey {
	k.method, k.host, k.scheme = strings.Clone(k.method), strings.Clone(k.host), strings.Clone(k.scheme)
	k.errType = strings.Clone(k.errType)
	return k
}

var clientOptions instr.OptionCache[clientKey]

// clientMetricAttrs are the attributes of http.client.request.duration:
// the method and server attributes, without url.full and
// http.request.method_original (high cardinality), the status code and
// error.type (the status code for 4xx/5xx, the error's Go type for a
// transport error).
func clientMetricAttrs(k clientKey, attrs []attribute.KeyValue) []attribute.KeyValue {
	attrs = serverAttrs(append(attrs, semconv.HTTPRequestMethodKey.String(k.method)), k.host, k.scheme)
	switch {
	case k.errType != "":
		attrs = append(attrs, semconv.ErrorTypeKey.String(k.errType))
	case k.status > 0:
		attrs = append(attrs, semconv.HTTPResponseStatusCode(k.status))
		if k.status >= 400 {
			attrs = append(attrs, semconv.ErrorTypeKey.String(itoa(k.status)))
		}
	}
	return attrs
}

// record adds the request's duration to http.client.request.duration.
func (c *clientCall) record(resp *http.Response, err error) {
	// startAttrs[0] is http.request.method (_OTHER for unknown methods).
	k := clientKey{method: c.startAttrs[0].Value.AsString(), host: c.host, scheme: c.req.URL.Scheme}
	switch {
	case err != nil:
		k.errType = instr.ErrorType(err)
	case resp != nil:
		k.status = resp.StatusCode
	}
	c.m.duration.Record(instr.ExemplarContext(c.span), instr.Seconds(c.start), clientOptions.Options(k, clientMetricAttrs)...)
}

// BeforeSetupRewindBody takes the call of this request, if otel traces it
// (rule client_request_context: net/http's setupRewindBody(req), called by
// (*Transport).roundTrip with the caller's request).
func BeforeSetupRewindBody(ictx hook.HookContext, req *http.Request) {
	if req == nil {
		return
	}
	if c, ok := pending.LoadAndDelete(req); ok {
		ictx.SetData(c)
	}
}

// AfterSetupRewindBody gives net/http a shallow copy of the request it
// works on (net/http's own: the caller keeps its request, and resp.Request
// is still the caller's) whose context carries the span, so that
// connection setup, httptrace callbacks and the header hooks below see it.
func AfterSetupRewindBody(ictx hook.HookContext, out *http.Request) {
	c, ok := ictx.GetData().(*clientCall)
	if !ok || out == nil {
		return
	}
	c.plain = out
	c.inner = out.WithContext(c)
	ictx.SetReturnVal(0, c.inner)
}

// BeforePersistConnRoundTrip writes the propagation headers into the
// HTTP/1 request's extra headers, which net/http writes on the wire after
// the caller's (rule client_http1_headers: (*persistConn).roundTrip, once
// per attempt). pc and treq are net/http's unexported *persistConn and
// *transportRequest.
func BeforePersistConnRoundTrip(ictx hook.HookContext, pc interface{}, treq interface{}) {
	if transportRequest == nil || transportExtra == nil {
		return
	}
	ctx, user, ok := transportRequest(treq)
	if !ok {
		return
	}
	// The nearest call in ctx is this request's: each traced request's
	// context is its own call (or derived from it by net/http), and its
	// attempts run one after the other, so the call's carrier is free.
	c, ok := ctx.Value(propagateKey{}).(*clientCall)
	if !ok {
		return
	}
	c.carrier = extraCarrier{user: user, treq: treq}
	otel.GetTextMapPropagator().Inject(ctx, &c.carrier)
	c.carrier = extraCarrier{} // keeps nothing of net/http's request
}

// extraCarrier sets propagation fields in a transportRequest's extra
// headers, except a field the caller's Header already has (its value goes
// on the wire; a second one would make both invalid).
type extraCarrier struct {
	user  http.Header
	treq  interface{}
	extra http.Header
}

func (c *extraCarrier) Get(string) string { return "" }
func (c *extraCarrier) Keys() []string    { return nil }
func (c *extraCarrier) Set(key, value string) {
	if hasField(c.user, key) {
		return
	}
	if c.extra == nil {
		c.extra = transportExtra(c.treq)
	}
	if c.extra != nil {
		c.extra[canonicalKey(key)] = []string{value} // Header.Set
	}
}

// h2Call is an HTTP/2 request's header encoding, from Before to After.
type h2Call struct {
	ctx     context.Context
	user    http.Header
	headerf func(name, value string)
}

// BeforeEncodeRequestHeaders notes the HTTP/2 header writer of a request
// otel traces (rule client_http2_headers: net/http's
// http2encodeRequestHeaders, which encodes a request's HEADERS frame
// through headerf).
func BeforeEncodeRequestHeaders(ictx hook.HookContext, req *http.Request, addGzip bool, peerMax uint64, headerf func(name, value string)) {
	if req == nil || headerf == nil {
		return
	}
	if ctx := req.Context(); ctx.Value(propagateKey{}) != nil {
		ictx.SetData(&h2Call{ctx: ctx, user: req.Header, headerf: headerf})
	}
}

// BeforeEncodeClientRequestHeaders is BeforeEncodeRequestHeaders from Go
// 1.27 on (rule client_http2_headers_internal:
// net/http/internal/http2's encodeRequestHeaders, whose request is that
// package's *ClientRequest, read through h2ClientRequest).
func BeforeEncodeClientRequestHeaders(ictx hook.HookContext, req interface{}, addGzip bool, peerMax uint64, headerf func(name, value string)) {
	if req == nil || headerf == nil || h2ClientRequest == nil {
		return
	}
	ctx, header, ok := h2ClientRequest(req)
	if ok && ctx.Value(propagateKey{}) != nil {
		ictx.SetData(&h2Call{ctx: ctx, user: http.Header(header), headerf: headerf})
	}
}

// h2Go124Call is what BeforeEncodeHeadersGo124 hands to its After.
type h2Go124Call struct {
	ctx  context.Context
	cc   interface{}
	user http.Header
}

// BeforeEncodeHeadersGo124 notes the request of an HTTP/2 HEADERS frame on
// Go 1.24 (rule client_http2_headers_go124: (*http2ClientConn).encodeHeaders).
func BeforeEncodeHeadersGo124(ictx hook.HookContext, cc interface{}, req *http.Request, addGzip bool, trailers string, contentLength int64) {
	if req == nil || cc == nil || h2WriteField == nil {
		return
	}
	if ctx := req.Context(); ctx.Value(propagateKey{}) != nil {
		ictx.SetData(&h2Go124Call{ctx: ctx, cc: cc, user: req.Header})
	}
}

// AfterEncodeHeadersGo124 writes the propagation fields after the encoded
// ones and returns the longer block to net/http.
func AfterEncodeHeadersGo124(ictx hook.HookContext, hdrs []byte, err error) {
	c, ok := ictx.GetData().(*h2Go124Call)
	if !ok || err != nil {
		return
	}
	carrier := propagation.MapCarrier{}
	otel.GetTextMapPropagator().Inject(c.ctx, carrier)
	for _, k := range carrier.Keys() {
		if hasField(c.user, k) {
			continue
		}
		if b, ok := h2WriteField(c.cc, strings.ToLower(k), carrier[k]); ok {
			hdrs = b
		}
	}
	ictx.SetReturnVal(0, hdrs)
}

// AfterEncodeRequestHeaders appends the propagation fields to the encoded
// headers, before net/http writes the frame.
func AfterEncodeRequestHeaders(ictx hook.HookContext, res interface{}, err error) {
	c, ok := ictx.GetData().(*h2Call)
	if !ok || err != nil {
		return
	}
	otel.GetTextMapPropagator().Inject(c.ctx, h2Carrier{c})
}

type h2Carrier struct{ c *h2Call }

func (h h2Carrier) Get(string) string { return "" }
func (h h2Carrier) Keys() []string    { return nil }
func (h h2Carrier) Set(key, value string) {
	if !hasField(h.c.user, key) {
		h.c.headerf(strings.ToLower(key), value)
	}
}

// hasField reports whether h has field key under any spelling.
func hasField(h http.Header, key string) bool {
	if _, ok := h[canonicalKey(key)]; ok {
		return true
	}
	for k := range h {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// redactedURL is url.full without credentials: user and password in the
// URL become "REDACTED", as the conventions ask.
func redactedURL(req *http.Request) string {
	if req.URL.User == nil {
		return req.URL.String()
	}
	u := *req.URL
	u.User = url.UserPassword("REDACTED", "REDACTED")
	return u.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}
