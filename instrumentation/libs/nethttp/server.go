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
	method string        // span name prefix
	rec    *recorder     // sees the status code
	req    *http.Request // the request the handler got; ServeMux sets its Pattern
}

// BeforeServeHTTP starts the SERVER span of a request (rule
// server_handler). It continues the caller's trace from the incoming
// headers, puts the span into the request's context (so the handler's work
// with r.Context() becomes its child) and wraps the ResponseWriter to see
// the status code. sh is net/http's unexported serverHandler.
func BeforeServeHTTP(ictx hook.HookContext, sh interface{}, rw http.ResponseWriter, req *http.Request) {
	if req == nil || rw == nil {
		return
	}
	ctx := otel.GetTextMapPropagator().Extract(req.Context(), propagation.HeaderCarrier(req.Header))
	method, attrs := methodAttrs(req.Method, make([]attribute.KeyValue, 0, 12))
	attrs = requestAttrs(attrs, req)
	ctx, span := tracer.Get().Start(ctx, method,
		trace.WithSpanKind(trace.SpanKindServer), trace.WithAttributes(attrs...))
	rec, w := wrap(rw)
	req = req.WithContext(ctx)
	ictx.SetParam(1, w)
	ictx.SetParam(2, req)
	ictx.SetData(&serverCall{span: span, method: method, rec: rec, req: req})
}

// AfterServeHTTP ends the span when the handler has returned: name from the
// matched ServeMux pattern, status code, error status for 5xx.
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
	status := c.rec.status
	if status == 0 {
		// The handler wrote nothing: net/http sends 200 when it returns
		// normally. (A handler that panicked gets its connection closed;
		// that is not visible from here.)
		status = http.StatusOK
	}
	c.span.SetAttributes(semconv.HTTPResponseStatusCode(status))
	if c.rec.written > 0 {
		c.span.SetAttributes(semconv.HTTPResponseBodySize(int(c.rec.written)))
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
