package nethttp

import (
	"net"
	"net/http"
	"strings"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	semconv "go.opentelemetry.io/otel/semconv/v1.39.0"
	"go.opentelemetry.io/otel/trace"

	"otelgo.dev/instrumentation/hook"
)

// serverCall is what BeforeServeHTTP hands to AfterServeHTTP.
type serverCall struct {
	span   trace.Span
	method string              // span name prefix
	rw     http.ResponseWriter // net/http's own; its state gives the status
	req    *http.Request       // the handler's request; ServeMux sets its Pattern
}

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
	ctx := otel.GetTextMapPropagator().Extract(req.Context(), propagation.HeaderCarrier(req.Header))
	method, attrs := methodAttrs(req.Method, make([]attribute.KeyValue, 0, 12))
	attrs = requestAttrs(attrs, req)
	ctx, span := tracer.Get().Start(ctx, method,
		trace.WithSpanKind(trace.SpanKindServer), trace.WithAttributes(attrs...))
	if setContext != nil {
		setContext(req, ctx)
	}
	ictx.SetData(&serverCall{span: span, method: method, rw: rw, req: req})
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
	if route := routeOf(c.req.Pattern); route != "" {
		c.span.SetName(c.method + " " + route)
		c.span.SetAttributes(semconv.HTTPRoute(route))
	}
	if responseState == nil {
		return
	}
	status, written, hijacked, known := responseState(c.rw)
	if !known || hijacked {
		// A hijacked connection's response is the handler's own bytes.
		return
	}
	if status == 0 {
		// The handler wrote nothing: net/http sends 200 when it returns
		// normally. (A handler that panicked gets its connection closed;
		// that is not visible from here.)
		status = http.StatusOK
	}
	c.span.SetAttributes(semconv.HTTPResponseStatusCode(status))
	if written > 0 {
		c.span.SetAttributes(semconv.HTTPResponseBodySize(int(written)))
	}
	if status >= 500 {
		c.span.SetStatus(codes.Error, "")
		c.span.SetAttributes(semconv.ErrorTypeKey.String(itoa(status)))
	}
}

// requestAttrs appends the request attributes of a SERVER span.
func requestAttrs(attrs []attribute.KeyValue, req *http.Request) []attribute.KeyValue {
	scheme := "http"
	if req.TLS != nil {
		scheme = "https"
	}
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
